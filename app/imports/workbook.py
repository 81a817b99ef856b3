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
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    range_boundaries,
)
from openpyxl.utils.escape import unescape
from openpyxl.workbook.workbook import Workbook

from app.errors import UserError
from app.imports.xlsx_reader import check_unpacked_size, read_bytes

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
    data = read_bytes(path)
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
        raise UserError(
            f"文件“{path.name}”已损坏或格式不正确，无法读取。请在 Excel/WPS 中打开该文件，"
            "检查后另存为 .xlsx 再导入。"
        ) from exc


def excel_text(value: Any) -> Any:
    """A text cell as Excel shows it: Excel writes a character XML cannot hold as ``_xHHHH_``
    and reads it back decoded; openpyxl leaves the escape in (“李_x0001_建国” would become a
    second member beside 李建国). The decoded control characters are removed where text is
    stored (app.text)."""
    if isinstance(value, str) and "_x" in value:
        return unescape(value)
    return value


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number Excel shows
    values: tuple[Any, ...]
    wide_merge_columns: frozenset[int]  # 0-based columns covered by a one-row merge ≥ 3 wide


MAX_COLUMNS = 256  # a roster or rule sheet has a few dozen; cells beyond are never read
MAX_MERGES = 10000


def damaged(path_name: str, sheet: str, where: str = "") -> UserError:
    return UserError(
        f"文件“{path_name}”的工作表“{sheet}”{where}已损坏或格式不正确，无法读取。"
        "请在 Excel/WPS 中打开该文件，检查后另存为 .xlsx 再导入。"
    )


