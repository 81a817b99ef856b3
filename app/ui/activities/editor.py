"""履职活动 editor: 基本信息 / 参加人员 / 方案与调研 / 发言记录 / 协商意见 / 成果办理 / 附件.

The dialog keeps the whole record in its widgets and hands one ``ActivityDraft`` to the service
on 保存 (Ctrl+S); when the save fails the error is shown and every typed line stays put.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.vocab import ACTIVITY_FORMS, ACTIVITY_STATUSES, ACTIVITY_TYPES, VENUE_KINDS
from app.services.activities import activity_list
from app.services.activities import editing as activities
from app.services.activities.consultation_steps import compute_steps, is_consultation
from app.services.activities.records import ActivityDraft
from app.services.members.registry import list_members
from app.ui.activities.attachments_tab import AttachmentsTab
from app.ui.activities.attendance_tab import AttendanceTab
from app.ui.activities.follow_ups_tab import FollowUpsTab
from app.ui.activities.opinions_tab import OpinionsTab
from app.ui.activities.plan_tab import PlanTab
from app.ui.activities.speeches_tab import SpeechesTab
from app.ui.activities.steps_bar import StepsIndicator
from app.ui.common.actions import FAILED, run_action
from app.ui.common.read_only import make_read_only
from app.ui.common.widgets import line_edit
from app.ui.documents.previews import open_minutes_preview, print_signin_sheet
from app.ui.members.member_picker import pickable
from app.ui.shell.context import UiContext


def _combo(parent: QWidget, name: str, items: tuple[str, ...]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItems(items)
    return combo


class BasicTab(QWidget):
    """基本信息: type, name, room, topic, time, place, form, 主持人, 记录人, status."""

    changed = Signal()
    room_chosen = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activity_type_combo = _combo(self, "activity_type_combo", ACTIVITY_TYPES)
        self.title_edit = line_edit(
            self, "title_edit", "如：关于解决青石小区停车难问题的协商议事会"
        )
        self.room_combo = QComboBox(self)
        self.room_combo.setObjectName("room_combo")
        self.room_combo.addItem("（未指定）", None)
        for choice in activity_list.room_choices(ctx.db):
            self.room_combo.addItem(choice.name, choice.id)
        self.topic_combo = QComboBox(self)
        self.topic_combo.setObjectName("topic_combo")
        self.topic_combo.addItem("（不关联议题）", None)
        for choice in activity_list.topic_choices(ctx.db):
            self.topic_combo.addItem(choice.name, choice.id)
        self.start_edit = QDateTimeEdit(self)
        self.start_edit.setObjectName("start_edit")
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.end_check = QCheckBox("结束时间", self)
        self.end_check.setObjectName("end_check")
        self.end_edit = QTimeEdit(self)
        self.end_edit.setObjectName("end_edit")
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.place_edit = line_edit(self, "place_edit")
        self.form_combo = _combo(self, "form_combo", ACTIVITY_FORMS)
        self.venue_combo = _combo(self, "venue_combo", VENUE_KINDS)
        self.host_edit = line_edit(self, "host_edit")
        self.recorder_edit = line_edit(self, "recorder_edit")
        self.status_combo = _combo(self, "status_combo", ACTIVITY_STATUSES)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.summary_edit.setObjectName("summary_edit")
        self.summary_edit.setPlaceholderText("活动情况与成效（写入活动台账）")

        when = QHBoxLayout()
        when.addWidget(self.start_edit)
        when.addWidget(self.end_check)
        when.addWidget(self.end_edit)
        when.addStretch(1)
        form_row = QHBoxLayout()
        form_row.addWidget(self.form_combo)
        form_row.addWidget(self.venue_combo)
        form_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("活动类型：", self.activity_type_combo)
        form.addRow("活动名称：", self.title_edit)
        form.addRow("联络室：", self.room_combo)
        form.addRow("议题：", self.topic_combo)
        form.addRow("时间：", when)
        form.addRow("地点：", self.place_edit)
        form.addRow("形式：", form_row)
        form.addRow("主持人：", self.host_edit)
        form.addRow("记录人：", self.recorder_edit)
        form.addRow("状态：", self.status_combo)
        form.addRow("活动情况：", self.summary_edit)

        self.topic_combo.currentIndexChanged.connect(self._on_topic)
        changing = (self.activity_type_combo, self.status_combo, self.form_combo, self.venue_combo)
        for combo in changing:
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for edit in (self.title_edit, self.place_edit, self.host_edit, self.recorder_edit):
            edit.textEdited.connect(lambda _t: self.changed.emit())
        self.summary_edit.textChanged.connect(self.changed)
        self.start_edit.dateTimeChanged.connect(lambda _d: self.changed.emit())
        self.end_check.toggled.connect(lambda _c: self.changed.emit())
        self.end_edit.timeChanged.connect(lambda _t: self.changed.emit())
        self.room_combo.currentIndexChanged.connect(self._on_room)

    def _on_topic(self, _index: int) -> None:
        """A meeting on a topic is usually named after it: fill an empty 活动名称."""
        if self.topic_combo.currentData() is not None and not self.title_edit.text().strip():
            self.title_edit.setText(self.topic_combo.currentText())
        self.changed.emit()

    def _on_room(self, _index: int) -> None:
        room_id = self.room_combo.currentData()
        if room_id is not None:
            self.room_chosen.emit(room_id)
        self.changed.emit()

    def load(self, draft: ActivityDraft) -> None:
        self.blockSignals(True)
        self.activity_type_combo.setCurrentText(draft.activity_type)
        self.title_edit.setText(draft.title)
        self.room_combo.blockSignals(True)
        self.room_combo.setCurrentIndex(max(self.room_combo.findData(draft.room_id), 0))
        self.room_combo.blockSignals(False)
        self.topic_combo.setCurrentIndex(max(self.topic_combo.findData(draft.topic_id), 0))
        self.start_edit.setDateTime(QDateTime(draft.start_at))
        self.end_check.setChecked(draft.end_at is not None)
        self.end_edit.setEnabled(draft.end_at is not None)
        if draft.end_at is not None:
            self.end_edit.setTime(QTime(draft.end_at.hour, draft.end_at.minute))
        self.place_edit.setText(draft.place)
        self.form_combo.setCurrentText(draft.form)
        self.venue_combo.setCurrentText(draft.venue_kind)
        self.host_edit.setText(draft.host)
        self.recorder_edit.setText(draft.recorder)
        self.status_combo.setCurrentText(draft.status)
        self.summary_edit.setPlainText(draft.summary)
        self.blockSignals(False)

    def collect(self, draft: ActivityDraft) -> None:
        draft.activity_type = self.activity_type_combo.currentText()
        draft.title = self.title_edit.text()
        draft.room_id = self.room_combo.currentData()
        draft.topic_id = self.topic_combo.currentData()
        start: datetime = self.start_edit.dateTime().toPython().replace(second=0, microsecond=0)
        draft.start_at = start
        end = self.end_edit.time()
        draft.end_at = (
            start.replace(hour=end.hour(), minute=end.minute())
            if self.end_check.isChecked()
            else None
        )
        draft.place = self.place_edit.text()
        draft.form = self.form_combo.currentText()
        draft.venue_kind = self.venue_combo.currentText()
        draft.host = self.host_edit.text()
        draft.recorder = self.recorder_edit.text()
        draft.status = self.status_combo.currentText()
        draft.summary = self.summary_edit.toPlainText()


class ActivityEditorDialog(QDialog):
    """Open with an id to edit, or without to plan a new activity (``draft`` gives defaults)."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        activity_id: int | None = None,
        parent: QWidget | None = None,
        draft: ActivityDraft | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activity_editor_dialog")
        self.ctx = ctx
        self.resize(980, 720)
        self._draft = activities.get_activity(ctx.db, activity_id) if activity_id else None
        self._draft = self._draft or draft or ActivityDraft()
        self.dirty = False

        self.steps_indicator = StepsIndicator(self)
        self.steps_indicator.setObjectName("steps_indicator")
        self.basic_tab = BasicTab(ctx, self)
        members = pickable(list_members(ctx.db))
        self.attendance_tab = AttendanceTab(members, self)
        self.plan_tab = PlanTab(self)
        self.speeches_tab = SpeechesTab(members, self)
        self.opinions_tab = OpinionsTab(self)
        self.follow_ups_tab = FollowUpsTab(self.opinions_tab, self)
        self.attachments_tab = AttachmentsTab(self, ctx.settings)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self._sections = (
            ("基本信息", self.basic_tab),
            ("参加人员", self.attendance_tab),
            ("方案与调研", self.plan_tab),
            ("发言记录", self.speeches_tab),
            ("协商意见", self.opinions_tab),
            ("成果办理", self.follow_ups_tab),
            ("附件", self.attachments_tab),
        )
        for title, tab in self._sections:
            self.tabs.addTab(tab, title)
            tab.changed.connect(self._on_changed)
        self.basic_tab.room_chosen.connect(self._fill_room_members)
        self.basic_tab.room_chosen.connect(self.attendance_tab.set_room_first)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.signin_button = QPushButton("打印签到表", self)
        self.signin_button.setObjectName("signin_button")
        self.signin_button.clicked.connect(self.print_signin)
        self.minutes_button = QPushButton("会议纪要（Ctrl+P）", self)
        self.minutes_button.setObjectName("minutes_button")
        self.minutes_button.setToolTip("按本活动记录生成会议纪要，可修改、打印或保存为 Word")
        self.minutes_button.clicked.connect(self.open_minutes)
        # Made in the order they stand, so Tab walks them left to right.
        self.save_button = QPushButton("保存（Ctrl+S）", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("关闭", self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.close)
        print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        print_shortcut.activated.connect(self.print_minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.signin_button)
        buttons.addWidget(self.minutes_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.steps_indicator)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self._load(self._draft)
        if self._draft.id is None and self._draft.room_id and not self._draft.attendances:
            self._fill_room_members(self._draft.room_id)
        if self._draft.origin:  # another unit's record: read, print, not change
            for _title, tab in self._sections:
                make_read_only(tab)
            self.save_button.setEnabled(False)
            self.status_label.setText(f"{self._draft.origin}：只能查看和打印，不能修改。")
            self.setWindowTitle(f"{self.windowTitle()}（{self._draft.origin}，只读）")

    @property
    def activity_id(self) -> int | None:
        return self._draft.id

    def _load(self, draft: ActivityDraft) -> None:
        self._draft = draft
        for _title, tab in self._sections:
            tab.load(draft)
        self.setWindowTitle(f"履职活动 — {draft.title}" if draft.id else "新建履职活动")
        self.dirty = False
        self._refresh_steps()

    def collect(self) -> ActivityDraft:
        """The record as the widgets show it (may raise ValidationError for a bad date)."""
        draft = ActivityDraft(
            id=self._draft.id,
            version=self._draft.version,
            follow_up_versions=self._draft.follow_up_versions,
            speeches=list(self._draft.speeches),
            fill_room_members=False,
        )
        for _title, tab in self._sections:
            tab.collect(draft)
        return draft

    def _fill_room_members(self, room_id: int) -> None:
        added = self.attendance_tab.add_roster(activities.room_roster(self.ctx.db, room_id))
        if added:
            self.status_label.setText(f"已按联络室填入 {added} 名驻室委员。")

    def _on_changed(self) -> None:
        self.dirty = True
        self._refresh_steps()

    def _refresh_steps(self) -> None:
        consultation = is_consultation(self.basic_tab.activity_type_combo.currentText())
        self.steps_indicator.setVisible(consultation)
        if not consultation:
            return
        try:
            draft = self.collect()
        except UserError:
            return  # a half-typed date: keep the last picture until it parses
        self.steps_indicator.show_progress(compute_steps(draft))

    def save(self) -> bool:
        """Store the input; on failure it stays in the dialog, marked 未保存."""
        if self._draft.origin:  # Ctrl+S on another unit's record: nothing to store
            return False
        stored = run_action(
            self,
            self.ctx,
            self._store,
            changes=activities.SAVE_CHANGES,
            title="保存未完成",
            failed=lambda: self.status_label.setText("未保存。"),
            reload=self.reload,
        )
        if stored is FAILED:
            return False
        self._load(stored)
        self.status_label.setText(f"已保存（{datetime.now():%H:%M}）。")
        self.saved.emit(stored.id)
        return True

    def reload(self) -> None:  # another clerk saved it: their record replaces the input
        self._load(activities.get_activity(self.ctx.db, self._draft.id or 0))
        self.status_label.setText(f"已重新载入（{datetime.now():%H:%M}）：显示的是最新内容。")

    def _store(self) -> ActivityDraft:
        activity_id = activities.save_activity(self.ctx.db, self.collect())
        return activities.get_activity(self.ctx.db, activity_id)

    def _stored_id(self) -> int | None:
        """The id of the record as stored, saving unsaved input first (documents read the DB)."""
        if (self.dirty or self.activity_id is None) and not self.save():
            return None
        return self.activity_id

    def print_signin(self) -> QWidget | None:
        activity_id = self._stored_id()
        return None if activity_id is None else print_signin_sheet(self, self.ctx, activity_id)

    def open_minutes(self) -> QWidget | None:
        activity_id = self._stored_id()
        return None if activity_id is None else open_minutes_preview(self, self.ctx, activity_id)

    def print_minutes(self) -> QWidget | None:
        """Ctrl+P: the print preview of the 会议纪要 (over its editable preview)."""
        minutes = self.open_minutes()
        return None if minutes is None else minutes.show_print_preview()

    def _may_close(self) -> bool:
        """Ask about unsaved input; False keeps the dialog open."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "尚未保存",
            "本活动有未保存的修改，是否保存？",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        self.dirty = False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:
        if self._may_close():
            super().reject()
