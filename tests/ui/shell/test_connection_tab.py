"""设置 → 数据库连接 as the clerk uses it: the server typed in, 测试连接 saying in Chinese what
happened, 保存 storing the choice (with its sslmode) and never the password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import make_url

from app.bug_log import scrub
from app.db_server import with_password
from app.ui.shell.connection_store import saved_server_url
from app.ui.shell.main_window import PAGES, MainWindow
from tests.ui.shell.conftest import Server

LEFT = Qt.MouseButton.LeftButton


def click_nav(qtbot, window: MainWindow, name: str):
    row = [n for _label, n, _f in PAGES].index(name)
    rect = window.nav_list.visualItemRect(window.nav_list.item(row))
    qtbot.mouseClick(window.nav_list.viewport(), LEFT, pos=rect.center())
    return window.pages[name]


def open_connection_tab(qtbot, window: MainWindow):
    tabs = click_nav(qtbot, window, "settings_page").tabs
    index = [tabs.tabText(i) for i in range(tabs.count())].index("数据库连接")
    qtbot.mouseClick(tabs.tabBar(), LEFT, pos=tabs.tabBar().tabRect(index).center())
    return tabs.widget(index)


def click_radio(qtbot, radio) -> None:
    """On its round mark: a radio button as wide as the tab takes no click right of its text."""
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))


def fill_server(qtbot, tab, host: str, port: int, database: str, user: str, ssl: str, pw: str):
    click_radio(qtbot, tab.server_radio)
    for edit, text in (
        (tab.host_edit, host),
        (tab.database_edit, database),
        (tab.user_edit, user),
        (tab.password_edit, pw),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    tab.port_spin.selectAll()
    qtbot.keyClicks(tab.port_spin, str(port))
    tab.sslmode_combo.setCurrentIndex(tab.sslmode_combo.findText(ssl))


@pytest.fixture
def window(qtbot, ui_ctx):
    win = MainWindow(ui_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    return win


def click_test(qtbot, tab) -> str:
    qtbot.mouseClick(tab.test_button, LEFT)
    qtbot.waitUntil(lambda: tab.test_button.isEnabled(), timeout=30_000)
    return tab.result_label.text()


def test_the_file_is_the_default_and_its_path_is_shown(qtbot, window, ui_ctx, app_home):
    tab = open_connection_tab(qtbot, window)
    assert tab.file_path_label.text() == str(app_home / "liaison.db")
    if ui_ctx.db.is_server:  # opened with --db postgresql://…: offered as it is, to be kept
        assert tab.server_radio.isChecked() and tab.server_group.isEnabled()
        assert tab.port_spin.value() == ui_ctx.db.url.port
        assert tab.host_edit.text() == ui_ctx.db.url.host
    else:
        assert tab.file_radio.isChecked() and not tab.server_group.isEnabled()
        assert tab.port_spin.value() == 5432
    assert tab.sslmode_combo.currentText() == "优先加密"
    assert tab.password_edit.echoMode() == tab.password_edit.EchoMode.Password


def test_saving_a_server_keeps_its_sslmode_and_no_password(qtbot, window, ui_ctx, clerk, tmp_path):
    tab = open_connection_tab(qtbot, window)
    fill_server(qtbot, tab, "192.168.1.10", 5433, "liaison", "liaison", "必须加密", "Mi-ma-8848")
    clerk.then(
        "reconnect_box", lambda box: box.findChild(QPushButton, "reconnect_later_button").click()
    )
    with qtbot.assertNotEmitted(window.reconnect):
        qtbot.mouseClick(tab.save_button, LEFT)
    assert clerk.done
    url = saved_server_url(ui_ctx.settings)
    assert url == "postgresql://liaison@192.168.1.10:5433/liaison?sslmode=require"
    text = Path(ui_ctx.settings.fileName()).read_text(encoding="utf-8")
    assert "sslmode=require" in text and "host=192.168.1.10" in text
    assert "Mi-ma-8848" not in text and "password" not in text.lower()
    assert tab.password_edit.text() == ""  # not left lying in the box either
    assert "以后启动时打开数据库服务器" in tab.result_label.text()

    # Back to the file: the server stays filled in for next time, the choice is the file.
    click_radio(qtbot, tab.file_radio)
    clerk.then(
        "reconnect_box", lambda box: box.findChild(QPushButton, "reconnect_now_button").click()
    )
    with qtbot.waitSignal(window.reconnect):
        qtbot.mouseClick(tab.save_button, LEFT)
    assert saved_server_url(ui_ctx.settings) is None
    again = MainWindow(ui_ctx)
    qtbot.addWidget(again)
    reopened = open_connection_tab(qtbot, again)
    assert reopened.file_radio.isChecked() and reopened.host_edit.text() == "192.168.1.10"
    assert reopened.sslmode_combo.currentText() == "必须加密"


def test_an_empty_box_is_named_and_nothing_is_saved(qtbot, window, ui_ctx):
    tab = open_connection_tab(qtbot, window)
    click_radio(qtbot, tab.server_radio)
    fill_server(qtbot, tab, "192.168.1.10", 5432, "", "liaison", "不加密", "")
    qtbot.mouseClick(tab.save_button, LEFT)
    assert tab.result_label.text() == "请填写数据库名。"
    assert saved_server_url(ui_ctx.settings) is None


def test_a_server_that_does_not_answer_is_said_in_chinese_with_its_address(
    qtbot, window, no_libpq_password
):
    tab = open_connection_tab(qtbot, window)
    fill_server(qtbot, tab, "127.0.0.1", 1, "liaison", "liaison", "不加密", "Mi-ma-8848")
    qtbot.keyClick(tab.password_edit, Qt.Key.Key_Return)  # Enter after the password tests too
    qtbot.waitUntil(lambda: "服务器连不上" in tab.result_label.text(), timeout=30_000)
    said = tab.result_label.text()
    assert said.startswith("服务器连不上") and "127.0.0.1:1" in said
    assert "Mi-ma-8848" not in said


def test_the_password_is_hidden_wherever_a_url_is_shown_or_logged():
    url = with_password("postgresql://liaison@192.168.1.10:5432/liaison?sslmode=require", "Mi-8848")
    assert url.password == "Mi-8848" and "Mi-8848" not in str(url) and "Mi-8848" not in repr(url)
    logged = scrub("connect to postgresql://liaison:Mi-8848@192.168.1.10/liaison failed")
    assert "Mi-8848" not in logged and "postgresql://liaison:***@192.168.1.10" in logged


# Against the real local test server (LIAISON_DESK_TEST_DB_URL; skipped without one).


def test_connection_test_says_what_happened_on_the_server(qtbot, window, server: Server):
    tab = open_connection_tab(qtbot, window)
    where = server.address
    fill_server(qtbot, tab, where.host, where.port, where.database, where.user, "不加密", "wrong")
    said = click_test(qtbot, tab)
    assert said.startswith("密码不对") and where.user in said

    tab.password_edit.clear()
    qtbot.keyClicks(tab.password_edit, server.password)
    assert click_test(qtbot, tab).endswith("服务器上有 1 名委员。")

    tab.database_edit.clear()
    qtbot.keyClicks(tab.database_edit, "no_such_db")
    said = click_test(qtbot, tab)
    assert said.startswith("数据库不存在") and "no_such_db" in said
    tab.database_edit.clear()
    qtbot.keyClicks(tab.database_edit, where.database)

    # The test server has no SSL: 必须加密 is refused in Chinese, not with a traceback.
    tab.sslmode_combo.setCurrentIndex(tab.sslmode_combo.findText("必须加密"))
    said = click_test(qtbot, tab)
    assert "不支持加密连接" in said and "sslmode" in said
    assert server.password not in said


def test_an_empty_database_on_the_server_is_made_at_first_open(
    qtbot, window, server_databases, no_libpq_password
):
    if server_databases is None:
        pytest.skip("no PostgreSQL server (LIAISON_DESK_TEST_DB_URL)")
    empty = server_databases.create(empty=True)
    try:
        url = make_url(empty)
        tab = open_connection_tab(qtbot, window)
        fill_server(
            qtbot, tab, url.host, url.port, url.database, url.username, "优先加密", url.password
        )
        assert "还是空的：保存后第一次打开时自动建表" in click_test(qtbot, tab)
    finally:
        server_databases.drop(empty)
