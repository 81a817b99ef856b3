"""In the window: a speaker picked from the member list (or typed as the one member of that
name) is stored with member_id; a follow-up made with 由协商意见生成办理事项 keeps opinion_id."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.models import FollowUp, Opinion, Speech
from app.services.members.registry import MemberInput, create_member
from app.ui.members.member_picker import MemberPicker
from tests.ui.activities.editing import new_activity
from tests.ui.ime_typing import type_text
from tests.ui.member_picking import pick


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def open_picker(table) -> MemberPicker:
    """The 发言人 cell's editor now open (after a popup the offscreen platform may leave no
    window active, so the focus widget cannot be asked)."""
    [editor] = [w for w in table.viewport().findChildren(MemberPicker) if w.isVisible()]
    return editor


def test_speakers_picked_or_typed_keep_their_member(qtbot, ui_ctx):
    db = ui_ctx.db
    zhang_ming = create_member(db, MemberInput(name="张明", sector="民盟"))
    create_member(
        db, MemberInput(name="张伟", sector="民盟", work_unit="青石小学", phone="13800000001")
    )
    wei = create_member(
        db, MemberInput(name="张伟", sector="经济界", work_unit="建材公司", phone="13800000002")
    )
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.speeches_tab)
    table = dialog.speeches_tab.speech_table
    add = dialog.speeches_tab.lines.add_button

    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    picker = QApplication.focusWidget()
    assert isinstance(picker, MemberPicker)
    shown = pick(qtbot, picker, "zw", row=1)  # the 经济界 张伟
    assert shown == ["张伟 · 民盟 · 青石小学", "张伟 · 经济界 · 建材公司"]
    qtbot.waitUntil(lambda: table.item(0, 0).text() == "张伟")

    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    type_text(open_picker(table), "张明")  # typed in full, not picked
    qtbot.keyClick(open_picker(table), Qt.Key.Key_Return)  # committed a turn later
    qtbot.waitUntil(lambda: table.item(1, 0).text() == "张明")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    type_text(open_picker(table), "赵刚（县住建局）")  # a guest
    qtbot.keyClick(open_picker(table), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(2, 0).text() == "赵刚（县住建局）")
    assert [table.item(r, 0).text() for r in range(3)] == ["张伟", "张明", "赵刚（县住建局）"]

    assert dialog.save()
    with db.read() as s:
        stored = list(s.execute(select(Speech.speaker, Speech.member_id).order_by(Speech.seq)))
    assert stored == [("张伟", wei), ("张明", zhang_ming), ("赵刚（县住建局）", None)]

    cell = table.visualItemRect(table.item(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    editor = open_picker(table)
    assert editor.text() == "张伟" and editor.member_id() == wei  # still the 经济界 one
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_follow_up_from_an_opinion_keeps_the_link(qtbot, ui_ctx):
    dialog = new_activity(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.opinions_tab)
    qtbot.mouseClick(dialog.opinions_tab.lines.add_button, Qt.MouseButton.LeftButton)
    type_text(QApplication.focusWidget(), "增设停车位")
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    dialog.tabs.setCurrentWidget(dialog.follow_ups_tab)
    qtbot.mouseClick(dialog.follow_ups_tab.from_opinions_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.save()
    with ui_ctx.db.read() as s:
        [(opinion_id, content)] = s.execute(select(Opinion.id, Opinion.content)).all()
        [(follow_up, linked)] = s.execute(select(FollowUp.content, FollowUp.opinion_id)).all()
    assert (content, follow_up, linked) == ("增设停车位", "增设停车位", opinion_id)
