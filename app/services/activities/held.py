"""One meaning of a held activity, for every page, export and rule.

An activity is held once its status is 已召开 or 已归档; while it is 筹备中 it is only planned:
its members are 应到 (invited), not 出席, and it counts toward no room's target, no member's
attendance and no points. The 联络室 page once counted planned meetings (3/3) while 首页 and 积分
did not (2/3); every count now goes through this module.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement

from app.models import Activity

PLANNED = "筹备中"
HELD_STATUSES = ("已召开", "已归档")
INVITED = "应到"  # what a planned meeting's member is shown as


def is_held(status: str | None) -> bool:
    return status in HELD_STATUSES


def held() -> ColumnElement[bool]:
    """The SQL condition for a held activity."""
    return Activity.status.in_(HELD_STATUSES)


def attendance_shown(activity_status: str | None, attendance_status: str) -> str:
    """出席/请假/缺席 of a held activity; 应到 before the meeting."""
    return attendance_status if is_held(activity_status) else INVITED
