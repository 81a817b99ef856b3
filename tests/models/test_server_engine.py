"""The same Alembic history on PostgreSQL: down to nothing and up again, and the plpgsql
counterparts of the SQLite triggers (0002 points summary, 0003 year lock) do what theirs do.
Run when LIAISON_DESK_TEST_DB_URL points at a server (scripts/start-test-postgres)."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from app.errors import UserError
from app.storage import alembic_config, head_revision, open_database, server_revision
from tests import server_db

pytestmark = pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")


@pytest.fixture
def empty_url(server_databases):
    url = server_databases.create(empty=True)
    yield url
    server_databases.drop(url)


def _tables(db) -> set[str]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        return {name for (name,) in rows}


def test_the_history_goes_down_to_nothing_and_up_again(empty_url):
    db = open_database(empty_url)
    try:
        assert server_revision(db) == head_revision()
        assert "activity" in _tables(db)
        cfg = alembic_config()
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "base")
        assert _tables(db) <= {"alembic_version"}
        with db.engine.connect() as conn:
            functions = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_proc WHERE proname LIKE 'year_lock_%%' "
                "OR proname LIKE 'point_summary_%%'"
            ).scalar()
        assert functions == 0
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        assert server_revision(db) == head_revision()
    finally:
        db.dispose()


def _lock(db, year: int) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO point_rule_set (uuid, year, name, base_score, max_score, grades, "
                "category_caps, requirements, locked) VALUES "
                "('lock-test', :y, '测试', 0, 100, '[]', '{}', '{}', TRUE)"
            ),
            {"y": year},
        )


def test_a_locked_year_refuses_bulk_sql_with_the_chinese_message(db):
    _lock(db, 2024)
    with pytest.raises(UserError, match="已定稿"):
        with db.write() as session:
            session.execute(
                text(
                    "INSERT INTO activity (uuid, activity_type, title, start_at, status, form, venue_kind) "
                    "VALUES ('a-locked', '协商议事会', '补录', :at, '已归档', '线下', '会场')"
                ),
                {"at": datetime(2024, 3, 1, 9)},
            )
    with db.read() as session:
        assert session.scalar(text("SELECT count(*) FROM activity WHERE uuid = 'a-locked'")) == 0
    with db.write() as session:  # another year is open
        session.execute(
            text(
                "INSERT INTO activity (uuid, activity_type, title, start_at, status, form, venue_kind) "
                "VALUES ('a-open', '协商议事会', '补录', :at, '已归档', '线下', '会场')"
            ),
            {"at": datetime(2025, 3, 1, 9)},
        )


def test_a_new_activity_flags_its_years_summary(db):
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO point_summary_year (uuid, year, inputs_changed) VALUES ('y', 2025, FALSE)"
        )
        conn.exec_driver_sql(
            "INSERT INTO activity (uuid, activity_type, title, start_at, status, form, venue_kind) "
            "VALUES ('a1', '协商议事会', '新活动', '2025-05-01 09:00', '已归档', '线下', '会场')"
        )
        changed = conn.exec_driver_sql(
            "SELECT inputs_changed FROM point_summary_year WHERE year = 2025"
        ).scalar()
    assert changed is True


def test_after_the_demo_a_new_member_gets_a_new_id(db):
    """The demo bulk-inserts rows with their ids; the server's id sequences are moved past them."""
    from app.services.demo.generate import load_demo
    from app.services.members import registry as members

    load_demo(db, "township", seed=5)
    member_id = members.create_member(db, members.MemberInput(name="新委员", sector="中共"))
    with db.read() as session:
        assert member_id == session.scalar(text("SELECT max(id) FROM member"))
        assert session.scalar(text("SELECT count(*) FROM member")) == member_id


def test_an_older_server_gets_the_fixed_points_triggers(empty_url, monkeypatch):
    """A server migrated before the JSON fix had trigger functions that refused every 积分规则
    edit (json = json); upgrading to 0006 replaces them."""
    from app.migrations import pg_triggers

    db = open_database(empty_url)
    cfg = alembic_config()
    edit = "UPDATE point_rule_set SET category_caps = '{\"提案\": 30}'"
    try:
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "0001_initial")
        monkeypatch.setattr(
            pg_triggers, "_JSON_COLUMNS", r"(?!)(OLD)(x)"
        )  # the functions as first made
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0005_row_versions")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO point_rule_set (year, name, grades, category_caps, requirements, "
                "locked, uuid) VALUES (2026, '2026年积分规则', '[]', '{}', '[]', false, "
                "'00000000-0000-0000-0000-000000002026')"
            )
        with pytest.raises(Exception, match="json = json"), db.engine.begin() as conn:
            conn.exec_driver_sql(edit)
        monkeypatch.undo()
        with db.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        with db.engine.begin() as conn:
            assert conn.exec_driver_sql(edit).rowcount == 1
    finally:
        db.dispose()
