"""会议纪要 preview, 签到表 printing, the 公文格式 tab and the 会议文件 export panel."""

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QToolBar

from app.services.documents import meeting_papers as documents
from app.ui.documents.fonts_tab import MISSING_TEXT, FontsTab
from app.ui.documents.panel import DocumentsExportPanel
from app.ui.documents.previews import missing_fonts, open_minutes_preview, print_signin_sheet
from tests.exports.docx_facts import east_asia
from tests.exports.meeting_records import make_meeting


@pytest.fixture
def quiet_boxes(monkeypatch):
    shown = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *args, _n=name: shown.append((_n, args[2])) or 0
        )
    return shown


def _pdf_printer(tmp_path, name):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / name))
    return printer


def test_minutes_preview_edits_reach_word_and_print(qtbot, ui_ctx, tmp_path, quiet_boxes):
    meeting = make_meeting(ui_ctx.db, long=True)
    dialog = open_minutes_preview(None, ui_ctx, meeting.activity_id)
    qtbot.addWidget(dialog)
    edit = dialog.minutes_edit
    text = edit.toPlainText()
    assert text.startswith("和平村委员联络室协商议事会会议纪要")
    assert "出席：张建国、李秀英、刘芳、杨丽华" in text
    missing = missing_fonts(dialog.fonts)
    assert dialog.font_warning_label.isVisibleTo(dialog) == bool(missing)
    assert all(name.split("：")[1] in dialog.font_warning_label.text() for name in missing)

    # The clerk corrects the place by typing at the end of the 地点 line.
    block = edit.document().findBlock(text.index("地点：") + 1)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, " B")  # QTest types Latin keys only; Chinese comes from the IME
    edit.insertPlainText("（东侧）")
    assert "二楼会议室 B（东侧）" in edit.toPlainText()

    out = tmp_path / "纪要.docx"
    assert dialog.save_word(out) == out
    assert quiet_boxes[-1][0] == "information"
    d = Document(str(out))
    place = next(p for p in d.paragraphs if p.text.startswith("地点："))
    assert place.text == "地点：和平村党群服务中心二楼会议室 B（东侧）"
    assert east_asia(place.runs[0]) == "黑体" and place.runs[0].text == "地点："
    assert d.paragraphs[0].runs[0].font.color.rgb is not None  # red title kept
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[1][:3] == ["1", "简化加装电梯审批流程", "县住建局"]

    pages = dialog.paint(_pdf_printer(tmp_path, "m.pdf"))
    assert pages >= 2 and (tmp_path / "m.pdf").stat().st_size > 0
    preview = dialog.show_print_preview()
    qtbot.addWidget(preview)
    assert preview.objectName() == "print_preview_dialog"
    preview.close()


def test_reset_restores_record_text(qtbot, ui_ctx):
    meeting = make_meeting(ui_ctx.db)
    dialog = open_minutes_preview(None, ui_ctx, meeting.activity_id)
    qtbot.addWidget(dialog)
    dialog.minutes_edit.selectAll()
    qtbot.keyClick(dialog.minutes_edit, Qt.Key.Key_Delete)
    assert dialog.minutes_edit.toPlainText() == ""
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert "协商意见" in dialog.minutes_edit.toPlainText()


def test_unknown_activity_shows_chinese_message(qtbot, ui_ctx, quiet_boxes):
    assert open_minutes_preview(None, ui_ctx, 999) is None
    assert print_signin_sheet(None, ui_ctx, 999) is None
    assert quiet_boxes == [("warning", "找不到编号为 999 的履职活动。")] * 2


def test_signin_preview_prints_and_saves_both_formats(qtbot, ui_ctx, tmp_path, quiet_boxes):
    meeting = make_meeting(ui_ctx.db)
    dialog = print_signin_sheet(None, ui_ctx, meeting.activity_id)
    qtbot.addWidget(dialog)
    toolbar_actions = dialog.findChild(QToolBar).actions()
    assert dialog.save_word_action in toolbar_actions
    assert dialog.save_excel_action in toolbar_actions
    assert dialog.paint(_pdf_printer(tmp_path, "s.pdf")) == 1
    word = dialog.save("docx", tmp_path / "签到表.docx")
    excel = dialog.save("xlsx", tmp_path / "签到表.xlsx")
    assert Document(str(word)).tables[0].rows[1].cells[1].text == "张建国"
    assert load_workbook(excel).active["B6"].value == "张建国"
    dialog.close()


