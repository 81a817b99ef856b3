"""Writing an export file safely: clean names, write to a temp file, then replace in one step.
The file gets the user's usual permissions (rw-r--r-- under umask 022), as Word or Excel give.

A file held open by Excel/WPS (Windows refuses to replace it) is reported, not crashed on.
"""

from __future__ import annotations

import gc
import os
import secrets
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from app.errors import UserError, os_reason
from app.paths import clean_file_name

__all__ = ["clean_file_name", "write_file"]


def _release_writer(exc: BaseException) -> None:
    """Close now, quietly, what a failed writer left open on the temp file (openpyxl's and
    python-docx's ZipFile, lxml's incremental writers). Left to the garbage collector, each tries
    to flush onto the full disk again and prints "Exception ignored … ZipFile.__del__" after our
    one Chinese line; on Windows the open file also could not be deleted."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        seen: set[int] = set()
        error: BaseException | None = exc
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            traceback.clear_frames(error.__traceback__)
            error = error.__cause__ or error.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _new_temp(folder: Path, suffix: str) -> Path:
    """A new empty file beside the target, with the permissions any new file of the user gets
    (0644 under the usual umask): mkstemp's 0600 went on to the exported file, which others could
    not read once copied to a shared folder. Asking the kernel (mode 0666 less the umask) keeps
    this safe in the background threads that export, where os.umask() could not be read."""
    for _attempt in range(100):
        temp = folder / f".~{secrets.token_hex(6)}{suffix}"
        try:
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(f"no free temporary name in {folder}")


def write_file(path: Path, writer: Callable[[Path], None]) -> Path:
    """Call ``writer(temp_path)`` and move the result onto ``path`` atomically."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise UserError(f"文件夹“{folder}”不存在，请选择其他保存位置。")
    try:
        temp = _new_temp(folder, path.suffix)
    except PermissionError as exc:
        raise UserError(f"没有权限在“{folder}”中保存文件，请选择其他位置。") from exc
    except OSError as exc:
        raise UserError(f"无法在“{folder}”中保存文件：{os_reason(exc)}") from exc
    try:
        writer(temp)
        os.replace(temp, path)
    except OSError as exc:  # a full disk, a folder of that name, a pulled USB stick …
        _release_writer(exc)
        _explain(exc, path)
    finally:
        if temp.exists():
            temp.unlink()
    return path


def _explain(exc: OSError, path: Path) -> NoReturn:
    """Raise the UserError a clerk can act on for ``exc``."""
    if isinstance(exc, PermissionError):
        raise UserError(
            f"文件“{path.name}”正被其他程序（如 Excel、WPS 或 Word）打开，或没有写入权限。"
            "请关闭该文件后重试，或另存为其他文件名。"
        ) from exc
    if exc.errno == 28:
        raise UserError("磁盘空间不足，文件未能保存。") from exc
    raise UserError(f"文件“{path.name}”未能保存：{os_reason(exc)}。") from exc
