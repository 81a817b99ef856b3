"""Opening a database on a server for the window: the password is asked only when libpq has
none of its own (PGPASSWORD, ~/.pgpass / %APPDATA%\\postgresql\\pgpass.conf), kept in memory
for this session only; a wrong one is said and asked again. Cancel, or a server that cannot be
reached, offers the local database file instead, or quitting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.db import Database
from app.db_server import ServerAddress, ServerConnectError, with_password
from app.errors import UserError
from app.storage import open_database
from app.ui.common.widgets import action_cancel_buttons, ask_either


class ServerDeclined(Exception):
    """The window does not open on the server: ``local`` says whether the clerk chose the
    local database file instead (else: quit; the clerk has been told why)."""

    def __init__(self, local: bool) -> None:
        super().__init__("local" if local else "quit")
        self.local = local


class PasswordDialog(QDialog):
    """输入数据库密码: the server and user name shown, the password typed unseen."""

    def __init__(self, parent: QWidget | None, server: ServerAddress, problem: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("password_dialog")
        self.setWindowTitle("连接数据库服务器")
        self.server_label = QLabel(f"{server.host}:{server.port}　数据库：{server.database}", self)
        self.server_label.setObjectName("server_label")
        self.user_label = QLabel(server.user or "（未填写）", self)
        self.user_label.setObjectName("user_label")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMinimumWidth(240)
        self.problem_label = QLabel(problem, self)
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(bool(problem))
        buttons, self.connect_button, self.cancel_button = action_cancel_buttons(
            self, "连接", "connect_button", self.accept
        )
        form = QFormLayout()
        form.addRow("服务器：", self.server_label)
        form.addRow("用户名：", self.user_label)
        form.addRow("密码：", self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("请输入连接数据库服务器的密码（密码不会保存）。", self))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.password_edit.setFocus()


def ask_password(parent: QWidget | None, server: ServerAddress, problem: str) -> str | None:
    """The typed password, or None when the clerk cancelled."""
    dialog = PasswordDialog(parent, server, problem)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password_edit.text()
    finally:
        dialog.deleteLater()


def offer_local_file(parent: QWidget | None, message: str) -> ServerDeclined:
    """Say why the server is not opened; the clerk picks the local file or quitting."""
    local = ask_either(
        parent,
        "server_declined_box",
        message,
        ("打开本机数据库文件", "local_file_button"),
        ("退出", "quit_button"),
        informative=f"可以改为打开本机的数据库文件（{paths.default_db_path()}），或退出程序。"
        "服务器恢复后，重新启动程序即可再连接服务器。",
        icon=QMessageBox.Icon.Warning,
    )
    return ServerDeclined(local=local)


def open_server_for_window(
    url: str, parent: QWidget | None = None, password: str | None = None
) -> Database:
    """Open the server database at ``url`` (no password in it) with ``password`` if given (just
    tested in 设置), else first without (libpq may find one itself); raises ServerDeclined when
    the clerk gives up (every known problem offers the local file instead)."""
    server = ServerAddress.from_url(url)
    while True:
        try:
            return open_database(with_password(url, password))
        except ServerConnectError as exc:
            if exc.kind != "login":
                raise offer_local_file(parent, exc.message) from exc
            problem = "" if password is None else "密码不对，请重新输入。"
            password = ask_password(parent, server, problem)
            if password is None:
                raise offer_local_file(parent, "没有连接数据库服务器（已取消输入密码）。") from exc
        except UserError as exc:  # e.g. a read-only account on a database not yet made
            raise offer_local_file(parent, exc.message) from exc  # never locked out of the window
