"""设置 → 密码锁: set, change or remove the window's password and its idle time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.changes import Changes
from app.services.safety import app_lock
from app.ui.common.actions import FAILED, run_action
from app.ui.shell.context import UiContext


def _password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaximumWidth(280)
    return edit


class LockTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status_label = QLabel("", self)
        self.status_label.setObjectName("status_label")
        self.note_label = QLabel(app_lock.NOT_ENCRYPTED_NOTE, self)
        self.note_label.setObjectName("note_label")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #8a4b00")
        self.current_edit = _password_edit(self, "current_edit")
        self.password_edit = _password_edit(self, "password_edit")
        self.confirm_edit = _password_edit(self, "confirm_edit")
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("idle_spin")
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(" 分钟")
        self.idle_spin.setMaximumWidth(120)
        self.save_button = QPushButton("保存密码锁设置", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("取消密码锁", self)
        self.remove_button.setObjectName("remove_button")
        self.remove_button.clicked.connect(self.remove)

        form = QFormLayout()
        form.addRow("当前密码：", self.current_edit)
        form.addRow("新密码：", self.password_edit)
        form.addRow("再次输入新密码：", self.confirm_edit)
        form.addRow("无操作后自动锁定：", self.idle_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.note_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        state = app_lock.lock_settings(self.ctx.db)
        self.enabled = state.enabled
        self.status_label.setText(
            f"密码锁已启用：{state.idle_minutes} 分钟无操作后锁定窗口。"
            if state.enabled
            else "未设置密码锁。"
        )
        self.current_edit.setEnabled(state.enabled)
        self.remove_button.setEnabled(state.enabled)
        self.idle_spin.setValue(state.idle_minutes)

    def save(self) -> None:
        """Set or change the password (the current one is asked when a lock exists); with the
        new-password fields empty, only the idle time changes."""
        if run_action(self, self.ctx, self._store, title="密码锁设置未保存") is FAILED:
            return
        for edit in (self.current_edit, self.password_edit, self.confirm_edit):
            edit.clear()
        self.refresh()

    def _store(self) -> Changes:
        if self.enabled and not app_lock.verify(self.ctx.db, self.current_edit.text()):
            raise UserError("当前密码不正确，设置未保存。")
        if self.password_edit.text() or not self.enabled:
            return app_lock.set_password(
                self.ctx.db,
                self.password_edit.text(),
                self.confirm_edit.text(),
                self.idle_spin.value(),
            )
        return app_lock.set_idle_minutes(self.ctx.db, self.idle_spin.value())

    def remove(self) -> None:
        current = self.current_edit.text()
        removed = run_action(
            self,
            self.ctx,
            lambda: app_lock.clear_password(self.ctx.db, current),
            title="密码锁未取消",
        )
        if removed is FAILED:
            return
        self.current_edit.clear()
        self.refresh()
