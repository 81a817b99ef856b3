"""接待来访 record dialog: date, room, receiving members, resident, 诉求, category, handling."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.models.vocab import RECEPTION_CATEGORIES, RECEPTION_HANDLINGS
from app.services.activities import activity_list
from app.services.changes import Changes
from app.services.members.registry import list_members
from app.services.receptions import log as receptions
from app.services.receptions.log import ReceptionDraft
from app.ui.common.actions import run_action
from app.ui.common.discard_guard import DiscardGuardDialog
from app.ui.common.read_only import show_as_others
from app.ui.common.widgets import save_cancel_buttons
from app.ui.members.member_picker import MemberChecklist, pickable
from app.ui.shell.context import UiContext


class ReceptionEditorDialog(DiscardGuardDialog):
    def __init__(self, ctx: UiContext, reception_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reception_editor_dialog")
        self.ctx = ctx
        self.draft = (
            receptions.get_reception(ctx.db, reception_id) if reception_id else ReceptionDraft()
        )
        self.saved_id: int | None = None
        self.setWindowTitle("编辑接待记录" if reception_id else "新建接待记录")
        self.resize(560, 600)
        d = self.draft
        self.visit_on_edit = QDateEdit(self)
        self.visit_on_edit.setObjectName("visit_on_edit")
        self.visit_on_edit.setCalendarPopup(True)
        self.visit_on_edit.setDisplayFormat("yyyy-MM-dd")
        self.room_combo = QComboBox(self)
        self.room_combo.setObjectName("room_combo")
        self.room_combo.addItem("（未指定）", None)
        for room in activity_list.room_choices(ctx.db):
            self.room_combo.addItem(room.name, room.id)
        members = pickable(list_members(ctx.db), d.receiver_ids)
        self.receivers_checklist = MemberChecklist(members, d.receiver_ids, self)
        self.receivers_checklist.setObjectName("receivers_checklist")
        self.receivers_checklist.setMinimumHeight(150)
        self.room_combo.currentIndexChanged.connect(self._room_members_first)
        self.resident_name_edit = QLineEdit(self)
        self.resident_name_edit.setObjectName("resident_name_edit")
        self.resident_name_edit.setPlaceholderText("不愿留名可不填（记为匿名）")
        self.resident_contact_edit = QLineEdit(self)
        self.resident_contact_edit.setObjectName("resident_contact_edit")
        self.request_edit = QPlainTextEdit(self)
        self.request_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.request_edit.setObjectName("request_edit")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("category_combo")
        self.category_combo.addItems(["", *RECEPTION_CATEGORIES])
        self.handling_combo = QComboBox(self)
        self.handling_combo.setObjectName("handling_combo")
        self.handling_combo.addItems(["", *RECEPTION_HANDLINGS])
        self.result_edit = QPlainTextEdit(self)
        self.result_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.result_edit.setObjectName("result_edit")
        self.result_edit.setFixedHeight(70)
        self._show(d)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        form = QFormLayout()
        form.addRow("来访日期：", self.visit_on_edit)
        form.addRow("联络室：", self.room_combo)
        form.addRow("接待委员：", self.receivers_checklist)
        form.addRow("来访群众：", self.resident_name_edit)
        form.addRow("联系方式：", self.resident_contact_edit)
        form.addRow("诉求：", self.request_edit)
        form.addRow("类别：", self.category_combo)
        form.addRow("处理方式：", self.handling_combo)
        form.addRow("处理结果：", self.result_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if self.draft.origin:  # another unit's record: read, not change
            show_as_others(
                self, self.draft.origin, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            )
        self.mark_clean()  # Escape on an edited dialog asks first (discard_guard)

    def _show(self, d: ReceptionDraft) -> None:
        self.visit_on_edit.setDate(QDate(d.visit_on.year, d.visit_on.month, d.visit_on.day))
        self.room_combo.setCurrentIndex(max(self.room_combo.findData(d.room_id), 0))
        self.receivers_checklist.set_chosen(d.receiver_ids)
        self._room_members_first()
        self.resident_name_edit.setText(d.resident_name)
        self.resident_contact_edit.setText(d.resident_contact)
        self.request_edit.setPlainText(d.request)
        self.category_combo.setCurrentText(d.category)
        self.handling_combo.setCurrentText(d.handling)
        self.result_edit.setPlainText(d.result)

    def reload(self) -> None:
        """The record as stored now (another clerk saved it): the clerk's input is dropped."""
        if self.draft.id is not None:
            self.draft = receptions.get_reception(self.ctx.db, self.draft.id)
            self._show(self.draft)
            self.mark_clean()

    def _room_members_first(self, *_args: object) -> None:
        self.receivers_checklist.set_room_first(self.room_combo.currentData())

    def save(self) -> None:
        d = self.draft
        d.visit_on = self.visit_on_edit.date().toPython()
        d.room_id = self.room_combo.currentData()
        d.receiver_ids = list(self.receivers_checklist.chosen_ids())
        d.resident_name = self.resident_name_edit.text()
        d.resident_contact = self.resident_contact_edit.text()
        d.request = self.request_edit.toPlainText()
        d.category = self.category_combo.currentText()
        d.handling = self.handling_combo.currentText()
        d.result = self.result_edit.toPlainText()
        run_action(
            self,
            self.ctx,
            lambda: receptions.save_reception(self.ctx.db, d),
            changes=Changes(receptions=True),
            title="保存未完成",
            success=self._saved,
            reload=self.reload,
        )

    def _saved(self, reception_id: int) -> None:
        self.saved_id = reception_id
        self.accept()
