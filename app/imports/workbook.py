"""Opening an .xlsx someone made by hand, safely: clear Chinese messages for the files that are
not what they seem (.xls, password-protected, not a workbook at all, too big), openpyxl's
read-only mode, and merged cells filled in (read-only mode does not report them)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from app.errors import UserError
from app.imports.xlsx_reader import check_unpacked_size

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path`` in read-only mode, or a UserError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件“{path}”。")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(
            f"文件“{path.name}”有 {size / 1024 / 1024:.1f} MB，超过了 "
            f"{MAX_BYTES // 1024 // 1024} MB 的上限。名册一般不会这么大，请检查是否选错了文件。"
        )
    data = path.read_bytes()
    if data.startswith(OLE_MAGIC):
        if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
            raise UserError(
                f"文件“{path.name}”设置了打开密码，无法读取。请在 Excel/WPS 中取消密码"
                "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存再导入。"
            )
        raise UserError(
            f"文件“{path.name}”是旧版 Excel 97-2003 格式（.xls）。请在 Excel/WPS 中打开，"
            "“另存为” Excel 工作簿（.xlsx）后再导入。"
        )
    not_workbook = UserError(
        f"文件“{path.name}”不是 Excel 工作簿（.xlsx），无法导入。请选择从 Excel/WPS 保存的 .xlsx 文件。"
    )
    if not data.startswith(ZIP_MAGIC):
        raise not_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise not_workbook
        check_unpacked_size(path)  # zip-bomb guard (app.imports.xlsx_reader)
        # A file object, not the path: openpyxl would refuse a .xlsx saved under another suffix.
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # any parser failure means a damaged file
        raise UserError(f"文件“{path.name}”已损坏或格式不正确，无法读取（{exc}）。") from exc


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows
    values: tuple[Any, ...]
    wide_merge_columns: frozenset[int]  # 0-based columns covered by a one-row merge ≥ 3 wide


def _merged_ranges(wb: Workbook, ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, read from the sheet's XML."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not path or archive is None:
        return []
    ranges = []
    with archive.open(path) as handle:
        for _event, element in ElementTree.iterparse(handle):
            if element.tag == f"{_NS}mergeCell":
                ranges.append(range_boundaries(element.get("ref")))
            if element.tag == f"{_NS}row":
                element.clear()
    return ranges


def sheet_rows(wb: Workbook, ws: Any) -> Iterator[SheetRow]:
    """Rows of a read-only sheet with every merged range's value copied into all its cells."""
    ranges = _merged_ranges(wb, ws)
    fill: dict[int, list[tuple[int, tuple[int, int]]]] = {}  # row → [(column, anchor)]
    anchors: set[tuple[int, int]] = set()
    wide: dict[int, set[int]] = {}
    for min_col, min_row, max_col, max_row in ranges:
        anchors.add((min_row, min_col))
        for r in range(min_row, min(max_row, min_row + MAX_ROWS) + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    fill.setdefault(r, []).append((c, (min_row, min_col)))
        if min_row == max_row and max_col - min_col >= 2:
            wide.setdefault(min_row, set()).update(range(min_col - 1, max_col))
    anchor_values: dict[tuple[int, int], Any] = {}
    for count, row in enumerate(ws.iter_rows()):
        if count > MAX_ROWS:
            raise UserError(f"工作表“{ws.title}”超过 {MAX_ROWS} 行，请检查是否选错了文件。")
        cells = [c for c in row if getattr(c, "row", None) is not None]
        if not cells:
            continue
        number = cells[0].row
        width = max(c.column for c in cells)
        values: list[Any] = [None] * width
        for cell in cells:
            values[cell.column - 1] = cell.value
            if (number, cell.column) in anchors:
                anchor_values[(number, cell.column)] = cell.value
        for c, anchor in fill.get(number, ()):
            if c > len(values):
                values.extend([None] * (c - len(values)))
            values[c - 1] = anchor_values.get(anchor)
        yield SheetRow(number, tuple(values), frozenset(wide.get(number, ())))
