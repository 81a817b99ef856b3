"""The 督办 page's shared records: two years of 成果办理 items, overdue and not."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from tests.services.activity_fixtures import make_room

TODAY = date.today()


@pytest.fixture
def two_years(db):
    room_id, _ = make_room(db, "青石村委员联络室", [])
    for year, lines in (
        (
            2024,
            [
                FollowUpLine(
                    "旧事逾期", "住建局", due_on=TODAY - timedelta(days=40), status="办理中"
                ),
                FollowUpLine("旧事办结", "民政局", due_on=date(2024, 9, 1), status="已办结"),
            ],
        ),
        (
            2025,
            [
                FollowUpLine(
                    "新事按期", "交通局", due_on=TODAY + timedelta(days=20), status="办理中"
                ),
                FollowUpLine(
                    "新事逾期", "水务局", due_on=TODAY - timedelta(days=3), status="待交办"
                ),
                FollowUpLine("新事采纳", "教育局", status="已采纳"),
            ],
        ),
    ):
        activities.save_activity(
            db,
            ActivityDraft(
                title=f"{year}协商",
                room_id=room_id,
                start_at=datetime(year, 3, 1, 9),
                follow_ups=lines,
            ),
        )
