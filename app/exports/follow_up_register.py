"""督办台账 (.xlsx): the 督办 board's suggestions, overdue first, A4 landscape fit to the page
width, header repeated on every printed page; overdue lines shaded grey with 逾期天数 in bold,
which a black-and-white printer keeps."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font, PatternFill
from openpyxl.styles.cell_style import StyleArray

from app.exports.files import write_file
from app.exports.xlsx_common import FONT_NAME, LINE_HEIGHT_PT, wrapped_lines
from app.exports.xlsx_stream import BODY, CENTRED, Look, StreamBook
from app.services.follow_ups.register import HEADERS, FollowUpRegister

# About 190 characters wide: A4 landscape prints it at ~75 %, as the 活动台账. A date column is
# 13 wide: at 11 it printed ### in LibreOffice (2026-01-24 in 11 pt 宋体 did not fit).
WIDTHS = [5, 16, 13, 34, 16, 13, 13, 9, 7, 30, 13, 9]
CENTRED_COLUMNS = {0, 2, 5, 6, 7, 8, 10, 11}
HEADER_ROW = 3  # title, the scope line, then the header
OVERDUE_FILL = PatternFill("solid", fgColor="D9D9D9")
SCOPE = Look(Font(name=FONT_NAME, size=10), BODY.alignment, None)


def _looks(overdue: bool) -> list[Look]:
    fill = OVERDUE_FILL if overdue else None
    looks = []
    for col in range(len(HEADERS)):
        look = CENTRED if col in CENTRED_COLUMNS else BODY
        if overdue and col == 8:
            look = Look(Font(name=FONT_NAME, size=11, bold=True), CENTRED.alignment, CENTRED.border)
        looks.append(look.filled(fill))
    return looks


def write_register(path: Path, register: FollowUpRegister) -> None:
    book = StreamBook()
    sheet = book.sheet(
        "督办台账",
        widths=WIDTHS,
        header_rows=(HEADER_ROW, HEADER_ROW),
        landscape=True,
        freeze_below=HEADER_ROW,
    )
    width = len(HEADERS)
    sheet.title(register.title, width)
    sheet.append([register.scope], [sheet.style(SCOPE)], height=LINE_HEIGHT_PT + 4)
    sheet.merge(2, 1, 2, width)
    sheet.header(list(HEADERS), height=30)
    styles: dict[bool, list[StyleArray]] = {
        flag: sheet.styles(_looks(flag)) for flag in (False, True)
    }
    for i, row in enumerate(register.rows, start=1):
        values = register.cells(i, row)
        height = wrapped_lines(values, WIDTHS) * LINE_HEIGHT_PT + 4
        sheet.append(values, styles[row.overdue], height=height)
    if not register.rows:
        sheet.append(["", "没有符合条件的办理事项"], [None, sheet.style(SCOPE)])
    book.save(path)


def export_register(register: FollowUpRegister, path: Path) -> Path:
    return write_file(path, lambda temp: write_register(temp, register))
