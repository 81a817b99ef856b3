"""A database on a PostgreSQL server (the county office: several clerks, one database).

``--db postgresql://user@host:port/dbname`` picks it; a file path keeps SQLite. The password is
never stored by the program: it comes from the URL itself, or, when the URL has none, from
libpq's own PGPASSWORD or ~/.pgpass (pgpass.conf on Windows). ``sslmode`` and the other libpq
options in the query string pass through to psycopg unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from app.errors import DatabaseBusyError, UserError

if TYPE_CHECKING:  # SQLAlchemy loads only once a database opens (the window's frame comes first)
    from sqlalchemy import URL, Engine

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
YEAR_LOCKED_MESSAGE = (
    "所涉年度的履职考核已定稿，该年度的活动、出席、履职成果、接待记录和积分都不能再修改。"
)
READ_ONLY_ROLE_MESSAGE = (
    "当前数据库账号只有查看权限：可以查看、打印和导出，不能保存修改。"
    "如需修改，请用有编辑权限的账号连接。"
)


def is_server_url(text: object) -> bool:
    """True for ``postgresql://…`` (what ``--db`` and the settings give as a string)."""
    if not isinstance(text, str):
        return False
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    return scheme in SCHEMES


def server_url(text: str) -> URL:
    """The SQLAlchemy URL for psycopg 3; a malformed one is a UserError (never echoes a password)."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise UserError(
            "数据库地址格式不对，应为 postgresql://用户名@服务器:端口/数据库名"
        ) from exc
    if not url.database or not url.host:
        raise UserError(
            "数据库地址缺少服务器或数据库名，应为 postgresql://用户名@服务器:端口/数据库名"
        )
    return url.set(drivername="postgresql+psycopg")


def display_url(url: URL | str) -> str:
    """For labels, logs and messages: the password is never shown."""
    if isinstance(url, str):
        return re.sub(r"^([^:/]+://[^:@/]*):[^@/]*@", r"\1:***@", url)
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def make_server_engine(url: URL) -> Engine:
    from sqlalchemy import create_engine

    # pre_ping: the office network may drop an idle connection between two clicks.
    return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4)


def sync_id_sequences(connection: Any, tables: Iterable[str]) -> None:
    """After rows were inserted with their ids given (the demo's bulk insert), move each table's
    id sequence past them, so that the next ordinary insert does not collide. No-op on SQLite."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


def _sqlstate(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(getattr(orig, "sqlstate", "") or "")


def explain_server_error(exc: BaseException, label: str) -> UserError | None:
    """The Chinese message for a server error the user can do something about, else None."""
    text = str(getattr(exc, "orig", None) or exc)
    lower = text.lower()
    state = _sqlstate(exc)
    if "year_locked" in text:  # the triggers of migration 0003 (plpgsql counterpart)
        return UserError(YEAR_LOCKED_MESSAGE)
    if state == "42501" or "permission denied" in lower:  # insufficient_privilege
        return UserError(READ_ONLY_ROLE_MESSAGE)
    if state == "25006":  # read_only_sql_transaction (a standby or default_transaction_read_only)
        return UserError(READ_ONLY_ROLE_MESSAGE)
    if state in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return DatabaseBusyError("其他同事正在修改同一批记录，请稍后重试。")
    if "password authentication failed" in lower or "no password supplied" in lower:
        return UserError(
            f"无法登录数据库“{label}”：用户名或密码不对。密码可写在地址中，"
            "或放在环境变量 PGPASSWORD、~/.pgpass 文件中。"
        )
    if state == "3D000" or ("database" in lower and "does not exist" in lower):
        return UserError(f"数据库服务器上没有数据库“{label}”，请先请管理员建库。")
    if (
        "connection refused" in lower
        or "could not connect" in lower
        or "connection failed" in lower
        or "timeout expired" in lower
        or "could not translate host name" in lower
        or "server closed the connection" in lower
    ):
        return UserError(
            f"无法连接数据库服务器“{label}”：请检查网络、服务器地址和端口，或联系管理员。"
        )
    if "ssl" in lower and ("required" in lower or "unsupported" in lower or "not support" in lower):
        return UserError(f"连接“{label}”时 SSL 设置不符（sslmode）：{text.splitlines()[0]}")
    return None
