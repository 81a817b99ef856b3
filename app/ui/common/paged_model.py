"""Base of the long lists read from the database a page at a time (履职活动, 议题库, 接待来访).

The model knows the list's total from the start (``rowCount`` is the whole filtered list, so the
scrollbar covers every row and Ctrl+End lands on the last one) and reads the rows a view asks
for a page at a time, keeping the most recent pages; tens of thousands of records open as fast
as a few dozen. Sorting happens in SQL: clicking a header sets ``order`` (which the page's fetch
function reads) and drops the pages read. A row can be found by id (``ensure_row``): the service
says where it stands and the model reads that page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.services.paging import ListOrder

Index = QModelIndex | QPersistentModelIndex
Count = Callable[[], int]
Page = Callable[[int, int], list[Any]]  # (offset, limit) -> rows, each with an ``id``
Position = Callable[[int], "int | None"]  # id -> 0-based row in the current filter and order


_ROLES_READ = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.UserRole,
    Qt.ItemDataRole.ForegroundRole,
)


def _nowhere(_row_id: int) -> int | None:
    return None


class PagedTableModel(QAbstractTableModel):
    """Subclasses set ``headers`` and ``sort_keys`` (the service's key for each column, None for
    a column that cannot be sorted) and implement ``cell``; ``foreground`` is optional."""

    headers: Sequence[str] = ()
    sort_keys: Sequence[str | None] = ()
    resorted = Signal()  # after a header click has reloaded the list in its new order
    kept_pages = 50  # pages held at once (10,000 rows of 200): scrolling back reads again

    def __init__(self, page_size: int = 200, parent=None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.order = ListOrder()
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._total = 0
        self._page: Page = lambda _o, _l: []
        self._position: Position = _nowhere
        self._has_source = False

    # -- what subclasses say about a row -------------------------------------------------
    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def foreground(self, row: Any, column: int) -> Any:
        return None

    # -- the source ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def pages_read(self) -> list[int]:
        """The pages held now, least recently used first."""
        return list(self._pages)

    def set_source(self, count: Count, page: Page, position: Position = _nowhere) -> None:
        """A new filter: the total is read now, rows as the view asks for them."""
        self.beginResetModel()
        self._page, self._position, self._has_source = page, position, True
        self._pages.clear()
        self._total = count()
        self.endResetModel()

    def _rows_of_page(self, number: int) -> list[Any]:
        rows = self._pages.get(number)
        if rows is None:
            rows = self._page(number * self.page_size, self.page_size)
            self._pages[number] = rows
            while len(self._pages) > self.kept_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return rows

    def record_at(self, row: int) -> Any | None:
        """The row's record, read with its page if need be; None past the end (records
        deleted since the total was read show as empty rows until the next reload)."""
        if not 0 <= row < self._total:
            return None
        rows = self._rows_of_page(row // self.page_size)
        offset = row % self.page_size
        return rows[offset] if offset < len(rows) else None

    def row_at(self, row: int) -> Any:
        record = self.record_at(row)
        if record is None:
            raise IndexError(f"row {row} is not in the list")
        return record

    def ensure_row(self, row_id: int) -> int | None:
        """The row showing ``row_id``; None when the list (its filter) does not hold it."""
        for number, rows in self._pages.items():
            for offset, item in enumerate(rows):
                if item.id == row_id:
                    return number * self.page_size + offset
        place = self._position(row_id)
        if place is None:
            return None
        record = self.record_at(place)
        return place if record is not None and record.id == row_id else None

    # -- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        wanted = ListOrder(key, order == Qt.SortOrder.DescendingOrder)
        if wanted == self.order:
            return
        self.order = wanted
        if not self._has_source:
            return  # the order is read when the page sets its source
        self.beginResetModel()
        self._pages.clear()
        self.endResetModel()
        self.resorted.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES_READ:
            return None  # a view asks for fonts, sizes, …: no page is read for those
        row = self.record_at(index.row())
        if row is None:
            return None
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
