"""联络室 editor: type, address, 依托单位, convenors, 门牌, 上墙制度, targets and 驻室委员.
召集人 and 驻室委员 come from the shared member pickers (姓氏笔画, the room's members first)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import UserError, ValidationError
from app.models.vocab import ROOM_TYPES
from app.services.changes import Changes
from app.services.members.registry import list_members
from app.services.rooms import registry as room_service
from app.ui.common.actions import run_action
from app.ui.common.discard_guard import DiscardGuardDialog
from app.ui.common.read_only import show_as_others
from app.ui.common.widgets import line_edit
from app.ui.members.member_picker import MemberChecklist, MemberPicker, pickable
from app.ui.shell.context import UiContext


class RoomDialog(DiscardGuardDialog):
    def __init__(self, ctx: UiContext, room_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.room_id = room_id
        self.saved_id: int | None = None
        self.setObjectName("room_dialog")
        self.setWindowTitle("新建联络室" if room_id is None else "编辑联络室")
        self.resize(860, 600)
        room = room_service.get_room(ctx.db, room_id) if room_id is not None else None
        self.version = room.version if room is not None else None  # as read (0005)
        keep = (
            (*room.member_ids, room.first_convenor_member_id, room.second_convenor_member_id)
            if room
            else ()
        )
        members = pickable(list_members(ctx.db), keep)

        self.name_edit = line_edit(self, "name_edit", "如 青石村委员联络室")
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("type_combo")
        self.type_combo.addItems(list(ROOM_TYPES))
        self.type_combo.setCurrentText("村(社区)级")
        self.address_edit = line_edit(self, "address_edit")
        self.host_unit_edit = line_edit(self, "host_unit_edit", "如 青石村村民委员会")
        self.first_convenor_picker = MemberPicker(
            members, self, "如 张明；是委员时从列表中选择", free_text=True
        )
        self.first_convenor_picker.setObjectName("first_convenor_picker")
        self.first_convenor_title_edit = line_edit(
            self, "first_convenor_title_edit", "如 村党支部书记"
        )
        self.second_convenor_picker = MemberPicker(members, self)
        self.second_convenor_picker.setObjectName("second_convenor_picker")
        self.established_check = QCheckBox("已填写", self)
        self.established_check.setObjectName("established_check")
        self.established_edit = QDateEdit(QDate.currentDate(), self)
        self.established_edit.setObjectName("established_edit")
        self.established_edit.setCalendarPopup(True)
        self.established_edit.setDisplayFormat("yyyy-MM-dd")
        self.door_plate_edit = line_edit(self, "door_plate_edit", "门牌文字，如 青石镇委员联络室")
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

        self.member_checklist = MemberChecklist(members, (), self)
        self.member_checklist.setObjectName("member_checklist")
        self.member_checklist.changed.connect(self._members_changed)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c00000;")

        form = QFormLayout()
        form.addRow("名称 *：", self.name_edit)
        form.addRow("类型：", self.type_combo)
        form.addRow("地址：", self.address_edit)
        form.addRow("依托单位：", self.host_unit_edit)
        form.addRow("第一召集人：", self.first_convenor_picker)
        form.addRow("　职务：", self.first_convenor_title_edit)
        form.addRow("第二召集人（委员）：", self.second_convenor_picker)
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
        picker.addWidget(self.member_checklist, 1)
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
        self.established_check.toggled.connect(self.established_edit.setEnabled)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.established_edit.setEnabled(False)
        self.origin = ""
        if room is not None:
            self._load(room)
            self.origin = room.origin
        if self.origin:  # another unit's room: read, not change
            show_as_others(self, self.origin, self.cancel_button)
        self.mark_clean()  # Escape on an edited dialog asks first (discard_guard)

    def _members_changed(self) -> None:
        """The room's members (as ticked) come first in the 召集人 lists."""
        chosen = self.member_checklist.chosen_ids()
        for picker in (self.first_convenor_picker, self.second_convenor_picker):
            picker.model.set_first(chosen)

    def _load(self, room: room_service.RoomRow) -> None:
        self.name_edit.setText(room.name)
        self.type_combo.setCurrentText(room.room_type)
        self.address_edit.setText(room.address or "")
        self.host_unit_edit.setText(room.host_unit or "")
        self.first_convenor_picker.set_member(room.first_convenor_member_id)
        if room.first_convenor_member_id is None:
            self.first_convenor_picker.setText(room.first_convenor_name or "")
        self.first_convenor_title_edit.setText(room.first_convenor_title or "")
        self.second_convenor_picker.set_member(room.second_convenor_member_id)
        if room.established_on:
            self.established_check.setChecked(True)
            d = room.established_on
            self.established_edit.setDate(QDate(d.year, d.month, d.day))
        self.door_plate_edit.setText(room.door_plate or "")
        self.wall_rules_edit.setPlainText(room.wall_rules or "")
        self.target_consultations_spin.setValue(room.target_consultations_per_year)
        self.target_receptions_spin.setValue(room.target_receptions_per_month)
        self.member_checklist.set_chosen(room.member_ids)
        self.member_checklist.model.set_first(room.member_ids)

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
            first_convenor_name=self.first_convenor_picker.text(),
            first_convenor_title=self.first_convenor_title_edit.text(),
            first_convenor_member_id=self.first_convenor_picker.member_id(),
            second_convenor_member_id=self._second_convenor_id(),
            established_on=established,
            door_plate=self.door_plate_edit.text(),
            wall_rules=self.wall_rules_edit.toPlainText(),
            target_consultations_per_year=self.target_consultations_spin.value(),
            target_receptions_per_month=self.target_receptions_spin.value(),
            member_ids=self.member_checklist.chosen_ids(),
        )

    def _second_convenor_id(self) -> int | None:
        """The 第二召集人 is a member: a name no member (or two members) has is refused."""
        picker = self.second_convenor_picker
        text = picker.text().strip()
        if not text or picker.member_id() is not None:
            return picker.member_id()
        twins = len(picker.model.named(text)) > 1
        why = (
            f"有 {len(picker.model.named(text))} 位委员名叫“{text}”"
            if twins
            else f"“{text}”不在委员名单中"
        )
        raise ValidationError(f"第二召集人：{why}，请从列表中选择。", field="second_convenor")

    def save(self) -> None:
        if self.origin:  # Ctrl+S on another unit's room: nothing to store
            return
        run_action(
            self,
            self.ctx,
            lambda: room_service.save_room(
                self.ctx.db, self.room_id, self.room_input(), self.version
            ),
            changes=Changes(rooms=True),
            success=self._saved,
            handle_user_error=self._show_beside_field,
            reload=self.reload,
        )

    def reload(self) -> None:
        """The room as stored now (another clerk saved it): the clerk's input is dropped."""
        if self.room_id is not None:
            room = room_service.get_room(self.ctx.db, self.room_id)
            self._load(room)
            self.version = room.version
            self.mark_clean()

    def _saved(self, room_id: int) -> None:
        self.saved_id = room_id
        self.accept()

    def _show_beside_field(self, exc: UserError) -> bool:
        if not isinstance(exc, ValidationError):
            return False
        self.error_label.setText(exc.message)
        if exc.field == "name":
            self.name_edit.setFocus()
        elif exc.field == "second_convenor":
            self.second_convenor_picker.setFocus()
        return True
