"""Picking members the way a clerk does: type in the search box or picker, then choose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.members.member_picker import MemberChecklist, MemberPicker
from tests.ui.ime_typing import type_text


def tick(qtbot: QtBot, checklist: MemberChecklist, query: str, row: int = 0) -> None:
    """Search, move to the row, press Space on it (its checkbox toggles), clear the search."""
    checklist.search_edit.clear()
    type_text(checklist.search_edit, query)
    checklist.member_list.setFocus()
    checklist.member_list.setCurrentIndex(checklist.proxy.index(row, 0))
    qtbot.keyClick(checklist.member_list, Qt.Key.Key_Space)
    checklist.search_edit.clear()


def pick(qtbot: QtBot, picker: MemberPicker, query: str, row: int = 0) -> list[str]:
    """Type into the picker, go down to ``row`` of the list that opens, press Enter; returns
    the entries the list showed."""
    picker.clear()
    picker.setFocus()
    if query.isascii():
        qtbot.keyClicks(picker, query)
    else:
        type_text(picker, query)
    popup = picker.picker_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    for _ in range(row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    return shown
