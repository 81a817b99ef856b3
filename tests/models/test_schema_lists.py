"""app/migrations/schemas.py lists each revision's tables and columns: keep it true."""

import sqlite3
from pathlib import Path

import pytest

from app.migrations import HEAD_REVISION
from app.migrations.schemas import SCHEMAS
from app.models import Base  # the package: every model loaded

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_head_entry_is_the_models():
    models = {t.name: frozenset(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
    models["alembic_version"] = frozenset({"version_num"})
    assert SCHEMAS[HEAD_REVISION] == models


@pytest.mark.parametrize("revision", sorted(SCHEMAS))
def test_each_entry_is_its_fixture(revision):
    conn = sqlite3.connect(FIXTURES / f"schema_{revision}.db")
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {
            t: frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in tables
        }
    finally:
        conn.close()
    assert SCHEMAS[revision] == found
