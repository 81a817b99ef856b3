"""Backups: one-step online copies, checked, rotated; and restoring one of them.

Every copy is made with SQLite's online backup API in a single step (``pages=-1``: an incremental
copy never finishes while another process keeps writing), into a temporary file that is checked
with integrity_check and foreign_key_check before it gets its real name. Copies are single files
(journal_mode=DELETE) so they can be carried on a USB drive.

Kinds (the file name starts with them): 每日备份 (first start of each day; the newest 10 days and
the newest of each of the last 12 months are kept), 升级前备份 / 导入前备份 / 恢复前备份 (the newest
10 of each are kept). Copies the user saves elsewhere (备份到…) are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import paths
from app.db import Database
from app.db_file import forget_check, is_damage_error, read_only_uri
from app.errors import UserError, os_reason, sqlite_reason
from app.services import settings
from app.services.safety import attachment_backup

DAILY = "每日备份"
KEEP_DAILY = 10
KEEP_MONTHLY = 12
KEEP_EVENT = 10
LAST_EXTERNAL_KEY = "backup.last_external"
REMIND_AFTER_DAYS = 30
_NAME = re.compile(r"^(?P<kind>[^-]+)-(?P<stamp>\d{8}-\d{6})(?:-[^.]*)?\.db$")


def backup_folder(folder: Path | None = None) -> Path:
    """``folder`` or the app's backup folder, created; a folder that cannot be made is a
    UserError (read-only app data folder), not a crash."""
    try:
        if folder is None:
            return paths.backup_dir()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError as exc:
        where = folder if folder is not None else "应用数据文件夹"
        raise UserError(
            f"无法创建备份文件夹（{where}）：{os_reason(exc)}。请检查磁盘空间和文件夹权限。"
        ) from exc


def folder_for(db_path: Path | None) -> Path:
    """Where the backups of the database at ``db_path`` go: the backup folder itself for the
    default database, a subfolder per other file (``--db``), so that "the latest good backup"
    is always one of the same database and rotation never drops another file's copies.
    None (a database on a server): the folder of its pg_dump copies."""
    base = backup_folder()
    if db_path is None:
        return backup_folder(base / "server")
    db_path = Path(db_path).resolve()
    if db_path == paths.default_db_path().resolve():
        return base
    key = hashlib.sha1(str(db_path).encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", db_path.stem)[:40] or "db"
    return backup_folder(base / f"{stem}-{key}")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    made_at: datetime
    size_bytes: int


def _copy_one_step(source: Path, dest: Path) -> None:
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out, pages=-1)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    finally:
        src.close()


def check_copy(path: Path) -> list[str]:
    """Problems SQLite finds in a database file (empty list: the file is good)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [f"无法打开：{sqlite_reason(exc)}"]
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]} 记录"
            for row in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    except sqlite3.Error as exc:
        return [f"无法读取：{sqlite_reason(exc)}"]
    finally:
        conn.close()


RECORD_KEY = "backup.record"  # the copy's own creation record, written into the copy


@dataclass(frozen=True)
class CreationRecord:
    """What a backup says about itself: when it was made and its place in the order of making
    (``sequence`` counts up in its folder, whatever the clock said)."""

    made_at: datetime
    sequence: int
    kind: str


def _write_record(copy: Path, record: CreationRecord) -> None:
    value = json.dumps(
        {
            "made_at": record.made_at.isoformat(timespec="seconds"),
            "sequence": record.sequence,
            "kind": record.kind,
        },
        ensure_ascii=False,
    )
    conn = sqlite3.connect(str(copy))
    try:
        with conn:
            conn.execute(
                "INSERT INTO setting (key, value, uuid, created_at, updated_at) "
                "VALUES (?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT(key) "
                "DO UPDATE SET value = excluded.value, updated_at = CURRENT_TIMESTAMP",
                (RECORD_KEY, value, str(uuid.uuid4())),
            )
    finally:
        conn.close()


