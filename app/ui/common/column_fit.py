"""One rule for every list's column widths: each column starts at its own width, and the width
the table has to spare goes to its text columns (活动名称, 联络室, 地点, 诉求 …) in proportion to
their widths — not to the last column, which QHeaderView.stretchLastSection gave it (at
1920 px the 状态 column took 800 px while 活动名称 stayed cut). A column the clerk drags keeps
the width given; a narrower window takes the spare back, and then the text columns give up to
two fifths of their own widths (their text wraps or is elided, with the whole in the tooltip)
before the columns after them are cut — except a width the clerk chose (dragged, or restored
from the last session), which is kept — so a county's extra 来源 column does not push 状态 or
群众评议 out of a 1366-pixel screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

FITTING = "column_fit_applying"  # a header property while ColumnFit sets widths
KEPT = 0.6  # the share of its width a text column keeps when the table is too narrow


class ColumnFit(QObject):
    """Installed on ``view``: ``widths`` (None keeps a width the header already has, as restored
    from the clerk's last session) and the ``text_columns`` that share the spare width."""

    def __init__(
        self,
        view: QTableView,
        widths: Sequence[int | None],
        text_columns: Sequence[int],
        give_back: bool = True,  # False: text columns sized to their text never shrink
    ) -> None:
        super().__init__(view)
        self.setObjectName("column_fit")
        self._view = view
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        self._applying = False
        self._base: list[int] = []
        self._text: list[int] = []
        self._chosen: set[int] = set()  # widths the clerk set: never shrunk
        self._give_back = give_back
        header.sectionResized.connect(self._dragged)
        view.viewport().installEventFilter(self)
        self.set_widths(widths, text_columns)

    def set_widths(self, widths: Sequence[int | None], text_columns: Sequence[int]) -> None:
        """New widths (a table whose columns change with its rows, like the 积分 ranking)."""
        header = self._view.horizontalHeader()
        self._base = [
            header.sectionSize(column) if width is None else width
            for column, width in enumerate(widths)
        ]
        self._text = [c for c in text_columns if c < len(self._base)]
        self._chosen = {c for c, width in enumerate(widths) if width is None}
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def widths(self) -> list[int]:
        """The width of each column for the view's present width."""
        header = self._view.horizontalHeader()
        shown = [w for c, w in enumerate(self._base) if not header.isSectionHidden(c)]
        spare = self._view.viewport().width() - sum(shown)
        widths = list(self._base)
        text_total = sum(self._base[c] for c in self._text)
        if spare > 0 and text_total:
            for column in self._text:
                widths[column] += spare * self._base[column] // text_total
        shrinkable = [c for c in self._text if c not in self._chosen]
        shrink_total = sum(self._base[c] for c in shrinkable)
        if spare < 0 and shrink_total and self._give_back:
            short = min(-spare, int(shrink_total * (1 - KEPT)))
            for column in shrinkable:
                widths[column] -= -(-short * self._base[column] // shrink_total)  # rounded up
        return widths

    def least_width(self) -> int:
        """The shown columns' width once the text columns have given back all they may."""
        header = self._view.horizontalHeader()
        widths = list(self._base)
        if self._give_back:
            for column in self._text:
                if column not in self._chosen:
                    widths[column] -= int(self._base[column] * (1 - KEPT))
        return sum(w for c, w in enumerate(widths) if not header.isSectionHidden(c))

    def apply(self) -> None:
        header = self._view.horizontalHeader()
        self._applying = True
        # TableFrame does not save these widths: a header saved on a wide screen would come
        # back with its spare width on a narrow one
        header.setProperty(FITTING, True)
        try:
            for column, width in enumerate(self.widths()):
                if column < header.count():
                    self._view.setColumnWidth(column, width)
        finally:
            self._applying = False
            header.setProperty(FITTING, False)

    def _dragged(self, column: int, _old: int, new: int) -> None:
        if self._applying or column >= len(self._base):
            return
        extra = self.widths()[column] - self._base[column]  # < 0: it was shrunk, it no longer is
        self._base[column] = max(20, new - max(extra, 0))
        self._chosen.add(column)
