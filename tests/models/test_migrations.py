"""The schema built by the migrations is exactly the models' schema."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.errors import UserError
from app.models import Base
from app.storage import head_revision, open_database, script_head_revision


def test_migrations_match_models(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_head_revision_constant_is_the_scripts_head():
    # Opening a current database skips Alembic, so the constant must name the real head.
    assert head_revision() == script_head_revision()


def test_current_database_opens_without_loading_alembic(db_path, tmp_path):
    import subprocess
    import sys

    open_database(db_path).dispose()
    code = (
        "import sys; from app.storage import open_database; "
        f"open_database({str(db_path)!r}).dispose(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_new_database_is_at_head_with_default_sectors(db):
    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        sectors = (
            conn.exec_driver_sql("SELECT name FROM sector ORDER BY sort_order").scalars().all()
        )
    assert version == head_revision()
    assert sectors[:3] == ["中共", "民革", "民盟"]
    assert "特邀" in sectors


@pytest.mark.sqlite_only
def test_newer_database_is_refused_and_left_alone(db, db_path):
    db.dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(UserError, match="更新版本"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(UserError, match="不是工作台数据库"):
        open_database(bogus)
    assert bogus.read_text(encoding="utf-8") == "这不是数据库"


@pytest.mark.sqlite_only
def test_connection_pragmas(db):
    with db.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
