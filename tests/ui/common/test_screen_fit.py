"""A window asked for, or restored at, a size larger than the screen opens inside the screen."""

from PySide6.QtWidgets import QDialog

from app.ui.common.screen_fit import available_area


def test_a_dialog_larger_than_the_screen_is_shrunk_and_moved_onto_it(qtbot, ui_ctx):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    dialog.resize(area.width() + 400, area.height() + 300)
    dialog.move(area.right() - 50, area.bottom() - 50)
    with qtbot.waitExposed(dialog):
        dialog.show()
    frame = dialog.frameGeometry()
    assert area.contains(frame), (frame, area)
    assert dialog.width() < area.width() and dialog.height() < area.height()


def test_a_window_the_clerk_then_enlarges_keeps_that_size(qtbot, ui_ctx):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.hide()
    area = available_area(dialog)
    dialog.resize(area.width() + 100, 300)
    dialog.show()
    assert dialog.width() == area.width() + 100  # fitted once, on first showing only
