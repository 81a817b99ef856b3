"""Migration 0002 (points summary): its triggers are all there at head, and a 0001 database
with points upgrades to summaries equal to what 重新计算 writes."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path

from alembic import command

from app.services.demo import generate as demo
from app.services.points import engine
from app.services.points.summary import load_summary
from app.storage import MIGRATIONS_DIR, alembic_config, open_database
from tests.services.summary_checks import assert_same_as_exact, state

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "fixtures" / "schema_0001_initial.db"


def _migration():
    path = MIGRATIONS_DIR / "versions" / "0002_points_summary.py"
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _triggers(db) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    if db.is_server:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    with db.engine.connect() as conn:
        return {name for (name,) in conn.exec_driver_sql(sql)}


def test_every_summary_trigger_exists_at_head(db):
    expected = {f"point_summary_{suffix}" for suffix, *_ in _migration().TRIGGERS}
    assert len(expected) == 31  # 8 tables × insert/update/delete, 活动状态, 委员, 积分记录
    assert expected <= _triggers(db)


def test_the_0001_fixture_upgrades_with_triggers(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE_0001, path)
    db = open_database(path)
    try:
        assert {f"point_summary_{s}" for s, *_ in _migration().TRIGGERS} <= _triggers(db)
        assert state(db, 2025) is None  # no points in the fixture: nothing to summarise
    finally:
        db.dispose()


def test_upgrade_from_0001_fills_the_summary_of_every_year(db, db_path):
    demo.load_demo(db, "township", seed=1, today=date(2026, 6, 30))
    engine.lock_year(db, 2025)
    written = {}
    with db.read() as s:
        for year in (2025, 2026):
            written[year] = load_summary(s, year).members
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001_initial")
    assert not {t for t in _triggers(db) if t.startswith("point_summary")}
    db.dispose()

    upgraded = open_database(db_path)
    try:
        with upgraded.read() as s:
            for year in (2025, 2026):
                assert load_summary(s, year).members == written[year]
        assert state(upgraded, 2025) is False  # 定稿: cannot change, read from the summary
        assert state(upgraded, 2026) is True  # unknown whether current: exact until 重新计算
        assert not assert_same_as_exact(upgraded, 2026).stale
        assert_same_as_exact(upgraded, 2025)
        engine.recalculate(upgraded, 2026)
        assert state(upgraded, 2026) is False
        assert_same_as_exact(upgraded, 2026)
    finally:
        upgraded.dispose()
