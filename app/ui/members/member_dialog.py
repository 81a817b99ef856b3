"""The add/edit dialog of one 委员. Checks are the service's; messages show in the dialog."""

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
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.models.vocab import GENDERS, MEMBER_LEVELS, MEMBER_STATUSES, POLITICAL_STATUSES
from app.services.changes import Changes
from app.services.members import registry as member_service
from app.services.members.fields import format_birth_month
from app.services.members.sectors import sector_names
from app.ui.common.actions import run_action
from app.ui.common.discard_guard import DiscardGuardDialog
from app.ui.common.read_only import show_as_others
from app.ui.shell.context import UiContext


def _combo(parent: QWidget, name: str, items: tuple[str, ...] | list[str], editable=False):
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItems(list(items))
    combo.setEditable(editable)
    return combo


class MemberDialog(DiscardGuardDialog):
    """``member_id`` None adds a member. After ``accept()``, ``saved_id`` is the stored id."""

    def __init__(self, ctx: UiContext, member_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self.saved_id: int | None = None
        self.setObjectName("member_dialog")
        self.setWindowTitle("新增委员" if member_id is None else "编辑委员")

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.gender_combo = _combo(self, "gender_combo", ("", *GENDERS))
        self.ethnicity_edit = QLineEdit("汉族", self)
        self.ethnicity_edit.setObjectName("ethnicity_edit")
        self.birth_month_edit = QLineEdit(self)
        self.birth_month_edit.setObjectName("birth_month_edit")
        self.birth_month_edit.setPlaceholderText("如 1975.03")
        self.political_combo = _combo(self, "political_combo", ("", *POLITICAL_STATUSES), True)
        self.sector_combo = _combo(self, "sector_combo", ["", *sector_names(ctx.db)])
        self.level_combo = _combo(self, "level_combo", MEMBER_LEVELS)
        self.standing_check = QCheckBox("常委", self)
        self.standing_check.setObjectName("standing_check")
        self.term_edit = QLineEdit(self)
        self.term_edit.setObjectName("term_edit")
        self.term_edit.setPlaceholderText("如 十五届")
        self.work_unit_edit = QLineEdit(self)
        self.work_unit_edit.setObjectName("work_unit_edit")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phone_edit")
        self.phone_edit.setPlaceholderText("手机或固话，如 13800001001 / 0551-12345678")
        self.expertise_edit = QLineEdit(self)
        self.expertise_edit.setObjectName("expertise_edit")
        # Room for a whole 工作单位及职务 (县农业农村局高级农艺师 and the like) and the phone hint.
        metrics = self.fontMetrics()
        wide = 24 + max(
            metrics.horizontalAdvance("县农业农村局高级农艺师兼办公室主任"),
            metrics.horizontalAdvance(self.phone_edit.placeholderText()),
        )
        for edit in (self.term_edit, self.work_unit_edit, self.phone_edit, self.expertise_edit):
            edit.setMinimumWidth(wide)
        self.status_combo = _combo(self, "status_combo", MEMBER_STATUSES)
        self.left_on_edit = QDateEdit(QDate.currentDate(), self)
        self.left_on_edit.setObjectName("left_on_edit")
        self.left_on_edit.setCalendarPopup(True)
        self.left_on_edit.setDisplayFormat("yyyy-MM-dd")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setFixedHeight(60)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c00000;")
        self.error_label.setWordWrap(True)

        grid = QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow("姓名 *：", self.name_edit)
        left.addRow("性别：", self.gender_combo)
        left.addRow("民族：", self.ethnicity_edit)
        left.addRow("出生年月：", self.birth_month_edit)
        left.addRow("政治面貌：", self.political_combo)
        left.addRow("界别 *：", self.sector_combo)
        left.addRow("委员层级 *：", self.level_combo)
        right.addRow("", self.standing_check)
        right.addRow("届次：", self.term_edit)
        right.addRow("工作单位及职务：", self.work_unit_edit)
        right.addRow("联系电话：", self.phone_edit)
        right.addRow("专长：", self.expertise_edit)
        right.addRow("状态：", self.status_combo)
        right.addRow("离任日期：", self.left_on_edit)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancel_button")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(QLabel("备注：", self))
        layout.addWidget(self.note_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.status_combo.currentTextChanged.connect(self._status_changed)
        self.origin = ""
        self.version: int | None = None  # as read: a save after another clerk's is refused
        if member_id is not None:
            member = member_service.get_member(ctx.db, member_id)
            self._load(member)
            self.origin = member.origin
            self.version = member.version
        self._status_changed(self.status_combo.currentText())
        if self.origin:  # another unit's member: read, not change
            show_as_others(self, self.origin, self.cancel_button)
        self.mark_clean()  # Escape on an edited dialog asks first (discard_guard)

    def _status_changed(self, status: str) -> None:
        self.left_on_edit.setEnabled(status == "离任")

    def _load(self, m: member_service.MemberRow) -> None:
        self.name_edit.setText(m.name)
        self.gender_combo.setCurrentText(m.gender or "")
        self.ethnicity_edit.setText(m.ethnicity or "")
        self.birth_month_edit.setText(format_birth_month(m.birth_month))
        self.political_combo.setCurrentText(m.political_status or "")
        if m.sector and self.sector_combo.findText(m.sector) < 0:
            self.sector_combo.addItem(m.sector)
        self.sector_combo.setCurrentText(m.sector or "")
        self.level_combo.setCurrentText(m.level)
        self.standing_check.setChecked(m.is_standing)
        self.term_edit.setText(m.term or "")
        self.work_unit_edit.setText(m.work_unit or "")
        self.phone_edit.setText(m.phone or "")
        self.expertise_edit.setText(m.expertise or "")
        self.status_combo.setCurrentText(m.status)
        if m.left_on:
            self.left_on_edit.setDate(QDate(m.left_on.year, m.left_on.month, m.left_on.day))
        self.note_edit.setPlainText(m.note or "")

    def member_input(self) -> member_service.MemberInput:
        left = self.left_on_edit.date()
        return member_service.MemberInput(
            name=self.name_edit.text(),
            sector=self.sector_combo.currentText(),
            gender=self.gender_combo.currentText() or None,
            ethnicity=self.ethnicity_edit.text(),
            birth_month=self.birth_month_edit.text() or None,
            political_status=self.political_combo.currentText(),
            level=self.level_combo.currentText(),
            is_standing=self.standing_check.isChecked(),
            term=self.term_edit.text(),
            work_unit=self.work_unit_edit.text(),
            phone=self.phone_edit.text(),
            expertise=self.expertise_edit.text(),
            status=self.status_combo.currentText(),
            left_on=date(left.year(), left.month(), left.day()),
            note=self.note_edit.toPlainText(),
        )

    def _field_widget(self, field: str | None) -> QWidget | None:
        return {
            "name": self.name_edit,
            "sector": self.sector_combo,
            "phone": self.phone_edit,
            "birth_month": self.birth_month_edit,
            "gender": self.gender_combo,
            "level": self.level_combo,
            "left_on": self.left_on_edit,
        }.get(field or "")

    def save(self) -> None:
        if self.origin:  # Ctrl+S on another unit's member: nothing to store
            return
        run_action(
            self,
            self.ctx,
            self._store,
            changes=Changes(members=True),
            success=self._saved,
            handle_user_error=self._show_beside_field,
            reload=self.reload,
        )

    def reload(self) -> None:
        """The member as stored now (another clerk saved it): the clerk's input is dropped."""
        if self.member_id is not None:
            member = member_service.get_member(self.ctx.db, self.member_id)
            self._load(member)
            self.version = member.version
            self.mark_clean()

    def _store(self) -> int:
        data = self.member_input()
        if self.member_id is None:
            return member_service.create_member(self.ctx.db, data)
        member_service.update_member(self.ctx.db, self.member_id, data, self.version)
        return self.member_id

    def _saved(self, member_id: int) -> None:
        self.saved_id = member_id
        self.accept()

    def _show_beside_field(self, exc: UserError) -> bool:
        if not isinstance(exc, ValidationError):
            return False
        self.error_label.setText(exc.message)
        widget = self._field_widget(exc.field)
        if widget is not None:
            widget.setFocus()
        return True
