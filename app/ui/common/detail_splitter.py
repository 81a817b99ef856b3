"""A list with its detail pane beside it when the page is wide enough for both, below it when not.

On a 1024 px screen the 委员 page gave its list 565 px beside a 260 px detail pane, while the
columns need some 780 px even with the text columns elided: the list scrolled sideways and 联系电话,
联络室 and 状态 were out of sight (议题库 the same with its 四单 trail). Below the list the detail
pane costs rows, not columns.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QStyle, QTableView, QWidget

from app.ui.common.column_fit import ColumnFit

SIDE_BY_SIDE = (4000, 1000)  # weights: the list takes four fifths
STACKED = (3000, 1000)


def table_least_width(table: QTableView, fit: ColumnFit) -> int:
    """The width ``table`` needs to show every column, its text columns elided as far as they go."""
    scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    row_numbers = table.verticalHeader().width() if table.verticalHeader().isVisible() else 0
    return fit.least_width() + row_numbers + scroll_bar + 2 * table.frameWidth()


class DetailSplitter(QSplitter):
    """``table`` (or ``frame``, the widget holding it) and ``detail``, which keeps the minimum
    width it was given when beside the list."""

    def __init__(
        self,
        table: QTableView,
        fit: ColumnFit,
        detail: QWidget,
        parent: QWidget,
        frame: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("detail_splitter")
        self._table = table
        self._fit = fit
        self._detail_width = detail.minimumWidth()
        self.addWidget(frame or table)
        self.addWidget(detail)
        self.setStretchFactor(0, 4)
        self.setStretchFactor(1, 1)
        self.setSizes(list(SIDE_BY_SIDE))

    def wide_enough(self, width: int) -> bool:
        need = table_least_width(self._table, self._fit) + self.handleWidth() + self._detail_width
        return width >= need

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        wide = self.wide_enough(event.size().width())
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.orientation():
            self.setOrientation(orientation)
            self.setSizes(list(SIDE_BY_SIDE if wide else STACKED))
        super().resizeEvent(event)
