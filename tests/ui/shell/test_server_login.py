"""Start-up with a saved server connection, as the program runs it (GuiSession): the password is
asked only when libpq has none, a wrong one is said and asked again, 取消 or a server that does
not answer offers the local file; --db still wins; 设置 → 数据库连接 → 保存 reopens the window on
the server."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.db_server import ServerAddress
from app.ui.shell.connection_store import save_choice
from tests.ui.shell.conftest import SERVER_MEMBER, Server
from tests.ui.shell.test_connection_tab import click_nav, fill_server, open_connection_tab

LEFT = Qt.MouseButton.LeftButton
WAIT = 30_000


def opened(session) -> bool:
    return session.window is not None and session.window.ctx is not None


def type_password(qtbot, text: str, seen: list[str]):
    def act(dialog) -> None:
        seen.append(dialog.problem_label.text() if dialog.problem_label.isVisible() else "")
        assert (
            dialog.user_label.text()
            and dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
        )
        qtbot.keyClicks(dialog.password_edit, text)
        qtbot.mouseClick(dialog.connect_button, LEFT)

    return act


def press(name: str, told: list[str] | None = None):
    def act(box) -> None:
        if told is not None:
            told.append(f"{box.text()}\n{box.informativeText()}")
        box.findChild(QPushButton, name).click()

    return act


def shown_members(qtbot, window) -> list[str]:
    page = click_nav(qtbot, window, "members_page")
    model = page.member_table.model()
    return [
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def password_tripwire(qtbot, server: Server, asked: list[str]) -> QTimer:
    """Notes a password dialog that should not have come (and answers it, so the test fails on
    its assertion instead of hanging on the modal window)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "password_dialog":
            if not dialog.property("clerk_answered"):
                dialog.setProperty("clerk_answered", True)
                asked.append("password_dialog")
                type_password(qtbot, server.password, [])(dialog)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(look)
    timer.start()
    return timer


def open_settings_tested(qtbot, session, server: Server):
    """The program open on the local file; in 设置 → 数据库连接 the server typed in with its
    password and 测试连接 answered. Returns the window and the tab."""
    assert session.open(None)  # nothing saved: the local file
    qtbot.waitUntil(lambda: opened(session), timeout=WAIT)
    first = session.window
    assert not first.ctx.db.is_server
    tab = open_connection_tab(qtbot, first)
    where = server.address
    fill_server(
        qtbot, tab, where.host, where.port, where.database, where.user, "不加密", server.password
    )
    qtbot.mouseClick(tab.test_button, LEFT)
    qtbot.waitUntil(lambda: "名委员" in tab.result_label.text(), timeout=WAIT)
    assert tab.result_label.text().endswith("服务器上有 1 名委员。")
    return first, tab


def test_settings_tested_then_reconnect_uses_the_tested_password_once(
    qtbot, session, clerk, server: Server, home_settings
):
    first, tab = open_settings_tested(qtbot, session, server)
    where = server.address
    asked: list[str] = []
    tripwire = password_tripwire(qtbot, server, asked)
    clerk.then("reconnect_box", press("reconnect_now_button"))
    qtbot.mouseClick(tab.save_button, LEFT)
    qtbot.waitUntil(lambda: session.window is not first and opened(session), timeout=WAIT)
    tripwire.stop()
    assert clerk.done and asked == []  # the password just tested: not asked a second time

    window = session.window
    assert window.ctx.db.is_server and window.windowTitle().endswith(f"{where.database}（服务器）")
    assert SERVER_MEMBER in shown_members(qtbot, window)
    for shown in (window.windowTitle(), window.db_label.text(), window.ctx.db.label):
        assert server.password not in shown
    ini = Path(home_settings.fileName()).read_text(encoding="utf-8")
    assert "sslmode=disable" in ini and where.host in ini and where.database in ini
    assert server.password not in ini

    # the next start of the program asks again: the password was for that reconnect only
    session.close()
    problems: list[str] = []
    clerk.then("password_dialog", type_password(qtbot, server.password, problems))
    assert session.open(None)
    qtbot.waitUntil(lambda: opened(session), timeout=WAIT)
    assert clerk.done and problems == [""] and session.window.ctx.db.is_server


