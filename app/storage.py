"""Opening a database file: check it, back it up, migrate it, seed the defaults.

Refuses files that are not SQLite, and databases made by a newer version of the app.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

from app.db import Database, explain_sqlite_error
from app.db_file import Preflight, preflight
from app.db_server import check_server_version, is_server_url
from app.defaults import seed_defaults
from app.errors import UserError
from app.migrations import HEAD_REVISION

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import URL

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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


def check_connection(db: Database) -> None:
    """Connect once (WAL, foreign keys): a read-only folder or a locked file is reported while
    the file is being opened, not at the first page that reads it."""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar()


# Several clerks may open an old county database at once: one of them upgrades it.
_UPGRADE_LOCK_KEY = 4_711_016


def upgrade(db: Database) -> None:
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as connection:
        if db.is_server:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK_KEY})")
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


BeforeUpgrade = Callable[[Path, str], object]
"""Called with the file and its current revision just before its schema is upgraded."""


def open_database(
    path: Path | str | URL,
    before_upgrade: BeforeUpgrade | None = None,
    checked: Preflight | None = None,
) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    An existing database on an older schema is handed to ``before_upgrade`` first (the services
    pass ``safety.backup.upgrade_backup``: storage sits below them and cannot call them itself).
    ``checked`` is this file's ``preflight`` result when the caller already ran the checks (the
    window runs them in a worker thread while it starts).
    """
    if is_server_url(path):
        return open_server(path if not isinstance(path, Path) else str(path), before_upgrade)
    path = Path(str(path))
    try:
        return _open(path, before_upgrade, checked)
    except PermissionError as exc:
        raise UserError(
            f"没有权限读写“{path}”。请检查文件和文件夹的权限，或把数据库放到可写的位置。"
        ) from exc
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        error = explain_sqlite_error(exc, path)
        if error is None:
            raise
        raise error from exc


def read_only_notice(path: Path) -> str:
    return (
        f"数据库“{Path(path).name}”所在的文件夹是只读的（如写保护的 U 盘），已以只读方式打开："
        "可以查看、打印和导出，不能保存修改。要修改，请把文件复制到可写的文件夹后再打开。"
    )


def _open_read_only(path: Path, found: Preflight) -> Database:
    """A healthy database in a folder that cannot be written opens read-only; one that would
    have to be created or upgraded first cannot open at all."""
    if found.is_new:
        raise UserError(f"文件夹“{path.parent}”是只读的，无法在其中新建数据库“{path.name}”。")
    if found.revision != head_revision():
        raise UserError(
            f"数据库“{path.name}”来自旧版本，需要先升级数据结构，但所在文件夹是只读的。"
            "请把文件复制到可写的文件夹后再打开。本程序未改动该文件。"
        )
    db = Database(path, read_only=True)
    try:
        check_connection(db)
    except BaseException:
        db.dispose()
        raise
    return db


def _open(path: Path, before_upgrade: BeforeUpgrade | None, checked: Preflight | None) -> Database:
    found = checked if checked is not None and checked.path == path else preflight(path)
    revision, head = found.revision, head_revision()
    if found.read_only:
        return _open_read_only(path, found)
    if revision is not None and revision != head:
        if revision not in known_revisions():
            raise UserError(
                f"数据库“{path.name}”由更新版本的工作台创建（结构版本 {revision}），"
                "请安装新版本后再打开。本程序未改动该文件。"
            )
        if before_upgrade is not None:
            before_upgrade(path, revision)
    is_new = revision is None
    current = revision == head
    if found.is_new:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    try:
        if current:
            check_connection(db)
        else:
            upgrade(db)
        if is_new:
            seed_defaults(db)
    except BaseException:
        db.dispose()
        raise
    return db


def server_revision(db: Database) -> str | None:
    """The schema revision of a server database; None when it holds no tables of ours yet."""
    with db.engine.connect() as connection:
        if connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def open_server(url: str | URL, before_upgrade: BeforeUpgrade | None = None) -> Database:
    """Open (creating the tables if needed) and migrate a database on a PostgreSQL server.

    The program needs no superuser: the role owns (or may create tables in) its own schema. A
    read-only role opens a current database; one that would have to be created or upgraded says
    so. ``before_upgrade`` is not called: the server is backed up with pg_dump by its keeper.
    """
    db = Database(url)
    head = head_revision()
    revision: str | None = head  # until the server has answered
    try:
        with db.engine.connect() as connection:
            check_server_version(connection, db.label)
        revision = server_revision(db)
        if revision is not None and revision != head and revision not in known_revisions():
            raise UserError(
                f"数据库“{db.label}”由更新版本的工作台创建（结构版本 {revision}），"
                "请安装新版本后再打开。本程序未改动该数据库。"
            )
        if revision != head:
            upgrade(db)
            if revision is None:
                seed_defaults(db)
    except DatabaseError as exc:
        db.dispose()
        error = db.explain(exc)
        if error is None:
            raise
        if revision != head and "只有查看权限" in error.message:
            raise UserError(
                f"数据库“{db.label}”还没有建好或需要升级数据结构，当前账号只有查看权限，"
                "请用有建表权限的账号先打开一次。"
            ) from exc
        raise error from exc
    except BaseException:
        db.dispose()
        raise
    return db
