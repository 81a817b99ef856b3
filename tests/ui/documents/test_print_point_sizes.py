"""Qt's own print of the 会议纪要 uses the GB/T 9704 sizes exactly: 2号 22 pt, 3号 16 pt, 4号 14 pt.

Measured in the PDF with pdftotext: a run of full-width characters advances by the font size
plus the condensed spacing (−0.25 pt, so that 28 characters fill a line). Laid out at the screen's
96 dpi Qt rounded 3号 to 21 px, 15.75 pt (advance 15.5), 2号 to 21.75 pt and 4号 to 14.25 pt.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.exports import official_geometry as geo
from app.exports.minutes import minutes_blocks
from app.exports.official_docx import OfficialFonts
from app.services.documents import meeting_papers as documents
from app.ui.documents.paint import paint_pages
from tests.exports.meeting_records import make_meeting

SPACING_PT = geo.CHAR_SPACING_TWENTIETHS / 20
FULL_WIDTH = re.compile(r"^[\u2e80-\u9fff\uff01-\uff5e（）：、，。“”]+$")


def advances(pdf) -> dict[str, float]:
    """Each full-width word's advance per character, by its text."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', out)
    return {
        text: (float(x1) - float(x0)) / len(text)
        for x0, x1, text in words
        if len(text) >= 4 and FULL_WIDTH.match(text)
    }


def test_qt_print_uses_2hao_3hao_and_4hao_exactly(ui_ctx, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    meeting = make_meeting(ui_ctx.db)
    data = documents.load_minutes(ui_ctx.db, meeting.activity_id)
    fonts = OfficialFonts.from_settings(documents.font_settings(ui_ctx.db))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "m.pdf"))
    paint_pages(printer, minutes_blocks(data), fonts)
    found = advances(tmp_path / "m.pdf")

    def size_of(start: str) -> float:
        text = next(t for t in found if t.startswith(start))
        return round(found[text] - SPACING_PT, 2)

    assert size_of("和平村委员联络室协商议事会") == pytest.approx(geo.TITLE_PT, abs=0.05)
    assert size_of("商。现将会议") == pytest.approx(geo.BODY_PT, abs=0.05)
    assert size_of("地点：") == pytest.approx(geo.BODY_PT, abs=0.05)
    assert size_of("简化加装电梯") == pytest.approx(geo.TABLE_PT, abs=0.05)  # 落实分工 table
