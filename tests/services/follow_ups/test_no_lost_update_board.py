"""督办 board: a cell edited on a row read before another clerk saved that item is refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import StaleRecordError
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups import board as follow_ups


def test_a_board_edit_from_a_stale_row_is_refused(db):
    activities.save_activity(
        db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    [shown] = follow_ups.board(db, include_closed=True)
    follow_ups.update_follow_up(
        db, shown.id, expected_version=shown.version, handling_unit="县交通运输局"
    )
    with pytest.raises(StaleRecordError, match="这条督办事项在您打开之后已被.*修改.*承办单位"):
        follow_ups.update_follow_up(
            db, shown.id, expected_version=shown.version, due_on=date(2025, 6, 30)
        )
    [now] = follow_ups.board(db, include_closed=True)
    assert (now.handling_unit, now.due_on, now.version) == ("县交通运输局", None, shown.version + 1)
    follow_ups.update_follow_up(db, now.id, expected_version=now.version, due_on=date(2025, 6, 30))


def test_an_activity_saved_from_before_a_board_edit_is_refused(db):
    activity_id = activities.save_activity(
        db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    opened = activities.get_activity(db, activity_id)  # the editor is open meanwhile
    [row] = follow_ups.board(db, include_closed=True)
    follow_ups.update_follow_up(db, row.id, expected_version=row.version, result="已增设 30 个")
    opened.place = "村委会"
    with pytest.raises(StaleRecordError, match="这条督办事项在您打开之后已被.*修改.*办理结果"):
        activities.save_activity(db, opened)
    [now] = follow_ups.board(db, include_closed=True)
    assert now.result == "已增设 30 个"
