"""示例数据 can be emptied in one step so the same database starts real work."""

from datetime import date

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


def test_clear_demo_empties_records_keeps_lists_and_backs_up(db):
    sectors = count(db, Sector)
    demo.load_demo(db, "township", today=TODAY)
    assert demo_clear.has_demo_data(db) and count(db, Attendance) > 0
    removed = demo_clear.clear_demo(db)
    assert removed == 40
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
