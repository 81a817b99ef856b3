"""GB/T 9704 §7.5: the page number's 一字线 lies 7 mm below the type area — measured in the PDF.

Qt's own printing (the 打印 path) is printed to PDF and read back with pdftotext; the .docx is
converted by LibreOffice where it is installed. Both put the dash 10.3 mm down before.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.exports import official_geometry as geo
from app.exports.minutes import minutes_blocks, write_minutes
from app.exports.official_docx import OfficialFonts
from app.services.documents import meeting_papers as documents
from app.ui.documents.paint import paint_pages
from tests.exports.meeting_records import make_meeting
from tests.exports.office_pdf import office_or_skip

PT_TO_MM = 25.4 / 72
TYPE_AREA_BOTTOM_MM = 297 - geo.MARGINS_MM["bottom"]


def dash_offsets_mm(pdf) -> list[float]:
    """For each page, how far below the type area the middle of the first “—” box lies."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    offsets = []
    for page in out.split("<page ")[1:]:
        dashes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">—<', page)
        top, bottom = map(float, dashes[-1])
        offsets.append((top + bottom) / 2 * PT_TO_MM - TYPE_AREA_BOTTOM_MM)
    return offsets


def _data(db):
    meeting = make_meeting(db, long=True)
    data = documents.load_minutes(db, meeting.activity_id)
    return data, OfficialFonts.from_settings(documents.font_settings(db))


def test_qt_printing_puts_the_dash_7_mm_below_the_type_area(ui_ctx, tmp_path):
    data, fonts = _data(ui_ctx.db)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "m.pdf"))
    assert paint_pages(printer, minutes_blocks(data), fonts) >= 2
    offsets = dash_offsets_mm(tmp_path / "m.pdf")
    assert len(offsets) >= 2
    assert all(6.5 <= mm <= 7.5 for mm in offsets), offsets


@pytest.mark.slow
def test_the_docx_puts_the_dash_7_mm_below_the_type_area(db, tmp_path):
    office = office_or_skip()
    data, fonts = _data(db)
    docx = tmp_path / "m.docx"
    write_minutes(docx, minutes_blocks(data), fonts)
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    offsets = dash_offsets_mm(tmp_path / "m.pdf")
    assert offsets and all(6.5 <= mm <= 7.5 for mm in offsets), offsets
