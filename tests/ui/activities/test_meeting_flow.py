"""From an empty database: plan a meeting, print its 签到表, record it, and chase its suggestions
on the 督办 board until they are closed."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox

from app.services.activities import editing as activities
from app.services.follow_ups import board as follow_ups
from app.ui.shell.main_window import MainWindow
from tests.services.activity_fixtures import make_room
from tests.ui.ime_typing import type_text


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def test_plan_record_and_chase_a_meeting(qtbot, ui_ctx):
    make_room(ui_ctx.db, "青石村委员联络室", ["张明", "李华"])
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.go_to("activities_page")
    with qtbot.waitActive(window):
        window.activateWindow()
    page.activity_table.setFocus()
    qtbot.keyClick(page.activity_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editors[-1]
    qtbot.addWidget(editor)

    # Plan
    basic = editor.basic_tab
    basic.room_combo.setCurrentIndex(basic.room_combo.findText("青石村委员联络室"))
    type_text(basic.title_edit, "停车难协商议事会")
    basic.start_edit.setDateTime(
        QDateTime(QDate.currentDate().addDays(-1), basic.start_edit.time())
    )
    sheet = editor.print_signin()
    qtbot.addWidget(sheet)
    sheet.close()
    assert page.model.total == 1 and page.model.row_at(0).present == 2

    # Record
    basic.status_combo.setCurrentText("已召开")
    editor.attendance_tab.attendance_table.cellWidget(1, 2).setCurrentText("请假")
    editor.attendance_tab.attendance_table.item(1, 3).setText("住院")
    editor.speeches_tab.lines.add_line(["张明", "建议增设停车位"])
    editor.opinions_tab.lines.add_line(["增设临时停车位"])
    qtbot.mouseClick(editor.follow_ups_tab.from_opinions_button, Qt.MouseButton.LeftButton)
    due = (date.today() - timedelta(days=1)).isoformat()
    editor.follow_ups_tab.follow_up_table.item(0, 3).setText(due)
    editor.follow_ups_tab.follow_up_table.item(0, 4).setText("办理中")
    assert editor.save()
    editor.close()

    # Chase
    board = window.go_to("follow_ups_page")
    assert board.model.rowCount() == 1
    assert board.model.row_at(0).overdue
    home = window.go_to("home_page")
    assert ">1</span>" in home.overdue_card.number_label.text()
    board = window.go_to("follow_ups_page")
    index = board.proxy.index(0, 7)
    board.board_table.setCurrentIndex(index)
    board.board_table.edit(index)
    combo = board.board_table.viewport().findChild(QComboBox)
    combo.setCurrentText("已办结")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.model.index(0, 7).data() == "已办结")
    board.refresh()
    assert board.model.rowCount() == 0

    ui_ctx.db.dispose()
    assert follow_ups.board(ui_ctx.db) == []
    stored = activities.get_activity(ui_ctx.db, page.model.row_at(0).id)
    assert stored.follow_ups[0].status == "已办结"
    assert [(a.status, a.leave_reason) for a in stored.attendances] == [
        ("出席", ""),
        ("请假", "住院"),
    ]
