"""示例数据 can be emptied in one step so the same database starts real work."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.errors import UserError
from app.models import (
    Activity,
    Attendance,
    Member,
    PointEntry,
    PointSummary,
    PointSummaryYear,
    Room,
    RoomMember,
    Sector,
    Setting,
)
from app.services.demo import clear as demo_clear
from app.services.demo import generate as demo
from app.services.members.registry import MemberInput, create_member
from app.services.safety import backup

TODAY = date(2026, 6, 30)


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.sqlite_only  # the backup it checks is a copy of the file
def test_clear_demo_empties_records_keeps_lists_and_backs_up(db):
    sectors = count(db, Sector)
    demo.load_demo(db, "township", today=TODAY)
    assert demo_clear.has_demo_data(db) and count(db, Attendance) > 0
    result = demo_clear.clear_demo(db)
    assert result.members == 40 and result.kept == 0
    for model in (Member, Room, Activity, Attendance, PointEntry, PointSummary, PointSummaryYear):
        assert count(db, model) == 0, model.__name__
    assert count(db, Sector) == sectors and count(db, Setting) >= 1
    assert not demo_clear.has_demo_data(db)
    kinds = [b.kind for b in backup.list_backups(backup.folder_for(db.path))]
    assert "清空示例数据前备份" in kinds
    create_member(db, MemberInput(name="王丽华", sector="民盟"))  # real work starts
    assert count(db, Member) == 1


def test_real_data_is_never_cleared(db):
    create_member(db, MemberInput(name="李建国", sector="中共"))
    with pytest.raises(UserError, match="不是示例数据"):
        demo_clear.clear_demo(db)
    assert count(db, Member) == 1


def names(db, model=Member) -> set[str]:
    with db.read() as s:
        return set(s.scalars(select(model.name)))


def names_of(db, ids) -> set[str]:
    with db.read() as s:
        return set(s.scalars(select(Member.name).where(Member.id.in_(ids))))


def test_members_added_after_the_demo_stay(db):
    """Issue 14.6: real members imported after the demo are not the demo's to delete."""

    demo.load_demo(db, "township", today=TODAY)
    real = create_member(db, MemberInput(name="王丽华", sector="民盟"))
    with db.write() as s:  # a real member seated in a demo room: the room stays for them
        room = s.scalar(select(Room).order_by(Room.id))
        s.add(RoomMember(room_id=room.id, member_id=real))
        demo_room = room.name
    result = demo_clear.clear_demo(db)
    with db.read() as s:
        conveners = {
            m
            for r in s.scalars(select(Room))
            for m in (r.first_convenor_member_id, r.second_convenor_member_id)
            if m
        }
    # The kept room keeps the demo members it names as 召集人, and nobody else.
    assert names(db) == {"王丽华"} | names_of(db, conveners)
    assert names(db, Room) == {demo_room} and result.kept >= 1
    assert result.members == 40 - len(conveners - {real})
    assert _check_ok(db)


def test_a_locked_year_is_not_cleared(db):
    """Issue 14.6: a 定稿 year keeps every record it was locked with."""
    from app.services.points.engine import lock_year

    demo.load_demo(db, "township", today=TODAY)
    lock_year(db, 2025)
    with db.read() as s:
        before = s.scalar(
            select(func.count())
            .select_from(Activity)
            .where(
                Activity.start_at >= datetime(2025, 1, 1), Activity.start_at < datetime(2026, 1, 1)
            )
        )
        entries = s.scalar(
            select(func.count()).select_from(PointEntry).where(PointEntry.year == 2025)
        )
    assert before and entries
    result = demo_clear.clear_demo(db)
    assert result.locked_years == (2025,) and result.kept > 0
    with db.read() as s:
        years = {a.start_at.year for a in s.scalars(select(Activity))}
        after = s.scalar(
            select(func.count()).select_from(PointEntry).where(PointEntry.year == 2025)
        )
    assert years == {2025} and after == entries
    assert _check_ok(db)
    assert demo_clear.has_demo_data(db)  # what is left can still be cleared once unlocked


def _check_ok(db) -> bool:
    from app.services.safety import integrity

    problems = integrity.sqlite_checks(db)
    assert problems == [], problems
    return True
