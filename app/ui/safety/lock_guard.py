"""The idle lock: after the set idle time with no mouse or keyboard input, the window's content
is hidden behind a password dialog. It does not encrypt anything (the 密码锁 tab says so)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.safety import app_lock
from app.ui.shell.context import UiContext

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockDialog(QDialog):
    """Asks for the password; the window stays hidden until it is right. 退出程序 closes the app."""

    def __init__(self, ctx: UiContext, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lock_dialog")
        self.setWindowTitle("工作台已锁定")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("请输入密码")
        self.message_label = QLabel("", self)
        self.message_label.setObjectName("message_label")
        self.message_label.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton("解锁", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.quit_button = buttons.addButton("退出程序", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quit_button")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("为保护委员信息，工作台已锁定。请输入密码解锁。", self))
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)

    def try_unlock(self) -> None:
        if app_lock.verify(self.ctx.db, self.password_edit.text()):
            self.accept()
            return
        self.password_edit.clear()
        self.message_label.setText("密码不正确，请重新输入。")

    def keyPressEvent(self, event) -> None:  # Esc must not unlock
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


class LockCover(QWidget):
    """An opaque sheet over another open window (an editor, a preview) while locked: its input
    stays untouched underneath, only hidden from view."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        label = QLabel("工作台已锁定", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(target.rect())
        target.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False


class IdleLockGuard(QObject):
    """Watches all user input of the application and locks ``window`` when idle too long."""

    def __init__(self, window: QMainWindow, ctx: UiContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.dialog: LockDialog | None = None
        self.covers: list[LockCover] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        QApplication.instance().installEventFilter(self)
        ctx.bus.data_changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        """Read the lock settings again (after 密码锁 was changed or a restore)."""
        self.settings = app_lock.lock_settings(self.ctx.db)
        if self.settings.enabled and self.dialog is None:
            self.timer.start(self.settings.idle_minutes * 60_000)
        else:
            self.timer.stop()

    def _on_changed(self, changes: Changes, _source: object) -> None:
        if changes.security:
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start(self.settings.idle_minutes * 60_000)
        return False

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock_if_enabled(self) -> None:
        if self.settings.enabled:
            self.lock_now()

    def lock_now(self) -> None:
        if self.dialog is not None or not self.settings.enabled:
            return
        self.timer.stop()
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(False)
        others = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not self.window and w.isWindow() and not isinstance(w, QMenu)
        ]
        self.covers = [LockCover(w) for w in others]
        modal = QApplication.activeModalWidget()
        self.dialog = LockDialog(self.ctx, self.window if modal is None else modal)
        self.dialog.finished.connect(self._on_finished)
        self.dialog.open()

    def _on_finished(self, result: int) -> None:
        self.dialog.deleteLater()
        self.dialog = None
        for cover in self.covers:
            cover.parentWidget().removeEventFilter(cover)
            cover.deleteLater()
        self.covers = []
        if result != QDialog.DialogCode.Accepted:
            self.window.close()
            QApplication.instance().quit()
            return
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(True)
        self.reload()

    def detach(self) -> None:
        QApplication.instance().removeEventFilter(self)
