"""签到表 (.docx and .xlsx): every expected member, blank rows for 列席人员, no phone numbers.

Rows are tall enough to sign (12 mm), the header row repeats on every printed page and a row is
never split across two pages.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.exports import xlsx_common as xc
from app.exports.dates import meeting_time
from app.exports.official_docx import (
    Block,
    OfficialDocument,
    OfficialFonts,
    TableBlock,
)
from app.services.documents.meeting_papers import SignInData

HEADERS = ["序号", "姓名", "界别/单位", "签到", "备注"]
WIDTHS_MM = [13.0, 22.0, 78.0, 28.0, 15.0]  # = the 156 mm type area
XLSX_WIDTHS = [6, 12, 36, 18, 14]
# 小四 in 8.5 mm rows: 19 members under the title on the first A4 page and 25 on the next
# (12 mm rows of 4号 text that wrapped in a 64 mm column gave 8).
ROW_HEIGHT_MM = 8.5
TABLE_PT = 12.0
TABLE_LINE_PT = 15.0
ROW_HEIGHT_PT = 36  # 12.7 mm
BLANK_GUEST_ROWS = 3
GUEST_SECTION = "列席人员"


def signin_title(data: SignInData) -> str:
    room = "" if data.room_name == "未指定联络室" else data.room_name
    return f"{room}{data.activity_type}签到表"


def signin_rows(data: SignInData) -> tuple[list[list[str]], list[list[str]]]:
    """(member rows, 列席 rows): recorded guests then blank lines to write in by hand."""
    members = [
        [str(i), p.name, p.detail, "", note]
        for i, (p, note) in enumerate(zip(data.members, data.notes, strict=True), start=1)
    ]
    guests = [[str(i), g.name, g.detail, "", ""] for i, g in enumerate(data.guests, start=1)]
    start = len(guests) + 1
    guests += [[str(i), "", "", "", ""] for i in range(start, start + BLANK_GUEST_ROWS)]
    return members, guests


def _info_lines(data: SignInData) -> list[tuple[str, str]]:
    return [
        ("会议", data.title),
        ("时间", meeting_time(data.start_at, data.end_at)),
        ("地点", data.place or ""),
    ]


def signin_blocks(data: SignInData) -> list[Block | TableBlock]:
    """The whole sheet: title, meeting, time and place, then the table with a 列席 section."""
    members, guests = signin_rows(data)
    table = TableBlock(
        HEADERS,
        [*members, [GUEST_SECTION, "", "", "", ""], *guests],
        WIDTHS_MM,
        align_left=[2],
        section_rows=[len(members)],
        min_row_mm=ROW_HEIGHT_MM,
        size_pt=TABLE_PT,
        line_pt=TABLE_LINE_PT,
        # blank rows (and the 列席 heading when no guest is recorded) never fill a page alone
        keep_tail=BLANK_GUEST_ROWS + (0 if data.guests else 1),
    )
    return [
        Block("title", signin_title(data)),
        *[Block("plain", f"{label}：{text}") for label, text in _info_lines(data)],
        table,
    ]


def write_signin_docx(path: Path, data: SignInData, fonts: OfficialFonts) -> None:
    document = OfficialDocument(fonts)
    for block in signin_blocks(data):
        if isinstance(block, TableBlock):
            document.blocks([block])
        elif block.kind == "title":
            document.title(block.text)
        else:
            label, _, text = block.text.partition("：")
            document.labelled(label, text).paragraph_format.first_line_indent = Mm(0)
    document.save(path)


def write_signin_xlsx(path: Path, data: SignInData) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "签到表"
    width = len(HEADERS)
    xc.write_title(ws, signin_title(data), width, row=1, size=18)
    for offset, (label, text) in enumerate(_info_lines(data)):
        row = 2 + offset
        cell = xc.set_value(ws.cell(row=row, column=1), f"{label}：{text}")
        cell.font = Font(name=xc.FONT_NAME, size=12)
        cell.alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header_row = 5
    xc.write_header(ws, header_row, HEADERS)
    members, guests = signin_rows(data)
    row = header_row + 1
    for values in members:
        xc.write_row(ws, row, values)
        ws.row_dimensions[row].height = ROW_HEIGHT_PT
        row += 1
    xc.write_row(ws, row, [GUEST_SECTION, "", "", "", ""])
    ws.cell(row=row, column=1).font = Font(name="黑体", size=11, bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 24
    row += 1
    for values in guests:
        xc.write_row(ws, row, values)
        ws.row_dimensions[row].height = ROW_HEIGHT_PT
        row += 1
    for r in range(header_row + 1, row):
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="center")
    xc.set_widths(ws, XLSX_WIDTHS)
    xc.setup_print(ws, header_rows=(header_row, header_row), freeze_below=header_row)
    workbook.save(path)
