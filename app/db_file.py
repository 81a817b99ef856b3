"""Checks of a database file that need only the sqlite3 module (no SQLAlchemy, no Alembic), so
the window can run them in a worker thread while the rest of the program is still loading."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app import paths
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


# A passed quick_check is remembered (in the app data folder, per database file) with the file's
# state; a later open the same day whose file is in exactly that state skips the check.
CHECK_RECORDS_FOLDER = "checked"
# A file changed this shortly before its check may change again without a new modification time
# (FAT keeps 2-second times): such a check is not remembered ("racily clean", as git says).
RECORD_MIN_AGE_SECONDS = 3.0
DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk i/o")


def is_damage_error(exc: BaseException) -> bool:
    """Whether an SQLite error says the file (or the disk under it) is damaged."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(word in text for word in DAMAGE_WORDS)


def _record_path(path: Path) -> Path:
    key = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / CHECK_RECORDS_FOLDER / f"{key}.json"


def file_state(path: Path) -> dict[str, list | None]:
    """What changes whenever the file's content may have changed, for the file and its -wal:
    size, modification and change times (the change time cannot be set back by copying tools),
    inode, and a hash of the file's first page (SQLite's header with its change counter) or the
    WAL's header (new salts at each reset)."""
    state: dict[str, list | None] = {}
    for suffix, head_size in (("", 4096), ("-wal", 32)):
        side = Path(str(path) + suffix)
        try:
            with open(side, "rb") as handle:
                info = os.fstat(handle.fileno())
                head = handle.read(head_size)
        except FileNotFoundError:
            state[suffix or "db"] = None
            continue
        if suffix and info.st_size == 0:  # an empty WAL (a reader just opened the file): none
            state[suffix] = None
            continue
        state[suffix or "db"] = [
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
            info.st_ino,
            info.st_dev,
            hashlib.sha256(head).hexdigest(),
        ]
    return state


def check_is_remembered(path: Path, today: date | None = None) -> bool:
    """Whether a quick_check passed today on the file in exactly its present state."""
    try:
        record = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none, or unreadable: check
        return False
    return (
        isinstance(record, dict)
        and record.get("day") == (today or date.today()).isoformat()
        and record.get("path") == str(Path(path).resolve())
        and record.get("state") == file_state(path)
    )


def remember_check(path: Path, before: dict[str, list | None], started: float) -> None:
    """Remember a passed quick_check that began at ``started`` on the file in state ``before``,
    unless the file changed meanwhile or too shortly before."""
    if file_state(path) != before:
        return
    newest = max(side[1] for side in before.values() if side is not None)
    if newest > (started - RECORD_MIN_AGE_SECONDS) * 1e9:
        return
    record = {
        "path": str(Path(path).resolve()),
        "day": date.fromtimestamp(started).isoformat(),
        "state": before,
    }
    target = _record_path(path)
    temp = target.with_name(f"{target.stem}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temp, target)
    except OSError:  # only a shortcut lost: the next open checks the file in full
        temp.unlink(missing_ok=True)


def forget_check(path: Path) -> None:
    """The file showed damage: its next open runs the full quick_check again."""
    _record_path(path).unlink(missing_ok=True)


def checked_quick(path: Path) -> None:
    """``quick_check`` unless one passed today on the file in exactly its present state."""
    if check_is_remembered(path):
        return
    started = time.time()
    before = file_state(path)
    quick_check(path)
    remember_check(path, before, started)


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
    try:
        revision = current_revision(path)
        checked_quick(path)
    except DatabaseDamagedError:
        with contextlib.suppress(OSError):  # the damage is what the user must hear about
            forget_check(path)
        raise
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
