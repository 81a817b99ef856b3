"""示例数据: reproducible, realistic, complete enough to show every page; refuses real data."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import UserError
from app.models import (
    Activity,
    Attendance,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    PointEntry,
    Reception,
    ReceptionMember,
    Room,
    RoomChecklistTick,
    RoomMember,
    Speech,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)
from app.models.vocab import ACTIVITY_TYPES, FOLLOW_UP_OPEN_STATUSES
from app.services.demo import generate as demo
from app.services.demo.people import Scale
from app.services.safety import integrity
from app.storage import open_database

TODAY = date(2026, 6, 30)


def digest(db) -> str:
    """Names, titles and texts in id order: equal for equal data whatever the uuids."""
    hasher = hashlib.sha256()
    with db.read() as session:
        for stmt in (
            select(Member.name, Member.work_unit, Member.phone, Member.birth_month),
            select(Room.name, Room.first_convenor_name, Room.second_convenor_member_id),
            select(Activity.title, Activity.start_at, Activity.status, Activity.room_id),
            select(Attendance.activity_id, Attendance.member_id, Attendance.status),
            select(Topic.title, Topic.status, Topic.source),
            select(Speech.speaker, Speech.summary),
            select(FollowUp.handling_unit, FollowUp.status, FollowUp.due_on),
            select(Submission.kind, Submission.title, Submission.submitted_on),
            select(Reception.resident_name, Reception.request),
        ):
            table = stmt.get_final_froms()[0]
            for row in session.execute(stmt.order_by(table.c.id)):
                hasher.update(repr(tuple(row)).encode())
    return hasher.hexdigest()


def count(db, model, *where) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_same_seed_gives_same_data_other_seed_differs(tmp_path):
    digests = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = open_database(tmp_path / f"{name}.db")
        demo.load_demo(db, "township", seed=seed, today=TODAY)
        digests.append(digest(db))
        db.dispose()
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


@pytest.fixture
def township(db):
    summary = demo.load_demo(db, "township", seed=1, today=TODAY)
    return db, summary


def test_township_counts_and_summary(township):
    db, summary = township
    assert count(db, Member) == summary.counts["members"] == 40
    assert count(db, Room) == 6
    assert 120 <= count(db, Activity) <= 180
    assert count(db, Attendance) > 1000
    assert count(db, Topic) >= 40
    assert count(db, Submission) > 150
    assert count(db, Reception) > 100
    text = "\n".join(summary.lines())
    assert "乡镇规模" in text and "委员 40 名" in text and "联络室 6 个" in text
    assert integrity.run_checks(db) == []


def test_township_reads_like_real_records(township):
    db, _ = township
    with db.read() as session:
        types = set(session.scalars(select(Activity.activity_type).distinct()))
        assert types == set(ACTIVITY_TYPES)
        room_types = list(session.scalars(select(Room.room_type)))
        assert room_types.count("镇(街道)级") == 1
        assert room_types.count("村(社区)级") >= 3
        assert {"企事业单位", "界别"} & set(room_types)
        for room in session.scalars(select(Room)):
            assert room.first_convenor_name and room.second_convenor_member_id
            assert session.scalar(select(func.count()).where(RoomMember.room_id == room.id)) >= 5
        seated = set(session.scalars(select(RoomMember.member_id)))
        assert seated == set(session.scalars(select(Member.id)))
        phones = list(session.scalars(select(Member.phone)))
        assert all(len(p) == 11 and p.startswith("1") for p in phones)
        levels = list(session.scalars(select(Member.level)))
        assert levels.count("县") > 25 and {"市"} <= set(levels)
        assert 0 < sum(session.scalars(select(Member.is_standing))) < 10
        statuses = set(session.scalars(select(Attendance.status)))
        assert statuses == {"出席", "请假", "缺席"}
        reasons = session.scalars(
            select(Attendance.leave_reason).where(Attendance.status == "请假")
        ).all()
        assert all(reasons)
        titles = " ".join(session.scalars(select(Topic.title)))
        assert "加装电梯" in titles or "污水治理" in titles or "交通安全" in titles
        # Planned activities list the room's members as 应到, nobody on leave or absent yet.
        planned = session.scalars(select(Activity).where(Activity.status == "筹备中")).all()
        assert planned
        for activity in planned:
            seated = session.scalar(
                select(func.count())
                .select_from(RoomMember)
                .join(Member, Member.id == RoomMember.member_id)
                .where(RoomMember.room_id == activity.room_id, Member.status == "在任")
            )
            assert len(activity.attendances) == seated
            assert {a.status for a in activity.attendances} == {"出席"}
            assert not activity.speeches and not activity.opinions
    assert count(db, RoomChecklistTick) == 6 * 3


def test_consultations_have_minutes_and_follow_ups(township):
    db, _ = township
    with db.read() as session:
        held = session.scalars(
            select(Activity).where(
                Activity.activity_type == "协商议事会", Activity.status != "筹备中"
            )
        ).all()
        assert held
        for activity in held:
            assert activity.topic_id is not None
            assert [o.seq for o in activity.opinions] == list(range(1, len(activity.opinions) + 1))
            assert len(activity.speeches) >= 2 and activity.guests
            assert len(activity.follow_ups) == len(activity.opinions)
        units = set(session.scalars(select(FollowUp.handling_unit)))
        assert any(u.endswith(("建设办", "农业农村办", "社会事务办")) for u in units)
        overdue = session.scalar(
            select(func.count()).where(
                FollowUp.status.in_(FOLLOW_UP_OPEN_STATUSES), FollowUp.due_on < TODAY
            )
        )
        assert overdue > 0
        assert session.scalar(select(func.count()).where(FollowUp.status == "已办结"))
        assert count(db, GuestAttendee) and count(db, Opinion)


def test_topics_carry_their_status_trail(township):
    db, _ = township
    with db.read() as session:
        statuses = set(session.scalars(select(Topic.status)))
        assert {"已协商", "已办结", "待筛选"} <= statuses
        assert len(set(session.scalars(select(Topic.source)))) >= 5
        for topic in session.scalars(select(Topic)):
            trail = [c.to_status for c in topic.status_changes]
            assert trail[0] == "待筛选" and trail[-1] == topic.status
            if topic.status == "不予立项":
                assert topic.rejection_reason
        from_visits = session.scalar(select(func.count()).where(Topic.reception_id.is_not(None)))
        assert from_visits > 0
    assert count(db, TopicStatusChange) > count(db, Topic)


def test_submissions_and_receptions(township):
    db, _ = township
    with db.read() as session:
        kinds = set(session.scalars(select(Submission.kind)))
        assert kinds == {"提案", "社情民意", "调研报告", "宣讲", "办实事"}
        assert session.scalar(select(func.count()).where(SubmissionAuthor.role == "联名"))
        assert session.scalar(select(func.count()).where(Submission.is_filed.is_(True)))
        assert session.scalar(select(func.count()).where(Submission.adopted_level.is_not(None)))
        assert session.scalar(select(func.count()).where(Submission.has_instruction.is_(True)))
        assert session.scalar(select(func.count()).where(Reception.resident_name.is_(None)))
        assert session.scalar(select(func.count()).where(Reception.resident_name.is_not(None)))
    assert count(db, ReceptionMember) >= count(db, Reception)


def test_refuses_database_with_members_unless_forced(township):
    db, _ = township
    with pytest.raises(UserError, match="已有委员记录"):
        demo.load_demo(db, "township", today=TODAY)
    assert count(db, Member) == 40
    demo.load_demo(db, "township", seed=2, today=TODAY, force=True)
    assert count(db, Member) == 80
    assert integrity.run_checks(db) == []


def test_unknown_scale_is_a_user_error(db):
    with pytest.raises(UserError, match="未知的示例数据规模"):
        demo.load_demo(db, "planet")


@pytest.mark.slow
def test_scaled_down_county_shape(db):
    """County shape (many towns, 10 years) at a tenth of the size; the full one is benchmarked."""
    small = Scale("county/10", towns=4, rooms=32, members=40, years=10)
    steps: list[tuple[int, int]] = []

    class Recorder:
        def step(self, done: int, total: int, text: str = "") -> None:
            steps.append((done, total))

    summary = demo.load_demo(db, small, seed=3, today=TODAY, progress=Recorder())
    assert summary.counts["rooms"] == count(db, Room) == 32
    assert 3600 <= summary.counts["activities"] <= 4400
    assert summary.counts["attendance"] > 30_000
    assert steps[-1] == (100, 100)
    with db.read() as session:
        years = {a.year for a in session.scalars(select(Activity.start_at))}
    assert len(years) == 10
    assert integrity.run_checks(db) == []


def test_township_multiples_grow_linearly(db):
    summary = demo.load_demo(db, demo.township_times(3), seed=1, today=TODAY)
    assert summary.counts["members"] == 120 and summary.counts["rooms"] == 18


def test_township_demo_has_points_ranking(township):
    from app.services.points.ranking import get_ranking

    db, summary = township
    assert summary.counts["point_entries"] == count(db, PointEntry) > 0
    ranking = get_ranking(db, TODAY.year - 1)
    assert ranking is not None and len(ranking.rows) == 40
    assert ranking.rows[0].rank == 1 and ranking.rows[0].grade
    assert "积分记录" in "\n".join(summary.lines())


def test_points_can_be_left_out(db):
    summary = demo.load_demo(db, "township", today=TODAY, points=False)
    assert summary.counts["point_entries"] == count(db, PointEntry) == 0
    assert "未计算积分" in "\n".join(summary.lines())


def test_forced_reload_with_same_seed_is_refused_whole(township):
    db, _ = township
    with pytest.raises(UserError, match="重名"):
        demo.load_demo(db, "township", seed=1, today=TODAY, force=True)
    assert count(db, Member) == 40 and count(db, Room) == 6


def test_a_member_leaves_after_the_first_year(township):
    db, _ = township
    with db.read() as session:
        leavers = session.scalars(select(Member).where(Member.status == "离任")).all()
        assert len(leavers) == 1
        left_on = leavers[0].left_on
        assert left_on == date(TODAY.year - 1, 12, 31)
        later = session.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(Activity, Activity.id == Attendance.activity_id)
            .where(Attendance.member_id == leavers[0].id, Activity.start_at > left_on)
        )
        assert later == 0
        assert not session.scalar(
            select(func.count())
            .select_from(Room)
            .where(Room.second_convenor_member_id == leavers[0].id)
        )
