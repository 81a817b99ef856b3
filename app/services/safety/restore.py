"""Restoring a backup: check the file first, keep the current database, then replace it.

The caller holds the instance lock and has closed every connection to the current database
(``Database.dispose()``); afterwards it opens the file again with ``open_database``, which
upgrades an older schema (after its own 升级前备份).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db_file import NotOurDatabaseError, current_revision, is_sqlite_file, read_only_uri
from app.errors import UserError, os_reason
from app.services.safety import attachment_backup, backup
from app.storage import head_revision, known_revisions


@dataclass(frozen=True)
class BackupCheck:
    """What a restore would bring back, for the confirmation question."""

    path: Path
    revision: str
    needs_upgrade: bool
    members: int
    activities: int

    def describe(self) -> str:
        text = f"备份文件“{self.path.name}”检查通过：委员 {self.members} 人，履职活动 {self.activities} 次。"
        if self.needs_upgrade:
            text += "该备份来自旧版本，恢复后将自动升级数据结构。"
        return text


def _check_staged(staged: Path, name: str) -> tuple[str, int, int]:
    problems = backup.check_copy(staged)
    if problems:
        raise UserError(
            f"备份文件“{name}”已损坏，不能用于恢复（{problems[0]}）。当前数据库未改动。"
        )
    try:
        revision = current_revision(staged)
    except NotOurDatabaseError as exc:
        raise UserError(
            f"备份文件“{name}”不是完整的工作台数据库（{exc.detail}），不能用于恢复。当前数据库未改动。"
        ) from exc
    except UserError as exc:
        raise UserError(f"“{name}”不是本工作台的数据库，不能用于恢复。当前数据库未改动。") from exc
    if revision is None:
        raise UserError(f"“{name}”是一个空数据库，不能用于恢复。当前数据库未改动。")
    if revision not in known_revisions():
        raise UserError(
            f"备份文件“{name}”由更新版本的工作台创建（结构版本 {revision}），"
            "请先安装新版本再恢复。当前数据库未改动。"
        )
    conn = sqlite3.connect(read_only_uri(staged), uri=True)
    try:
        members = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        activities = conn.execute("SELECT count(*) FROM activity").fetchone()[0]
    except sqlite3.Error as exc:
        raise UserError(f"“{name}”缺少工作台的数据表，不能用于恢复。当前数据库未改动。") from exc
    finally:
        conn.close()
    return revision, members, activities


def _stage(source: Path, folder: Path) -> Path:
    """A checked single-file copy of ``source`` in ``folder`` (so the replace is one rename)."""
    source = Path(source)
    if not source.exists() or source.is_dir():
        raise UserError(f"找不到备份文件“{source}”。")
    try:
        if not is_sqlite_file(source):
            raise UserError(f"“{source.name}”不是工作台的备份文件（不是 SQLite 数据库）。")
    except OSError as exc:
        raise UserError(f"无法读取“{source.name}”：{os_reason(exc)}") from exc
    staged = folder / f".~恢复中-{os.getpid()}.db"
    try:
        return backup.make_copy(source, staged)
    except UserError as exc:
        raise UserError(f"备份文件“{source.name}”无法使用：{exc.message}") from exc


def inspect_backup(source: Path, scratch: Path | None = None) -> BackupCheck:
    """Check a backup file without touching the current database; raises UserError."""
    folder = backup.backup_folder(scratch)
    staged = _stage(source, folder)
    try:
        revision, members, activities = _check_staged(staged, Path(source).name)
    finally:
        staged.unlink(missing_ok=True)
    return BackupCheck(Path(source), revision, revision != head_revision(), members, activities)


def _keep_current(db_path: Path, folder: Path) -> Path | None:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    healthy = is_sqlite_file(db_path) and not backup.check_copy(db_path)
    if healthy:
        conn = sqlite3.connect(str(db_path))
        try:  # fold the WAL into the file, so removing the -wal file below loses nothing
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        return backup.backup_file(db_path, "恢复前备份", folder)
    # A damaged file is kept byte for byte: it may still be rescued by an expert.
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"恢复前备份-{stamp}-已损坏.db"
    for suffix in ("", "-wal"):
        if Path(str(db_path) + suffix).exists():
            shutil.copy2(str(db_path) + suffix, str(kept) + suffix)
    return kept


def restore_file(db_path: Path | None, source: Path, folder: Path | None = None) -> Path | None:
    """Replace the database at ``db_path`` with the backup ``source``.

    Returns the copy kept of the database that was replaced (None when there was none).
    """
    if db_path is None:  # a database on a server
        raise UserError(
            "服务器上的数据库不能在这里恢复：请管理员用 pg_restore 从 pg_dump 备份恢复"
            "（见使用说明“县政协使用数据库服务器”）。"
        )
    # Through a symlink the file it points at is replaced, not the link: whoever has the real
    # file open (and the instance lock, keyed on it) sees the restored database.
    db_path = Path(os.path.realpath(db_path))
    folder = backup.backup_folder(folder) if folder is not None else backup.folder_for(db_path)
    if Path(source).resolve() == db_path.resolve():
        raise UserError("所选文件就是当前正在使用的数据库，无需恢复。")
    staged = _stage(source, db_path.parent)
    try:
        _check_staged(staged, Path(source).name)
        kept = _keep_current(db_path, folder)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(staged, db_path)
        attachment_backup.restore_from_beside(Path(source))
    except PermissionError as exc:
        raise UserError(
            f"无法替换“{db_path.name}”：文件正被其他程序占用或没有写入权限。当前数据库未改动。"
        ) from exc
    finally:
        staged.unlink(missing_ok=True)
    return kept
