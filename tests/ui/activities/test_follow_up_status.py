"""The 成果办理 tab proposes the next status as the clerk fills the row in (the service's rule),
and the 督办 board shows the status the service stored."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QMessageBox

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.ui.activities.lines_table import LongTextEditor
from app.ui.follow_ups.follow_up_page import FollowUpPage
from tests.ui.activities.editing import edit_cell, new_activity
from tests.ui.ime_typing import type_text

TODAY = date.today()


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def test_filling_unit_and_date_then_result_and_feedback_moves_the_status(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.follow_ups_tab)
    table = dialog.follow_ups_tab.follow_up_table
    qtbot.mouseClick(dialog.follow_ups_tab.lines.add_button, Qt.MouseButton.LeftButton)
    type_text(QApplication.focusWidget(), "增设停车位")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # on to 承办单位
    type_text(QApplication.focusWidget(), "县交通运输局")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # on to 交办日期
    assert table.item(0, 4).text() == "待交办"
    date_editor = QApplication.focusWidget()
    assert isinstance(date_editor, QDateEdit)
    qtbot.keyClick(date_editor, Qt.Key.Key_Return)  # today's date
    qtbot.waitUntil(lambda: table.item(0, 2).text() == TODAY.isoformat())
    assert table.item(0, 4).text() == "办理中"

    result = edit_cell(qtbot, table, 0, 5)
    type_text(result, "已在村委会后院增设 30 个车位")
    qtbot.keyClick(result, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert table.item(0, 4).text() == "办理中"  # no 反馈日期 yet
    feedback = edit_cell(qtbot, table, 0, 6)
    assert isinstance(feedback, QDateEdit)
    qtbot.keyClick(feedback, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 6).text() == TODAY.isoformat())
    assert table.item(0, 4).text() == "已办结"

    assert dialog.save()
    ui_ctx.db.dispose()
    [item] = activities.get_activity(ui_ctx.db, dialog.activity_id).follow_ups
    assert (item.handling_unit, item.assigned_on, item.status) == ("县交通运输局", TODAY, "已办结")


def test_board_edit_of_the_assignment_date_shows_in_progress(qtbot, ui_ctx):
    activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
    assert page.model.index(0, 7).data() == "待交办"
    view = page.board_table
    view.setFocus()
    view.setCurrentIndex(page.proxy.index(0, 6))  # 交办日期
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QDateEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.index(0, 7).data() == "办理中")
    view.setCurrentIndex(page.proxy.index(0, 8))  # 办理结果: the long-text editor here too
    qtbot.keyClick(view, Qt.Key.Key_F2)
    result = QApplication.focusWidget()
    assert isinstance(result, LongTextEditor)
    type_text(result, "已增设 30 个车位")
    qtbot.keyClick(result, Qt.Key.Key_Return)
    type_text(result, "群众满意")
    qtbot.keyClick(result, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.index(0, 8).data() == "已增设 30 个车位\n群众满意")
    ui_ctx.db.dispose()
    [item] = activities.get_activity(ui_ctx.db, 1).follow_ups
    assert (item.assigned_on, item.status) == (TODAY, "办理中")
    assert item.result == "已增设 30 个车位\n群众满意"
