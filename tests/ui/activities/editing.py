"""Opening the activity editor and cells in its tables the way a clerk does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.ui.activities.editor import ActivityEditorDialog
from app.ui.shell.context import UiContext
from tests.ui.ime_typing import type_text


def new_activity(qtbot: QtBot, ui_ctx: UiContext, title: str = "停车难协商议事会"):
    """A new activity's editor, shown and active, with its 活动名称 typed."""
    dialog = ActivityEditorDialog(ui_ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    type_text(dialog.basic_tab.title_edit, title)
    return dialog


def edit_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int) -> QWidget | None:
    """Move to the cell and press F2; returns the editor that has the focus."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    return QApplication.focusWidget()
