"""Escape on an edited dialog asks before the edits are thrown away; on an untouched one it closes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMessageBox

from app.ui.members.member_dialog import MemberDialog
from app.ui.members.member_picker import MemberChecklist
from app.ui.receptions.reception_dialog import ReceptionEditorDialog
from app.ui.rooms.room_dialog import RoomDialog
from app.ui.topics.topic_dialogs import TopicEditorDialog

DIALOGS = [RoomDialog, MemberDialog, TopicEditorDialog, ReceptionEditorDialog]


def _open(qtbot, ui_ctx, make):
    dialog = make(ui_ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


@pytest.mark.parametrize("make", DIALOGS, ids=lambda d: d.__name__)
def test_escape_on_an_edited_dialog_asks_first(qtbot, ui_ctx, monkeypatch, make):
    asked = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or next(answers)
    )
    dialog = _open(qtbot, ui_ctx, make)
    field = next(
        e
        for e in dialog.findChildren(QLineEdit)
        if e.isVisible()
        and e.isEnabled()
        and not isinstance(e.parent(), QAbstractSpinBox)
        and e.objectName() != "search_edit"  # a member list's search box is not a field
    )
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "放弃" in asked[0]
    assert dialog.isVisible()  # 取消: the edits stay
    assert "abc" in field.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()


@pytest.mark.parametrize("make", DIALOGS, ids=lambda d: d.__name__)
def test_escape_on_an_untouched_dialog_just_closes(qtbot, ui_ctx, make):
    dialog = _open(qtbot, ui_ctx, make)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize("make", [RoomDialog, ReceptionEditorDialog], ids=lambda d: d.__name__)
def test_ticked_members_count_as_edits_and_a_search_does_not(qtbot, ui_ctx, monkeypatch, make):
    from app.services.members.registry import MemberInput, create_member
    from tests.ui.member_picking import tick

    create_member(ui_ctx.db, MemberInput(name="王丽华", sector="民盟"))
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel,
    )
    dialog = _open(qtbot, ui_ctx, make)
    checklist = dialog.findChild(MemberChecklist)
    qtbot.keyClicks(checklist.search_edit, "wlh")  # searching is not an edit
    assert not dialog.has_edits()
    tick(qtbot, checklist, "wlh")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()  # asked; 取消 keeps the ticks
    assert checklist.chosen_label.text() == "已选 1 名"
    tick(qtbot, checklist, "wlh")  # unticked again: as it was
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and not dialog.isVisible()
