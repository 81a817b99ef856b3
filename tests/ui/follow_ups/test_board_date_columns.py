"""督办 board at 1366×768: a date cell opened for editing shows its whole date (the calendar
editor's drop-down button hid the last digit of 反馈日期, 2026-12-0), and 群众评议 stays in view."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit

from app.ui.follow_ups.follow_up_model import COLUMNS
from tests.ui.window_at_size import click_page, demo_window

DATE_COLUMNS = [
    c for c, (header, _f, _k) in enumerate(COLUMNS) if header.endswith(("日期", "时限"))
]


def test_date_editors_show_the_whole_date_at_1366(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1366)
    page = click_page(qtbot, window, "督办")
    qtbot.mouseClick(page.show_closed_check, Qt.MouseButton.LeftButton)
    view = page.board_table
    last = page.proxy.rowCount() - 1
    assert [COLUMNS[c][0] for c in DATE_COLUMNS] == ["办理时限", "交办日期", "反馈日期"]
    for column in DATE_COLUMNS:
        index = page.proxy.index(last, column)
        text = index.data()
        assert len(text) == 10, text  # a closed item has all three dates
        view.scrollTo(index)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        editor = view.viewport().findChild(QDateEdit)
        qtbot.waitUntil(lambda e=editor: e is not None and e.isVisible())
        shown = editor.lineEdit()
        assert shown.text() == text
        room = shown.contentsRect().width() - 4  # the line edit's own side margins
        assert shown.fontMetrics().horizontalAdvance(text) <= room, (COLUMNS[column][0], room)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: view.viewport().findChild(QDateEdit) is None)
    header = view.horizontalHeader()
    evaluation = [h for h, _f, _k in COLUMNS].index("群众评议")
    right = header.sectionViewportPosition(evaluation) + header.sectionSize(evaluation)
    assert right <= view.viewport().width()
