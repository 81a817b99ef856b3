"""Engine and sessions: WAL, synchronous=FULL, foreign keys on, busy timeout, IMMEDIATE writes.

``Database.write()`` is the one way to change data: one session, one transaction per user action,
begun IMMEDIATE so a lock held by another program shows at once instead of mid-save.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db_file import forget_check, is_damage_error, read_only_uri
from app.db_server import (
    display_url,
    explain_server_error,
    is_server_url,
    make_server_engine,
    server_url,
)
from app.errors import RECORD_NAMES, RELOAD_HINT, DatabaseBusyError, StaleRecordError, UserError
from app.models.base import Versioned
from app.record_history import ACTOR_KEY, WRITTEN_KEY, clerk_label, describe_saves
from app.record_history import install as install_history

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "liaison_begin"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling is switched off; the "begin" listener emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not cursor.execute("PRAGMA query_only").fetchone()[0]:
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _forget_check_on_damage(path: Path) -> Callable[[ExceptionContext], None]:
    """Any statement that meets a damaged page makes the next open run the full quick_check,
    even if the file looks unchanged since the last check passed (app.db_file.check_is_remembered)."""

    def on_error(context: ExceptionContext) -> None:
        if is_damage_error(context.original_exception):
            with contextlib.suppress(OSError):  # the damage is what the user must hear about
                forget_check(path)

    return on_error


def make_engine(path: Path, read_only: bool = False) -> Engine:
    engine = _make_engine(path, read_only)
    event.listen(engine, "handle_error", _forget_check_on_damage(path))
    return engine


def _make_engine(path: Path, read_only: bool) -> Engine:
    if read_only:  # a read-only folder: SQLite's read-only URI, every write refused
        uri = read_only_uri(path)

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("PRAGMA query_only = ON")
            return conn

        engine = create_engine("sqlite://", creator=connect)
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        return engine
    # URL.create, not an f-string: a "?" or "#" in a folder name is part of the path, not a query.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def is_busy_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def explain_sqlite_error(exc: BaseException, path: Path) -> UserError | None:
    """The Chinese message for an SQLite error the user can do something about, else None."""
    text = str(getattr(exc, "orig", None) or exc).lower()  # not the SQL text or its parameters
    name = Path(path).name
    if "year_locked" in text:  # the triggers of migration 0003: a bulk write into a 定稿 year
        return UserError(
            "所涉年度的履职考核已定稿，该年度的活动、出席、履职成果、接待记录和积分都不能再修改。"
        )
    if is_busy_error(exc):
        return DatabaseBusyError(
            "数据库正被其他程序占用，请关闭其他程序（如杀毒软件、同步盘）后重试。"
        )
    if "full" in text:
        return UserError(f"磁盘空间不足，无法写入数据库“{name}”，请清理磁盘后重试。")
    if "readonly" in text or "read-only" in text or "query_only" in text:
        return UserError(
            f"数据库“{name}”或其所在文件夹是只读的，无法保存。"
            "请检查文件属性，或把数据库放到可写的文件夹（如“文档”）。"
        )
    if "unable to open" in text or "permission" in text:
        return UserError(
            f"无法打开数据库“{name}”：文件夹“{Path(path).parent}”没有写入权限或文件被其他程序独占。"
        )
    if "disk i/o" in text:
        return UserError(f"读写数据库“{name}”时磁盘出错（U 盘被拔出或磁盘故障？）。")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return UserError(
            f"数据库“{name}”已损坏。请运行“检查数据库完整性”（窗口：设置 → 数据安全；"
            "命令行：check），或从最近的备份恢复。"
        )
    return None


def _guard_flush(session: Session, context: object, instances: object) -> None:
    """A locked year refuses edits (app.year_lock); another unit's rows are read-only here
    (app.ownership). Both know every model: loaded at the first flush, not when a database
    opens for reading."""
    from app import ownership, year_lock

    year_lock.before_flush(session, context, instances)
    ownership.before_flush(session, context, instances)


def _stale_table(exc: StaleDataError) -> str:
    match = re.search(r"table '(\w+)'", str(exc))
    return match.group(1) if match else ""


class Database:
    """An open database: a file (SQLite) or a ``postgresql://`` URL (a server).

    Build it with ``app.storage.open_database``. ``path`` is None on a server; ``label`` names the
    database for people either way (a server's URL without its password).
    """

    def __init__(self, path: Path | str | URL, read_only: bool = False) -> None:
        self.is_server = is_server_url(path)
        self.read_only = read_only  # opened read-only (its folder cannot be written)
        if self.is_server:
            # A URL object as it is: str() of one that carries a typed password shows ***.
            self.url = server_url(path if isinstance(path, URL) else str(path))
            self.path: Path | None = None
            self.label = display_url(self.url)
            self.engine = make_server_engine(self.url)
        else:
            self.path = Path(str(path))
            self.label = str(self.path)
            self.engine = make_engine(self.path, read_only)
        # Who the 操作日志 says saved (another clerk reads it when their save is refused); the
        # window puts the clerk's own name in front of the computer's when they gave one.
        self.actor = clerk_label()
        # The uuids of the 操作日志 rows this program wrote, kept once the window's poller asks
        # (until it has passed them): what other clerks changed is the rest.
        self.own_log_rows: set[str] | None = None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_history(self._sessions)  # 操作日志 rows; a record's version follows its parts
        event.listen(self._sessions, "before_flush", _guard_flush)  # locked years, other units

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (deferred transaction, rolled back at the end)."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commits whole or rolls back whole."""
        session = self._sessions()
        session.info[ACTOR_KEY] = self.actor
        try:
            session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
            yield session
            session.commit()
            if self.own_log_rows is not None:
                self.own_log_rows.update(session.info.get(WRITTEN_KEY, ()))
        except StaleDataError as exc:  # another clerk's save came first (version_id_col)
            table = _stale_table(exc)
            # the failed flush has reset session.dirty: the record is the one of its table read
            candidates = [
                inspect(obj).identity
                for obj in session.identity_map.values()
                if isinstance(obj, Versioned) and getattr(obj, "__tablename__", "") == table
            ]
            session.rollback()
            record_id = candidates[0][0] if len(candidates) == 1 and candidates[0] else None
            raise self._stale(table, record_id) from exc
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            session.rollback()
            error = self.explain(exc)
            if error is None:
                raise
            raise type(error)(f"{error.message}本次修改未保存。") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _stale(self, table: str, record_id: int | None) -> StaleRecordError:
        """Who saved the record a moment ago, read after this save rolled back."""
        detail = "已被其他同事修改"
        if record_id is not None:
            with self.read() as session:
                detail = describe_saves(session, table, record_id, 1)
        what = RECORD_NAMES.get(table, "记录")
        return StaleRecordError(
            f"这条{what}在您保存的同时{detail}。{RELOAD_HINT}", table, record_id
        )

    def explain(self, exc: BaseException) -> UserError | None:
        """The Chinese message for a database error the user can act on, else None."""
        if self.path is None:
            return explain_server_error(exc, self.label)
        return explain_sqlite_error(exc, self.path)

    def dispose(self) -> None:
        self.engine.dispose()
