"""The keys a clerk presses from the main window: Ctrl+N opens a new record, Ctrl+S saves it,
Ctrl+P prints the page's register, the same on every page that has them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.services.receptions import log as receptions
from app.services.topics import pool as topics
from app.ui.shell.main_window import MainWindow
from tests.ui.ime_typing import type_text


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def _window_on(qtbot, ui_ctx, page_name: str):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.go_to(page_name)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, page


def _new_dialog(qtbot, window, page) -> QDialog:
    before = set(QApplication.topLevelWidgets())
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [dialog] = [
        w
        for w in QApplication.topLevelWidgets()
        if w not in before and isinstance(w, QDialog) and w.isVisible()
    ]
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_ctrl_n_then_ctrl_s_files_a_topic(qtbot, ui_ctx):
    window, page = _window_on(qtbot, ui_ctx, "topics_page")
    dialog = _new_dialog(qtbot, window, page)
    assert dialog.windowTitle() == "新建议题"
    type_text(dialog.title_edit, "小区门口积水")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert [t.title for t in topics.list_topics(ui_ctx.db)] == ["小区门口积水"]


def test_ctrl_n_then_ctrl_s_files_a_visit(qtbot, ui_ctx):
    window, page = _window_on(qtbot, ui_ctx, "receptions_page")
    dialog = _new_dialog(qtbot, window, page)
    assert dialog.windowTitle() == "新建接待记录"
    type_text(dialog.request_edit, "路灯不亮")
    qtbot.keyClick(dialog.request_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert [r.request for r in receptions.list_receptions(ui_ctx.db)] == ["路灯不亮"]


def test_ctrl_p_on_the_follow_up_board_prints_the_register(qtbot, ui_ctx):
    window, page = _window_on(qtbot, ui_ctx, "follow_ups_page")
    assert "Ctrl+P" in page.print_button.text()
    page.board_table.setFocus()
    qtbot.keyClick(page.board_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.findChild(QDialog, "register_preview_dialog") is not None)
    preview = page.findChild(QDialog, "register_preview_dialog")
    assert preview.isVisible()
    assert preview.windowTitle().startswith("打印预览")


def test_tab_walks_the_activity_editors_buttons_left_to_right(qtbot, ui_ctx):
    window, page = _window_on(qtbot, ui_ctx, "activities_page")
    editor = _new_dialog(qtbot, window, page)
    editor.signin_button.setFocus()
    walked = [QApplication.focusWidget().text()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget().text())
    assert walked == ["打印签到表", "会议纪要（Ctrl+P）", "保存（Ctrl+S）", "关闭"]
