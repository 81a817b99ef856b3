"""接待来访 at 1366×768: the filter box sits right under the buttons (an empty message line left
a blank band of some 30 px between them, rows the clerk could have seen)."""

from PySide6.QtCore import QPoint

from tests.ui.window_at_size import click_page, demo_window


def test_no_blank_band_between_the_buttons_and_the_list(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1366)
    page = click_page(qtbot, window, "接待来访")
    button = page.new_reception_button
    bottom = button.mapTo(page, QPoint(0, button.height())).y()
    top = page.table.filter_edit.mapTo(page, QPoint(0, 0)).y()
    assert 0 <= top - bottom <= page.layout().spacing() + 4
