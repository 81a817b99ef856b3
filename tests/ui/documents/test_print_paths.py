"""Every 打印 path from the clerk's click: the preview opens, repaints and closes without a crash.

The tests keep no reference to the dialogs the clicks open (the program does not either): they
find them among the top-level windows after a garbage collection, then switch the page
orientation on the preview's tool bar — which makes Qt paint every page again on the preview's
printer. When the printer belonged to a slot's local variable, that repaint crashed the program.
"""

import gc
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft
from app.ui.activities.activities_page import ActivitiesPage
from app.ui.activities.editor import ActivityEditorDialog
from app.ui.documents.previews import MinutesPreviewDialog
from tests.exports.meeting_records import make_meeting


def _open_preview() -> QPrintPreviewDialog:
    gc.collect()
    QApplication.processEvents()
    previews = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QPrintPreviewDialog) and w.isVisible()
    ]
    assert len(previews) == 1
    return previews[0]


def _repaint_and_close(preview: QPrintPreviewDialog) -> int:
    """Turn the page to landscape and back as a clerk would; the page count it shows."""
    for text in ("横向", "纵向", "Landscape", "Portrait"):
        action = next((a for a in preview.findChildren(QAction) if a.text() == text), None)
        if action is not None:
            action.trigger()
            gc.collect()
            QApplication.processEvents()
    pages = preview.findChild(QPrintPreviewWidget).pageCount()
    preview.close()
    QApplication.processEvents()
    return pages


def _activities_page(qtbot, ui_ctx) -> ActivitiesPage:
    make_meeting(ui_ctx.db, long=True)
    page = ActivitiesPage(ui_ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
    page.activity_table.selectRow(0)
    return page


def test_minutes_print_button_from_the_activities_page(qtbot, ui_ctx):
    page = _activities_page(qtbot, ui_ctx)
    qtbot.mouseClick(page.minutes_button, Qt.MouseButton.LeftButton)
    gc.collect()
    (minutes,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MinutesPreviewDialog)]
    qtbot.mouseClick(minutes.print_button, Qt.MouseButton.LeftButton)
    assert _repaint_and_close(_open_preview()) >= 1


def test_ctrl_p_on_the_activities_list(qtbot, ui_ctx):
    page = _activities_page(qtbot, ui_ctx)
    page.activity_table.setFocus()
    qtbot.keyClick(page.activity_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert _repaint_and_close(_open_preview()) >= 1


def test_signin_button_on_the_activities_list(qtbot, ui_ctx):
    page = _activities_page(qtbot, ui_ctx)
    qtbot.mouseClick(page.signin_button, Qt.MouseButton.LeftButton)
    assert _repaint_and_close(_open_preview()) >= 1


def test_ctrl_p_and_signin_in_the_activity_editor(qtbot, ui_ctx):
    activity_id = activities.save_activity(
        ui_ctx.db, ActivityDraft(title="停车难协商议事会", start_at=datetime(2025, 5, 8, 9))
    )
    dialog = ActivityEditorDialog(ui_ctx, activity_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert _repaint_and_close(_open_preview()) >= 1
    qtbot.mouseClick(dialog.signin_button, Qt.MouseButton.LeftButton)
    assert _repaint_and_close(_open_preview()) >= 1
