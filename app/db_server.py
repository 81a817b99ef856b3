"""A database on a PostgreSQL server (the county office: several clerks, one database).

``--db postgresql://user@host:port/dbname`` picks it; a file path keeps SQLite. The password is
never stored by the program: it comes from the URL itself, or, when the URL has none, from
libpq's own PGPASSWORD or ~/.pgpass (pgpass.conf on Windows). ``sslmode`` and the other libpq
options in the query string pass through to psycopg unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.errors import DatabaseBusyError, UserError

if TYPE_CHECKING:  # SQLAlchemy loads only once a database opens (the window's frame comes first)
    from sqlalchemy import URL, Engine

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DEFAULT_PORT = 5432
# libpq's sslmode values offered in 设置 → 数据库连接, with the words the clerk reads.
SSL_MODES = {
    "disable": "不加密",
    "prefer": "优先加密",
    "require": "必须加密",
    "verify-full": "必须加密并核对服务器证书",
}
MIN_SERVER_VERSION = 110000  # the triggers say EXECUTE FUNCTION (PostgreSQL 11)
CONNECT_TIMEOUT_S = 10  # libpq waits forever by default for a host that does not answer
YEAR_LOCKED_MESSAGE = (
    "所涉年度的履职考核已定稿，该年度的活动、出席、履职成果、接待记录和积分都不能再修改。"
)
READ_ONLY_ROLE_MESSAGE = (
    "当前数据库账号只有查看权限：可以查看、打印和导出，不能保存修改。"
    "如需修改，请用有编辑权限的账号连接。"
)


class ServerConnectError(UserError):
    """The server could not be reached or refused the login. ``kind`` says which: "login"
    (user name or password), "unreachable", "no_database", "no_connect" (the account may not
    connect to that database), "ssl", "too_old" — the window asks
    for the password again on "login" and offers the local file on the others."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ServerAddress:
    """Where the county's database is: what 设置 → 数据库连接 stores. Never a password."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = "prefer"

    def url(self) -> str:
        """postgresql://user@host:port/database?sslmode=… (built without loading SQLAlchemy:
        the window reads it before its frame is shown)."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        database = quote(self.database, safe="")
        return f"postgresql://{user}{host}:{self.port}/{database}?sslmode={self.sslmode}"

    @classmethod
    def from_url(cls, text: str) -> ServerAddress:
        url = server_url(text)
        sslmode = url.query.get("sslmode", "prefer")
        return cls(
            host=str(url.host),
            database=str(url.database),
            user=url.username or "",
            port=url.port or DEFAULT_PORT,
            sslmode=sslmode if isinstance(sslmode, str) else sslmode[0],
        )


def with_password(text: str | URL, password: str | None) -> URL:
    """The URL to connect with: the typed password is kept in this object only (its str() and
    repr() show ***), never in a string, a setting or a message."""
    url = server_url(text)
    return url.set(password=password) if password else url


def is_server_url(text: object) -> bool:
    """True for ``postgresql://…`` (what ``--db`` and the settings give as a string) and for a
    URL object built with ``with_password``."""
    if not isinstance(text, str):
        return str(getattr(text, "drivername", "")).startswith("postgresql")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    return scheme in SCHEMES


def server_url(text: str | URL) -> URL:
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
    connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(
        url, pool_pre_ping=True, pool_size=2, max_overflow=4, connect_args=connect_args
    )


def check_server_version(connection: Any, label: str) -> int:
    """The server's version number (150018 for 15.18); a server too old for the triggers is a
    ServerConnectError, said before any table is made."""
    number = int(connection.exec_driver_sql("SHOW server_version_num").scalar())
    if number < MIN_SERVER_VERSION:
        raise ServerConnectError(
            f"服务器版本太旧：“{label}”是 PostgreSQL {number // 10000}，"
            f"本程序需要 PostgreSQL {MIN_SERVER_VERSION // 10000} 或更新的版本，请联系管理员升级。",
            "too_old",
        )
    return number


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
    if "permission denied for database" in lower:  # no CONNECT privilege: the login refused
        return explain_connect_error(text, label)
    if state == "42501" or "permission denied" in lower:  # insufficient_privilege
        return UserError(READ_ONLY_ROLE_MESSAGE)
    if state == "25006":  # read_only_sql_transaction (a standby or default_transaction_read_only)
        return UserError(READ_ONLY_ROLE_MESSAGE)
    if state in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return DatabaseBusyError("其他同事正在修改同一批记录，请稍后重试。")
    return explain_connect_error(text, label)


def _where(label: str) -> str:
    """host:port of a URL label (the address the clerk typed), else the label itself."""
    match = re.search(r"@([^/?]+)", label) or re.search(r"://([^/?]+)", label)
    return match.group(1) if match else label


def explain_connect_error(text: str, label: str) -> ServerConnectError | None:
    """The Chinese message for a failed login or connection (libpq's text is English)."""
    lower = text.lower()
    name = label.rsplit("/", 1)[-1].split("?")[0]
    user = re.search(r"://([^:@/]+)[:@]", label)
    if "permission denied for database" in lower:  # the role lacks CONNECT on the database
        account = user.group(1) if user else "该账户"
        return ServerConnectError(
            f"该账户（{account}）没有连接数据库“{name}”的权限，请管理员在服务器“{_where(label)}”上"
            f'执行 GRANT CONNECT ON DATABASE "{name}" TO {account}; 后再连接。',
            "no_connect",
        )
    if "password authentication failed" in lower or "no password supplied" in lower:
        who = f"用户“{user.group(1)}”" if user else "这个用户"
        return ServerConnectError(
            f"密码不对：服务器“{_where(label)}”拒绝了{who}的登录（用户名或密码不对，或没有提供密码）。",
            "login",
        )
    if "database" in lower and "does not exist" in lower:
        return ServerConnectError(
            f"数据库不存在：服务器“{_where(label)}”上没有数据库“{name}”，请先请管理员建库。",
            "no_database",
        )
    if "ssl" in lower and ("required" in lower or "unsupported" in lower or "not support" in lower):
        return ServerConnectError(
            f"服务器“{_where(label)}”不支持加密连接，而连接设置为必须加密（sslmode）。"
            "请管理员在服务器上开启 SSL，或把“加密连接”改为“优先加密”。",
            "ssl",
        )
    if "certificate" in lower or "root.crt" in lower:
        return ServerConnectError(
            f"无法核对服务器“{_where(label)}”的证书：本机没有管理员发的根证书"
            "（~/.postgresql/root.crt，Windows：%APPDATA%\\postgresql\\root.crt），"
            "或证书与服务器不符。请向管理员要证书，或把“加密连接”改为“必须加密”。",
            "ssl",
        )
    if (
        "connection refused" in lower
        or "could not connect" in lower
        or "connection failed" in lower
        or "timeout expired" in lower
        or "could not translate host name" in lower
        or "failed to resolve host" in lower
        or "server closed the connection" in lower
    ):
        return ServerConnectError(
            f"服务器连不上：“{_where(label)}”没有应答。请检查网络、服务器地址和端口，或联系管理员。",
            "unreachable",
        )
    return None
