"""Reading a rule-set workbook (as ``app.exports.rules_sheet`` writes it, or filled in by hand)
back into a validated rule set, with 第N行「列」 messages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.errors import UserError, ValidationError
from app.imports.workbook import check_merged_ranges, excel_text
from app.imports.xlsx_reader import check_file, quiet_openpyxl, read_bytes, require_defusedxml
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
    parse_caps,
    parse_grades,
    parse_requirements,
    parse_rules,
    text,
)


def _read_sheet(
    wb: Any,
    name: str,
    headers: tuple[str, ...],
    required: bool = True,
    optional: tuple[str, ...] = (),
) -> SheetRows:
    """The rows below the header row of sheet ``name`` (a title row may sit above it)."""
    try:
        return _sheet_rows(wb, name, headers, required, optional)
    except UserError:
        raise
    except Exception as exc:  # openpyxl refusing a cell it parsed lazily: a damaged file
        raise ValidationError(f"“{name}”表已损坏或格式不正确，无法读取。") from exc


def _sheet_rows(
    wb: Any,
    name: str,
    headers: tuple[str, ...],
    required: bool,
    optional: tuple[str, ...],
) -> SheetRows:
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
            h: excel_text(row[columns[h]]) if h in columns and columns[h] < len(row) else None
            for h in (*headers, *optional)
        }
        if any(text(v) for v in values.values()):
            rows.append((number, values))
    return SheetRows(name, rows)


@quiet_openpyxl()
def read_rule_workbook(path: Path, year: int) -> RuleSetData:
    """Read and validate; raises ValidationError naming the sheet, row and column."""
    try:  # size, zip bomb, .xls, password, not a workbook (app.imports.xlsx_reader)
        check_file(Path(path))
        require_defusedxml()
        content = read_bytes(Path(path))
    except UserError as exc:
        raise ValidationError(exc.message) from exc
    try:
        check_merged_ranges(content, Path(path).name)
    except UserError as exc:
        raise ValidationError(exc.message) from exc
    try:  # from memory: a damaged file leaves no handle open; any parser failure is a bad file
        wb = load_workbook(io.BytesIO(content), data_only=True, read_only=False)
    except Exception as exc:  # zlib, XML and zip errors of a damaged file
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
