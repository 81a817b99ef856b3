"""设置 → 数据库连接 → 测试连接: connect to a server with what the clerk typed and say, in
Chinese, what happened. Reads only: no table is made, nothing is upgraded or written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.db_server import (
    ServerConnectError,
    check_server_version,
    display_url,
    explain_server_error,
    make_server_engine,
    with_password,
)
from app.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy import URL


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    message: str
    kind: str = ""  # ServerConnectError.kind when the connection failed
    members: int | None = None  # None: the database has no tables of ours yet


def probe_server(url: str | URL, password: str | None = None) -> ProbeResult:
    """Connect once (the password, if typed, only in memory) and report."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import DatabaseError

    from app.models import Member
    from app.storage import head_revision, known_revisions

    try:
        target = with_password(url, password)
    except UserError as exc:  # a malformed address
        return ProbeResult(False, exc.message, "address")
    label = display_url(target)
    name = target.database
    engine = make_server_engine(target)
    try:
        with engine.connect() as connection:
            number = check_server_version(connection, label)
            version = f"PostgreSQL {number // 10000}.{number % 10000}"
            if connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
                return ProbeResult(
                    True,
                    f"连接成功（{version}）。数据库“{name}”还是空的：保存后第一次打开时自动建表。",
                )
            revision = connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version"
            ).scalar()
            if revision != head_revision() and revision not in known_revisions():
                return ProbeResult(
                    False,
                    f"本程序版本太旧：数据库“{name}”由更新版本的工作台创建（结构版本 {revision}），"
                    "请安装新版本后再连接。",
                    "too_old",
                )
            members = int(connection.scalar(select(func.count()).select_from(Member)) or 0)
    except ServerConnectError as exc:
        return ProbeResult(False, exc.message, exc.kind)
    except DatabaseError as exc:
        error = explain_server_error(exc, label)
        if error is None:
            raise
        return ProbeResult(False, error.message, getattr(error, "kind", ""))
    finally:
        engine.dispose()
    return ProbeResult(
        True, f"连接成功（{version}），服务器上有 {members} 名委员。", members=members
    )
