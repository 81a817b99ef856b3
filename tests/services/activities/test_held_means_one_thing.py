"""A planned (筹备中) activity is not held: every page and rule counts the same meetings.

The 联络室 page counted a room's meetings as 3/3 while 首页 and 积分 said 2/3, and a member
invited to next week's meeting showed as 出席 in their record.
"""

from __future__ import annotations

from datetime import date, datetime

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, AttendanceLine
from app.services.follow_ups import board
from app.services.members.registry import member_detail
from app.services.points.rooms import room_ranking
from app.services.rooms.registry import list_rooms
from tests.services.activity_fixtures import make_room

TODAY = date(2025, 12, 10)


def _meeting(db, room_id, member_id, day, status):
    return activities.save_activity(
        db,
        ActivityDraft(
            title=f"{day:%m月%d日}协商议事会",
            activity_type="协商议事会",
            room_id=room_id,
            start_at=datetime(day.year, day.month, day.day, 9),
            status=status,
            attendances=[AttendanceLine(member_id=member_id, status="出席")],
        ),
    )


def test_the_room_page_home_page_and_points_count_the_same_meetings(db):
    room_id, (member_id,) = make_room(db, "青石村委员联络室", ["张明"], target=3)
    _meeting(db, room_id, member_id, date(2025, 3, 5), "已归档")
    _meeting(db, room_id, member_id, date(2025, 9, 5), "已召开")
    planned = _meeting(db, room_id, member_id, date(2025, 12, 20), "筹备中")

    (room,) = list_rooms(db, 2025)
    assert room.consultations_this_year == 2
    behind = board.home_counts(db, today=TODAY).rooms_behind
    assert [(r.room_name, r.held) for r in behind] == [("青石村委员联络室", 2)]
    (score,) = room_ranking(db, 2025)
    assert (score.consultations, score.consultation_target) == (2, 3)

    detail = member_detail(db, member_id, 2025)
    shown = {title: status for _day, _kind, title, status in detail.activities}
    assert shown["12月20日协商议事会"] == "应到"
    assert shown["09月05日协商议事会"] == "出席"

    # Held at last: every count moves together.
    draft = activities.get_activity(db, planned)
    draft.status = "已召开"
    activities.save_activity(db, draft)
    assert list_rooms(db, 2025)[0].consultations_this_year == 3
    assert room_ranking(db, 2025)[0].consultations == 3
