"""活动台账 printed: the body text is 9 pt or more on A4 landscape, and rooms without activities
are listed once on the 汇总 sheet instead of an empty page each.

Fit-to-width prints a sheet at (printable width ÷ the columns' width); a column-width unit is
the width of the digit 0 of the workbook's Normal font. Before, the Normal font was Calibri
(DejaVu Sans stands in where LibreOffice prints, 7 pt a unit) and 187.5 units over 18 columns
printed the 11 pt text at 6.4 pt (LibreOffice PDF); Arial 10 is 5.63 pt a unit.
"""

from __future__ import annotations

import math
import re
import statistics
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.exports.ledger import write_ledger
from app.models import Room
from app.services.documents import meeting_papers as documents
from tests.exports.meeting_records import make_meeting
from tests.exports.office_pdf import libreoffice_pdf, pdftotext

A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
# Printed width of one column-width unit (LibreOffice, measured in its PDF), by Normal font.
UNIT_PT = {("Arial", 10.0): 5.63}
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
MIN_PRINTED_PT = 9


def normal_font(path) -> tuple[str, float]:
    """The font of the Normal cell style, read from the file's styles.xml."""
    with zipfile.ZipFile(path) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    fonts = styles.findall("m:fonts/m:font", NS)
    xf = styles.find("m:cellStyleXfs/m:xf", NS)
    font = fonts[int(xf.get("fontId", 0))]
    return font.find("m:name", NS).get("val"), float(font.find("m:sz", NS).get("val"))


def _ledger(db, tmp_path):
    make_meeting(db, long=True)
    make_meeting(db, room_name="新华社区委员工作室")
    with db.write() as s:
        s.add_all([Room(name="空白联络室"), Room(name="青山村委员联络室")])
    path = tmp_path / "台账.xlsx"
    write_ledger(path, documents.load_ledger(db, 2026))
    return path


def test_the_ledger_prints_its_text_at_9_pt_or_more(db, tmp_path):
    path = _ledger(db, tmp_path)
    unit = UNIT_PT.get(normal_font(path))
    assert unit is not None, f"column widths in units of an unmeasured font {normal_font(path)}"
    wb = load_workbook(path)
    for ws in wb.worksheets[1:]:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape")
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        printable_pt = (A4_LANDSCAPE_WIDTH_IN - ws.page_margins.left - ws.page_margins.right) * 72
        columns = ws.max_column
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, columns + 1)]
        scale = math.floor(min(1.0, printable_pt / (sum(widths) * unit)) * 100) / 100
        sizes = {c.font.sz for row in ws.iter_rows(min_row=2) for c in row if c.value is not None}
        assert min(sizes) * scale >= MIN_PRINTED_PT, (ws.title, sum(widths), scale, sizes)
        assert all(c.alignment.wrap_text for c in ws[3])


def test_rooms_without_activities_are_listed_once_on_the_summary_sheet(db, tmp_path):
    wb = load_workbook(_ledger(db, tmp_path))
    assert wb.sheetnames == ["汇总", "和平村委员联络室", "新华社区委员工作室"]
    summary = wb["汇总"]
    assert summary["A1"].value == "2026年活动台账汇总"
    assert [c.value for c in summary[2]] == ["序号", "联络室", "活动次数", "出席人次", "备注"]
    rows = [[c.value for c in row] for row in summary.iter_rows(min_row=3)]
    assert rows == [
        [1, "和平村委员联络室", 2, 4, "见工作表“和平村委员联络室”"],
        [2, "新华社区委员工作室", 2, 4, "见工作表“新华社区委员工作室”"],
        [3, "空白联络室", 0, 0, "本年度无活动记录"],
        [4, "青山村委员联络室", 0, 0, "本年度无活动记录"],
    ]
    assert summary.print_title_rows == "$2:$2" and summary.oddFooter.center.text


@pytest.mark.slow
def test_libreoffice_prints_the_ledger_text_at_9_pt_or_more(db, tmp_path):
    """The same fact measured: each CJK word's width over its characters in the PDF."""
    path = _ledger(db, tmp_path)
    pdf = libreoffice_pdf(path, tmp_path)
    bbox = pdftotext(pdf, "-bbox")
    words = re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', bbox
    )
    sizes = [
        (float(x1) - float(x0)) / len(text)
        for x0, x1, text in words
        if len(text) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in text)
    ]
    assert len(sizes) > 50
    assert min(sizes) >= MIN_PRINTED_PT, (min(sizes), statistics.median(sizes))
