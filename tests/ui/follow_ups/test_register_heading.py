"""The 督办台账 printed or exported names the 乡镇 set in 设置 → 本单位 (桃园镇2025年协商成果督办台账;
it said only 2025年协商成果督办台账: the county could not tell whose it was), and the exported file
is readable by others (rw-r--r--) once copied to a shared folder."""

import os
import stat

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.exchange.identity_tab import IdentityTab
from app.ui.shell.main_window import MainWindow
from tests.ui.ime_typing import type_text


def test_register_heading_names_the_township(qtbot, ui_ctx, two_years, tmp_path, monkeypatch):
    old_mask = os.umask(0o022)
    try:
        window = MainWindow(ui_ctx)
        qtbot.addWidget(window)
        window.show()
        settings_page = window.go_to("settings_page")
        tab = settings_page.findChild(IdentityTab, "identity_tab")
        type_text(tab.name_edit, "桃园镇")
        tab.level_combo.setCurrentIndex(tab.level_combo.findText("乡镇"))
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)

        page = window.go_to("follow_ups_page")
        page.year_filter_combo.setCurrentIndex(page.year_filter_combo.findData(2025))
        out = tmp_path / "台账.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        assert load_workbook(out).active["A1"].value == "桃园镇2025年协商成果督办台账"
        if os.name == "posix":
            assert stat.S_IMODE(out.stat().st_mode) == 0o644

        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        preview = page.findChild(QWidget, "register_preview_dialog")
        assert preview.isVisible()
        assert preview.document().toPlainText().startswith("桃园镇2025年协商成果督办台账")
        assert "桃园镇2025年协商成果督办台账" in preview.windowTitle()
        preview.close()
    finally:
        os.umask(old_mask)
