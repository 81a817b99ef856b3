"""联络室 editor: type, address, 依托单位, convenors, 门牌, 上墙制度, targets and 驻室委员
(a searchable multi-select)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.models.vocab import ROOM_TYPES
from app.services.changes import Changes
from app.services.members.registry import list_members
from app.services.rooms import registry as room_service
from app.ui.common.actions import run_action
from app.ui.common.discard_guard import DiscardGuardDialog
from app.ui.common.read_only import show_as_others
from app.ui.rooms.room_models import MemberPickModel, MemberSearchProxy
from app.ui.shell.context import UiContext

NO_MEMBER = "（不是委员／未指定）"


def _line(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class RoomDialog(DiscardGuardDialog):
    def __init__(self, ctx: UiContext, room_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id = room_id
        self.saved_id: int | None = None
        self.setObjectName("room_dialog")
        self.setWindowTitle("新建联络室" if room_id is None else "编辑联络室")
        self.resize(860, 600)
        members = list_members(ctx.db)
        self._member_ids = [m.id for m in members]

        self.name_edit = _line(self, "name_edit", "如 青石村委员联络室")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("type_combo")
        self.type_combo.addItems(list(ROOM_TYPES))
        self.type_combo.setCurrentText("村(社区)级")
        self.address_edit = _line(self, "address_edit")
        self.host_unit_edit = _line(self, "host_unit_edit", "如 青石村村民委员会")
        self.first_convenor_member_combo = QComboBox(self)
        self.first_convenor_member_combo.setObjectName("first_convenor_member_combo")
        self.second_convenor_combo = QComboBox(self)
        self.second_convenor_combo.setObjectName("second_convenor_combo")
        for combo in (self.first_convenor_member_combo, self.second_convenor_combo):
            combo.addItem(NO_MEMBER, None)
            for m in members:
                combo.addItem(f"{m.name}（{m.sector or ''}）", m.id)
        self.first_convenor_name_edit = _line(
            self, "first_convenor_name_edit", "如 张明（村党支部书记）"
        )
        self.first_convenor_title_edit = _line(self, "first_convenor_title_edit", "如 村党支部书记")
        self.established_check = QCheckBox("已填写", self)
        self.established_check.setObjectName("established_check")
        self.established_edit = QDateEdit(QDate.currentDate(), self)
        self.established_edit.setObjectName("established_edit")
        self.established_edit.setCalendarPopup(True)
        self.established_edit.setDisplayFormat("yyyy-MM-dd")
        self.door_plate_edit = _line(self, "door_plate_edit", "门牌文字，如 青石镇委员联络室")
        self.wall_rules_edit = QPlainTextEdit(self)
        self.wall_rules_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.wall_rules_edit.setObjectName("wall_rules_edit")
        self.wall_rules_edit.setPlaceholderText("上墙制度，一行一项")
        self.wall_rules_edit.setFixedHeight(70)
        self.target_consultations_spin = QSpinBox(self)
        self.target_consultations_spin.setObjectName("target_consultations_spin")
        self.target_consultations_spin.setRange(0, 99)
        self.target_consultations_spin.setValue(3)
        self.target_receptions_spin = QSpinBox(self)
        self.target_receptions_spin.setObjectName("target_receptions_spin")
        self.target_receptions_spin.setRange(0, 31)
        self.target_receptions_spin.setValue(2)

        self.pick_model = MemberPickModel(members, (), self)
        self.pick_proxy = MemberSearchProxy(self)
        self.pick_proxy.setSourceModel(self.pick_model)
        self.member_search_edit = _line(self, "member_search_edit", "搜索姓名或拼音首字母")
        self.member_search_edit.setClearButtonEnabled(True)
        self.member_search_edit.textChanged.connect(self.pick_proxy.set_query)
        self.member_list = QListView(self)
        self.member_list.setObjectName("member_list")
        self.member_list.setModel(self.pick_proxy)
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("chosen_label")
        self.pick_model.dataChanged.connect(self._update_chosen)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c00000;")

        form = QFormLayout()
        form.addRow("名称 *：", self.name_edit)
        form.addRow("类型：", self.type_combo)
        form.addRow("地址：", self.address_edit)
        form.addRow("依托单位：", self.host_unit_edit)
        form.addRow("第一召集人：", self.first_convenor_name_edit)
        form.addRow("　职务：", self.first_convenor_title_edit)
        form.addRow("　（如是委员）：", self.first_convenor_member_combo)
        form.addRow("第二召集人（委员）：", self.second_convenor_combo)
        established = QHBoxLayout()
        established.addWidget(self.established_check)
        established.addWidget(self.established_edit, 1)
        form.addRow("成立日期：", established)
        form.addRow("门牌：", self.door_plate_edit)
        form.addRow("上墙制度：", self.wall_rules_edit)
        form.addRow("每年协商（次）：", self.target_consultations_spin)
        form.addRow("每月接待日（天）：", self.target_receptions_spin)
        picker = QVBoxLayout()
        picker.addWidget(QLabel("<b>驻室委员</b>（勾选；可多选）", self))
        picker.addWidget(self.member_search_edit)
        picker.addWidget(self.member_list, 1)
        picker.addWidget(self.chosen_label)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(picker, 2)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_button")
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancel_button")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.first_convenor_member_combo.currentIndexChanged.connect(self._first_from_member)
        self.established_check.toggled.connect(self.established_edit.setEnabled)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.established_edit.setEnabled(False)
        self.origin = ""
        if room_id is not None:
            room = room_service.get_room(ctx.db, room_id)
            self._load(room)
            self.origin = room.origin
        self._update_chosen()
        if self.origin:  # another unit's room: read, not change
            show_as_others(self, self.origin, self.cancel_button)
        self.mark_clean()  # Escape on an edited dialog asks first (discard_guard)

    def _first_from_member(self, index: int) -> None:
        member_id = self.first_convenor_member_combo.itemData(index)
        if member_id is not None:
            text = self.first_convenor_member_combo.itemText(index)
            self.first_convenor_name_edit.setText(text.split("（")[0])

    def _update_chosen(self, *_args: object) -> None:
        self.chosen_label.setText(f"已选 {len(self.pick_model.chosen_ids())} 名")

    def _select(self, combo: QComboBox, member_id: int | None) -> None:
        index = combo.findData(member_id) if member_id is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _load(self, room: room_service.RoomRow) -> None:
        self.name_edit.setText(room.name)
        self.type_combo.setCurrentText(room.room_type)
        self.address_edit.setText(room.address or "")
        self.host_unit_edit.setText(room.host_unit or "")
        self._select(self.first_convenor_member_combo, room.first_convenor_member_id)
        self.first_convenor_name_edit.setText(room.first_convenor_name or "")
        self.first_convenor_title_edit.setText(room.first_convenor_title or "")
        self._select(self.second_convenor_combo, room.second_convenor_member_id)
        if room.established_on:
            self.established_check.setChecked(True)
            d = room.established_on
            self.established_edit.setDate(QDate(d.year, d.month, d.day))
        self.door_plate_edit.setText(room.door_plate or "")
        self.wall_rules_edit.setPlainText(room.wall_rules or "")
        self.target_consultations_spin.setValue(room.target_consultations_per_year)
        self.target_receptions_spin.setValue(room.target_receptions_per_month)
        self.pick_model.set_chosen(room.member_ids)

    def set_member_checked(self, member_id: int, checked: bool) -> None:
        """Tick a member in the list (what a click on its checkbox does)."""
        row = self._member_ids.index(member_id)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.pick_model.setData(
            self.pick_model.index(row), state.value, Qt.ItemDataRole.CheckStateRole
        )

    def room_input(self) -> room_service.RoomInput:
        established = None
        if self.established_check.isChecked():
            d = self.established_edit.date()
            established = date(d.year(), d.month(), d.day())
        return room_service.RoomInput(
            name=self.name_edit.text(),
            room_type=self.type_combo.currentText(),
            address=self.address_edit.text(),
            host_unit=self.host_unit_edit.text(),
            first_convenor_name=self.first_convenor_name_edit.text(),
            first_convenor_title=self.first_convenor_title_edit.text(),
            first_convenor_member_id=self.first_convenor_member_combo.currentData(),
            second_convenor_member_id=self.second_convenor_combo.currentData(),
            established_on=established,
            door_plate=self.door_plate_edit.text(),
            wall_rules=self.wall_rules_edit.toPlainText(),
            target_consultations_per_year=self.target_consultations_spin.value(),
            target_receptions_per_month=self.target_receptions_spin.value(),
            member_ids=self.pick_model.chosen_ids(),
        )

    def save(self) -> None:
        if self.origin:  # Ctrl+S on another unit's room: nothing to store
            return
        run_action(
            self,
            self.ctx,
            lambda: room_service.save_room(self.ctx.db, self.room_id, self.room_input()),
            changes=Changes(rooms=True),
            success=self._saved,
            handle_user_error=self._show_beside_field,
        )

    def _saved(self, room_id: int) -> None:
        self.saved_id = room_id
        self.accept()

    def _show_beside_field(self, exc: UserError) -> bool:
        if not isinstance(exc, ValidationError):
            return False
        self.error_label.setText(exc.message)
        if exc.field == "name":
            self.name_edit.setFocus()
        return True
