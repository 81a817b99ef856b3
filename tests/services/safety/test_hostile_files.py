"""Issue 14: odd database files, hot journals, read-only folders, clocks that were ahead,
symlinks and files left by kills: each gives a clear Chinese message or works, nothing changes
on a refusal."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.db_file import DatabaseDamagedError
from app.errors import UserError
from app.models import Member
from app.services.safety import backup, restore
from app.storage import open_database


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def stub(path: Path, tables: dict[str, str]) -> Path:
    conn = sqlite3.connect(path)
    for name, columns in tables.items():
        conn.execute(f"CREATE TABLE {name} ({columns})")
    if "alembic_version" in tables:
        conn.execute("INSERT INTO alembic_version VALUES ('0002_points_summary')")
    conn.commit()
    conn.close()
    return path


# 14.7 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tables",
    [
        {"alembic_version": "version_num TEXT"},
        {"alembic_version": "version_num TEXT", "member": "id INTEGER", "activity": "id INTEGER"},
    ],
    ids=["marker-only", "marker-and-two-tables"],
)
def test_restore_refuses_a_stub_with_our_marker(db, db_path, tmp_path, tables):
    with db.write() as s:
        s.add(Member(name="李建国"))
    db.dispose()
    before = digest(db_path)
    fake = stub(tmp_path / "stub.db", tables)
    with pytest.raises(UserError, match="不是完整的工作台数据库.*不能用于恢复"):
        restore.inspect_backup(fake)
    with pytest.raises(UserError, match="不是完整的工作台数据库"):
        restore.restore_file(db_path, fake)
    assert digest(db_path) == before
    assert not list(db_path.parent.glob(".~恢复中-*"))


def test_open_refuses_a_stub(tmp_path):
    fake = stub(tmp_path / "stub.db", {"alembic_version": "version_num TEXT"})
    before = digest(fake)
    with pytest.raises(DatabaseDamagedError, match="不是完整的工作台数据库（缺少数据表"):
        open_database(fake)
    assert digest(fake) == before


@pytest.mark.parametrize(
    "make",
    [
        lambda c: c.execute("CREATE VIEW v AS SELECT 1"),
        lambda c: c.execute("PRAGMA user_version = 7"),
        lambda c: c.execute("PRAGMA application_id = 1234"),
        lambda c: c.execute("CREATE TABLE notes (x)"),
    ],
    ids=["view", "user-version", "application-id", "foreign-table"],
)
def test_a_foreign_sqlite_file_is_not_initialised(tmp_path, make):
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    make(conn)
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="不是本工作台的数据库"):
        open_database(path)
    assert digest(path) == before
