"""Long text cells (发言摘要, 协商意见, 办理结果) open an editor that shows all of the text:
Enter starts a new line, Ctrl+Enter finishes, the row grows; the record holds the text once."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.activities import editing as activities
from app.ui.activities.lines_table import LongTextEditor
from tests.ui.activities.editing import edit_cell, new_activity
from tests.ui.ime_typing import type_text

LINE_1 = "停车位不足，建议利用村委会后院空地增设三十个车位"
LINE_2 = "同时划定临时停车区，由网格员引导"


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def _type_two_lines(qtbot) -> LongTextEditor:
    editor = QApplication.focusWidget()
    assert isinstance(editor, LongTextEditor)
    type_text(editor, LINE_1)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end of the edit
    type_text(editor, LINE_2)
    assert editor.isVisible() and editor.toPlainText() == f"{LINE_1}\n{LINE_2}"
    cell_height = editor.parentWidget().parentWidget().verticalHeader().defaultSectionSize()
    cell_height = editor.parentWidget().parentWidget().verticalHeader().defaultSectionSize()
    assert editor.height() > 2 * cell_height  # opens taller than the row
    assert editor.verticalScrollBar().maximum() == 0  # all of the text in sight
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return editor


def test_speech_summary_on_two_lines_is_stored_once(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.speeches_tab)
    table = dialog.speeches_tab.speech_table
    qtbot.mouseClick(dialog.speeches_tab.lines.add_button, Qt.MouseButton.LeftButton)
    type_text(QApplication.focusWidget(), "张明")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # on to 发言摘要, editing
    _type_two_lines(qtbot)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), LongTextEditor))
    assert table.item(0, 1).text() == f"{LINE_1}\n{LINE_2}"
    one_line = table.verticalHeader().defaultSectionSize()
    assert table.rowHeight(0) > one_line  # the row grew to show both lines
    assert dialog.save()
    ui_ctx.db.dispose()
    stored = activities.get_activity(ui_ctx.db, dialog.activity_id)
    assert [(s.speaker, s.summary) for s in stored.speeches] == [("张明", f"{LINE_1}\n{LINE_2}")]


def test_opinion_and_follow_up_result_on_two_lines(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.opinions_tab)
    qtbot.mouseClick(dialog.opinions_tab.lines.add_button, Qt.MouseButton.LeftButton)
    _type_two_lines(qtbot)
    assert dialog.opinions_tab.opinion_table.item(0, 0).text() == f"{LINE_1}\n{LINE_2}"

    dialog.tabs.setCurrentWidget(dialog.follow_ups_tab)
    table = dialog.follow_ups_tab.follow_up_table
    qtbot.mouseClick(dialog.follow_ups_tab.from_opinions_button, Qt.MouseButton.LeftButton)
    QApplication.focusWidget().clearFocus()  # leave the 建议内容 editor the button opened
    edit_cell(qtbot, table, 0, 5)  # 办理结果
    _type_two_lines(qtbot)
    assert table.item(0, 5).text() == f"{LINE_1}\n{LINE_2}"
    assert dialog.save()
    ui_ctx.db.dispose()
    stored = activities.get_activity(ui_ctx.db, dialog.activity_id)
    assert [o.content for o in stored.opinions] == [f"{LINE_1}\n{LINE_2}"]
    assert [(f.content, f.result) for f in stored.follow_ups] == [
        (f"{LINE_1}\n{LINE_2}", f"{LINE_1}\n{LINE_2}")
    ]


def test_the_editor_grows_with_the_text(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.opinions_tab)
    qtbot.mouseClick(dialog.opinions_tab.lines.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    first = editor.height()
    type_text(editor, LINE_1 * 20)
    assert editor.height() > first
    assert editor.verticalScrollBar().maximum() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    table = dialog.opinions_tab.opinion_table
    assert table.item(0, 0).text() == LINE_1 * 20
    assert table.rowHeight(0) > 3 * table.verticalHeader().defaultSectionSize()


def test_escape_leaves_the_cell_as_it_was(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.opinions_tab)
    qtbot.mouseClick(dialog.opinions_tab.lines.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    type_text(editor, "草稿")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert dialog.opinions_tab.opinion_table.item(0, 0).text() == ""
