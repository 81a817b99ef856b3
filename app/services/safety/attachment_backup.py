"""Attachment files (photos, scans) travel with a backup saved elsewhere (备份到…).

The database holds only the attachments' names; the files live in the app data folder. A copy on
a USB drive without them would restore records whose photos are gone, so 备份到 F.db also fills
the folder “F-附件” beside it, and restoring F.db puts back any file missing here. Files are
never deleted, and a restore never overwrites a file here (stored names are unique).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app import paths
from app.errors import UserError, os_reason

SUFFIX = "-附件"


def folder_beside(backup_file: Path) -> Path:
    backup_file = Path(backup_file)
    return backup_file.with_name(backup_file.stem + SUFFIX)


def _copy_missing(source: Path, target: Path, *, refresh_changed: bool) -> int:
    if not source.is_dir():
        return 0
    files = [p for p in source.iterdir() if p.is_file() and not p.name.startswith(".~")]
    if not files:
        return 0
    copied = 0
    try:
        target.mkdir(parents=True, exist_ok=True)
        for file in files:
            dest = target / file.name
            if dest.exists() and (
                not refresh_changed or dest.stat().st_size == file.stat().st_size
            ):
                continue
            temp = target / f".~{file.name}.part"
            shutil.copyfile(file, temp)
            temp.replace(dest)
            copied += 1
    except OSError as exc:
        if exc.errno == 28:
            raise UserError(f"“{target}”所在磁盘空间不足，附件未能全部复制。") from exc
        raise UserError(f"复制附件到“{target}”时出错：{os_reason(exc)}") from exc
    return copied


def save_beside(backup_file: Path) -> int:
    """Copy the attachment files not yet beside ``backup_file``; returns how many were copied."""
    return _copy_missing(paths.attachments_dir(), folder_beside(backup_file), refresh_changed=True)


def restore_from_beside(backup_file: Path) -> int:
    """Put back attachment files saved beside ``backup_file`` that are missing here."""
    return _copy_missing(folder_beside(backup_file), paths.attachments_dir(), refresh_changed=False)
