"""打印 and 导出 of the 督办台账 on the 督办 page: what the board shows (filters included) is what
prints and what the file holds, overdue first; the print repeats its header on every page."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.follow_ups.follow_up_page import FollowUpPage
from tests.ui.ime_typing import type_text

TODAY = date.today()


def shown(page: FollowUpPage) -> list[str]:
    return [page.proxy.index(r, 2).data() for r in range(page.proxy.rowCount())]


def test_print_shows_the_board_overdue_first_with_the_header_on_every_page(
    qtbot, ui_ctx, two_years, tmp_path
):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert shown(page) == ["旧事逾期", "新事逾期", "新事按期"]
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    preview = page.findChild(QWidget, "register_preview_dialog")
    assert preview is not None and preview.isVisible()
    assert [r.content for r in preview.register.rows] == shown(page)
    printer = preview.printer  # the preview's own, set up as it prints
    assert printer.pageLayout().orientation().name == "Landscape"
    assert printer.pageLayout().pageSize().id().name == "A4"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "督办.pdf"))
    preview.paint(printer)  # what the preview draws, into a file
    assert (tmp_path / "督办.pdf").stat().st_size > 1000
    doc = preview.document()
    table = QTextCursor(doc).document().rootFrame().childFrames()[0]
    assert table.format().toTableFormat().headerRowCount() == 1
    text = doc.toPlainText()
    assert text.index("旧事逾期") < text.index("新事逾期") < text.index("新事按期")
    assert "40" in text  # 逾期天数
    preview.close()


def test_filters_then_export_writes_what_the_board_shows(
    qtbot, ui_ctx, two_years, tmp_path, monkeypatch
):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.year_filter_combo.setCurrentIndex(page.year_filter_combo.findData(2025))
    assert shown(page) == ["新事逾期", "新事按期"]
    page.status_filter_combo.setCurrentIndex(page.status_filter_combo.findData("已采纳"))
    assert shown(page) == ["新事采纳"]  # a chosen status shows closed items too
    assert not page.show_closed_check.isEnabled()
    page.status_filter_combo.setCurrentIndex(0)
    qtbot.mouseClick(page.overdue_only_check, Qt.MouseButton.LeftButton)
    assert page.overdue_only_check.isChecked()
    assert shown(page) == ["新事逾期"]
    page.overdue_only_check.setChecked(False)
    type_text(page.filter_edit, "交通")
    assert shown(page) == ["新事按期"]
    out = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [(r[3], r[4], r[7]) for r in rows] == [("新事按期", "交通局", "办理中")]
    assert "2025年协商成果督办台账" in ws["A1"].value
    assert "已导出督办台账" in page.summary_label.text()


def test_all_years_export_puts_overdue_first_with_days(qtbot, ui_ctx, two_years, tmp_path):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.show_closed_check, Qt.MouseButton.LeftButton)
    out = page.export_register(tmp_path / "全部.xlsx")
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert [r[3] for r in rows] == ["旧事逾期", "新事逾期", "新事按期", "旧事办结", "新事采纳"]
    assert [r[8] for r in rows] == [40, 3, None, None, None]
    page.show_status("已办结")
    assert shown(page) == ["旧事办结"]
