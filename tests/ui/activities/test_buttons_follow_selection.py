"""移除 and 打开 act on the chosen row: they are greyed out until the clerk chooses one."""

from PySide6.QtCore import Qt

from app.ui.activities.editor import ActivityEditorDialog
from tests.services.activity_fixtures import make_room


def test_remove_is_disabled_until_a_member_is_chosen(qtbot, ui_ctx):
    make_room(ui_ctx.db, "青石村委员联络室", ["张明", "李华"])
    dialog = ActivityEditorDialog(ui_ctx, None)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.basic_tab.room_combo.setCurrentIndex(1)  # the room's members are invited
    tab = dialog.attendance_tab
    assert tab.attendance_table.rowCount() == 2
    tab.attendance_table.clearSelection()
    assert not tab.remove_member_button.isEnabled()
    rect = tab.attendance_table.visualItemRect(tab.attendance_table.item(0, 0))
    qtbot.mouseClick(tab.attendance_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.remove_member_button.isEnabled()
    attachments = dialog.attachments_tab
    assert not attachments.remove_attachment_button.isEnabled()
    assert not attachments.open_attachment_button.isEnabled()
