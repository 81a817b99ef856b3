"""Tab in a multi-line field moves to the next field; it never types a tab character.

上墙制度 and 备注 took tab characters, which printed as gaps and left the clerk stuck in the box.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from app.ui.members.member_dialog import MemberDialog
from app.ui.rooms.room_dialog import RoomDialog


@pytest.mark.parametrize("make", [RoomDialog, MemberDialog], ids=["联络室", "委员"])
def test_tab_moves_on_from_every_text_area(qtbot, ui_ctx, make):
    dialog = make(ui_ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    areas = dialog.findChildren(QPlainTextEdit)
    assert areas
    for area in areas:
        area.setFocus()
        qtbot.keyClicks(area, "ab")  # QTest types Latin keys only
        qtbot.keyClick(area, Qt.Key.Key_Tab)
        assert "\t" not in area.toPlainText()
        assert not area.hasFocus()