def test_a_password_changed_after_the_test_is_asked_at_reconnect(
    qtbot, session, clerk, server: Server, home_settings
):
    first, tab = open_settings_tested(qtbot, session, server)
    qtbot.keyClicks(tab.password_edit, "x")  # changed after the test: not the tested login

    problems: list[str] = []
    clerk.then("reconnect_box", press("reconnect_now_button"))
    clerk.then("password_dialog", type_password(qtbot, "wrong-password", problems))
    clerk.then("password_dialog", type_password(qtbot, server.password, problems))
    qtbot.mouseClick(tab.save_button, LEFT)
    qtbot.waitUntil(lambda: session.window is not first and opened(session), timeout=WAIT)
    assert clerk.done and problems == ["", "密码不对，请重新输入。"]
    assert SERVER_MEMBER in shown_members(qtbot, session.window)


def test_a_password_libpq_finds_itself_is_not_asked(
    qtbot, session, server: Server, home_settings, tmp_path, monkeypatch
):
    where = server.address
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(
        f"{where.host}:{where.port}:{where.database}:{where.user}:{server.password}\n"
    )
    os.chmod(pgpass, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    save_choice(home_settings, where)
    assert session.open(None)
    qtbot.waitUntil(
        lambda: opened(session), timeout=WAIT
    )  # no dialog: the clerk fixture would wait
    assert session.window.ctx.db.is_server


def test_cancel_offers_the_local_file_or_quitting(
    qtbot, session, clerk, server: Server, home_settings, monkeypatch
):
    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))
    save_choice(home_settings, server.address)
    told: list[str] = []
    clerk.then("password_dialog", lambda dialog: dialog.cancel_button.click())
    clerk.then("server_declined_box", press("quit_button", told))
    assert session.open(None)
    qtbot.waitUntil(lambda: codes == [2], timeout=WAIT)
    assert "已取消输入密码" in told[0] and "打开本机数据库文件" not in told[0].split("\n")[0]
    assert session.window.ctx is None


def test_a_server_that_does_not_answer_offers_the_local_file(
    qtbot, session, clerk, home_settings, app_home, no_libpq_password
):
    save_choice(
        home_settings, ServerAddress("127.0.0.1", "liaison", "liaison", port=1, sslmode="disable")
    )
    told: list[str] = []
    clerk.then("server_declined_box", press("local_file_button", told))
    assert session.open(None)
    qtbot.waitUntil(lambda: opened(session) and not session.window.ctx.db.is_server, timeout=WAIT)
    assert told[0].startswith("服务器连不上：“127.0.0.1:1”没有应答")
    assert str(app_home / "liaison.db") in told[0]
    assert session.window.ctx.db.path == app_home / "liaison.db"
    # The saved choice stays the server: the clerk only opened the file this time.
    settings = QSettings(home_settings.fileName(), QSettings.Format.IniFormat)
    assert settings.value("database/kind") == "server"


def test_db_on_the_command_line_wins_over_the_saved_server(qtbot, session, home_settings, tmp_path):
    save_choice(home_settings, ServerAddress("127.0.0.1", "liaison", "liaison", port=1))
    assert session.open(str(tmp_path / "镇.db"))
    qtbot.waitUntil(lambda: opened(session), timeout=WAIT)  # no message: the server is not tried
    assert session.window.ctx.db.path == tmp_path / "镇.db"
    assert session.window.windowTitle().endswith("镇.db")


def test_a_file_open_elsewhere_is_refused_with_a_message(session, tmp_path, monkeypatch):
    from app.instance_lock import InstanceLock

    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: told.append(text))
    other = InstanceLock(tmp_path / "镇.db")
    other.acquire()
    try:
        assert not session.open(str(tmp_path / "镇.db"))
    finally:
        other.release()
    assert told and session.window is None


def test_a_database_from_a_newer_program_offers_the_local_file(
    qtbot, session, clerk, server: Server, home_settings, app_home
):
    from tests import server_db

    with server_db._connect(server.url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    save_choice(home_settings, server.address)
    told: list[str] = []
    clerk.then("password_dialog", type_password(qtbot, server.password, []))
    clerk.then("server_declined_box", press("local_file_button", told))
    assert session.open(None)
    qtbot.waitUntil(lambda: opened(session), timeout=WAIT)
    assert "由更新版本的工作台创建" in told[0] and str(app_home / "liaison.db") in told[0]
    assert session.window.ctx.db.path == app_home / "liaison.db"


def test_sslmode_require_on_a_server_without_ssl_is_said_at_start_up(
    qtbot, session, clerk, server: Server, home_settings, monkeypatch
):
    from dataclasses import replace

    codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))
    save_choice(home_settings, replace(server.address, sslmode="require"))
    told: list[str] = []
    clerk.then("server_declined_box", press("quit_button", told))
    assert session.open(None)
    qtbot.waitUntil(lambda: codes == [2], timeout=WAIT)
    assert "不支持加密连接，而连接设置为必须加密（sslmode）" in told[0]
