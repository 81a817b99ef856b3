"""Migration 0003 (year lock triggers): all of them are there at head and after an upgrade."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from app.storage import MIGRATIONS_DIR, open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _expected() -> set[str]:
    path = MIGRATIONS_DIR / "versions" / "0003_year_lock_triggers.py"
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set(module.TRIGGERS)


def _triggers(db) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    if db.is_server:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    with db.engine.connect() as conn:
        return {name for (name,) in conn.exec_driver_sql(sql)}


def test_every_year_lock_trigger_exists_at_head(db):
    expected = _expected()
    assert len(expected) == 21  # insert, update, delete on seven tables
    assert expected <= _triggers(db)


def test_an_upgraded_0002_database_has_them(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_0002_points_summary.db", path)
    db = open_database(path)
    try:
        assert _expected() <= _triggers(db)
    finally:
        db.dispose()
