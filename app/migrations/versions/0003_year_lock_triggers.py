"""year lock triggers: the database itself refuses writes into a 定稿 year

Revision ID: 0003_year_lock_triggers
Revises: 0002_points_summary
Create Date: 2026-12-02 20:20:00

The app's own guard (app.year_lock, a before_flush check) sees every ORM write, but not bulk
SQL: ``demo --force`` inserted activities and attendance into a locked year with Core inserts.
These triggers refuse, whoever writes (the app, the demo generator, an import, a hand-run SQL
statement), any insert, update or delete of a locked year's activities, attendance, 履职成果
and their authors, receptions and their members, and point entries. The message starts with
``year_locked`` so that app.db turns it into the Chinese YearLockedError message.

NOTE: like 0002's, these triggers are lost when SQLite's batch mode copies a table; re-create
them (``TRIGGERS``) after batch-altering any table they watch.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_year_lock_triggers"
down_revision: str | None = "0002_points_summary"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _locked(year_sql: str) -> str:
    return (
        "SELECT RAISE(ABORT, 'year_locked: the year is locked') WHERE EXISTS "
        f"(SELECT 1 FROM point_rule_set WHERE locked AND year = {year_sql})"
    )


def _year(column: str) -> str:
    return f"CAST(substr({column}, 1, 4) AS INTEGER)"


# table → how a row's year is found from NEW./OLD. (the "{row}" placeholder)
YEAR_OF = {
    "activity": _year("{row}.start_at"),
    "attendance": _year("(SELECT start_at FROM activity WHERE id = {row}.activity_id)"),
    "submission": _year("{row}.submitted_on"),
    "submission_author": _year(
        "(SELECT submitted_on FROM submission WHERE id = {row}.submission_id)"
    ),
    "reception": _year("{row}.visit_on"),
    "reception_member": _year("(SELECT visit_on FROM reception WHERE id = {row}.reception_id)"),
    "point_entry": "{row}.year",
}


def _triggers() -> dict[str, str]:
    made = {}
    for table, year in YEAR_OF.items():
        new, old = year.format(row="NEW"), year.format(row="OLD")
        made[f"year_lock_{table}_insert"] = (
            f"CREATE TRIGGER year_lock_{table}_insert BEFORE INSERT ON {table} "
            f"BEGIN {_locked(new)}; END"
        )
        made[f"year_lock_{table}_update"] = (
            f"CREATE TRIGGER year_lock_{table}_update BEFORE UPDATE ON {table} "
            f"BEGIN {_locked(old)}; {_locked(new)}; END"
        )
        made[f"year_lock_{table}_delete"] = (
            f"CREATE TRIGGER year_lock_{table}_delete BEFORE DELETE ON {table} "
            f"BEGIN {_locked(old)}; END"
        )
    return made


TRIGGERS = _triggers()


def _server_triggers() -> dict[str, tuple[str, str]]:
    """The same triggers on PostgreSQL: name → (event, plpgsql body); RAISE EXCEPTION 'year_locked…'
    is turned into the Chinese message by app.db_server."""
    from app.migrations.pg_triggers import raise_if

    made = {}
    for table, year in YEAR_OF.items():
        new, old = (
            raise_if(_locked(year.format(row="NEW"))),
            raise_if(_locked(year.format(row="OLD"))),
        )
        made[f"year_lock_{table}_insert"] = (f"BEFORE INSERT ON {table}", new)
        made[f"year_lock_{table}_update"] = (f"BEFORE UPDATE ON {table}", old + " " + new)
        made[f"year_lock_{table}_delete"] = (f"BEFORE DELETE ON {table}", old)
    return made


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from app.migrations.pg_triggers import create_statements

        for name, (event, body) in _server_triggers().items():
            for sql in create_statements(name, event, "", body):
                op.execute(sql)
        return
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from app.migrations.pg_triggers import drop_statements

        for name, (event, _body) in _server_triggers().items():
            for sql in drop_statements(name, event):
                op.execute(sql)
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
