"""Engine and sessions: WAL, synchronous=FULL, foreign keys on, busy timeout, IMMEDIATE writes.

``Database.write()`` is the one way to change data: one session, one transaction per user action,
begun IMMEDIATE so a lock held by another program shows at once instead of mid-save.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseBusyError, UserError

BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "liaison_begin"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling is switched off; the "begin" listener emits BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def is_busy_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


class Database:
    """An open database file. Build it with ``app.storage.open_database``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from app.services.points.locking import install_guard  # a locked year refuses edits

        install_guard(self._sessions)

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
        try:
            session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if is_busy_error(exc):
                raise DatabaseBusyError(
                    "数据库正被其他程序占用，暂时无法保存，请关闭其他程序后重试。"
                ) from exc
            if "disk" in str(exc).lower() or "full" in str(exc).lower():
                raise UserError("磁盘空间不足或无法写入，本次修改未保存。") from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
