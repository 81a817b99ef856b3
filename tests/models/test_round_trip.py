from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import (
    Activity,
    Attendance,
    FollowUp,
    Member,
    Opinion,
    PointRuleSet,
    Room,
    RoomMember,
    Sector,
    Submission,
    SubmissionAuthor,
)


def test_activity_with_attendance_round_trip(db):
    with db.write() as s:
        sector = s.scalar(select(Sector).where(Sector.name == "民盟"))
        member = Member(name="王丽华", gender="女", sector_id=sector.id, phone="13800001001")
        room = Room(name="青石村委员联络室", room_type="村(社区)级")
        s.add_all([member, room])
        s.flush()
        s.add(RoomMember(room_id=room.id, member_id=member.id))
        activity = Activity(
            activity_type="协商议事会",
            title="老旧小区加装电梯协商",
            room_id=room.id,
            start_at=datetime(2026, 5, 12, 9, 30),
        )
        activity.attendances.append(
            Attendance(member_id=member.id, status="请假", leave_reason="出差")
        )
        activity.opinions.append(Opinion(seq=1, content="建议成立加装电梯协调小组"))
        activity.follow_ups.append(FollowUp(content="协调小组", due_on=date(2026, 6, 30)))
        s.add(activity)
        proposal = Submission(
            kind="提案", title="关于农村生活污水治理的提案", submitted_on=date(2026, 1, 5)
        )
        proposal.authors.append(SubmissionAuthor(member_id=member.id, role="主笔"))
        s.add(proposal)
        s.add(PointRuleSet(year=2026, name="2026年度", grades=[{"name": "优秀", "min": 90}]))
    with db.read() as s:
        stored = s.scalar(select(Activity))
        assert stored.attendances[0].leave_reason == "出差"
        assert stored.opinions[0].content.startswith("建议")
        assert len(stored.uuid) == 36 and stored.created_at is not None
        assert s.scalar(select(PointRuleSet)).grades[0]["name"] == "优秀"


def test_member_with_records_cannot_be_deleted(db):
    with db.write() as s:
        member = Member(name="李建国")
        room = Room(name="镇委员联络室")
        s.add_all([member, room])
        s.flush()
        s.add(RoomMember(room_id=room.id, member_id=member.id))
    with pytest.raises(IntegrityError), db.write() as s:
        s.delete(s.get(Member, member.id))
    with db.read() as s:
        assert s.get(Member, member.id) is not None
