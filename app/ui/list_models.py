"""The 议题库 and 接待来访 lists as lazily fetched, SQL-sorted tables (see ``PagedTableModel``)."""

from __future__ import annotations

from app.services import reception_list, topic_list
from app.services.receptions import ReceptionRow
from app.services.topics import TopicRow
from app.ui.paged_model import PagedTableModel


class TopicListModel(PagedTableModel):
    headers = ("提出日期", "议题", "来源", "提出人", "接单委员", "联络室", "协商次数", "状态")
    sort_keys = topic_list.SORT_KEYS

    def cell(self, row: TopicRow, column: int) -> str:
        return (
            row.raised_on.isoformat(),
            row.title,
            row.source,
            row.raised_by,
            row.taken_by,
            row.room_name,
            str(row.activity_count),
            row.status,
        )[column]


class ReceptionListModel(PagedTableModel):
    headers = (
        "来访日期",
        "联络室",
        "接待委员",
        "来访群众",
        "诉求",
        "类别",
        "处理方式",
        "处理结果",
        "议题",
    )
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
        )[column]
