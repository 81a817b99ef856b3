"""设置 → 本机操作人: the name the clerk gives is what the 操作日志 and another clerk's
conflict message show for this computer's saves, and the window starts with it next time."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt

from app.services import audit
from app.services.members import registry as members
from app.ui.shell.main_window import MainWindow
from tests.ui.ime_typing import type_text


def test_the_clerks_name_is_logged_with_their_saves(qtbot, ui_ctx):
    first = MainWindow(ui_ctx)
    qtbot.addWidget(first)
    first.show()
    page = first.go_to("settings_page")
    bar = page.tabs.tabBar()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(titles.index("本机操作人")).center()
    )
    tab = page.tabs.currentWidget()
    assert tab.clerk_name_edit.isVisible()
    computer = platform.node()
    assert tab.actor_label.text().endswith(f"（{computer}）")  # the login name until one is given
    type_text(tab.clerk_name_edit, "王芳")
    qtbot.keyClick(tab.clerk_name_edit, Qt.Key.Key_Return)
    assert tab.actor_label.text() == f"王芳（{computer}）"

    members.create_member(ui_ctx.db, members.MemberInput(name="周秀英", sector="农工党"))
    [entry] = audit.list_entries(ui_ctx.db, table="member")
    assert (entry.actor, entry.action) == (f"王芳（{computer}）", "新增")

    ui_ctx.db.actor = "someone else"
    window = MainWindow(ui_ctx)  # the next start: the name is remembered on this computer
    qtbot.addWidget(window)
    assert ui_ctx.db.actor == f"王芳（{computer}）"
