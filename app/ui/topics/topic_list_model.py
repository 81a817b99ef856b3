"""The 议题库 list as a lazily fetched, SQL-sorted table (see ``PagedTableModel``)."""

from __future__ import annotations

from app.services.topics import topic_list
from app.services.topics.pool import TopicRow
from app.ui.common.paged_model import PagedTableModel

# 乡镇: the unit a county's copy came from (来源 already names where the topic was raised)
HEADER = ("提出日期", "议题", "来源", "提出人", "接单委员", "联络室", "协商次数", "状态", "乡镇")
ORIGIN_COLUMN = HEADER.index("乡镇")


class TopicListModel(PagedTableModel):
    headers = HEADER
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
            row.origin.removeprefix("来自"),
        )[column]
