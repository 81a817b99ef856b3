"""A full disk, a read-only folder or a database held by another program while saving: a clear
Chinese message, no crash, and what the clerk typed is still in the dialog."""

import sqlite3

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.models import Member
from app.ui.members.member_dialog import MemberDialog
from tests.ui.ime_typing import type_text


@pytest.mark.parametrize(
    ("sqlite_message", "shown"),
    [
        ("database or disk is full", "磁盘空间不足"),
        ("attempt to write a readonly database", "只读"),
        ("database is locked", "占用"),
    ],
)
def test_member_dialog_keeps_input_when_the_save_fails(
    qtbot, ui_ctx, monkeypatch, sqlite_message, shown
):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))

    def failing_flush(session, context):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError(sqlite_message))

    event.listen(ui_ctx.db._sessions, "after_flush", failing_flush)
    try:
        dialog = MemberDialog(ui_ctx)
        qtbot.addWidget(dialog)
        type_text(dialog.name_edit, "王丽华")
        dialog.sector_combo.setCurrentText("民盟")
        qtbot.keyClicks(dialog.phone_edit, "13800001001")
        dialog.save()
    finally:
        event.remove(ui_ctx.db._sessions, "after_flush", failing_flush)
    assert told and shown in told[-1] and "本次修改未保存" in told[-1]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.name_edit.text() == "王丽华" and dialog.phone_edit.text() == "13800001001"
    with ui_ctx.db.read() as session:
        assert session.query(Member).count() == 0
    dialog.save()  # the disk has room again: the same input saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    with ui_ctx.db.read() as session:
        assert [m.name for m in session.query(Member)] == ["王丽华"]