def creation_record(path: Path) -> CreationRecord | None:
    """The record a backup carries inside (None for copies made before records existed, or a
    file that cannot be read)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (RECORD_KEY,)).fetchone()
        finally:
            conn.close()
        if row is None:
            return None
        data = json.loads(row[0])
        return CreationRecord(
            datetime.fromisoformat(data["made_at"]), int(data["sequence"]), str(data["kind"])
        )
    except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
        return None


def make_copy(source: Path, dest: Path, record: CreationRecord | None = None) -> Path:
    """Copy the database at ``source`` to ``dest`` in one step and check the copy.

    The copy is written beside ``dest`` under a temporary name and only renamed once it passed
    its checks, so ``dest`` is never a half-written or damaged file. ``record`` is written into
    the copy (its settings) before the checks.
    """
    source, dest = Path(source), Path(dest)
    temp = dest.with_name(f".~{dest.name}.part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        _copy_one_step(source, temp)
        if record is not None:
            _write_record(temp, record)
        problems = check_copy(temp)
        if problems:
            forget_check(source)  # its next open runs the full quick_check again
            raise UserError(
                f"备份未完成：复制出的文件检查未通过（{problems[0]}）。原数据库未改动，"
                "请运行“检查数据库完整性”（窗口：设置 → 数据安全；命令行：check）。"
            )
        os.replace(temp, dest)
    except sqlite3.Error as exc:
        if is_damage_error(exc):
            forget_check(source)
        raise UserError(_explain(exc, dest)) from exc
    except PermissionError as exc:
        raise UserError(f"没有权限写入“{dest.parent}”，备份未完成。请选择其他位置。") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise UserError(f"“{dest.parent}”所在磁盘空间不足，备份未完成。") from exc
        raise UserError(f"备份未完成：无法写入“{dest}”（{os_reason(exc)}）。") from exc
    finally:
        temp.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(str(temp) + suffix).unlink(missing_ok=True)
    return dest


LEFTOVER_AGE_SECONDS = 15 * 60  # a copy still being written changes its file all the time
_STAGED = re.compile(r"^\.~恢复中-(?P<pid>\d+)\.db$")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # judged by age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Delete what killed backups (``.~….part``) and killed restores (``.~恢复中-PID.db``) left
    in ``folder``: each can be as large as the database. A file another running backup or
    restore is still writing is left alone (recently changed, or its process alive)."""
    import time

    now = now if now is not None else time.time()
    removed: list[Path] = []
    try:
        candidates = list(Path(folder).glob(".~*"))
    except OSError:
        return removed
    for path in candidates:
        name = path.name
        for suffix in ("-journal", "-wal", "-shm"):
            name = name.removesuffix(suffix)
        staged = _STAGED.match(name)
        if not (name.endswith(".part") or staged):
            continue
        try:
            old = now - path.stat().st_mtime > LEFTOVER_AGE_SECONDS
            if staged and not old and _pid_alive(int(staged["pid"])):
                continue
            if not staged and not old:
                continue
            path.unlink()
        except OSError:
            continue  # held open elsewhere: next time
        removed.append(path)
    return removed


def _explain(exc: sqlite3.Error, dest: Path) -> str:
    text = str(exc).lower()
    if "full" in text:
        return f"“{dest.parent}”所在磁盘空间不足，备份未完成。"
    if "readonly" in text or "unable to open" in text:
        return f"无法写入“{dest.parent}”（只读或没有权限），备份未完成。"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序占用，备份未完成，请稍后重试。"
    return f"备份未完成：{sqlite_reason(exc)}。"


def _unique(folder: Path, kind: str, now: datetime, tag: str = "") -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    tail = f"-{tag}" if tag else ""
    candidate = folder / f"{kind}-{stamp}{tail}.db"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{kind}-{stamp}{tail}-{n}.db"
    return candidate


def backup_file(
    source: Path,
    kind: str,
    folder: Path | None = None,
    *,
    tag: str = "",
    now: datetime | None = None,
) -> Path:
    """Copy ``source`` into its backup folder as ``kind`` and rotate that kind."""
    folder = backup_folder(folder) if folder is not None else folder_for(source)
    clean_leftovers(folder)
    now = now or datetime.now()
    record = CreationRecord(now.replace(microsecond=0), _next_sequence(folder), kind)
    dest = make_copy(source, _unique(folder, kind, now, tag), record)
    rotate(folder)
    return dest


def upgrade_backup(folder: Path) -> Callable[[Path, str], Path]:
    """What ``open_database`` calls before a schema upgrade: a checked copy into ``folder``."""
    return lambda path, revision: backup_file(path, "升级前备份", folder, tag=revision)


def backup_before(db: Database, reason: str, folder: Path | None = None) -> Path:
    """A checked copy made before something that changes much at once.

    ``reason`` is a short Chinese verb such as "导入" or "恢复"; the file is named 导入前备份-…
    Call it before opening the write of an import: it raises UserError when the copy fails, and
    the import must not go ahead then. On a server: a pg_dump, or without one a 整库数据包
    (app.services.safety.server_backup).
    """
    if db.path is None:
        from app.services.safety import server_backup

        return server_backup.dump_into_folder(db, f"{reason}前备份", folder)
    return backup_file(db.path, f"{reason}前备份", folder)


def daily_backup(
    db: Database, folder: Path | None = None, now: datetime | None = None
) -> Path | None:
    """The first start of each day makes a 每日备份; later starts that day do nothing (None).
    A server database is backed up on the server by its keeper (README), not by each clerk."""
    if db.path is None:
        return None
    folder = backup_folder(folder) if folder is not None else folder_for(db.path)
    now = now or datetime.now()
    today = now.strftime("%Y%m%d")
    if any(b.kind == DAILY and b.made_at.strftime("%Y%m%d") == today for b in list_backups(folder)):
        return None
    return backup_file(db.path, DAILY, folder, now=now)


