"""A read-only database account at the county: it browses and exports, every edit is refused
with one Chinese line. The program itself runs as an ordinary role (the test server's role is no
superuser). Run when LIAISON_DESK_TEST_DB_URL points at a server."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import make_url

from app.cli import main
from app.errors import UserError
from app.services.activities.editing import save_activity
from app.services.activities.records import ActivityDraft
from app.storage import open_database
from tests import server_db

pytestmark = pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")

READ_ONLY_GRANTS = """
GRANT CONNECT ON DATABASE "{db}" TO {role};
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
GRANT INSERT ON audit_log TO {role};
GRANT USAGE ON SEQUENCE audit_log_id_seq TO {role};
"""


@pytest.fixture
def read_only_url(db_path):
    import psycopg

    role = f"liaison_ro_{uuid.uuid4().hex[:8]}"
    owner = make_url(db_path)
    conninfo = owner.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'ro-secret'")
        for statement in READ_ONLY_GRANTS.format(db=owner.database, role=role).split(";"):
            if statement.strip():
                conn.execute(statement)
        is_super = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert is_super.fetchone()[0] is False  # the program never needs a superuser
    yield owner.set(username=role, password="ro-secret").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in READ_ONLY_GRANTS.format(db=owner.database, role=role).split(";"):
            if statement.strip():
                revoke = statement.strip().replace("GRANT ", "REVOKE ", 1)
                conn.execute(revoke.replace(f" TO {role}", f" FROM {role}"))
        conn.execute(f"DROP ROLE {role}")


def test_a_read_only_account_browses_and_exports_but_cannot_edit(
    db_path, read_only_url, capsys, tmp_path
):
    assert main(["--db", str(db_path), "demo", "--seed", "3"]) == 0
    capsys.readouterr()

    assert main(["--db", read_only_url, "list", "members"]) == 0
    listed = capsys.readouterr().out
    assert len(listed.splitlines()) > 30
    out = tmp_path / "名册.xlsx"
    assert main(["--db", read_only_url, "export", "roster", "--out", str(out)]) == 0
    capsys.readouterr()
    assert load_workbook(out).active.max_row > 30

    assert main(["--db", read_only_url, "points", "recalc", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：当前数据库账号只有查看权限") and len(err.splitlines()) == 1

    db = open_database(read_only_url)
    try:
        with pytest.raises(UserError, match="只有查看权限"):
            save_activity(db, ActivityDraft(title="只读账号的活动", start_at=datetime(2025, 3, 1)))
    finally:
        db.dispose()
    owner_db = open_database(db_path)
    try:
        with owner_db.read() as session:
            from sqlalchemy import text

            count = session.scalar(
                text("SELECT count(*) FROM activity WHERE title = '只读账号的活动'")
            )
        assert count == 0
    finally:
        owner_db.dispose()


@pytest.fixture
def no_connect_url(server_databases):
    """A database whose CONNECT is revoked from PUBLIC, and an account with a password that was
    never granted it: the server refuses its login with "permission denied for database"."""
    import psycopg

    url = server_databases.create(empty=True)
    name = make_url(url).database
    role = f"liaison_nc_{uuid.uuid4().hex[:8]}"
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'nc-secret'")
        conn.execute(f'REVOKE CONNECT ON DATABASE "{name}" FROM PUBLIC')
    yield (
        make_url(url).set(username=role, password="nc-secret").render_as_string(hide_password=False)
    )
    server_databases.drop(url)
    with psycopg.connect(server_databases.url, autocommit=True) as conn:
        conn.execute(f"DROP ROLE {role}")


def test_an_account_without_connect_is_told_to_ask_for_grant_connect(no_connect_url, capsys):
    from app.services.server_probe import probe_server

    where = make_url(no_connect_url)
    said = (
        f"该账户（{where.username}）没有连接数据库“{where.database}”的权限，请管理员在服务器"
        f'“{where.host}:{where.port}”上执行 GRANT CONNECT ON DATABASE "{where.database}" '
        f"TO {where.username}; 后再连接。"
    )
    with pytest.raises(UserError) as refused:
        open_database(no_connect_url)
    assert refused.value.message == said  # not the read-only account's 只有查看权限
    assert refused.value.kind == "no_connect"  # the window offers the local file, no password

    probed = probe_server(no_connect_url)  # 设置 → 数据库连接 → 测试连接
    assert not probed.ok and probed.message == said

    assert main(["--db", no_connect_url, "list", "members"]) == 2
    assert capsys.readouterr().err == f"错误：{said}\n"
