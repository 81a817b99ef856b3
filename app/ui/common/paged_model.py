"""Base of the long lists read from the database a page at a time (履职活动, 议题库, 接待来访).

Rows come in through ``canFetchMore`` / ``fetchMore`` as the view scrolls, so tens of thousands
of records open as fast as a few dozen. Sorting happens in SQL: clicking a header sets ``order``
(which the page's fetch function reads) and reloads the first page. A row that has not been
fetched yet can still be found by id (``ensure_row``): the service says where it stands and the
model fetches up to it in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.services.paging import ListOrder

Index = QModelIndex | QPersistentModelIndex
Count = Callable[[], int]
Page = Callable[[int, int], list[Any]]  # (offset, limit) -> rows, each with an ``id``
Position = Callable[[int], "int | None"]  # id -> 0-based row in the current filter and order


def _nowhere(_row_id: int) -> int | None:
    return None


class PagedTableModel(QAbstractTableModel):
    """Subclasses set ``headers`` and ``sort_keys`` (the service's key for each column, None for
    a column that cannot be sorted) and implement ``cell``; ``foreground`` is optional."""

    headers: Sequence[str] = ()
    sort_keys: Sequence[str | None] = ()
    resorted = Signal()  # after a header click has reloaded the list in its new order

    def __init__(self, page_size: int = 200, parent=None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.order = ListOrder()
        self._rows: list[Any] = []
        self._total = 0
        self._page: Page = lambda _o, _l: []
        self._position: Position = _nowhere
        self._has_source = False
        self._fetching = False

    # -- what subclasses say about a row -------------------------------------------------
    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def foreground(self, row: Any, column: int) -> Any:
        return None

    # -- the source ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    def set_source(self, count: Count, page: Page, position: Position = _nowhere) -> None:
        """A new filter: the total is read now, rows as the view asks for them."""
        self.beginResetModel()
        self._page, self._position, self._has_source = page, position, True
        self._rows = []
        self._total = count()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def ensure_row(self, row_id: int) -> int | None:
        """The row showing ``row_id``, fetching up to it if needed; None when the list (its
        filter) does not hold it."""
        for row, item in enumerate(self._rows):
            if item.id == row_id:
                return row
        place = self._position(row_id)
        if place is None or place < len(self._rows):
            return None
        pages = (place - len(self._rows)) // self.page_size + 1
        self._fetch(min(pages * self.page_size, self._total - len(self._rows)))
        if place < len(self._rows) and self._rows[place].id == row_id:
            return place
        return None

    def _fetch(self, limit: int) -> None:
        if self._fetching or limit <= 0:
            return  # a slot of our own insert signals asked for more: the next call will do
        start = len(self._rows)
        rows = self._page(start, limit)
        if not rows:
            self._total = start  # rows were deleted meanwhile: stop asking
            return
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        finally:
            self._fetching = False

    # -- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._fetch(min(self.page_size, self._total - len(self._rows)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        wanted = ListOrder(key, order == Qt.SortOrder.DescendingOrder)
        if wanted == self.order:
            return
        self.order = wanted
        if not self._has_source:
            return  # the order is read when the page sets its source
        self.beginResetModel()
        self._rows = []
        self.endResetModel()
        self.fetchMore()
        self.resorted.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return section + 1
