"""导出 page — 年度工作统计: the buttons write the files ``export yearly|quarterly`` write."""

from __future__ import annotations

from datetime import datetime

from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft
from app.ui.documents.exports_page import ExportsPage
from tests.services.activity_fixtures import make_room


def test_year_and_quarter_buttons_write_the_files(qtbot, ui_ctx, tmp_path, monkeypatch):
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", [])
    for month in (2, 5, 5):
        activities.save_activity(
            ui_ctx.db,
            ActivityDraft(
                title="协商", room_id=room_id, start_at=datetime(2025, month, 3, 9), status="已召开"
            ),
        )
    page = ExportsPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    panel = page.findChild(QWidget, "statistics_export_panel")
    panel.year_spin.setValue(2025)
    chosen = {"path": tmp_path / "年度.docx"}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen["path"]), ""))
    qtbot.mouseClick(panel.year_word_button, Qt.MouseButton.LeftButton)
    texts = [p.text for p in Document(str(tmp_path / "年度.docx")).paragraphs]
    assert any("共开展履职活动3次" in t for t in texts)
    assert "已导出2025年度工作统计" in panel.status_label.text()

    chosen["path"] = tmp_path / "年度.xlsx"
    qtbot.mouseClick(panel.year_excel_button, Qt.MouseButton.LeftButton)
    months = load_workbook(tmp_path / "年度.xlsx")["活动按月份"]
    assert [months.cell(row=r, column=2).value for r in (4, 7)] == [1, 2]  # 2月, 5月

    chosen["path"] = tmp_path / "季度.xlsx"
    panel.quarter_combo.setCurrentIndex(1)  # 第二季度
    qtbot.mouseClick(panel.quarter_button, Qt.MouseButton.LeftButton)
    overview = load_workbook(tmp_path / "季度.xlsx")["总览"]
    assert (overview["B3"].value, overview["C3"].value) == (2, 3)  # quarter, 1—6月
