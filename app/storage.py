"""Opening a database file: check it, back it up, migrate it, seed the defaults.

Refuses files that are not SQLite, and databases made by a newer version of the app.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

from app.db import Database, explain_sqlite_error
from app.errors import UserError
from app.migrations import HEAD_REVISION
from app.services.defaults import seed_defaults

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseDamagedError(UserError):
    """The database file exists but cannot be read as a healthy database. Nothing was changed;
    the caller offers the latest good backup (``app.services.backup.latest_good_backup``)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = Path(path)


def alembic_config() -> Config:
    # Alembic is imported only when a schema has to change: opening a current database at
    # start-up never loads it (HEAD_REVISION says which revision is current).
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return HEAD_REVISION


def script_head_revision() -> str | None:
    """The head according to the migration scripts (a test checks it equals HEAD_REVISION)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_MAGIC


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening ``path`` read-only; percent-encoded, so #, ?, % and Chinese folder
    names (C:\\Users\\联络员\\…) are taken literally."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for a file with no tables yet."""
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()
            if tables[0]:
                raise UserError(f"文件“{path}”不是本工作台的数据库。")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(
            f"数据库文件“{path}”已损坏或无法读取（{exc}）。本程序未改动该文件。", path
        ) from exc
    finally:
        conn.close()


def quick_check(path: Path) -> None:
    """Raise DatabaseDamagedError when SQLite's quick_check finds damage (fast: no index scan)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows != ["ok"]:
        detail = " ".join(line.strip("* ") for line in str(rows[0]).splitlines())[:80]
        raise DatabaseDamagedError(
            f"数据库文件“{path}”已损坏（{detail}）。本程序未改动该文件。", path
        )


def sqlite_backup(source: Path, dest: Path) -> Path:
    """Copy a live database in one step with SQLite's online backup API."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out, pages=-1)
        finally:
            out.close()
    finally:
        src.close()
    return dest


def upgrade(db: Database) -> None:
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def open_database(path: Path, backup_dir: Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    An existing database on an older schema is copied to ``backup_dir`` before the upgrade.
    """
    path = Path(path)
    try:
        return _open(path, backup_dir)
    except PermissionError as exc:
        raise UserError(
            f"没有权限读写“{path}”。请检查文件和文件夹的权限，或把数据库放到可写的位置。"
        ) from exc
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        error = explain_sqlite_error(exc, path)
        if error is None:
            raise
        raise error from exc


def _open(path: Path, backup_dir: Path | None) -> Database:
    if path.exists() and path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    is_new = not path.exists() or path.stat().st_size == 0
    if not is_new:
        if not is_sqlite_file(path):
            raise DatabaseDamagedError(
                f"文件“{path}”不是工作台数据库（不是 SQLite 文件），可能已损坏。本程序未改动该文件。",
                path,
            )
        revision = current_revision(path)
        quick_check(path)
        head = head_revision()
        if revision is not None and revision != head:
            if revision not in known_revisions():
                raise UserError(
                    f"数据库“{path.name}”由更新版本的工作台创建（结构版本 {revision}），"
                    "请安装新版本后再打开。本程序未改动该文件。"
                )
            if backup_dir is not None:
                from app.services.backup import backup_file  # storage sits below services

                backup_file(path, "升级前备份", backup_dir, tag=revision)
        is_new = revision is None
        current = revision == head
    else:
        current = False
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    try:
        if not current:
            upgrade(db)
        if is_new:
            seed_defaults(db)
    except BaseException:
        db.dispose()
        raise
    return db
