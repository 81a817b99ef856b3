"""The one member picker every dialog uses (接待委员, 添加委员, 驻室委员, 召集人).

Members come in 姓氏笔画 order (``list_members``), the room's own members first; each entry shows
姓名 · 界别 · 单位 so that two 张伟 can be told apart; typing searches names, pinyin initials
(wlh), full pinyin, 界别 and 单位 as the 委员 page does. ``MemberChecklist`` ticks several,
``MemberPicker`` is one field: type, pick from the list that opens, done."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.services.members.registry import MemberRow
from app.services.members.stroke_order import matches
from app.ui.common.qt_compat import rows_filter_change

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole


def member_label(m: MemberRow) -> str:
    """姓名 · 界别 · 单位 (what tells two 张伟 apart)."""
    return " · ".join(part for part in (m.name, m.sector or "未填界别", m.work_unit) if part)


def pickable(members: Iterable[MemberRow], keep: Iterable[int | None] = ()) -> list[MemberRow]:
    """Serving members, plus former ones the record already names (``keep``)."""
    kept = set(keep)
    return [m for m in members if m.status == "在任" or m.id in kept]


class MemberPickModel(QAbstractListModel):
    """Members in 姓氏笔画 order, those of one room first; optionally with a checkbox each."""

    def __init__(
        self,
        members: Sequence[MemberRow],
        chosen: Sequence[int] = (),
        parent: QWidget | None = None,
        *,
        checkable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._all = list(members)  # 姓氏笔画 order as handed in
        self._members = list(self._all)
        self._chosen = set(chosen)
        self._checkable = checkable

    def set_first(self, member_ids: Iterable[int]) -> None:
        """Put these members (a room's) first, each group still in 姓氏笔画 order."""
        first = set(member_ids)
        self.beginResetModel()
        self._members = [m for m in self._all if m.id in first]
        self._members += [m for m in self._all if m.id not in first]
        self.endResetModel()

    def room_members(self, room_id: int | None) -> list[int]:
        return [m.id for m in self._all if room_id is not None and room_id in m.room_ids]

    def set_chosen(self, member_ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._chosen = set(member_ids)
        self.endResetModel()

    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(m.id for m in self._all if m.id in self._chosen)

    def member(self, row: int) -> MemberRow:
        return self._members[row]

    def by_id(self, member_id: int) -> MemberRow | None:
        return next((m for m in self._all if m.id == member_id), None)

    def named(self, name: str) -> list[MemberRow]:
        name = "".join(name.split())
        return [m for m in self._all if m.name == name]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._members[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return member_label(m)
        if role == MEMBER_ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "、".join(m.room_names) or "未加入联络室"
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            return Qt.CheckState.Checked if m.id in self._chosen else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not self._checkable:
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        member_id = self._members[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(member_id)
        else:
            self._chosen.discard(member_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class MemberSearchProxy(QSortFilterProxyModel):
    """Filters by name, pinyin initials or full pinyin, 界别 or 单位."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, text: str) -> None:
        with rows_filter_change(self):
            self.query = "".join(text.split())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, MemberPickModel) or not self.query:
            return True
        m = model.member(source_row)
        q = self.query
        return matches(m.name, q) or q in (m.work_unit or "") or q in (m.sector or "")


class MemberChecklist(QWidget):
    """A search box over a checkable member list, with “已选 N 名” under it."""

    changed = Signal()

    def __init__(
        self,
        members: Sequence[MemberRow],
        chosen: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = MemberPickModel(members, chosen, self)
        self.proxy = MemberSearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText("搜索姓名、拼音首字母（如 wlh）、界别或单位")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_query)
        self.member_list = QListView(self)
        self.member_list.setObjectName("member_list")
        self.member_list.setModel(self.proxy)
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("chosen_label")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.member_list, 1)
        layout.addWidget(self.chosen_label)
        self.model.dataChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        self.chosen_label.setText(f"已选 {len(self.model.chosen_ids())} 名")
        self.changed.emit()

    def chosen_ids(self) -> tuple[int, ...]:
        return self.model.chosen_ids()

    def field_value(self) -> tuple[int, ...]:
        """What an edited dialog compares (discard_guard): the ticks, not the search text."""
        return self.chosen_ids()

    def set_chosen(self, member_ids: Sequence[int]) -> None:
        self.model.set_chosen(member_ids)

    def set_room_first(self, room_id: int | None) -> None:
        self.model.set_first(self.model.room_members(room_id))

    def shown_labels(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]


class MemberPicker(QLineEdit):
    """One field for one member: typing opens the matching members, a pick (click or Enter)
    fills in the name. A name typed without picking still counts when exactly one member has
    it; anything else stays plain text (a 第一召集人 need not be a member)."""

    member_picked = Signal(int)  # a member chosen: from the list, or typed and Enter
    chosen_from_list = Signal(int)  # from the list only (a cell editor then closes itself)

    def __init__(
        self,
        members: Sequence[MemberRow],
        parent: QWidget | None = None,
        placeholder: str = "",
        *,
        free_text: bool = False,
    ) -> None:
        super().__init__(parent)
        self.free_text = free_text
        self.model = MemberPickModel(members, parent=self, checkable=False)
        self.proxy = MemberSearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self._picked: MemberRow | None = None
        self.setPlaceholderText(placeholder or "输入姓名或拼音首字母，从列表中选择")
        self.setClearButtonEnabled(True)
        self.picker_completer = QCompleter(self.proxy, self)
        self.picker_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.picker_completer.setWidget(self)
        self.picker_completer.setMaxVisibleItems(12)
        self.picker_completer.activated[QModelIndex].connect(self._choose_from_list)
        self.textEdited.connect(self._search)
        self.returnPressed.connect(self._pick_first)

    def _search(self, text: str) -> None:
        self.proxy.set_query(text)
        if text.strip() and self.proxy.rowCount():
            self.picker_completer.complete()
        else:
            self.picker_completer.popup().hide()

    def _choose_from_list(self, index: QModelIndex) -> None:
        self._pick_index(index)
        if self._picked is not None:
            self.chosen_from_list.emit(self._picked.id)

    def _pick_index(self, index: QModelIndex) -> None:
        member_id = index.data(MEMBER_ID_ROLE)
        if member_id is not None:
            self.set_member(member_id)
            self.member_picked.emit(member_id)

    def _pick_first(self) -> None:
        """Enter with the list closed: the member typed, else (unless plain text is allowed,
        as for a 第一召集人) the first match."""
        popup = self.picker_completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the list has a row chosen: the completer picks it (Return reaches us first)
        current = self.member_id()
        if current is not None:
            self.member_picked.emit(current)
        elif not self.free_text and self.text().strip() and self.proxy.rowCount():
            self._pick_index(self.proxy.index(0, 0))

    def set_member(self, member_id: int | None) -> None:
        self._picked = self.model.by_id(member_id) if member_id is not None else None
        self.setText(self._picked.name if self._picked else "")
        self.picker_completer.popup().hide()

    def set_room_first(self, room_id: int | None) -> None:
        self.model.set_first(self.model.room_members(room_id))

    def member_id(self) -> int | None:
        """The picked member while the text is still their name, else the one member with
        exactly this name, else None."""
        text = "".join(self.text().split())
        if self._picked is not None and self._picked.name == text:
            return self._picked.id
        same = self.model.named(text) if text else []
        return same[0].id if len(same) == 1 else None

    def shown_labels(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]