def test_fonts_tab_warns_and_saves(qtbot, ui_ctx, quiet_boxes):
    tab = FontsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert tab.combos["body"].currentText() == "仿宋_GB2312"
    combo = tab.combos["title"]
    combo.clearEditText()
    qtbot.keyClicks(combo, "NoSuchFont")
    assert tab.warnings["title"].text() == MISSING_TEXT
    installed = next(iter(tab.installed))
    tab.combos["body"].setCurrentText(installed)
    assert tab.warnings["body"].text() == ""
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    stored = documents.font_settings(ui_ctx.db)
    assert stored["fonts.title"] == "NoSuchFont" and stored["fonts.body"] == installed
    combo.clearEditText()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert quiet_boxes[-1] == ("warning", "字体名称不能为空。")
    assert documents.font_settings(ui_ctx.db)["fonts.title"] == "NoSuchFont"


def test_export_panel_ledger_and_activity_buttons(qtbot, ui_ctx, tmp_path, quiet_boxes):
    meeting = make_meeting(ui_ctx.db)
    panel = DocumentsExportPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.year_spin.setValue(2026)
    assert panel.activity_combo.count() == 2 and panel.minutes_button.isEnabled()
    assert panel.room_combo.itemText(1) == "和平村委员联络室"
    panel.room_combo.setCurrentIndex(1)
    out = tmp_path / "台账.xlsx"
    task = panel.export_ledger(out)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert load_workbook(out).sheetnames == ["和平村委员联络室"]
    assert quiet_boxes[-1][0] == "information"

    panel.activity_combo.setCurrentIndex(panel.activity_combo.findData(meeting.activity_id))
    minutes = panel.open_minutes()
    qtbot.addWidget(minutes)
    assert "会议纪要" in minutes.windowTitle()
    signin = panel.open_signin()
    qtbot.addWidget(signin)
    signin.close()
    panel.year_spin.setValue(2020)
    assert not panel.minutes_button.isEnabled()


def test_save_dialog_remembers_folder(qtbot, ui_ctx, tmp_path, monkeypatch, quiet_boxes):
    from PySide6.QtWidgets import QFileDialog

    meeting = make_meeting(ui_ctx.db)
    asked = []

    def fake_save(parent, title, start, filter_text):
        asked.append(start)
        return str(tmp_path / "out.docx"), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog = open_minutes_preview(None, ui_ctx, meeting.activity_id)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_word_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "out.docx").exists()
    assert asked[0].endswith("和平村委员联络室协商议事会会议纪要（20260305）.docx")
    qtbot.mouseClick(dialog.save_word_button, Qt.MouseButton.LeftButton)
    assert asked[1].startswith(str(tmp_path))


def test_ledger_button_asks_for_a_file(qtbot, ui_ctx, tmp_path, monkeypatch, quiet_boxes):
    from PySide6.QtWidgets import QFileDialog

    make_meeting(ui_ctx.db)
    target = tmp_path / "台账"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(target), "Excel 工作簿 (*.xlsx)")
    )
    panel = DocumentsExportPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.year_spin.setValue(2026)
    qtbot.mouseClick(panel.ledger_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(quiet_boxes), timeout=10000)
    assert quiet_boxes[-1][0] == "information"
    assert load_workbook(tmp_path / "台账.xlsx").sheetnames == ["和平村委员联络室"]


def test_signin_toolbar_actions_save(qtbot, ui_ctx, tmp_path, monkeypatch, quiet_boxes):
    from PySide6.QtWidgets import QFileDialog

    meeting = make_meeting(ui_ctx.db)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "签到"), ""))
    dialog = print_signin_sheet(None, ui_ctx, meeting.empty_activity_id)
    qtbot.addWidget(dialog)
    dialog.save_excel_action.trigger()
    dialog.save_word_action.trigger()
    assert load_workbook(tmp_path / "签到.xlsx").active["B6"].value == "张建国"
    assert Document(str(tmp_path / "签到.docx")).tables[0].rows[1].cells[1].text == "张建国"
    assert [kind for kind, _ in quiet_boxes] == ["information", "information"]
