"""A rule set as an .xlsx workbook a county can fill in by hand (Chinese headers, one table per
sheet, a title row above each header). ``app.imports.rules_sheet`` reads one back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.exports.files import write_file
from app.exports.xlsx_common import set_widths, setup_print, write_header, write_row, write_title
from app.services.points.rules import RuleSetData
from app.services.points.rules_table import (
    CAPS_HEADERS,
    CAPS_SHEET,
    GENERAL_SHEET,
    GRADE_HEADERS,
    GRADES_SHEET,
    REQ_HEADERS,
    REQ_SHEET,
    RULE_HEADERS,
    RULES_SHEET,
    grade_rows,
    num,
    requirement_rows,
    rule_row,
)


def _sheet(
    wb: Workbook,
    title: str,
    heading: str,
    headers: tuple[str, ...],
    rows: list[list[Any]],
    widths: list[float],
) -> Worksheet:
    ws = wb.create_sheet(title)
    write_title(ws, heading, len(headers))
    write_header(ws, 2, headers)
    for i, row in enumerate(rows, start=3):
        write_row(ws, i, row)
        lines = max(
            (
                -(-len(str(v)) // max(int(w // 2), 1))
                for v, w in zip(row, widths, strict=False)
                if v
            ),
            default=1,
        )
        ws.row_dimensions[i].height = 15 * max(lines, 1) + 3
    set_widths(ws, widths)
    setup_print(ws, header_rows=(1, 2), landscape=len(headers) > 6, freeze_below=2)
    return ws


def write_rule_workbook(data: RuleSetData, path: Path) -> Path:
    def writer(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        _sheet(
            wb,
            RULES_SHEET,
            f"{data.year}年度委员履职积分规则",
            RULE_HEADERS,
            [rule_row(n, r) for n, r in enumerate(data.rules, start=1)],
            [6, 8, 26, 10, 8, 10, 10, 10, 22, 10, 10, 12, 10, 10, 12, 18, 10, 10],
        )
        general = [
            ["规则名称", data.name],
            ["基础分", num(data.base_score)],
            ["总分上限", num(data.max_score)],
            ["说明", data.note or None],
        ]
        _sheet(
            wb,
            GENERAL_SHEET,
            "总则（基础分留空表示从零分起算）",
            ("项目", "内容"),
            general,
            [14, 80],
        )
        _sheet(
            wb,
            CAPS_SHEET,
            "类别年度上限",
            CAPS_HEADERS,
            [[c, num(v)] for c, v in data.category_caps.items()],
            [16, 12],
        )
        _sheet(
            wb,
            GRADES_SHEET,
            "等次（从高到低；最低一档不填最低分）",
            GRADE_HEADERS,
            grade_rows(data.grades),
            [12, 10, 10],
        )
        _sheet(
            wb,
            REQ_SHEET,
            "最低要求（计入记录：提案、社情民意、宣讲、办实事、调研报告、活动、"
            "活动:活动类型、接待来访）",
            REQ_HEADERS,
            requirement_rows(data.requirements),
            [12, 14, 10, 40, 24],
        )
        wb.save(temp)

    return write_file(path, writer)
