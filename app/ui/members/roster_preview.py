"""What the roster import's preview shows: every row with every field as it will be stored
(cells left out or taken otherwise marked), and the new rooms with a 类型 the clerk can change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.imports.roster import ERROR, NEW, REPORT_HEADER, UPDATE, RowOutcome
from app.models.vocab import ROOM_TYPES
from app.ui.common.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
KIND_COLORS = {ERROR: "#fde2e1", NEW: "#e3f4e1", UPDATE: "#fff4d6"}
WARNED_COLOR = "#ffe0b2"  # a row imported with cells left out or taken otherwise
WARNING_COLOR = "#b45309"  # the 说明 text of such a row
# The window's order: who and what happens first (说明 beside the name, not off to the right),
# then the fields as they will be stored; the command line keeps REPORT_HEADER's order.
DISPLAY_HEADER = ("行号", "结果", "姓名", "说明", "联系电话") + tuple(
    label for label in REPORT_HEADER if label not in ("行号", "结果", "姓名", "说明", "联系电话")
)
_SOURCE = tuple(REPORT_HEADER.index(label) for label in DISPLAY_HEADER)
REMARKS_COLUMN = DISPLAY_HEADER.index("说明")
REMARKS_WIDTH = 300
# Columns shown even when every row leaves them empty: who, what happens, why.
ALWAYS_SHOWN = {"行号", "结果", "姓名", "联系电话", "界别", "层级", "常委", "说明"}


class ImportOutcomeModel(ListTableModel):
    """One row per roster row: its outcome and each field as it will be stored."""

    headers = DISPLAY_HEADER

    def set_outcomes(self, outcomes: Sequence[RowOutcome]) -> None:
        self.set_rows(outcomes)

    def text(self, row: int, column: int) -> str:
        o = self._rows[row]
        text = o.cells()[_SOURCE[column]]
        if column == REMARKS_COLUMN:  # the row is in view: “「出生年月」列：…” is enough
            text = text.replace(f"工作表“{o.sheet}”第{o.row}行：", "")
            text = text.replace(f"工作表“{o.sheet}”第{o.row}行", "")
        return text

    def empty_columns(self) -> list[int]:
        """Columns no row fills (the roster has no such column), hidden to save width; the
        工作表 column too when the rows all come from one sheet."""
        sheets = {o.sheet for o in self._rows}
        return [
            column
            for column, label in enumerate(self.headers)
            if label not in ALWAYS_SHOWN
            and (
                (label == "工作表" and len(sheets) < 2)
                or not any(self.text(r, column) for r in range(len(self._rows)))
            )
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:  # a warned row explains itself on every cell
            return o.remarks if o.warnings or o.kind == ERROR else self.text(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if o.warnings and o.kind != ERROR:
                return QBrush(QColor(WARNED_COLOR))
            if o.kind in KIND_COLORS:
                return QBrush(QColor(KIND_COLORS[o.kind]))
        if role == Qt.ItemDataRole.ForegroundRole and column == REMARKS_COLUMN and o.warnings:
            return QBrush(QColor(WARNING_COLOR))
        return None


def show_outcomes(table: QTableView, model: ImportOutcomeModel) -> None:
    """Size the columns to their text (long ones capped) and hide the ones no row fills."""
    hidden = set(model.empty_columns())
    for column in range(model.columnCount()):
        table.setColumnHidden(column, column in hidden)
    table.resizeColumnsToContents()
    for column, label in enumerate(DISPLAY_HEADER):
        cap = REMARKS_WIDTH if label == "说明" else 220
        table.setColumnWidth(column, min(table.columnWidth(column), cap))


class NewRoomsTable(QTableWidget):
    """The rooms the roster names that do not exist yet: name, a 类型 combo, how many members."""

    types_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("new_rooms_table")
        self.setHorizontalHeaderLabels(("将新建的联络室", "类型（可改）", "驻室委员"))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def set_rooms(self, types: dict[str, str], outcomes: Sequence[RowOutcome]) -> None:
        self.setRowCount(0)
        for row, (name, room_type) in enumerate(types.items()):
            self.insertRow(row)
            self.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox(self)
            combo.setObjectName("room_type_combo")
            combo.addItems(ROOM_TYPES)
            combo.setCurrentText(room_type)
            combo.currentTextChanged.connect(self.types_changed)
            self.setCellWidget(row, 1, combo)
            members = sum(1 for o in outcomes if name in o.rooms and o.kind in (NEW, UPDATE))
            self.setItem(row, 2, QTableWidgetItem(f"{members} 名"))
        self.setVisible(bool(types))
        rows = self.verticalHeader().defaultSectionSize() * min(len(types), 4)
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + rows
        )

    def chosen_types(self) -> dict[str, str]:
        """Room name → the 类型 the clerk left in its combo."""
        chosen = {}
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            combo = self.cellWidget(row, 1)
            if item is not None and isinstance(combo, QComboBox):
                chosen[item.text()] = combo.currentText()
        return chosen