def backup_to(db: Database, out: Path) -> Path:
    """文件 → 备份到…: a checked copy wherever the user chooses (e.g. a USB drive), with the
    attachment files in the folder “<name>-附件” beside it."""
    out = Path(out)
    if db.path is None:
        from app.services.safety import server_backup

        if out.is_dir():
            out = out / f"委员联络室工作台备份-{datetime.now().strftime('%Y%m%d-%H%M%S')}.dump"
        out = server_backup.back_up(db, out)  # pg_dump, or the 整库数据包 without it
        settings.put(db, LAST_EXTERNAL_KEY, datetime.now().isoformat(timespec="seconds"))
        return out
    if out.is_dir():
        out = out / f"委员联络室工作台备份-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"
    if not out.parent.exists():
        raise UserError(f"文件夹“{out.parent}”不存在，请选择其他保存位置。")
    if out.resolve() == Path(db.path).resolve():
        raise UserError("不能把备份保存到正在使用的数据库文件上，请换一个文件名。")
    make_copy(db.path, out, CreationRecord(datetime.now().replace(microsecond=0), 0, "备份到"))
    attachment_backup.save_beside(out)
    settings.put(db, LAST_EXTERNAL_KEY, datetime.now().isoformat(timespec="seconds"))
    return out


def last_external_backup(db: Database) -> datetime | None:
    """When 备份到… last succeeded (the laptop must not stay the only copy)."""
    stamp = settings.get(db, LAST_EXTERNAL_KEY)
    try:
        return datetime.fromisoformat(stamp) if stamp else None
    except (TypeError, ValueError):
        return None


def external_backup_reminder(db: Database, now: datetime | None = None) -> tuple[str, bool]:
    """The sentence for the 数据安全 tab and whether it is a warning (none, or too old)."""
    last = last_external_backup(db)
    if last is None:
        return (
            "还没有把数据备份到其他位置（如 U 盘）。这台电脑是唯一的一份数据，请尽快“备份到…”。",
            True,
        )
    days = ((now or datetime.now()) - last).days
    text = f"上次“备份到…”：{last:%Y-%m-%d %H:%M}（{days} 天前）。"
    if days > REMIND_AFTER_DAYS:
        return text + f"已超过 {REMIND_AFTER_DAYS} 天，请再备份一次到 U 盘。", True
    return text, False


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Backups in ``folder`` (default: the default database's), newest first."""
    folder = backup_folder(folder)
    found = []
    for path in folder.glob("*.db"):
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            made_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, match["kind"], made_at, size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def rotate(folder: Path) -> list[Path]:
    """Delete backups beyond what is kept; returns the deleted paths."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    daily = [b for b in backups if b.kind == DAILY]
    keep.update(b.path for b in daily[:KEEP_DAILY])
    months: dict[str, Path] = {}
    for b in daily:  # newest first: the first seen of each month is its newest
        months.setdefault(b.made_at.strftime("%Y%m"), b.path)
    keep.update(list(months.values())[:KEEP_MONTHLY])
    by_kind: dict[str, list[BackupInfo]] = {}
    for b in backups:
        if b.kind != DAILY:
            by_kind.setdefault(b.kind, []).append(b)
    for items in by_kind.values():
        keep.update(b.path for b in items[:KEEP_EVENT])
    deleted = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                Path(str(b.path) + "-wal").unlink(missing_ok=True)  # kept beside a damaged copy
            except OSError:
                continue  # a copy held open elsewhere is deleted next time
            deleted.append(b.path)
    return deleted


def _next_sequence(folder: Path) -> int:
    records = (creation_record(info.path) for info in list_backups(folder))
    return 1 + max((r.sequence for r in records if r is not None), default=0)


def _order_of_making(info: BackupInfo) -> tuple:
    """Newest made first by the copy's own record; copies without one (older versions) after
    every copy with one, by their file time."""
    record = creation_record(info.path)
    if record is not None:
        return (1, record.sequence, record.made_at)
    try:
        return (0, 0, datetime.fromtimestamp(info.path.stat().st_mtime))
    except OSError:
        return (0, 0, datetime.min)


def latest_good_backup(folder: Path | None = None) -> Path | None:
    """The most recently made backup that passes integrity_check (for a damaged database at
    start-up). "Most recently made" is what each copy says about itself, not the date in its
    name: a clock that was once ahead must not make an old copy look newest."""
    for info in sorted(list_backups(folder), key=_order_of_making, reverse=True):
        if not check_copy(info.path):
            return info.path
    return None


def describe_choice(path: Path) -> str:
    """How the offered backup was chosen, for the message that offers it."""
    record = creation_record(path)
    if record is None:
        return "（按文件修改时间选出）"
    return (
        f"（据备份文件内的记录，备份于 {record.made_at:%Y-%m-%d %H:%M:%S}，是最近一次完成的备份）"
    )
