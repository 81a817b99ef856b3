"""The 签到表 printed by Qt: every page's table ends with a rule under its last row, and the
blank 列席 rows never make a last page of their own (40 people: page 3 held rows 2 and 3 only,
and each page's last row ran to the foot of the page with no rule under it). The .docx keeps the
last member, the 列席 heading and the blank rows together (keep with next)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from PySide6.QtPrintSupport import QPrinter

from app.exports import official_geometry as geo
from app.exports.official_docx import OfficialFonts
from app.exports.signin import signin_blocks, write_signin_docx
from app.ui.documents.paint import paint_pages
from tests.ui.documents.test_signin_rows_per_page import _data

DPI = 72  # one pixel a point


def _pages(pdf) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _gray_page(pdf, page: int, out) -> tuple[int, int, bytes]:
    """Page ``page`` (from 1) as an 8-bit grey image: width, height, pixels."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf), str(out)],
        check=True,
    )
    data = next(out.parent.glob(f"{out.name}*.pgm")).read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width, height = int(match[1]), int(match[2])
    return width, height, data[match.end() :]


def _last_text_bottom(pdf, page: int) -> float:
    """The bottom of the lowest text in the type area (the page number lies below it)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    type_area_bottom = (297 - geo.MARGINS_MM["bottom"]) * 72 / 25.4
    return max(y for y in map(float, re.findall(r'yMax="([\d.]+)">', out)) if y < type_area_bottom)


@pytest.mark.parametrize("people", [40, 45])
def test_every_page_ends_ruled_and_blank_rows_never_stand_alone(ui_ctx, tmp_path, people):
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils is not installed")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "s.pdf"
    printer.setOutputFileName(str(pdf))
    pages = paint_pages(printer, signin_blocks(_data(people)), OfficialFonts())
    texts = _pages(pdf)
    assert len(texts) == pages >= 2
    assert re.search(rf"委员{people:03d}", texts[-1])  # a member shares the last page
    for page in range(1, pages + 1):
        width, height, pixels = _gray_page(pdf, page, tmp_path / f"p{page}")
        bottom = int(_last_text_bottom(pdf, page))
        row = 9 * 72 / 25.4  # one 8.5 mm row and a little
        ruled = [
            y
            for y in range(bottom, min(height, int(bottom + row)))
            if sum(1 for x in range(width) if pixels[y * width + x] < 160) > width * 0.5
        ]
        assert ruled, f"page {page}: no rule under the last row"


def test_the_docx_keeps_the_blank_rows_with_the_last_member(tmp_path):
    path = tmp_path / "s.docx"
    write_signin_docx(path, _data(40), OfficialFonts())
    rows = Document(str(path)).tables[0].rows
    keep = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in rows]
    # header, 40 members, 列席人员, 3 blank rows: member 40, 列席人员, blanks 1 and 2 keep with next
    assert [i for i, k in enumerate(keep) if k] == [40, 41, 42, 43]
