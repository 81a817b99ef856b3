"""openpyxl helpers every workbook uses: text cells that can never become formulas, title rows,
header styling and A4 print setup with the header repeated on every printed page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from app.text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FONT_NAME = "宋体"
TITLE_FONT_NAME = "黑体"
BODY_FONT = Font(name=FONT_NAME, size=11)
HEADER_FONT = Font(name=TITLE_FONT_NAME, size=11, bold=True)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TITLE_HEIGHT = 32
HEADER_HEIGHT = 24
LINE_HEIGHT_PT = 14.5  # one line of 11 pt 宋体
# The workbook's Normal font sets the unit of every column width (the width of its digit 0).
# openpyxl's Calibri 11 is missing where LibreOffice prints (DejaVu Sans stands in, 40 % wider:
# the 活动台账 printed its 11 pt text at 6.4 pt); Arial has a metric twin (Liberation Sans)
# wherever LibreOffice runs, so one unit is about 5.6 pt there and 7 px in Excel.
UNIT_FONT = Font(name="Arial", size=10)
UNIT_PT = 5.63  # one width unit printed by LibreOffice with UNIT_FONT, measured in its PDF


def set_unit_font(wb: Workbook) -> None:
    """Make UNIT_FONT the workbook's Normal font, before any cell is styled."""
    wb._fonts = IndexedList([UNIT_FONT])
    wb._named_styles["Normal"].font = UNIT_FONT


def set_value(cell: Cell, value: Any) -> Cell:
    """Write ``value``; every string is stored as text, never as a formula."""
    if isinstance(value, str):
        cell.value = cell_text(value)
        cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a live formula
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
    return cell


EXCEL_CELL_LIMIT = 32767  # characters an Excel cell holds


def cell_text(text: str) -> str:
    """Text an .xlsx cell can hold: no characters XML forbids, and within Excel's limit — a
    longer text is cut visibly, saying how much is left out, never silently."""
    text = xml_safe(text)
    if len(text) <= EXCEL_CELL_LIMIT:
        return text
    kept = EXCEL_CELL_LIMIT
    while True:  # the note's length depends on the count it gives: settle both
        note = f"……（以下 {len(text) - kept} 字超出 Excel 单元格上限，未导出）"
        if kept + len(note) <= EXCEL_CELL_LIMIT:
            return text[:kept] + note
        kept = EXCEL_CELL_LIMIT - len(note)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def write_row(
    ws: Worksheet, row: int, values: Sequence[Any], *, bordered: bool = True, wrap: bool = True
) -> None:
    for col, value in enumerate(values, start=1):
        cell = set_value(ws.cell(row=row, column=col), value)
        cell.font = BODY_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=wrap)
        if bordered:
            cell.border = BORDER


def write_title(ws: Worksheet, title: str, width: int, row: int = 1, size: int = 16) -> None:
    """A merged, centred title row above the header."""
    cell = set_value(ws.cell(row=row, column=1), title)
    cell.font = Font(name=TITLE_FONT_NAME, size=size, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = TITLE_HEIGHT


def write_header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = set_value(ws.cell(row=row, column=col), text)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
    ws.row_dimensions[row].height = HEADER_HEIGHT


def display_width(text: str) -> int:
    """Width in Excel character units: a Chinese character takes two, and so do “”‘’—… (CJK
    fonts draw the General Punctuation block full width)."""
    return sum(2 if ord(ch) > 0x2E7F or 0x2010 <= ord(ch) <= 0x206F else 1 for ch in text)


def wrapped_lines(values: Sequence[Any], widths: Sequence[float]) -> int:
    """Lines the longest text of a row wraps to (a line break starts a new line). Excel and
    LibreOffice do not grow rows for wrapped text written by openpyxl, so the writer sets the
    height from this estimate."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            usable = int(max(1.0, width - 1))
            wrapped = sum(max(1, -(-display_width(part) // usable)) for part in value.split("\n"))
            lines = max(lines, wrapped)
    return lines


FOOTER_DISTANCE = 0.3  # inches from the paper's bottom edge to the footer
FOOTER_BOTTOM_MARGIN = 0.75


def set_widths(ws: Worksheet | WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def setup_print(
    ws: Worksheet | WriteOnlyWorksheet,
    *,
    header_rows: tuple[int, int],
    landscape: bool = False,
    fit_width: bool = True,
    freeze_below: int | None = None,
) -> None:
    """A4, the header rows repeated on every printed page, fit to the page width, page numbers.

    On a write-only sheet call it before the first row: the frozen panes and fit-to-page
    setting are written at the top of the sheet."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    first, last = header_rows
    ws.print_title_rows = f"{first}:{last}"
    ws.print_options.horizontalCentered = True
    # Inches. The footer (第 N 页，共 M 页) sits 0.3 in above the paper's edge and is about
    # 0.15 in tall: a 0.75 in bottom margin keeps it clear of the last row (openpyxl's default
    # footer distance of 0.5 in under a 0.6 in margin put the text across the margin line).
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = FOOTER_BOTTOM_MARGIN
    ws.page_margins.header = 0.3
    ws.page_margins.footer = FOOTER_DISTANCE
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if freeze_below is not None:
        ws.freeze_panes = f"A{freeze_below + 1}"
