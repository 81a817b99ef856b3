"""Qt model of the 联络室 page: the room table (with the checklist, ticks editable). The room
editor's member lists are the shared pickers (app/ui/members/member_picker.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.services.members.stroke_order import matches
from app.services.rooms.registry import RoomRow
from app.ui.common.qt_compat import rows_filter_change
from app.ui.common.table_model import NumberedProxy

Index = QModelIndex | QPersistentModelIndex
BASE_COLUMNS = (
    "名称",
    "类型",
    "第一召集人",
    "第二召集人",
    "驻室委员",
    "本年活动",
    "协商/目标",
    "达标",
)
OK, MISSING = "✓", "✗"


class RoomTableModel(QAbstractTableModel):
    """Rooms, then one column per checklist item. Hand-ticked items are checkboxes; ticking
    one emits ``tick_requested`` (the page stores it), computed ones show ✓ / ✗."""

    tick_requested = Signal(int, int, bool)  # room id, checklist item id, checked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RoomRow] = []
        self._items: list[tuple[int, str, bool]] = []  # (item id, name, computed)

    def set_rows(self, rows: Sequence[RoomRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        first = self._rows[0].checklist if self._rows else ()
        self._items = [(c.item_id, c.name, c.computed) for c in first]
        self.endResetModel()

    def room(self, row: int) -> RoomRow:
        return self._rows[row]

    def row_of(self, room_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == room_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BASE_COLUMNS) + len(self._items)

    def _base(self, room: RoomRow, column: int) -> Any:
        unit = room.origin.removeprefix("来自")
        return (
            f"{room.name}（{unit}）"
            if unit and not room.name.endswith(f"（{unit}）")
            else room.name,
            room.room_type,
            room.first_convenor,
            room.second_convenor,
            room.member_count,
            room.activities_this_year,
            f"{room.consultations_this_year}/{room.target_consultations_per_year}",
            f"{room.checklist_done}/{len(room.checklist)}",
        )[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        room = self._rows[index.row()]
        column = index.column()
        if column < len(BASE_COLUMNS):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
                return self._base(room, column)
            if role == Qt.ItemDataRole.ForegroundRole and column == 6:
                short = room.consultations_this_year < room.target_consultations_per_year
                return QBrush(QColor("#c00000" if short else "#007000"))
            if role == Qt.ItemDataRole.ToolTipRole and column == 4:
                return "、".join(room.member_names) or "暂无驻室委员"
            if role == Qt.ItemDataRole.ToolTipRole and column == 0 and room.origin:
                return f"{room.origin}，只能查看"
            return None
        state = room.checklist[column - len(BASE_COLUMNS)]
        if state.computed:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
                return OK if state.done else MISSING
            if role == Qt.ItemDataRole.ToolTipRole:
                return "由数据自动判断"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#007000" if state.done else "#c00000"))
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if state.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return OK if state.done else MISSING
        if role == Qt.ItemDataRole.ToolTipRole:
            return "手动勾选"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() >= len(BASE_COLUMNS):
            if not self._items[index.column() - len(BASE_COLUMNS)][2]:
                return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        column = index.column() - len(BASE_COLUMNS)
        if column < 0 or self._items[column][2]:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.tick_requested.emit(self._rows[index.row()].id, self._items[column][0], checked)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if section < len(BASE_COLUMNS):
            return BASE_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        if section - len(BASE_COLUMNS) >= len(self._items):
            return None
        _id, name, computed = self._items[section - len(BASE_COLUMNS)]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "由数据自动判断" if computed else "手动勾选"
        return None


class RoomFilterProxy(NumberedProxy):
    """The filter box of the 联络室 page: a room shows when every word typed is in its name,
    type, address, 依托单位, a convenor's name or a 驻室委员's name (or that name's pinyin
    initials), so “青石 张伟” finds the 青石 rooms 张伟 sits in."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_query(self, text: str) -> None:
        with rows_filter_change(self):
            self.words = text.split()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self.words or not isinstance(model, RoomTableModel):
            return True
        room = model.room(source_row)
        shown = " ".join(
            (
                room.name,
                room.room_type,
                room.address or "",
                room.host_unit or "",
                room.first_convenor,
                room.second_convenor,
            )
        )
        people = (room.first_convenor, room.second_convenor, *room.member_names)
        return all(
            word in shown or any(name and matches(name, word) for name in people)
            for word in self.words
        )
