"""The 签到表 holds at least 18 people on an A4 page.

Measured in the PDF of Qt's own printing (the 打印 path): 9–10 people took 2 pages, 400 took
35, with 12 mm rows of 4号 text that wrapped in a narrow 界别/单位 column.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.exports.official_docx import OfficialFonts
from app.exports.signin import signin_blocks
from app.services.documents.meeting_papers import Person, SignInData
from app.ui.documents.paint import paint_pages


def _data(people: int) -> SignInData:
    members = [Person(f"委员{i:03d}", "经济界／县农业农村局副局长") for i in range(1, people + 1)]
    return SignInData(
        activity_id=1,
        title="关于停车难的协商议事会",
        activity_type="协商议事会",
        room_name="青石村委员联络室",
        start_at=datetime(2025, 5, 8, 9),
        end_at=None,
        place="村委会会议室",
        members=members,
        notes=[""] * people,
        guests=[],
    )


def _rows_per_page(pdf) -> list[list[str]]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return [re.findall(r"^\s*(\d+)\s+委员\d{3}", page, re.M) for page in pages if page.strip()]


@pytest.mark.parametrize("people", [10, 40, 400])
def test_rows_per_a4_page(ui_ctx, tmp_path, people):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "s.pdf"))
    pages = paint_pages(printer, signin_blocks(_data(people)), OfficialFonts())
    rows = _rows_per_page(tmp_path / "s.pdf")
    assert sum(len(r) for r in rows) == people
    full = rows[:-1]  # every page but the last is full
    assert all(len(page) >= 18 for page in full), [len(p) for p in rows]
    if people == 10:
        assert pages == 1
