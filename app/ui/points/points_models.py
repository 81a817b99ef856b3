"""Qt models and the bar chart of the 积分 page; they only hold rows handed to them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from app.services.points.ranking import Ranking, RankingRow

Index = QModelIndex | QPersistentModelIndex
FAIL_COLOR = QColor("#f8cbad")
TWO_YEARS_COLOR = QColor("#f4b084")
MISSING_COLOR = QColor("#fff2cc")


def _num(value: float) -> str:
    return f"{value:g}"


def row_status(row: RankingRow, pass_line: float | None) -> str:
    parts = []
    if row.below_pass_two_years:
        parts.append("连续两年未达合格线")
    elif not row.passed:
        parts.append(f"未达合格线 {pass_line:g} 分" if pass_line is not None else "未达合格线")
    if row.missing:
        parts.append("缺：" + "、".join(m.split("·", 1)[1] for m in row.missing))
    return "；".join(parts)


class RankingTableModel(QAbstractTableModel):
    """排名, 姓名, 界别, 联络室, category subtotals, 总分, 等次, 提示, 五个一 ✓/✗."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ranking: Ranking | None = None
        self._header: list[str] = []

    def set_ranking(self, ranking: Ranking | None) -> None:
        self.beginResetModel()
        self._ranking = ranking
        self._header = []
        if ranking is not None:
            self._header = [
                "排名",
                "姓名",
                "界别",
                "所属联络室",
                *ranking.categories,
                "总分",
                "等次",
                "提示",  # before the 五个一 marks: in view on a 1366 px screen
                *(item for _req, item in ranking.requirement_columns),
            ]
        self.endResetModel()

    def row_at(self, row: int) -> RankingRow:
        assert self._ranking is not None
        return self._ranking.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._ranking is None else len(self._ranking.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def _value(self, row: RankingRow, column: int) -> Any:
        r = self._ranking
        assert r is not None
        cats = len(r.categories)
        fixed = [row.rank, row.name, row.sector, row.rooms]
        if column < 4:
            return fixed[column]
        column -= 4
        if column < cats:
            return row.subtotals.get(r.categories[column], 0.0)
        column -= cats
        if column == 0:
            return row.total
        if column == 1:
            return row.grade
        if column == 2:
            return row_status(row, r.pass_line)
        return "✓" if row.checks[column - 3].met else "✗"

    def column_texts(self, column: int) -> list[str]:
        """The header and every cell of ``column`` as shown (for sizing without a view pass)."""
        rows = self._ranking.rows if self._ranking is not None else []
        texts = [self._header[column]]
        for row in rows:
            value = self._value(row, column)
            texts.append(_num(value) if isinstance(value, float) else str(value))
        return texts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._ranking is None:
            return None
        row = self._ranking.rows[index.row()]
        value = self._value(row, index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _num(value) if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.below_pass_two_years:
                return TWO_YEARS_COLOR
            if not row.passed:
                return FAIL_COLOR
            if not row.requirements_met:
                return MISSING_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and row.below_pass_two_years:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_status(row, self._ranking.pass_line) or None
        hint = 4 + len(self._ranking.categories) + 2  # 提示 reads from the left like 姓名
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in (1, 3, hint):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._header[section] if 0 <= section < len(self._header) else None
        return section + 1


MAX_COLUMN_WIDTH = 220
ROOMS_COLUMN = 3  # 所属联络室
ROOMS_MAX_WIDTH = 160
CELL_PADDING = 12  # the item delegate's margins around the text


def fit_columns(view: QTableView, model: RankingTableModel) -> list[int]:
    """Each column's width for its widest text, capped (long room lists are elided) so that 总分,
    等次 and 提示 stay in sight. Measures each column's few longest texts only: resizeColumnsTo-
    Contents asks for every cell in every role, a quarter of a second for 400 members."""
    bold = QFont(view.font())
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)  # rows below the pass line two years running are bold
    header = view.horizontalHeader()
    widths = []
    for column in range(model.columnCount()):
        texts = model.column_texts(column)
        cells = set(texts[1:])
        # The longest by characters and by UTF-8 bytes (a Chinese character is three bytes and
        # about two Latin letters wide): the widest text is among them.
        longest = {*sorted(cells, key=len)[-3:], *sorted(cells, key=lambda t: len(t.encode()))[-3:]}
        widest = max((bold_metrics.horizontalAdvance(t) for t in longest), default=0)
        width = max(widest + CELL_PADDING, header.sectionSizeHint(column))
        widths.append(min(width, ROOMS_MAX_WIDTH if column == ROOMS_COLUMN else MAX_COLUMN_WIDTH))
    return widths
