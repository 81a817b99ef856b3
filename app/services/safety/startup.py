"""Opening the database at start (window and command line alike): a damaged file is reported
with the latest good backup, never replaced by an empty one; the day's first start backs up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.db import Database
from app.db_file import DatabaseDamagedError, PreflightThread
from app.db_server import is_server_url
from app.errors import UserError
from app.paths import real_path
from app.services.safety import backup
from app.storage import open_database, read_only_notice


def open_safely(
    db_path: Path | str, warn: Callable[[str], None], checks: PreflightThread | None = None
) -> Database:
    """``open_database`` plus the daily backup. A failed daily backup is only a warning (the user
    can still work); a damaged database raises UserError naming the latest good backup.
    ``checks`` is the file's preflight, already running in a worker thread.
    A database on a server (``postgresql://…``) is opened as it is: it is backed up on the server
    with pg_dump by whoever keeps it, and several clerks use it at once."""
    if is_server_url(db_path):
        return open_database(db_path)
    db_path = Path(db_path)
    real_path(db_path)  # a symlink loop says so before anything else looks at the path
    try:
        db = open_database(
            db_path,
            before_upgrade=backup.upgrade_backup(backup.folder_for(db_path)),
            checked=checks.result() if checks is not None else None,
        )
    except DatabaseDamagedError as exc:
        good = backup.latest_good_backup(backup.folder_for(db_path))
        if good is None:
            raise UserError(f"{exc.message}没有找到可用的备份。") from exc
        raise UserError(
            f"{exc.message}最近的完好备份是“{good}”{backup.describe_choice(good)}，"
            f'可运行 python main.py restore "{good}" 恢复。'
        ) from exc
    if db.read_only:
        warn(read_only_notice(db_path))
    else:
        backup.clean_leftovers(db_path.resolve().parent)  # a killed restore's staging
    backup.clean_leftovers(backup.folder_for(db_path))
    try:
        backup.daily_backup(db)
    except UserError as exc:
        warn(f"今天的自动备份未完成：{exc.message}")
    return db
