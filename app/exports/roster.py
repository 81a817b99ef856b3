"""委员名册 (.xlsx): title row, header, 序号, 姓氏笔画 order, phones as text, A4 with the header
repeated on every printed page. Its columns are ones the roster import reads back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from app.exports.files import write_file
from app.exports.xlsx_common import (
    LINE_HEIGHT_PT,
    set_widths,
    setup_print,
    wrapped_lines,
    write_header,
    write_row,
    write_title,
)
from app.services.members.fields import format_birth_month, mask_phone
from app.services.members.registry import MemberRow
from app.services.members.roster import Roster

HEADER = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "政治面貌",
    "界别",
    "委员层级",
    "是否常委",
    "届次",
    "工作单位及职务",
    "联系电话",
    "专长",
    "联络室",
    "状态",
    "离任日期",
    "备注",
)
# 序号, 性别, 民族, 出生年月, 层级, 常委, 届次, 状态, 离任日期
CENTERED = (1, 3, 4, 5, 8, 9, 10, 15, 16)
WIDTHS = (6, 10, 6, 7, 10, 12, 12, 9, 9, 8, 30, 15, 14, 20, 7, 11, 14)


def _cells(seq: int, m: MemberRow, masked: bool) -> list[object]:
    phone = mask_phone(m.phone) if masked else (m.phone or "")
    return [
        seq,
        m.name,
        m.gender or "",
        m.ethnicity or "",
        format_birth_month(m.birth_month),
        m.political_status or "",
        m.sector or "",
        m.level,
        "是" if m.is_standing else "否",
        m.term or "",
        m.work_unit or "",
        phone,  # a str: set_value stores it as text, never a number
        m.expertise or "",
        "、".join(m.room_names),
        m.status,
        m.left_on or "",  # a date cell (yyyy-mm-dd); the import reads it back
        m.note or "",
    ]


def export_roster(roster: Roster, out: Path, *, mask_phones: bool = False) -> int:
    """Write ``roster`` to ``out``; returns the number of members written. The caller records a
    full-phone export (``members.roster.record_roster_export``): files never touch the database."""
    members, title = roster.members, roster.title

    def writer(temp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = "委员名册"
        write_title(ws, title, len(HEADER))
        write_header(ws, 2, HEADER)
        for seq, member in enumerate(members, start=1):
            cells = _cells(seq, member, mask_phones)
            write_row(ws, seq + 2, cells)
            lines = wrapped_lines(cells, WIDTHS)  # Excel/LibreOffice do not grow rows themselves
            if lines > 1:
                ws.row_dimensions[seq + 2].height = lines * LINE_HEIGHT_PT + 4
            ws.cell(row=seq + 2, column=12).number_format = "@"
            for column in CENTERED:
                ws.cell(row=seq + 2, column=column).alignment = Alignment(
                    horizontal="center", vertical="center"
                )
        set_widths(ws, WIDTHS)
        setup_print(ws, header_rows=(2, 2), landscape=True, freeze_below=2)
        wb.save(temp)

    write_file(Path(out), writer)
    return len(members)
