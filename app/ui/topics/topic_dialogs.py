"""议题 dialogs: edit a topic, and move it to another status on a given date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.vocab import TOPIC_SOURCES, TOPIC_STATUSES
from app.services.activities import activity_list
from app.services.changes import Changes
from app.services.topics import pool as topics
from app.services.topics.pool import TopicDraft
from app.ui.common.actions import run_action
from app.ui.common.discard_guard import DiscardGuardDialog
from app.ui.common.read_only import show_as_others
from app.ui.common.widgets import save_cancel_buttons
from app.ui.shell.context import UiContext


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date_edit(parent: QWidget, name: str, value: date) -> QDateEdit:
    edit = QDateEdit(_qdate(value), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _choice_combo(parent: QWidget, name: str, empty: str, choices) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(empty, None)
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    return combo


class TopicEditorDialog(DiscardGuardDialog):
    """New or existing topic. Its status is changed with ``StatusChangeDialog`` (dated trail)."""

    def __init__(self, ctx: UiContext, topic_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("topic_editor_dialog")
        self.ctx = ctx
        self.draft = topics.get_topic(ctx.db, topic_id) if topic_id else TopicDraft()
        self.saved_id: int | None = None
        self.setWindowTitle("编辑议题" if topic_id else "新建议题")
        self.resize(560, 480)
        members = activity_list.member_choices(ctx.db)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title_edit")
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.description_edit.setObjectName("description_edit")
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("source_combo")
        self.source_combo.addItems(TOPIC_SOURCES)
        self.raised_by_edit = QLineEdit(self)
        self.raised_by_edit.setObjectName("raised_by_edit")
        self.raised_by_edit.setPlaceholderText("群众姓名、网格员、部门……")
        self.raised_by_member_combo = _choice_combo(
            self, "raised_by_member_combo", "（非委员）", members
        )
        self.raised_on_edit = _date_edit(self, "raised_on_edit", self.draft.raised_on)
        self.taken_by_combo = _choice_combo(self, "taken_by_combo", "（尚无委员接单）", members)
        self.room_combo = _choice_combo(
            self, "room_combo", "（未指定）", activity_list.room_choices(ctx.db)
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self._show(self.draft)
        self.buttons, self.save_button = save_cancel_buttons(self, self.save)
        form = QFormLayout()
        form.addRow("议题名称：", self.title_edit)
        form.addRow("内容说明：", self.description_edit)
        form.addRow("来源：", self.source_combo)
        form.addRow("提出人：", self.raised_by_edit)
        form.addRow("提出委员：", self.raised_by_member_combo)
        form.addRow("提出日期：", self.raised_on_edit)
        form.addRow("接单委员：", self.taken_by_combo)
        form.addRow("联络室：", self.room_combo)
        form.addRow("当前状态：", self.status_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if self.draft.origin:  # another unit's topic: read, not change
            show_as_others(
                self, self.draft.origin, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            )
        self.mark_clean()  # Escape on an edited dialog asks first (discard_guard)

    def _show(self, draft: TopicDraft) -> None:
        self.title_edit.setText(draft.title)
        self.description_edit.setPlainText(draft.description)
        self.source_combo.setCurrentText(draft.source)
        self.raised_by_edit.setText(draft.raised_by)
        self.raised_on_edit.setDate(_qdate(draft.raised_on))
        for combo, value in (
            (self.raised_by_member_combo, draft.raised_by_member_id),
            (self.taken_by_combo, draft.taken_by_member_id),
            (self.room_combo, draft.room_id),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.status_label.setText(draft.status)

    def reload(self) -> None:
        """The topic as stored now (another clerk saved it): the clerk's input is dropped."""
        if self.draft.id is not None:
            self.draft = topics.get_topic(self.ctx.db, self.draft.id)
            self._show(self.draft)
            self.mark_clean()

    def save(self) -> None:
        d = self.draft
        d.title = self.title_edit.text()
        d.description = self.description_edit.toPlainText()
        d.source = self.source_combo.currentText()
        d.raised_by = self.raised_by_edit.text()
        d.raised_by_member_id = self.raised_by_member_combo.currentData()
        d.raised_on = self.raised_on_edit.date().toPython()
        d.taken_by_member_id = self.taken_by_combo.currentData()
        d.room_id = self.room_combo.currentData()
        run_action(
            self,
            self.ctx,
            lambda: topics.save_topic(self.ctx.db, d),
            changes=Changes(topics=True),
            title="保存未完成",
            success=self._saved,
            reload=self.reload,
        )

    def _saved(self, topic_id: int) -> None:
        self.saved_id = topic_id
        self.accept()


class StatusChangeDialog(QDialog):
    """Move a topic to another status on a date; 不予立项 asks for the reason."""

    def __init__(self, ctx: UiContext, topic_id: int, current: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("status_change_dialog")
        self.ctx = ctx
        self.topic_id = topic_id
        self.setWindowTitle("更改议题状态")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("status_combo")
        self.status_combo.addItems([s for s in TOPIC_STATUSES if s != current])
        following = TOPIC_STATUSES.index(current) + 1 if current in TOPIC_STATUSES[:4] else 0
        self.status_combo.setCurrentText(TOPIC_STATUSES[following])
        self.date_edit = _date_edit(self, "date_edit", date.today())
        self.note_label = QLabel(self)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setFixedHeight(80)
        self.status_combo.currentTextChanged.connect(self._on_status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.ok_button.setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("当前状态：", QLabel(current, self))
        form.addRow("改为：", self.status_combo)
        form.addRow("日期：", self.date_edit)
        form.addRow(self.note_label, self.note_edit)
        form.addRow(self.buttons)
        self._on_status(self.status_combo.currentText())

    def _on_status(self, status: str) -> None:
        self.note_label.setText("不予立项理由（必填）：" if status == "不予立项" else "说明：")

    def apply(self) -> None:
        status, on = self.status_combo.currentText(), self.date_edit.date().toPython()
        note = self.note_edit.toPlainText()
        run_action(
            self,
            self.ctx,
            lambda: topics.change_status(self.ctx.db, self.topic_id, status, on, note),
            title="状态未更改",
            success=lambda _changes: self.accept(),
        )
