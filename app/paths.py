"""Where the app keeps its files: the per-user local app data folder (or LIAISON_DESK_HOME)."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from platformdirs import user_data_dir

from app import APP_ID
from app.errors import UserError, os_reason

HOME_ENV = "LIAISON_DESK_HOME"


def data_dir() -> Path:
    """The app data folder, created on first use. Tests point LIAISON_DESK_HOME at tmp_path."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "liaison.db"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def attachments_dir() -> Path:
    path = data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def real_path(path: Path) -> Path:
    """``path`` with every symlink resolved (the file itself may not exist yet); a symlink loop
    is a UserError, not a crash."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError(
                f"“{path}”是循环的符号链接（链接最终又指回自己），找不到真正的数据库文件。"
            ) from exc
        raise UserError(f"无法访问“{path}”：{os_reason(exc)}") from exc


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def clean_file_name(name: str, fallback: str = "导出文件") -> str:
    """A name Windows accepts: no \\ / : * ? " < > |, no trailing dots/spaces, not reserved."""
    cleaned = _BAD_CHARS.sub("_", name).strip().rstrip(". ")
    if not cleaned or cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = fallback
    return cleaned[:120]
