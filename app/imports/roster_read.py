"""Reading a roster workbook into parsed rows, before any database is involved.

Finds the header row under title and note rows, maps header names and their synonyms
(姓名 / 姓　名, 工作单位及职务 / 单位及职务, 联系电话 / 手机号码 …) to fields, skips empty,
repeated-header and note rows, and parses every cell with the same rules the edit dialog uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.imports.roster_values import read_category, read_ethnicity, read_political_status
from app.imports.workbook import SheetRow, open_workbook, sheet_rows
from app.imports.xlsx_reader import quiet_openpyxl
from app.progress import Progress
from app.services.members import fields as mf
from app.text import clean_stored_text

HEADER_SCAN_ROWS = 30

# field → header names as county offices write them (compared without spaces and brackets).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "name": ("姓名", "委员姓名", "名字", "委员"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_month": ("出生年月", "出生日期", "出生年月日", "生日", "出生年份"),
    "political_status": ("政治面貌", "党派", "党派团体"),
    "sector": ("界别", "所属界别", "界别名称"),
    "level": ("委员层级", "层级", "委员级别", "级别", "委员类别"),
    "is_standing": ("是否常委", "常委"),
    "term": ("届次", "届别"),
    "work_unit": (
        "工作单位及职务",
        "单位及职务",
        "工作单位和职务",
        "现工作单位及职务",
        "工作单位职务",
        "单位职务",
        "工作单位",
        "单位",
    ),
    "phone": ("联系电话", "手机号码", "手机号", "手机", "电话", "联系方式", "移动电话", "电话号码"),
    "expertise": ("专长", "特长", "专业特长"),
    "status": ("状态", "在任离任", "是否在任", "任职状态"),
    "left_on": ("离任日期", "离任时间"),
    "rooms": ("联络室", "所属联络室", "委员联络室", "所在联络室", "驻室", "驻联络室"),
    "note": ("备注",),
}
LABELS = {
    "name": "姓名",
    "gender": "性别",
    "birth_month": "出生年月",
    "sector": "界别",
    "level": "委员层级",
    "is_standing": "是否常委",
    "phone": "联系电话",
    "status": "状态",
}
_LOOKUP = {syn: key for key, names in SYNONYMS.items() for syn in names}
_HEADER_NOISE = re.compile(r"[\s*＊:：()（）\[\]【】/／、]|必填|选填")
_NOTE_STARTS = ("注", "说明", "备注", "填表", "合计", "制表", "审核", "联系人")
_ROOM_SPLIT = re.compile(r"[、,，;；/\n]+")
# Group headings some rosters put between blocks: “一、中共（5人）”, “教育界 3人”.
_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]|\d+\s*人[)）]?$")

PARSERS: dict[str, Callable[[Any], Any]] = {
    "name": mf.parse_name,
    "gender": mf.parse_gender,
    "birth_month": mf.parse_birth_month,
    "is_standing": mf.parse_yes_no,
    "phone": mf.parse_phone,
    "status": mf.parse_status,
    "left_on": lambda value: mf.parse_date(value, "离任日期"),
}
# Free-text fields read with a note when the word is not one of the usual ones.
READERS: dict[str, Callable[[Any], tuple[Any, str | None]]] = {
    "ethnicity": read_ethnicity,
    "political_status": read_political_status,
}
# A row without these cannot be matched to a member: an error. Any other cell that cannot be
# read is left out of the row with a warning naming row and column.
REQUIRED = ("name", "phone")


def header_key(text: Any) -> str | None:
    """The field a header cell names, or None: “姓　名”, “联系电话（手机）” → name, phone."""
    if text is None:
        return None
    text = clean_stored_text(str(text))  # “联\u200b系电话” is still the phone column
    plain = _HEADER_NOISE.sub("", mf.nfkc(text))
    if plain in _LOOKUP:
        return _LOOKUP[plain]
    bare = re.sub(r"\(.*?\)", "", mf.nfkc(text))
    bare = _HEADER_NOISE.sub("", bare)
    return _LOOKUP.get(bare)


@dataclass
class ParsedRow:
    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # field → parsed value (non-empty only)
    rooms: tuple[str, ...] = ()
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but not all as written

    @property
    def where(self) -> str:
        return f"工作表“{self.sheet}”第{self.row}行"


@dataclass
class Roster:
    file_name: str
    rows: list[ParsedRow]
    sheets_read: list[str]
    ignored_columns: list[str]
    has_rooms_column: bool


def _find_header(rows: list[SheetRow]) -> tuple[int, dict[int, str], dict[int, str]] | None:
    for index, sheet_row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[int, str] = {}
        titles: dict[int, str] = {}
        for col, value in enumerate(sheet_row.values):
            key = header_key(value)
            if key and key not in mapping.values():
                mapping[col] = key
                titles[col] = "".join(str(value).split())
        if "name" in mapping.values() and len(mapping) >= 2:
            return index, mapping, titles
    return None


def _is_note(sheet_row: SheetRow, mapping: dict[int, str]) -> bool:
    filled = [v for v in sheet_row.values if mf.clean_text(v) is not None]
    name_col = next(c for c, k in mapping.items() if k == "name")
    if name_col in sheet_row.wide_merge_columns:
        return True
    texts = {str(v).strip() for v in filled}
    return len(texts) == 1 and next(iter(texts)).startswith(_NOTE_STARTS)


def _parse_row(
    sheet: str, sheet_row: SheetRow, mapping: dict[int, str], titles: dict[int, str]
) -> ParsedRow:
    parsed = ParsedRow(sheet=sheet, row=sheet_row.number)
    category: tuple[str, bool] | None = None  # (column, 常委 or not) as 委员类别 says
    for col, key in mapping.items():
        raw = sheet_row.values[col] if col < len(sheet_row.values) else None
        if key == "seq":
            continue
        where = f"{parsed.where}「{titles[col]}」列："
        if key == "rooms":
            text = mf.clean_text(raw)
            parts = _ROOM_SPLIT.split(mf.nfkc(text)) if text else []
            parsed.rooms = tuple(dict.fromkeys("".join(p.split()) for p in parts if p.strip()))
            continue
        if key == "level":
            value, standing, notes = read_category(raw)
            parsed.warnings.extend(where + note for note in notes)
            if standing is not None:
                category = (titles[col], standing)
        elif key in READERS:
            value, note = READERS[key](raw)
            if note:
                parsed.warnings.append(where + note)
        else:
            try:
                value = PARSERS.get(key, mf.clean_text)(raw)
            except ValueError as exc:
                if key in REQUIRED:
                    parsed.errors.append(f"{where}{exc}")
                else:  # left out, and said so: the row still comes in
                    parsed.warnings.append(f"{where}{exc}，该项未导入")
                continue
        if key == "sector" and value is not None:
            value = "".join(mf.nfkc(value).split())
        if value is not None:
            parsed.values[key] = value
    if category is not None:
        column, standing = category
        explicit = parsed.values.setdefault("is_standing", standing)
        if explicit != standing:
            said = "常委" if standing else "非常委"
            parsed.warnings.append(
                f"{parsed.where}：「{column}」列写的是{said}，与「是否常委」列不同，按「是否常委」列导入"
            )
    left_on = parsed.values.get("left_on")
    if left_on is not None:
        column = next(titles[c] for c, k in mapping.items() if k == "left_on")
        if parsed.values.get("status") != "离任":
            parsed.errors.append(f"{parsed.where}「{column}」列：只有“离任”的委员才填写离任日期")
        elif left_on > date.today():
            parsed.errors.append(f"{parsed.where}「{column}」列：离任日期不能晚于今天")
    if "sector" not in parsed.values:
        column = next((titles[c] for c, k in mapping.items() if k == "sector"), "界别")
        parsed.errors.append(f"{parsed.where}「{column}」列：界别不能为空")
    return parsed


@quiet_openpyxl()
def read_roster(path: Path, progress: Progress | None = None) -> Roster:
    """Every data row of every sheet that has a roster header, parsed (errors kept per row)."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        rows: list[ParsedRow] = []
        sheets: list[str] = []
        ignored: list[str] = []
        has_rooms = False
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            all_rows = list(sheet_rows(wb, ws, path.name))
            found = _find_header(all_rows)
            if found is None:
                continue
            index, mapping, titles = found
            sheets.append(ws.title)
            has_rooms = has_rooms or "rooms" in mapping.values()
            header_row = all_rows[index]
            for col, value in enumerate(header_row.values):
                if col not in mapping and mf.clean_text(value) is not None:
                    ignored.append(f"{ws.title}：{''.join(str(value).split())}")
            data_rows = all_rows[index + 1 :]
            for n, sheet_row in enumerate(data_rows):
                if progress is not None:
                    progress.step(n, len(data_rows), f"正在读取“{ws.title}”第{sheet_row.number}行")
                if all(mf.clean_text(v) is None for v in sheet_row.values):
                    continue  # empty (often trailing) rows
                name_col = next(c for c, k in mapping.items() if k == "name")
                name_cell = sheet_row.values[name_col] if name_col < len(sheet_row.values) else None
                if header_key(name_cell) == "name" or _is_note(sheet_row, mapping):
                    continue  # the header repeated, or a note / 合计 line
                filled = [
                    sheet_row.values[c]
                    for c, k in mapping.items()
                    if k != "seq"
                    and c < len(sheet_row.values)
                    and mf.clean_text(sheet_row.values[c]) is not None
                ]
                if not filled or (len(filled) == 1 and _HEADING.search(str(filled[0]).strip())):
                    continue  # template rows with only a 序号, or a group heading
                rows.append(_parse_row(ws.title, sheet_row, mapping, titles))
    finally:
        wb.close()
    if not sheets:
        raise UserError(
            f"在“{path.name}”中没有找到名册表头。表头行需要有“姓名”列，以及“界别”、"
            "“联系电话”等列中的至少一列。"
        )
    return Roster(path.name, rows, sheets, ignored, has_rooms)
