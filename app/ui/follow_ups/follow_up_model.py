"""督办 board rows: overdue rows stand out; 承办单位, dates, status, result and 群众评议 are edited
in place and saved at once through the ``save`` callable the page hands in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.errors import UserError
from app.models.vocab import EVALUATIONS, FOLLOW_UP_STATUSES
from app.services.follow_ups.board import BoardRow
from app.ui.activities.lines_table import DATE, LONG_TEXT, TEXT, parse_date
from app.ui.common.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_TEXT = QColor("#b71c1c")

# (header, BoardRow field, editor kind or None when read-only)
COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("逾期", "overdue", None),
    ("办理时限", "due_on", DATE),
    ("建议内容", "content", None),
    ("联络室", "room_name", None),
    ("所属活动", "activity_title", None),
    ("承办单位", "handling_unit", TEXT),
    ("交办日期", "assigned_on", DATE),
    ("办理状态", "status", FOLLOW_UP_STATUSES),
    ("办理结果", "result", LONG_TEXT),
    ("反馈日期", "feedback_on", DATE),
    ("群众评议", "evaluation", ("", *EVALUATIONS)),
    ("来源", "origin", None),  # the township a county's copy came from; empty for our own
)
ORIGIN_COLUMN = len(COLUMNS) - 1
KINDS = [kind for _h, _f, kind in COLUMNS]


class FollowUpBoardModel(ListTableModel):
    headers = tuple(column[0] for column in COLUMNS)

    def __init__(
        self,
        save: Callable[..., BoardRow],
        on_error: Callable[[BaseException, str], None],  # the refusal, the text typed
        today: Callable[[], date] = date.today,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._on_error = on_error
        self._today = today

    def row_at(self, row: int) -> BoardRow:
        return self._rows[row]

    def _text(self, row: BoardRow, column: int) -> str:
        name = COLUMNS[column][1]
        if name == "overdue":
            return f"逾期 {(self._today() - row.due_on).days} 天" if row.overdue else ""
        value = getattr(row, name)
        if name == "origin":
            return value.removeprefix("来自")
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text(row, index.column()) or None
        if role == Qt.ItemDataRole.UserRole:  # what a header click sorts on
            if COLUMNS[index.column()][1] == "overdue":
                return (self._today() - row.due_on).days if row.overdue else -1
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and index.column() < 2:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.overdue and index.column() < 2:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()][2] is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        header, name, kind = COLUMNS[index.column()]
        if kind is None:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        if text == self._text(row, index.column()):
            return False
        try:
            new_value = parse_date(text, header) if kind == DATE else text
            updated = self._save(row.id, expected_version=row.version, **{name: new_value})
        except UserError as exc:
            self._on_error(exc, text)
            return False
        self._rows[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True
