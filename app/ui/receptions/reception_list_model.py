"""The 接待来访 list as a lazily fetched, SQL-sorted table (see ``PagedTableModel``)."""

from __future__ import annotations

from app.services.receptions import reception_list
from app.services.receptions.reception_list import ReceptionRow
from app.ui.common.paged_model import PagedTableModel

HEADER = (
    "来访日期",
    "联络室",
    "接待委员",
    "来访群众",
    "诉求",
    "类别",
    "处理方式",
    "处理结果",
    "议题",
    "来源",  # the township a county's copy came from; empty for our own
)
ORIGIN_COLUMN = HEADER.index("来源")


class ReceptionListModel(PagedTableModel):
    headers = HEADER
    sort_keys = reception_list.SORT_KEYS

    def cell(self, row: ReceptionRow, column: int) -> str:
        return (
            row.visit_on.isoformat(),
            row.room_name,
            row.receivers,
            row.resident,
            row.request,
            row.category,
            row.handling,
            row.result,
            reception_list.MADE_TOPIC if row.topic_id else "",
            row.origin.removeprefix("来自"),
        )[column]
