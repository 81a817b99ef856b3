"""A rule set as an .xlsx workbook a county can fill in by hand (Chinese headers, one table per
sheet, a title row above each header), and reading one back with 第N行「列」 messages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.errors import UserError, ValidationError
from app.exports.files import write_file
from app.exports.xlsx_common import set_widths, setup_print, write_header, write_row, write_title
from app.imports.xlsx_reader import check_file, require_defusedxml
from app.services.points.rules import RuleSetData, validate
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
    Row,
    SheetRows,
    grade_rows,
    num,
    parse_caps,
    parse_grades,
    parse_requirements,
    parse_rules,
    requirement_rows,
    rule_row,
    text,
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


def _read_sheet(
    wb: Any,
    name: str,
    headers: tuple[str, ...],
    required: bool = True,
    optional: tuple[str, ...] = (),
) -> SheetRows:
    """The rows below the header row of sheet ``name`` (a title row may sit above it)."""
    rows: list[Row] = []
    if name not in wb.sheetnames:
        if required:
            raise ValidationError(f"文件中没有名为“{name}”的工作表。")
        return SheetRows(name, rows)
    ws = wb[name]
    header_row, columns = None, {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10)):
        texts = [text(c.value) for c in row]
        if headers[0] in texts and headers[1] in texts:
            header_row = row[0].row
            columns = {t: i for i, t in enumerate(texts) if t}
            break
    if header_row is None:
        raise ValidationError(f"“{name}”表中找不到表头（应含「{headers[0]}」「{headers[1]}」）。")
    missing = [h for h in headers if h not in columns]
    if missing:
        raise ValidationError(f"“{name}”表缺少列：{'、'.join('「' + h + '」' for h in missing)}。")
    for number, row in enumerate(
        ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        values = {
            h: row[columns[h]] if h in columns and columns[h] < len(row) else None
            for h in (*headers, *optional)
        }
        if any(text(v) for v in values.values()):
            rows.append((number, values))
    return SheetRows(name, rows)


def read_rule_workbook(path: Path, year: int) -> RuleSetData:
    """Read and validate; raises ValidationError naming the sheet, row and column."""
    try:  # size, zip bomb, .xls, password, not a workbook (app.imports.xlsx_reader)
        check_file(Path(path))
        require_defusedxml()
    except UserError as exc:
        raise ValidationError(exc.message) from exc
    try:  # from memory: a damaged file leaves no handle open; any parser failure is a bad file
        wb = load_workbook(io.BytesIO(Path(path).read_bytes()), data_only=True, read_only=False)
    except Exception as exc:  # noqa: BLE001 - zlib, XML and zip errors of a damaged file
        raise ValidationError(f"无法读取“{Path(path).name}”：不是有效的 .xlsx 文件。") from exc
    rules = parse_rules(_read_sheet(wb, RULES_SHEET, RULE_HEADERS[:-1], optional=RULE_HEADERS[-1:]))
    general = _read_sheet(wb, GENERAL_SHEET, ("项目", "内容"))
    items = {text(v["项目"]): (n, v) for n, v in general.rows}

    def setting(label: str) -> float | None:
        if label not in items:
            return None
        return general.number(items[label][0], items[label][1], "内容", blank_ok=True)

    name = text(items["规则名称"][1]["内容"]) if "规则名称" in items else ""
    note = text(items["说明"][1]["内容"]) if "说明" in items else ""
    data = RuleSetData(
        year=year,
        name=name or f"{year}年度积分规则",
        base_score=setting("基础分"),
        max_score=setting("总分上限"),
        grades=parse_grades(_read_sheet(wb, GRADES_SHEET, GRADE_HEADERS)),
        category_caps=parse_caps(_read_sheet(wb, CAPS_SHEET, CAPS_HEADERS, required=False)),
        requirements=parse_requirements(
            _read_sheet(wb, REQ_SHEET, REQ_HEADERS[:4], required=False, optional=("说明",))
        ),
        rules=rules,
        note=note,
    )
    validate(data)
    return data
