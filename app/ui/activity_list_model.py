"""The 履职活动 list as a lazily fetched table: rows come a page at a time through
``canFetchMore`` / ``fetchMore`` as the view scrolls, so 40,000 activities open as fast as 40."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.activity_list import ActivityRow

Index = QModelIndex | QPersistentModelIndex
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
)


def _cell(row: ActivityRow, column: int) -> str:
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
    )[column]


class ActivityListModel(QAbstractTableModel):
    """``count()`` gives the total, ``page(offset, limit)`` the rows; both call services."""

    def __init__(self, page_size: int = 200, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[ActivityRow] = []
        self._total = 0
        self._page: Callable[[int, int], list[ActivityRow]] = lambda _o, _l: []

    @property
    def total(self) -> int:
        return self._total

    def set_source(
        self, count: Callable[[], int], page: Callable[[int, int], list[ActivityRow]]
    ) -> None:
        self.beginResetModel()
        self._page = page
        self._rows = []
        self._total = count()
        self.endResetModel()

    def row_at(self, row: int) -> ActivityRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADER)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        start = len(self._rows)
        page = self._page(start, min(self.page_size, self._total - start))
        if not page:
            self._total = start  # rows were deleted meanwhile: stop asking
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 7 and row.open_follow_ups:
            return QColor("#b71c1c")
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADER[section] if 0 <= section < len(HEADER) else None
        return section + 1
