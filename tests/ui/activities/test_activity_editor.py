from datetime import date

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, SpeechLine
from app.services.follow_ups import board as follow_ups
from app.ui.activities.editor import ActivityEditorDialog
from tests.services.activity_fixtures import make_room
from tests.ui.ime_typing import type_text


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    """Teardown closes dialogs with unsaved input: answer 不保存 instead of blocking."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def _editor(qtbot, ui_ctx, activity_id=None):
    dialog = ActivityEditorDialog(ui_ctx, activity_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def _restart(ui_ctx, activity_id):
    """Read the record back through a fresh engine, as after closing and reopening the app."""
    ui_ctx.db.dispose()
    return activities.get_activity(ui_ctx.db, activity_id)


def test_plan_a_meeting_and_mark_attendance_with_leave_reason(qtbot, ui_ctx, monkeypatch):
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", ["张明", "李华", "王芳"])
    dialog = _editor(qtbot, ui_ctx)
    basic = dialog.basic_tab
    type_text(basic.title_edit, "关于青石小区停车难的协商议事会")
    basic.room_combo.setCurrentIndex(basic.room_combo.findText("青石村委员联络室"))
    basic.start_edit.setDateTime(QDateTime(QDate(2025, 3, 5), basic.start_edit.time()))
    type_text(basic.place_edit, "村委会二楼会议室")
    type_text(basic.host_edit, "张明")

    table = dialog.attendance_tab.attendance_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["张明", "李华", "王芳"]
    table.cellWidget(1, 2).setCurrentText("请假")
    table.cellWidget(2, 2).setCurrentText("缺席")
    assert dialog.attendance_tab.counts_label.text() == "出席 1 人　请假 1 人　缺席 1 人"

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert warned == ["“李华”请假，请填写请假事由。"]
    assert dialog.activity_id is None  # nothing stored, input still there
    assert basic.title_edit.text() == "关于青石小区停车难的协商议事会"

    table.item(1, 3).setText("外出学习")
    dialog.attendance_tab.guests.add_line(["赵刚", "县住建局副局长"])
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.activity_id is not None
    assert "已保存" in dialog.status_label.text()

    stored = _restart(ui_ctx, dialog.activity_id)
    assert stored.title == "关于青石小区停车难的协商议事会"
    assert stored.room_id == room_id and stored.start_at.date() == date(2025, 3, 5)
    assert [(a.member_name, a.status, a.leave_reason) for a in stored.attendances] == [
        ("张明", "出席", ""),
        ("李华", "请假", "外出学习"),
        ("王芳", "缺席", ""),
    ]
    assert [(g.name, g.unit) for g in stored.guests] == [("赵刚", "县住建局副局长")]


def test_reorder_speeches(qtbot, ui_ctx):
    activity_id = activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="议事会",
            speeches=[SpeechLine("张明", "甲"), SpeechLine("李华", "乙"), SpeechLine("王芳", "丙")],
        ),
    )
    dialog = _editor(qtbot, ui_ctx, activity_id)
    dialog.tabs.setCurrentWidget(dialog.speeches_tab)
    lines = dialog.speeches_tab.lines
    table = dialog.speeches_tab.speech_table
    table.setCurrentCell(2, 0)
    qtbot.mouseClick(lines.move_up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(lines.move_up_button, Qt.MouseButton.LeftButton)
    assert [table.item(r, 0).text() for r in range(3)] == ["王芳", "张明", "李华"]
    qtbot.mouseClick(lines.move_down_button, Qt.MouseButton.LeftButton)
    assert [table.item(r, 0).text() for r in range(3)] == ["张明", "王芳", "李华"]
    qtbot.mouseClick(lines.add_button, Qt.MouseButton.LeftButton)
    table.item(3, 0).setText("赵刚")
    table.item(3, 1).setText("补充发言")
    assert dialog.dirty
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = _restart(ui_ctx, activity_id)
    assert [(s.speaker, s.summary) for s in stored.speeches] == [
        ("张明", "甲"),
        ("王芳", "丙"),
        ("李华", "乙"),
        ("赵刚", "补充发言"),
    ]


def test_add_follow_up_from_opinions_and_steps_advance(qtbot, ui_ctx):
    make_room(ui_ctx.db, "甲室", ["张明"])
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "停车难协商")
    dialog.basic_tab.room_combo.setCurrentIndex(1)
    assert dialog.steps_indicator.isVisible()
    assert dialog.steps_indicator.summary_label.text() == "已完成 0/7 步，当前：选准议题"
    type_text(dialog.plan_tab.plan_edit, "方案")
    assert "✓" in dialog.steps_indicator.step_labels[1].text()

    opinions = dialog.opinions_tab
    qtbot.mouseClick(opinions.lines.add_button, Qt.MouseButton.LeftButton)
    opinions.opinion_table.item(0, 0).setText("增设临时停车位")
    qtbot.mouseClick(opinions.lines.add_button, Qt.MouseButton.LeftButton)
    opinions.opinion_table.item(1, 0).setText("规范道路划线")
    assert opinions.opinion_table.verticalHeaderItem(1).text() == "二"

    tab = dialog.follow_ups_tab
    qtbot.mouseClick(tab.from_opinions_button, Qt.MouseButton.LeftButton)
    table = tab.follow_up_table
    assert table.rowCount() == 2
    table.item(0, 1).setText("镇城建办")
    table.item(0, 2).setText("2025-03-06")
    table.item(0, 3).setText("2025-04-30")
    table.item(0, 4).setText("办理中")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = _restart(ui_ctx, dialog.activity_id)
    assert [o.content for o in stored.opinions] == ["增设临时停车位", "规范道路划线"]
    first = stored.follow_ups[0]
    assert (first.content, first.handling_unit, first.due_on, first.status) == (
        "增设临时停车位",
        "镇城建办",
        date(2025, 4, 30),
        "办理中",
    )
    board = follow_ups.board(ui_ctx.db, today=date(2025, 5, 1))
    assert [(r.content, r.overdue) for r in board] == [
        ("增设临时停车位", True),
        ("规范道路划线", False),
    ]


def test_bad_date_keeps_input(qtbot, ui_ctx, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "活动")
    dialog.follow_ups_tab.lines.add_line(["修路", "", "2025-02-30", "", "待交办", "", "", ""])
    dialog.save()
    assert shown and "交办日期" in shown[0]
    assert dialog.follow_ups_tab.follow_up_table.item(0, 0).text() == "修路"
    assert dialog.activity_id is None


def test_attachments_are_copied_and_shown_as_thumbnails(qtbot, ui_ctx, tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    photo = tmp_path / "现场照片.png"
    image.save(str(photo))
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "走访")
    dialog.attachments_tab.add_files([str(photo)])
    item = dialog.attachments_tab.attachment_list.item(0)
    assert not item.icon().isNull()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    photo.unlink()  # the original may go away: the copy stays
    stored = _restart(ui_ctx, dialog.activity_id)
    assert stored.attachments[0].original_name == "现场照片.png"
    again = _editor(qtbot, ui_ctx, dialog.activity_id)
    icon = again.attachments_tab.attachment_list.item(0).icon()
    assert icon.availableSizes() and icon.availableSizes()[0].width() == 160


def test_closing_with_unsaved_input_asks(qtbot, ui_ctx, monkeypatch):
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "未保存")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    dialog.close()
    assert not dialog.isVisible()
    assert activities.get_activity(ui_ctx.db, dialog.activity_id).title == "未保存"


def test_documents_from_the_editor(qtbot, ui_ctx):
    make_room(ui_ctx.db, "青石村委员联络室", ["张明", "李华"])
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "停车难协商议事会")
    dialog.basic_tab.room_combo.setCurrentIndex(1)
    type_text(dialog.basic_tab.place_edit, "村委会会议室")
    sheet = dialog.print_signin()  # unsaved input is saved first: documents read the record
    assert dialog.activity_id is not None and not dialog.dirty
    qtbot.addWidget(sheet)
    assert sheet.objectName() == "signin_preview_dialog"
    sheet.close()

    dialog.attendance_tab.attendance_table.cellWidget(1, 2).setCurrentText("缺席")
    dialog.status_label.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = dialog.findChild(QWidget, "print_preview_dialog")
    assert preview is not None and preview.isVisible()
    minutes = dialog.findChild(QWidget, "minutes_preview_dialog")
    assert "停车难协商议事会" in minutes.minutes_edit.toPlainText()
    assert "出席：张明" in minutes.minutes_edit.toPlainText()
    assert activities.get_activity(ui_ctx.db, dialog.activity_id).attendances[1].status == "缺席"
    preview.close()
    minutes.close()


def test_a_member_removed_before_the_first_save_stays_removed(qtbot, ui_ctx):
    make_room(ui_ctx.db, "甲室", ["张明", "李华"])
    dialog = _editor(qtbot, ui_ctx)
    type_text(dialog.basic_tab.title_edit, "会")
    dialog.basic_tab.room_combo.setCurrentIndex(1)
    tab = dialog.attendance_tab
    tab.attendance_table.setCurrentCell(0, 0)
    qtbot.mouseClick(tab.remove_member_button, Qt.MouseButton.LeftButton)
    type_text(tab.member_picker, "张明")
    qtbot.mouseClick(tab.add_member_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.add_member_button, Qt.MouseButton.LeftButton)  # listed once only
    assert dialog.save()
    stored = _restart(ui_ctx, dialog.activity_id)
    assert [a.member_name for a in stored.attendances] == ["李华", "张明"]
