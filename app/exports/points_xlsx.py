"""履职积分统计表 (.xlsx): the year's ranking, and a second sheet with every entry and its source."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from app.db import Database
from app.errors import NotFoundError
from app.exports.files import write_file
from app.exports.xlsx_common import (
    set_value,
    set_widths,
    setup_print,
    write_header,
    write_row,
    write_title,
)
from app.services.points.ranking import Ranking, all_ledgers, get_ranking
from app.services.settings import get_value

FAIL_FILL = PatternFill("solid", fgColor="F8CBAD")
MISSING_FILL = PatternFill("solid", fgColor="FFF2CC")
FIXED = ("序号", "姓名", "界别", "所属联络室")
TAIL = ("总分", "排名", "等次")


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def _ranking_sheet(ws: Worksheet, r: Ranking, title: str) -> None:
    cats, reqs = r.categories, r.requirement_columns
    width = len(FIXED) + len(cats) + len(TAIL) + len(reqs)
    write_title(ws, title, width)
    top = [*FIXED, *(["分项得分"] * len(cats)), *TAIL, *(name for name, _item in reqs)]
    bottom = [*FIXED, *cats, *TAIL, *(item for _name, item in reqs)]
    write_header(ws, 2, top)
    write_header(ws, 3, bottom)
    for col in [
        *range(1, len(FIXED) + 1),
        *range(len(FIXED) + len(cats) + 1, len(FIXED) + len(cats) + len(TAIL) + 1),
    ]:
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    col = len(FIXED) + 1
    groups = [("分项得分", len(cats))]
    names = [name for name, _item in reqs]
    for name in dict.fromkeys(names):
        groups.append((name, names.count(name)))
    for index, (_name, span) in enumerate(groups):
        if span > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + span - 1)
        col += span + (len(TAIL) if index == 0 else 0)
    row_no = 4
    for n, row in enumerate(r.rows, start=1):
        checks = ["✓" if c.met else "✗" for c in row.checks]
        values = [
            n,
            row.name,
            row.sector,
            row.rooms,
            *(_num(row.subtotals.get(c, 0.0)) for c in cats),
            _num(row.total),
            row.rank,
            row.grade,
            *checks,
        ]
        write_row(ws, row_no, values)
        fill = FAIL_FILL if not row.passed else MISSING_FILL if not row.requirements_met else None
        for col_no in range(1, width + 1):
            cell = ws.cell(row=row_no, column=col_no)
            if col_no != 4:
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if fill is not None:
                cell.fill = fill
        row_no += 1
    grades = "；".join(r.grades)
    note = (
        f"说明：规则“{r.rule_set_name}”；等次：{grades}；合格线 {r.pass_line:g} 分；"
        if r.pass_line is not None
        else f"说明：规则“{r.rule_set_name}”；"
    )
    note += "✓ 已达到、✗ 未达到；红色底纹为未达合格线，黄色底纹为未达最低要求。"
    if r.locked:
        note += "本年度考核已定稿。"
    cell = set_value(ws.cell(row=row_no + 1, column=1), note)
    cell.font = Font(name="宋体", size=10)
    ws.merge_cells(start_row=row_no + 1, start_column=1, end_row=row_no + 1, end_column=width)
    set_widths(ws, [6, 10, 12, 20, *([9] * len(cats)), 8, 6, 8, *([6] * len(reqs))])
    setup_print(ws, header_rows=(1, 3), landscape=True, freeze_below=3)


def _ledger_sheet(ws: Worksheet, db: Database, r: Ranking, year: int) -> None:
    headers = ("序号", "姓名", "类别", "分值", "计分说明", "来源", "证明材料", "录入人")
    write_title(ws, f"{year}年度委员履职积分明细", len(headers))
    write_header(ws, 2, headers)
    ledgers = all_ledgers(db, year)
    row_no, n = 3, 1
    for row in r.rows:
        for line in ledgers.get(row.member_id, []):
            write_row(
                ws,
                row_no,
                [
                    n,
                    row.name,
                    line.category,
                    _num(line.points),
                    line.description,
                    line.source_label,
                    line.evidence,
                    line.entered_by,
                ],
            )
            for col in (1, 3, 4):
                ws.cell(row=row_no, column=col).alignment = Alignment(
                    horizontal="center", vertical="center"
                )
            lines = max(-(-len(line.description) // 28), -(-len(line.evidence) // 8), 1)
            ws.row_dimensions[row_no].height = 15 * lines + 3
            row_no += 1
            n += 1
    set_widths(ws, [6, 10, 10, 8, 60, 20, 18, 10])
    setup_print(ws, header_rows=(1, 2), landscape=True, freeze_below=2)


def export_points_xlsx(db: Database, year: int, path: Path, progress: Any = None) -> Path:
    """``progress`` (optional) is BackgroundTask's Progress."""
    if progress is not None:
        progress.step(0, 2, "正在汇总积分…")
    ranking = get_ranking(db, year)
    if ranking is None:
        raise NotFoundError(f"{year}年度还没有积分规则，无法导出统计表。")
    with db.read() as session:
        org = get_value(session, "org.name") or ""
    title = f"{org}{year}年度委员履职积分统计表"

    def writer(temp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = "履职积分统计表"
        _ranking_sheet(ws, ranking, title)
        _ledger_sheet(wb.create_sheet("积分明细"), db, ranking, year)
        wb.properties.title = title
        if progress is not None:
            progress.step(1, 2, "正在写入 Excel 文件…")
        wb.save(temp)

    return write_file(path, writer)


def default_file_name(year: int) -> str:
    return f"{year}年度委员履职积分统计表（{date.today():%Y%m%d}）.xlsx"
