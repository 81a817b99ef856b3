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

from app.imports.roster import ERROR, NEW, REPORT_HEADER, SHOWN_FIELDS, UPDATE, RowOutcome
from app.models.vocab import ROOM_TYPES
from app.ui.common.table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
KIND_COLORS = {ERROR: "#fde2e1", NEW: "#e3f4e1", UPDATE: "#fff4d6"}
WARNING_COLOR = "#b45309"  # the 说明 text of a row imported with warnings
FIELD_COLUMN = {label: n for n, label in enumerate(REPORT_HEADER)}
REMARKS_COLUMN = len(REPORT_HEADER) - 1
# Columns shown even when every row leaves them empty: who, what happens, why.
ALWAYS_SHOWN = {"工作表", "行号", "结果", "姓名", "联系电话", "界别", "层级", "常委", "说明"}


class ImportOutcomeModel(ListTableModel):
    """One row per roster row: its outcome and each field as it will be stored."""

    headers = REPORT_HEADER

    def set_outcomes(self, outcomes: Sequence[RowOutcome]) -> None:
        self.set_rows(outcomes)

    def empty_columns(self) -> list[int]:
        """Columns no row fills (the roster has no such column), hidden to save width."""
        return [
            column
            for column, label in enumerate(self.headers)
            if label not in ALWAYS_SHOWN and not any(o.cells()[column] for o in self._rows)
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return o.cells()[column]
        if role == Qt.ItemDataRole.BackgroundRole and o.kind in KIND_COLORS:
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
    for label in (*(label for _k, label in SHOWN_FIELDS), "联络室"):
        column = FIELD_COLUMN[label]
        table.setColumnWidth(column, min(table.columnWidth(column), 220))


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
