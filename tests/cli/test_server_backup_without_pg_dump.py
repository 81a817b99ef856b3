"""A county clerk's PC without pg_dump (or with one older than the server): ``backup --out 文件夹``
and the 导入前备份 write a 整库数据包 instead and say so; ``restore`` brings it back into a new,
empty database on the server. Run when LIAISON_DESK_TEST_DB_URL points at a server."""

from __future__ import annotations

import shutil
import stat

import pytest

from app.cli import main
from app.services.safety.backup import backup_before
from app.storage import open_database
from tests import server_db

pytestmark = pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")

SHOWN = (
    ("list", "members"),
    ("list", "rooms"),
    ("list", "activities", "--year", "2025"),
    ("points", "rank", "--year", "2025"),
)


def run(capsys, *argv) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def no_pg_dump(tmp_path, monkeypatch):
    """PATH holds a folder without pg_dump in it (the clerk's PC)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def test_backup_without_pg_dump_restores_into_a_new_database(
    capsys, db_path, tmp_path, no_pg_dump, server_databases
):
    run(capsys, "--db", db_path, "demo")
    out = tmp_path / "U盘"
    out.mkdir()
    said = run(capsys, "--db", db_path, "backup", "--out", str(out))
    assert "本机没有找到 pg_dump，已改为导出整库数据包" in said
    (made,) = out.glob("*.ldpkg")
    assert str(made) in said

    new = server_databases.create()
    try:
        said = run(capsys, "--db", new, "restore", str(made))
        assert f"已从整库数据包“{made.name}”恢复：委员" in said
        for shown in SHOWN:
            assert run(capsys, "--db", new, *shown) == run(capsys, "--db", db_path, *shown)
        run(capsys, "--db", new, "check")  # constraints, triggers and record checks all pass
        # a second restore finds the records and refuses, leaving them as they are
        assert main(["--db", new, "restore", str(made)]) == 2
        assert "只能恢复到新建的空数据库" in capsys.readouterr().err
    finally:
        server_databases.drop(new)


def test_a_pg_dump_older_than_the_server_is_not_used(capsys, db_path, tmp_path, no_pg_dump):
    fake = no_pg_dump / "pg_dump"
    fake.write_text('#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    said = run(capsys, "--db", db_path, "backup", "--out", str(tmp_path))
    assert "本机的 pg_dump（9 版）比服务器的 PostgreSQL" in said and "整库数据包" in said
    assert len(list(tmp_path.glob("*.ldpkg"))) == 1


def test_the_backup_before_an_import_falls_back_too(db_path, app_home, no_pg_dump):
    db = open_database(db_path)
    try:
        made = backup_before(db, "导入")
    finally:
        db.dispose()
    assert made.suffix == ".ldpkg" and made.name.startswith("导入前备份-")
    assert made.parent == app_home / "backups" / "server" and made.stat().st_size > 0


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="no pg_dump on this machine")
def test_with_pg_dump_the_backup_is_a_dump_file(capsys, db_path, tmp_path):
    said = run(capsys, "--db", db_path, "backup", "--out", str(tmp_path))
    (made,) = tmp_path.glob("*.dump")
    assert made.read_bytes()[:5] == b"PGDMP" and "整库数据包" not in said
