"""The 履职活动 list as a paged table: the model knows the total, the view's scrollbar covers
all rows, and rows are read a page at a time as they come into view, so 40,000 activities
open as fast as 40."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from app.services.activities.activity_list import SORT_KEYS, ActivityRow
from app.ui.common.paged_model import PagedTableModel

HEADER = (
    "日期",
    "类型",
    "活动名称",
    "联络室",
    "地点",
    "主持人",
    "出席/请假/缺席",
    "未办结建议",
    "状态",
    "来源",  # the township a county's copy came from; empty for our own
)
ORIGIN_COLUMN = HEADER.index("来源")


class ActivityListModel(PagedTableModel):
    """``count()`` gives the total, ``page(offset, limit)`` the rows; both call services."""

    headers = HEADER
    sort_keys = SORT_KEYS  # 出席/请假/缺席 sorts on 出席

    def cell(self, row: ActivityRow, column: int) -> str:
        return (
            f"{row.start_at:%Y-%m-%d %H:%M}",
            row.activity_type,
            row.title,
            row.room_name,
            row.place,
            row.host,
            f"应到 {row.present + row.on_leave + row.absent} 人"
            if row.status == "筹备中"
            else f"{row.present}/{row.on_leave}/{row.absent}",
            str(row.open_follow_ups) if row.open_follow_ups else "",
            row.status,
            row.origin.removeprefix("来自"),
        )[column]

    def foreground(self, row: ActivityRow, column: int) -> Any:
        return QColor("#b71c1c") if column == 7 and row.open_follow_ups else None
