"""Every file dialog opens in the folder the clerk chose last, whichever dialog that was."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.ui.members.members_page import MembersPage
from app.ui.points.points_page import PointsPage


def test_the_points_export_opens_where_the_roster_was_saved(qtbot, ui_ctx, tmp_path, monkeypatch):
    usb = tmp_path / "U盘"
    usb.mkdir()
    started_in = []

    def save_dialog(_parent, _title, start, _filter):
        started_in.append(start)
        return (str(usb / "委员名册.xlsx"), "") if len(started_in) == 1 else ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    members = MembersPage(ui_ctx)
    qtbot.addWidget(members)
    members.show()
    qtbot.mouseClick(members.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (usb / "委员名册.xlsx").exists())

    points = PointsPage(ui_ctx)
    qtbot.addWidget(points)
    points.show()
    points.export_button.setEnabled(True)
    qtbot.mouseClick(points.export_button, Qt.MouseButton.LeftButton)
    assert len(started_in) == 2
    assert started_in[1].startswith(str(usb))
