"""Reading an .xlsx someone else made, safely: every importer goes through here.

The file is checked before openpyxl sees it (size, zip bomb, old .xls, password protection, not a
workbook at all), openpyxl reads it in read-only mode with cached values (never formulas), and
defusedxml must be installed so a crafted XML part cannot expand entities. Every problem becomes a
UserError with a Chinese message; nothing here writes anything.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.errors import UserError, os_reason

MAX_FILE_BYTES = 20 * 1024 * 1024  # a roster is a few hundred KB; 20 MB is generous
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # zip bomb guard: total size once unpacked
MAX_COMPRESSION_RATIO = 200  # per part; real sheets compress ~10:1
MAX_ZIP_ENTRIES = 2000
MAX_ROWS = 20000
MAX_COLS = 100
MAX_SHEETS = 50

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
FULL_WIDTH_SPACE = "\u3000"


@dataclass(frozen=True)
class SheetData:
    """One worksheet's cell values, row by row (None for empty cells); trailing empty cells and
    rows are dropped, so rows may differ in length."""

    name: str
    rows: list[tuple[Any, ...]]


def require_defusedxml() -> None:
    """openpyxl only uses defusedxml when it is importable; refuse to parse foreign XML without it."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise UserError(
            "缺少安全组件 defusedxml，为保护数据暂不能导入 Excel 文件，请重新安装本程序。"
        )


@contextmanager
def quiet_openpyxl() -> Iterator[None]:
    """openpyxl warns on stderr about what it leaves out of a clerk's workbook (a data-validation
    extension, conditional formatting, a missing default style): nothing a clerk can act on,
    and the command line must say one Chinese line. Silenced here, around the readers only."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        yield


def read_bytes(path: Path) -> bytes:
    """The whole file, or a UserError saying why it cannot be read (no permission, locked)."""
    try:
        return Path(path).read_bytes()
    except PermissionError as exc:
        raise UserError(f"没有权限读取“{Path(path).name}”，或该文件正被其他程序独占打开。") from exc
    except OSError as exc:
        raise UserError(f"无法读取“{Path(path).name}”：{exc.strerror or exc}") from exc


def check_file(path: Path) -> None:
    """Raise UserError if ``path`` is not an .xlsx workbook openpyxl may safely open."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise UserError(f"找不到文件“{path}”。")
    if path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，请选择 Excel 文件。")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
            if head == OLE_MAGIC:
                body = handle.read(MAX_FILE_BYTES)
    except PermissionError as exc:
        raise UserError(f"没有权限读取“{name}”，或该文件正被其他程序独占打开。") from exc
    except OSError as exc:
        raise UserError(f"无法读取“{name}”：{os_reason(exc)}") from exc
    if size == 0:
        raise UserError(f"“{name}”是空文件。")
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"“{name}”有 {size / 1024 / 1024:.1f} MB，超过导入上限 "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB。请只保留需要导入的工作表后再试。"
        )
    if head == OLE_MAGIC:
        if ENCRYPTED_MARK in body:
            raise UserError(
                f"“{name}”设置了打开密码。请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。"
            )
        raise UserError(f"“{name}”是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再导入。")
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() in (".csv", ".txt"):
            raise UserError(f"“{name}”是文本文件，请在 Excel/WPS 中另存为 .xlsx 后再导入。")
        raise UserError(f"“{name}”不是有效的 .xlsx 文件（文件已损坏或是其他格式）。")
    _check_zip(path, name)


def check_unpacked_size(path: Path) -> None:
    """Zip-bomb guard: refuse a package that unpacks to far more than any real workbook."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds on a damaged package
        raise UserError(f"“{path.name}”不是有效的 .xlsx 文件（压缩包已损坏）。") from exc
    _check_entries(entries, path.name)


def _check_zip(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds on a damaged package
        raise UserError(f"“{name}”不是有效的 .xlsx 文件（压缩包已损坏）。") from exc
    _check_entries(entries, name)
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UserError(f"“{name}”是 Word 文档，不是 Excel 工作簿。")
        raise UserError(f"“{name}”不是 Excel 工作簿（.xlsx）。")


def _check_entries(entries: list[zipfile.ZipInfo], name: str) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UserError(f"“{name}”内部结构异常（部件过多），已拒绝导入。")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            entry.file_size > 1_000_000 and ratio > MAX_COMPRESSION_RATIO
        ):
            raise UserError(f"“{name}”解压后体积异常巨大，可能是恶意文件，已拒绝导入。")


@quiet_openpyxl()
def read_workbook(
    path: Path, *, max_rows: int = MAX_ROWS, max_cols: int = MAX_COLS
) -> list[SheetData]:
    """All worksheets' values (cached results, never formulas). Raises UserError on any problem."""
    path = Path(path)
    check_file(path)
    require_defusedxml()
    from openpyxl import load_workbook

    try:
        # From memory (the size is capped above): a parser failure can leave no file handle open,
        # and a workbook saved under another suffix still opens.
        workbook = load_workbook(io.BytesIO(read_bytes(path)), read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # any parser failure on a foreign file is a bad file
        raise UserError(f"无法读取“{path.name}”：文件已损坏或不是标准的 .xlsx 格式。") from exc
    try:
        sheets = []
        worksheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        if len(worksheets) > MAX_SHEETS:
            raise UserError(f"“{path.name}”有 {len(worksheets)} 个工作表，超过上限 {MAX_SHEETS}。")
        for ws in worksheets:
            rows: list[tuple[Any, ...]] = []
            for row in ws.iter_rows(values_only=True):
                if len(rows) >= max_rows:
                    raise UserError(
                        f"工作表“{ws.title}”超过 {max_rows} 行，已拒绝导入。请删除多余的行后再试。"
                    )
                rows.append(_trim_cells(row[:max_cols]))
            sheets.append(SheetData(name=ws.title, rows=_trim(rows)))
        return sheets
    except UserError:
        raise
    except Exception as exc:  # lazily parsed rows fail here on a bad file
        raise UserError(f"读取“{path.name}”时出错：文件内容已损坏或格式不标准。") from exc
    finally:
        workbook.close()


def read_first_sheet(path: Path, **limits: int) -> SheetData:
    """The first worksheet (what a roster importer wants)."""
    sheets = read_workbook(path, **limits)
    if not sheets:
        raise UserError(f"“{Path(path).name}”中没有工作表。")
    return sheets[0]


def _trim(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Drop trailing rows whose cells are all empty (Excel keeps formatted blank rows)."""
    end = len(rows)
    while end and all(cell_text(v) == "" for v in rows[end - 1]):
        end -= 1
    return rows[:end]


def _trim_cells(row: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])


def cell_text(value: Any) -> str:
    """A cell as the clerk sees it: full-width spaces and blanks trimmed, whole numbers without
    ".0" (phone numbers stored as numbers), dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace(FULL_WIDTH_SPACE, " ").replace("\xa0", " ")
    return text.strip()
