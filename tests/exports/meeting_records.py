"""A consultation meeting written the way the app writes it, for the document tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.models import (
    Activity,
    Attendance,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    Room,
    RoomMember,
    Sector,
    Speech,
    Topic,
)

PHONES = ("13800138000", "13912345678", "0551-6543210", "15055556666", "18600001111", "13700002222")
NAMES = ("张建国", "李秀英", "王志强", "刘芳", "陈明", "杨丽华")


@dataclass
class Meeting:
    activity_id: int
    room_id: int
    member_ids: list[int]
    empty_activity_id: int  # same room, no attendance recorded yet


def make_meeting(db, *, long: bool = False, room_name: str = "和平村委员联络室") -> Meeting:
    with db.write() as s:
        sector = s.query(Sector).filter_by(name="经济界").one_or_none() or Sector(name="经济界")
        room = Room(name=room_name, room_type="村(社区)级", address="和平村党群服务中心")
        s.add(room)
        members = [
            Member(
                name=name,
                sector=sector,
                work_unit=f"某某公司{i}部经理",
                phone=PHONES[i],
                level="县",
            )
            for i, name in enumerate(NAMES)
        ]
        s.add_all(members)
        s.flush()
        for m in members:
            s.add(RoomMember(room_id=room.id, member_id=m.id))
        topic = Topic(title="老旧小区加装电梯", raised_on=date(2026, 2, 1), status="已立项")
        s.add(topic)
        s.flush()
        activity = Activity(
            activity_type="协商议事会",
            title="关于老旧小区加装电梯的协商议事会",
            room_id=room.id,
            topic_id=topic.id,
            start_at=datetime(2026, 3, 5, 9, 0),
            end_at=datetime(2026, 3, 5, 11, 30),
            place="和平村党群服务中心二楼会议室",
            host="张建国",
            recorder="刘芳",
            status="已召开",
            summary="=SUM(A1) 会议气氛热烈。",
        )
        s.add(activity)
        s.flush()
        for i, m in enumerate(members):
            status = ("出席", "出席", "请假", "出席", "缺席", "出席")[i]
            s.add(
                Attendance(
                    activity_id=activity.id,
                    member_id=m.id,
                    status=status,
                    leave_reason="外出学习" if status == "请假" else None,
                )
            )
        s.add(GuestAttendee(activity_id=activity.id, seq=1, name="赵刚", unit="县住建局副局长"))
        s.add(GuestAttendee(activity_id=activity.id, seq=2, name="孙梅", unit="居民代表"))
        repeat = 12 if long else 1
        for i in range(3 * repeat):
            s.add(
                Speech(
                    activity_id=activity.id,
                    seq=i,
                    speaker=NAMES[i % 3] + "委员",
                    summary="建议对加装电梯实行“一楼一策”，财政补贴向低楼层住户倾斜，"
                    "由社区牵头组织业主协商，统一选型、统一维保。",
                )
            )
        opinions = []
        for i in range(3):
            op = Opinion(activity_id=activity.id, seq=i, content=f"第{i + 1}条协商意见：加快审批。")
            s.add(op)
            opinions.append(op)
        s.flush()
        s.add(
            FollowUp(
                activity_id=activity.id,
                opinion_id=opinions[0].id,
                content="简化加装电梯审批流程",
                handling_unit="县住建局",
                assigned_on=date(2026, 3, 10),
                due_on=date(2026, 5, 31),
                status="办理中",
            )
        )
        s.add(
            FollowUp(
                activity_id=activity.id,
                content="=1+1 制定补贴细则",
                handling_unit="县财政局",
                due_on=date(2026, 4, 30),
                status="已办结",
            )
        )
        empty = Activity(
            activity_type="微协商",
            title="@停车难问题微协商",
            room_id=room.id,
            start_at=datetime(2026, 6, 1, 14, 30),
            place="村委会",
        )
        s.add(empty)
        s.flush()
        return Meeting(activity.id, room.id, [m.id for m in members], empty.id)


def add_year_end_follow_up(db, activity_id: int) -> None:
    """A 落实分工 line due 2026-12-31: the widest date the 办理时限 column holds."""
    with db.write() as s:
        s.add(
            FollowUp(
                activity_id=activity_id,
                content="年底前完成全部加装电梯项目验收",
                handling_unit="县住建局、县市场监管局",
                due_on=date(2026, 12, 31),
                status="办理中",
            )
        )
