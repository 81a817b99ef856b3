"""Spreadsheet text that starts like a formula stays text after save and reload (CSV/formula
injection): a member's note "=HYPERLINK(…)" must never become a live formula in Excel."""

import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from app.exports.files import write_file
from app.exports.xlsx_common import set_value, write_header, write_row, write_title

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","点击")',
    "+8613800001111",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_stays_text(tmp_path, text):
    def writer(path):
        wb = Workbook()
        ws = wb.active
        write_title(ws, text, 3)
        write_header(ws, 2, [text, "姓名"])
        write_row(ws, 3, [text, "张三", 13800001111])
        set_value(ws.cell(row=4, column=1), text)
        wb.save(path)

    path = write_file(tmp_path / "x.xlsx", writer)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    ws = load_workbook(path).active
    for ref in ("A1", "A2", "A3", "A4"):
        assert ws[ref].data_type == "s", ref
        assert ws[ref].value == text
    values = load_workbook(path, data_only=True).active
    assert values["A3"].value == text  # no cached formula result either


def test_plain_openpyxl_would_have_made_a_formula(tmp_path):
    """Why set_value exists: this is what happens without it."""
    wb = Workbook()
    wb.active["A1"] = "=1+1"
    wb.save(tmp_path / "raw.xlsx")
    assert load_workbook(tmp_path / "raw.xlsx").active["A1"].data_type == "f"
