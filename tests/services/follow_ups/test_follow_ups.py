from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups import board as follow_ups
from tests.services.activity_fixtures import make_room

TODAY = date(2025, 6, 15)


def _items(db, room_id):
    draft = ActivityDraft(
        title="停车难协商",
        room_id=room_id,
        start_at=datetime(2025, 3, 1, 9),
        status="已召开",
        follow_ups=[
            FollowUpLine("未到期", "交通局", due_on=date(2025, 7, 1), status="办理中"),
            FollowUpLine("无时限", "城管局", status="待交办"),
            FollowUpLine("逾期较晚", "住建局", due_on=date(2025, 6, 1), status="办理中"),
            FollowUpLine("逾期最早", "水务局", due_on=date(2025, 5, 1), status="待交办"),
            FollowUpLine("已办结", "民政局", due_on=date(2025, 4, 1), status="已办结"),
        ],
    )
    return activities.save_activity(db, draft)


def test_board_lists_open_items_overdue_first(db):
    room_id, _ = make_room(db, "甲室", [])
    _items(db, room_id)
    rows = follow_ups.board(db, today=TODAY)
    assert [r.content for r in rows] == ["逾期最早", "逾期较晚", "未到期", "无时限"]
    assert [r.overdue for r in rows] == [True, True, False, False]
    assert rows[0].room_name == "甲室"
    everything = follow_ups.board(db, today=TODAY, include_closed=True)
    assert everything[-1].content == "已办结" and not everything[-1].overdue


def test_in_place_edit_closes_an_item(db):
    room_id, _ = make_room(db, "甲室", [])
    _items(db, room_id)
    first = follow_ups.board(db, today=TODAY)[0]
    row = follow_ups.update_follow_up(
        db, first.id, today=TODAY, status="已办结", feedback_on=TODAY, evaluation="满意"
    )
    assert row.status == "已办结" and not row.overdue
    assert "逾期最早" not in [r.content for r in follow_ups.board(db, today=TODAY)]
    with pytest.raises(ValidationError):
        follow_ups.update_follow_up(db, first.id, status="随便")


def test_home_counts(db):
    behind_room, _ = make_room(db, "落后室", [], target=3)
    on_track, _ = make_room(db, "达标室", [], target=3)
    make_room(db, "无指标室", [], target=0)
    _items(db, behind_room)
    for month in (2, 5):
        activities.save_activity(
            db,
            ActivityDraft(
                title="议事",
                activity_type="微协商",
                room_id=on_track,
                start_at=datetime(2025, month, 10, 9),
                status="已召开",
            ),
        )
    activities.save_activity(
        db,
        ActivityDraft(
            title="本月学习", activity_type="学习培训·读书", start_at=datetime(2025, 6, 2)
        ),
    )
    activities.save_activity(
        db, ActivityDraft(title="计划中的协商", room_id=behind_room, start_at=datetime(2025, 6, 20))
    )
    counts = follow_ups.home_counts(db, today=TODAY)
    assert counts.overdue_follow_ups == 2
    assert counts.open_follow_ups == 4
    assert counts.activities_this_month == 2
    # June: expected floor(3 × 5 / 12) = 1; 落后室 held 1 (March) → on track; 达标室 held 2.
    assert counts.rooms_behind == []
    late = follow_ups.home_counts(db, today=date(2025, 9, 1))
    assert [(r.room_name, r.held, r.expected_by_now) for r in late.rooms_behind] == [
        ("落后室", 1, 2)
    ]
    december = follow_ups.home_counts(db, today=date(2025, 12, 5))
    assert [r.room_name for r in december.rooms_behind] == ["落后室", "达标室"]


def test_expected_by():
    assert [follow_ups.expected_by(3, date(2025, m, 1)) for m in range(1, 13)] == [
        0,
        0,
        0,
        0,
        1,
        1,
        1,
        1,
        2,
        2,
        2,
        3,
    ]
