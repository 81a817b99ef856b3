"""The 出席/请假/列席 place chosen on 设置 → 公文格式 reaches the 纪要 preview and Qt's print.

Qt's print (the 打印 path) is read back from its PDF with pdftotext: the names follow the
落实分工 table, a wrapped 列席 line starts under the first name, and the table's 办理时限
column holds 2026年12月31日 on one line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from app.exports import official_geometry as geo
from app.models import GuestAttendee
from app.services import settings
from app.ui.documents.fonts_tab import FontsTab
from app.ui.documents.previews import open_minutes_preview
from tests.exports.meeting_records import add_year_end_follow_up, make_meeting

PITCH_PT = geo.BODY_PT + geo.CHAR_SPACING_TWENTIETHS / 20


def _meeting(db):
    meeting = make_meeting(db)
    with db.write() as s:
        s.add(
            GuestAttendee(
                activity_id=meeting.activity_id, seq=3, name="周平", unit="和平村村民委员会主任"
            )
        )
    add_year_end_follow_up(db, meeting.activity_id)
    return meeting


def kangxi_folded(text: str) -> str:
    """Kangxi radicals (U+2F00–U+2FDF) read as the ideographs they look like (⽉ → 月)."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if 0x2F00 <= ord(ch) <= 0x2FDF else ch for ch in text
    )


def _labels_in_order(text: str) -> list[str]:
    return re.findall(r"^(出席|请假|缺席|列席|议题|记录人|落实分工)", text, flags=re.M)


def _preview_labels(qtbot, ui_ctx, activity_id: int) -> list[str]:
    preview = open_minutes_preview(None, ui_ctx, activity_id)
    qtbot.addWidget(preview)
    labels = _labels_in_order(preview.minutes_edit.toPlainText())
    preview.close()
    return labels


def test_the_setting_moves_the_names_in_the_preview(qtbot, ui_ctx, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *args: 0)
    meeting = _meeting(ui_ctx.db)
    tab = FontsTab(ui_ctx)
    qtbot.addWidget(tab)
    combo = tab.attendance_place_combo
    assert combo.currentText().startswith("正文之后")  # the standard is the default
    after = _preview_labels(qtbot, ui_ctx, meeting.activity_id)
    assert after == ["记录人", "议题", "落实分工", "出席", "请假", "缺席", "列席"]

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith("时间、地点之后")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert settings.get(ui_ctx.db, "minutes.attendance") == "header"
    before = _preview_labels(qtbot, ui_ctx, meeting.activity_id)
    assert before == ["记录人", "出席", "请假", "缺席", "列席", "议题", "落实分工"]
    tab.refresh()
    assert combo.currentData() == "header"


def test_qt_print_puts_the_names_after_the_table_under_the_first_name(qtbot, ui_ctx, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    meeting = _meeting(ui_ctx.db)
    preview = open_minutes_preview(None, ui_ctx, meeting.activity_id)
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "m.pdf"))
    preview.paint(printer)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(tmp_path / "m.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = []  # (page, xMin, text) of every line, Kangxi look-alikes folded (NFKC)
    for page, body in enumerate(out.split("<page ")[1:]):
        for x, words in re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', body, flags=re.S):
            text = "".join(re.findall(r">([^<]+)</word>", words))
            lines.append((page, float(x), kangxi_folded(text)))
    texts = [t for _p, _x, t in lines]
    assert "2026年12月31日" in texts  # the 办理时限 cell on one line
    table_end = texts.index("2026年12月31日")
    guests = next(i for i, t in enumerate(texts) if t.startswith("列席："))
    assert table_end < next(i for i, t in enumerate(texts) if t.startswith("出席：")) < guests
    first_x, wrapped_x = lines[guests][1], lines[guests + 1][1]
    assert abs(wrapped_x - first_x - 3 * PITCH_PT) < 1.0, (first_x, wrapped_x)
    assert texts[guests + 1].endswith("委员会主任）")
