"""Writing an export file safely: clean names, write to a temp file, then replace in one step.

A file held open by Excel/WPS (Windows refuses to replace it) is reported, not crashed on.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.errors import UserError, os_reason
from app.paths import clean_file_name

__all__ = ["clean_file_name", "write_file"]


def write_file(path: Path, writer: Callable[[Path], None]) -> Path:
    """Call ``writer(temp_path)`` and move the result onto ``path`` atomically."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise UserError(f"文件夹“{folder}”不存在，请选择其他保存位置。")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=folder)
    except PermissionError as exc:
        raise UserError(f"没有权限在“{folder}”中保存文件，请选择其他位置。") from exc
    except OSError as exc:
        raise UserError(f"无法在“{folder}”中保存文件：{os_reason(exc)}") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer(temp)
        os.replace(temp, path)
    except PermissionError as exc:
        raise UserError(
            f"文件“{path.name}”正被其他程序（如 Excel、WPS 或 Word）打开，或没有写入权限。"
            "请关闭该文件后重试，或另存为其他文件名。"
        ) from exc
    except OSError as exc:  # a full disk, a folder of that name, a pulled USB stick …
        raise UserError(f"文件“{path.name}”未能保存：{os_reason(exc)}。") from exc
    finally:
        if temp.exists():
            temp.unlink()
    return path
