"""Checks of a database file that need only the sqlite3 module (no SQLAlchemy, no Alembic), so
the window can run them in a worker thread while the rest of the program is still loading."""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError, sqlite_reason
from app.migrations.schemas import SCHEMAS
from app.paths import real_path

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseDamagedError(UserError):
    """The database file exists but cannot be read as a healthy database. Nothing was changed;
    the caller offers the latest good backup (``app.services.safety.backup.latest_good_backup``)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = Path(path)


def is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_MAGIC


def folder_is_read_only(path: Path) -> bool:
    """Whether the folder holding ``path`` cannot be written (a write-protected USB stick, a
    read-only share): SQLite can then make no journal, WAL index or lock file beside it."""
    folder = Path(path).resolve().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a folder still to be made: the one it would be made in
    return not os.access(folder, os.W_OK)


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening ``path`` read-only; percent-encoded, so #, ?, % and Chinese folder
    names (C:\\Users\\联络员\\…) are taken literally. In a read-only folder the file is opened
    as immutable: SQLite cannot make its WAL index there, and nobody can change the file."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    if folder_is_read_only(path) and not _has_leftovers(path):
        uri += "&immutable=1"
    return uri


def _leftover(path: Path, suffix: str) -> Path | None:
    side = Path(str(path) + suffix)
    try:
        return side if side.stat().st_size > 0 else None
    except OSError:
        return None


def _has_leftovers(path: Path) -> bool:
    return bool(_leftover(path, "-journal") or _leftover(path, "-wal"))


def recover_interrupted_write(path: Path) -> None:
    """Finish what SQLite does on any normal open when a writer was killed mid-transaction:
    roll back a hot journal (or replay a WAL). A read-only open cannot do it and would call the
    file damaged; one read-write open does it, and changes nothing a committed write made.

    Where the folder is read-only, the leftover cannot be resolved: say so instead.
    """
    path = Path(path)
    if not _has_leftovers(path):
        return
    if folder_is_read_only(path):
        raise UserError(
            f"数据库“{path.name}”上次没有正常关闭（旁边留有未完成的修改记录），"
            "但所在文件夹是只读的，无法恢复到完好状态。请把数据库文件连同旁边的 -journal / -wal "
            "文件复制到可写的文件夹后再打开。本程序未改动该文件。"
        )
    conn = sqlite3.connect(str(path), timeout=5)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        pass  # the read-only checks that follow name what is wrong with the file
    finally:
        conn.close()


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for a file with nothing in it yet.

    A file holding anything but our tables is refused: a foreign SQLite file (tables, views or
    an application id of its own) is not initialised, and one carrying our version marker but
    not all of that revision's tables and columns (a stub) is not taken for ours.
    """
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            if _holds_anything(conn):
                raise UserError(f"文件“{path}”不是本工作台的数据库。本程序未改动该文件。")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        missing = schema_problems(conn, revision)
        if missing:
            raise NotOurDatabaseError(path, missing[0])
        return revision
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(
            f"数据库文件“{path}”已损坏或无法读取（{sqlite_reason(exc)}）。本程序未改动该文件。",
            path,
        ) from exc
    finally:
        conn.close()


class NotOurDatabaseError(DatabaseDamagedError):
    """The file has our version marker but lacks tables or columns of that revision."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"文件“{path}”不是完整的工作台数据库（{detail}），不能打开。本程序未改动该文件。", path
        )
        self.detail = detail


def _holds_anything(conn: sqlite3.Connection) -> bool:
    objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return bool(objects or user_version or application_id)


def schema_problems(conn: sqlite3.Connection, revision: str | None) -> list[str]:
    """What the file lacks of ``revision``'s tables and columns (Chinese, first few); empty for
    a whole database or an unknown (newer) revision, which the caller refuses by itself."""
    if revision is None:
        return ["没有结构版本记录"]
    expected = SCHEMAS.get(revision)
    if expected is None:
        return []
    problems = []
    for table, columns in expected.items():
        found = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not found:
            problems.append(f"缺少数据表 {table}")
        elif columns - found:
            problems.append(f"数据表 {table} 缺少列 {'、'.join(sorted(columns - found))}")
        if len(problems) >= 3:
            break
    return problems


def quick_check(path: Path) -> None:
    """Raise DatabaseDamagedError when SQLite's quick_check finds damage (fast: no index scan)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamagedError(
            f"数据库文件“{path}”已损坏或无法读取（{sqlite_reason(exc)}）。本程序未改动该文件。",
            path,
        ) from exc
    if rows != ["ok"]:
        raise DatabaseDamagedError(
            f"数据库文件“{path}”已损坏（SQLite 完整性检查未通过）。本程序未改动该文件。", path
        )


@dataclass(frozen=True)
class Preflight:
    """What ``preflight`` found: a new (missing or empty) file, or the stored revision."""

    path: Path
    is_new: bool
    revision: str | None
    read_only: bool = False  # the folder cannot be written: open read-only


def preflight(path: Path) -> Preflight:
    """Every check ``open_database`` makes before it opens the file; raises UserError /
    DatabaseDamagedError. The checks read only; the one write is SQLite's own recovery of a
    write a kill interrupted (``recover_interrupted_write``), which every normal open makes."""
    path = Path(path)
    real_path(path)
    if path.exists() and path.is_dir():
        raise UserError(f"“{path}”是一个文件夹，不是数据库文件。")
    read_only = folder_is_read_only(path)
    if not path.exists() or path.stat().st_size == 0:
        return Preflight(path, True, None, read_only)
    if not is_sqlite_file(path):
        raise DatabaseDamagedError(
            f"文件“{path}”不是工作台数据库（不是 SQLite 文件），可能已损坏。本程序未改动该文件。",
            path,
        )
    recover_interrupted_write(path)
    revision = current_revision(path)
    quick_check(path)
    return Preflight(path, False, revision, read_only)


class PreflightThread(threading.Thread):
    """``preflight`` in a worker thread: sqlite3 releases the GIL while it reads, so the window
    loads the rest of the program meanwhile. ``result()`` waits and returns the Preflight or
    raises what ``preflight`` raised."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="db-preflight", daemon=True)
        self.path = Path(path)
        self._found: Preflight | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._found = preflight(self.path)
        except BaseException as exc:  # handed to the thread that waits
            self._error = exc

    def result(self) -> Preflight:
        self.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found
