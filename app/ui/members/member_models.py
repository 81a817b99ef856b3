"""Qt models of the 委员 page: the member table and its search/filter proxy. No database code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.services.members.fields import format_birth_month
from app.services.members.registry import MemberRow
from app.services.members.stroke_order import matches
from app.ui.common.qt_compat import rows_filter_change
from app.ui.common.table_model import ListTableModel, NumberedProxy

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, Callable[[MemberRow], Any]], ...] = (
    ("姓名", lambda m: m.name),
    ("性别", lambda m: m.gender or ""),
    ("出生年月", lambda m: format_birth_month(m.birth_month)),
    ("界别", lambda m: m.sector or ""),
    ("委员层级", lambda m: m.level),
    ("常委", lambda m: "是" if m.is_standing else ""),
    ("工作单位及职务", lambda m: m.work_unit or ""),
    ("联系电话", lambda m: m.phone or ""),
    ("联络室", lambda m: "、".join(m.room_names)),
    ("状态", lambda m: m.status),
    ("来源", lambda m: m.origin.removeprefix("来自")),
)
NAME_COLUMN = 0
ORIGIN_COLUMN = len(COLUMNS) - 1
ALL = "全部"
OWN_UNIT = "本单位"  # the 来源 filter's choice of our own members


class MemberTableModel(ListTableModel):
    """Rows of ``MemberRow``. Sorting the 姓名 column uses the 姓氏笔画 rank (UserRole)."""

    headers = tuple(title for title, _value in COLUMNS)

    def member(self, row: int) -> MemberRow:
        return self._rows[row]

    def row_of(self, member_id: int) -> int | None:
        return next((i for i, m in enumerate(self._rows) if m.id == member_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](member)
        if role == Qt.ItemDataRole.UserRole:
            if index.column() == NAME_COLUMN:
                return member.stroke_rank
            return COLUMNS[index.column()][1](member)
        if role == Qt.ItemDataRole.ForegroundRole and member.status == "离任":
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == NAME_COLUMN:
            return f"{member.name}（{member.full_pinyin}）"
        return None


class MemberFilterProxy(NumberedProxy):
    """Search by name, pinyin initials, unit or phone, plus 界别 / 层级 / 联络室 / 状态 filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = ""
        self.sector = ALL
        self.level = ALL
        self.room = ALL
        self.status = ALL
        self.origin = ALL  # 来源: 本单位 or a township's name
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filters(self, **values: str) -> None:
        with rows_filter_change(self):
            for key, value in values.items():
                setattr(self, key, value)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, MemberTableModel):
            return True
        m = model.member(source_row)
        if self.sector != ALL and m.sector != self.sector:
            return False
        if self.level != ALL and m.level != self.level:
            return False
        if self.room != ALL and self.room not in m.room_names:
            return False
        if self.status != ALL and m.status != self.status:
            return False
        if self.origin != ALL and (m.origin.removeprefix("来自") or OWN_UNIT) != self.origin:
            return False
        query = self.query.strip()
        if not query:
            return True
        return matches(m.name, query) or query in (m.work_unit or "") or query in (m.phone or "")
