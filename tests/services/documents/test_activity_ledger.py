"""活动台账 data read with column queries: every field a clerk reads, rooms in order, only the
year asked for, activities of inactive rooms or of no room kept under their own heading."""

from datetime import date, datetime

from sqlalchemy import update

from app.models import Activity, FollowUp, GuestAttendee, Room
from app.services.documents.ledger import NO_ROOM, load_ledger
from tests.exports.meeting_records import make_meeting


def test_ledger_rows_carry_what_the_meeting_recorded(db):
    meeting = make_meeting(db)
    with db.write() as s:
        # a guest with an earlier seq is listed first whatever the insertion order
        s.add(GuestAttendee(activity_id=meeting.activity_id, seq=0, name="周平", unit=None))
        s.add(
            FollowUp(activity_id=meeting.activity_id, content="再议", status="待交办", due_on=None)
        )
    data = load_ledger(db, 2026, today=date(2026, 6, 1))
    assert data.year == 2026 and [r.room_name for r in data.rooms] == ["和平村委员联络室"]
    first, empty = data.rooms[0].activities
    assert first.start_at == datetime(2026, 3, 5, 9, 0) and first.topic_title == "老旧小区加装电梯"
    assert (first.expected, len(first.present), len(first.absent)) == (6, 4, 1)
    assert first.present == ["张建国", "李秀英", "刘芳", "杨丽华"] and first.absent == ["陈明"]
    assert first.on_leave == ["王志强（外出学习）"]
    assert first.guests == ["周平", "赵刚（县住建局副局长）", "孙梅（居民代表）"]
    assert first.outcome == "形成协商意见3条；=SUM(A1) 会议气氛热烈。"
    assert first.follow_up_status == "共3项：办理中1项、已办结1项、待交办1项（逾期1项）"
    assert first.place == "和平村党群服务中心二楼会议室" and first.host == "张建国"
    assert (empty.expected, empty.guests, empty.outcome, empty.follow_up_status) == (0, [], "", "")


def test_inactive_rooms_no_room_other_years_and_one_room(db):
    meeting = make_meeting(db)
    other = make_meeting(db, room_name="新华社区委员工作室")
    with db.write() as s:
        s.execute(update(Room).where(Room.id == meeting.room_id).values(is_active=False))
        s.add(Activity(activity_type="其他", title="无室活动", start_at=datetime(2026, 7, 1, 9)))
        s.add(
            Activity(
                activity_type="其他",
                title="明年的",
                room_id=other.room_id,
                start_at=datetime(2027, 1, 1, 0, 0),
            )
        )
    data = load_ledger(db, 2026)
    names = [r.room_name for r in data.rooms]
    assert names == ["新华社区委员工作室", "和平村委员联络室", NO_ROOM]  # active rooms first
    assert [a.title for a in data.rooms[2].activities] == ["无室活动"]
    assert all(a.start_at.year == 2026 for r in data.rooms for a in r.activities)
    one = load_ledger(db, 2026, other.room_id)
    assert [r.room_name for r in one.rooms] == ["新华社区委员工作室"]
    assert len(one.rooms[0].activities) == 2
