"""The 委员 dialog shows a whole 工作单位及职务 as typed, not its tail scrolled into a narrow box."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.members.registry import MemberInput, create_member
from app.ui.members.members_page import MembersPage

UNIT = "双河镇养老服务中心主任"
LONG_UNIT = "县农业农村局高级农艺师兼办公室主任"


def test_a_long_work_unit_and_the_phone_hint_show_whole(qtbot, ui_ctx):
    create_member(ui_ctx.db, MemberInput(name="于伟", sector="中共", work_unit=UNIT))
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.member_table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QDialog, "member_dialog")
    assert dialog.isVisible() and dialog.work_unit_edit.text() == UNIT
    for edit, text in (
        (dialog.work_unit_edit, LONG_UNIT),
        (dialog.phone_edit, dialog.phone_edit.placeholderText()),
    ):
        room = edit.contentsRect().width() - 8  # the line edit's own side margins
        assert edit.fontMetrics().horizontalAdvance(text) <= room, text