def _merged_ranges(wb: Workbook, ws: Any, name: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, read from the sheet's XML.

    Ranges are clipped to MAX_COLUMNS and MAX_ROWS: one merge spanning the whole sheet (a few
    bytes in the file) must not become billions of cells.
    """
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not path or archive is None:
        return []
    ranges = []
    try:
        with archive.open(path) as handle:
            for _event, element in ElementTree.iterparse(handle):
                if element.tag == f"{_NS}mergeCell":
                    ref = element.get("ref") or ""
                    try:
                        min_col, min_row, max_col, max_row = range_boundaries(ref)
                    except (TypeError, ValueError):
                        raise UserError(
                            f"文件“{name}”的工作表“{ws.title}”中有无效的合并单元格区域“{ref[:40]}”，"
                            "无法读取。请在 Excel/WPS 中取消该合并后另存再导入。"
                        ) from None
                    if None in (min_col, min_row, max_col, max_row):
                        continue  # a whole-row or whole-column reference merges nothing usable
                    if min_col > max_col or min_row > max_row or min_col > MAX_COLUMNS:
                        continue
                    ranges.append(
                        (min_col, min_row, min(max_col, MAX_COLUMNS), min(max_row, MAX_ROWS + 1))
                    )
                    if len(ranges) > MAX_MERGES:
                        raise UserError(
                            f"文件“{name}”的工作表“{ws.title}”有超过 {MAX_MERGES} 个合并单元格区域，"
                            "请检查是否选错了文件。"
                        )
                if element.tag == f"{_NS}row":
                    element.clear()
    except UserError:
        raise
    except Exception as exc:  # not well-formed XML and the like: a damaged file
        raise damaged(name, ws.title) from exc
    return ranges


def sheet_rows(wb: Workbook, ws: Any, name: str = "") -> Iterator[SheetRow]:
    """Rows of a read-only sheet with every merged range's value copied into all its cells.

    A cell the file cannot hold (a date cell whose value is not a date, a number that is text,
    a shared string that does not exist) makes a UserError naming the sheet and the row.
    """
    ranges = sorted(_merged_ranges(wb, ws, name), key=lambda r: r[1])
    anchors = {(min_row, min_col) for min_col, min_row, _c, _r in ranges}
    anchor_values: dict[tuple[int, int], Any] = {}
    active: list[tuple[int, int, int, int]] = []
    pending = 0  # index of the next range (by first row) not yet active
    rows = iter(ws.iter_rows())
    count = 0
    last = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except UserError:
            raise
        except Exception as exc:  # openpyxl parses each row as it is asked for
            raise damaged(name, ws.title, f"第 {last + 1} 行附近") from exc
        count += 1
        if count > MAX_ROWS:
            raise UserError(f"工作表“{ws.title}”超过 {MAX_ROWS} 行，请检查是否选错了文件。")
        cells = [c for c in row if getattr(c, "row", None) is not None]
        if not cells:
            continue
        number = cells[0].row
        last = number
        width = min(max(c.column for c in cells), MAX_COLUMNS)
        values: list[Any] = [None] * width
        for cell in cells:
            if cell.column > MAX_COLUMNS:
                continue
            values[cell.column - 1] = excel_text(cell.value)
            if (number, cell.column) in anchors:
                anchor_values[(number, cell.column)] = cell.value
        while pending < len(ranges) and ranges[pending][1] <= number:
            active.append(ranges[pending])
            pending += 1
        active = [r for r in active if r[3] >= number]
        wide: set[int] = set()
        for min_col, min_row, max_col, max_row in active:
            anchor = (min_row, min_col)
            if max_col > len(values):
                values.extend([None] * (max_col - len(values)))
            for c in range(min_col, max_col + 1):
                if (number, c) != anchor:
                    values[c - 1] = anchor_values.get(anchor)
            if min_row == max_row == number and max_col - min_col >= 2:
                wide.update(range(min_col - 1, max_col))
        yield SheetRow(number, tuple(values), frozenset(wide))


MAX_MERGED_CELLS = 1_000_000  # all merged ranges of one workbook, cell by cell


def _too_far(name: str, where: str) -> UserError:
    return UserError(
        f"文件“{name}”中{where}，超出了能读取的范围（{MAX_ROWS} 行、{MAX_COLUMNS} 列），"
        "请检查是否选错了文件，或删除多余的行列后另存再导入。"
    )


def _check_extent(element: Any, name: str) -> None:
    """Refuse a row or cell placed beyond MAX_ROWS or MAX_COLUMNS: openpyxl's full mode makes
    a cell for every row and column up to the farthest one (row 999,999,999 ran for minutes)."""
    if element.tag == f"{_NS}row":
        number = int(element.get("r") or 0)
        if number > MAX_ROWS:
            raise _too_far(name, f"有第 {number:,} 行")
    elif element.tag == f"{_NS}c" and element.get("r"):
        column, _row = coordinate_from_string(element.get("r"))
        if column_index_from_string(column) > MAX_COLUMNS:
            raise _too_far(name, f"有单元格 {element.get('r')[:20]}")


def check_merged_ranges(data: bytes, name: str) -> None:
    """Refuse, before openpyxl's full mode expands them, merges that are invalid or huge, and
    rows or cells placed far beyond what a sheet of rules holds.

    openpyxl's normal (not read-only) mode makes an object for every cell a merge covers: a
    5 KB file with one merge spanning the sheet took 2.9 GB. Read-only readers clip instead
    (``sheet_rows``).
    """
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.namelist():
                if not (entry.startswith("xl/worksheets/") and entry.endswith(".xml")):
                    continue
                with archive.open(entry) as handle:
                    for _event, element in ElementTree.iterparse(handle):
                        _check_extent(element, name)
                        if element.tag == f"{_NS}row":
                            element.clear()
                        if element.tag != f"{_NS}mergeCell":
                            continue
                        ref = element.get("ref") or ""
                        try:
                            min_col, min_row, max_col, max_row = range_boundaries(ref)
                        except (TypeError, ValueError):
                            raise UserError(
                                f"文件“{name}”中有无效的合并单元格区域“{ref[:40]}”，无法读取。"
                                "请在 Excel/WPS 中取消该合并后另存再导入。"
                            ) from None
                        if None in (min_col, min_row, max_col, max_row):
                            total += MAX_MERGED_CELLS + 1  # a whole row or column
                        else:
                            total += (abs(max_col - min_col) + 1) * (abs(max_row - min_row) + 1)
                        if total > MAX_MERGED_CELLS:
                            raise UserError(
                                f"文件“{name}”中的合并单元格范围过大（超过 {MAX_MERGED_CELLS:,} 个单元格），"
                                "请取消整表范围的合并后另存再导入。"
                            )
    except UserError:
        raise
    except Exception as exc:  # zip and XML errors: a damaged file
        raise UserError(
            f"文件“{name}”已损坏或格式不正确，无法读取。请在 Excel/WPS 中打开该文件，"
            "检查后另存为 .xlsx 再导入。"
        ) from exc
