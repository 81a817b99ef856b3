"""points summary: per (year, member) ranking data and triggers that flag changed years

Revision ID: 0002_points_summary
Revises: 0001_initial
Create Date: 2026-11-22 02:17:39

The ranking used to re-gather every record of the year and re-run the engine just to know
whether the stored entries were still current. Now 重新计算 stores what the ranking shows
(point_summary) and SQLite triggers record, whoever writes (the app, an import, the demo
generator, a hand-run SQL statement), which years' summaries no longer hold:

- any change to a year's point entries deletes its point_summary_year row (summary unusable);
- any change to the records or rules the engine reads for a year sets inputs_changed on it
  (a recalculation might give other entries: the ranking then checks the slow, exact way).

Upgrading from 0001: the summaries of every year with entries are computed here from the stored
entries and records (the same sums the ranking made); unlocked years are flagged inputs_changed,
since nobody knows whether their entries were current, so their first ranking is exact (and slow)
until the next 重新计算. Locked years cannot change and are ready at once.

NOTE for later migrations: SQLite's batch mode copies a table to alter it and loses its triggers;
re-create them (this revision's ``TRIGGERS``) after batch-altering any table they watch.
tests/models/test_points_summary_triggers.py fails when one is missing.
"""

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002_points_summary"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ANY_CLEAN = "EXISTS (SELECT 1 FROM point_summary_year WHERE inputs_changed = 0)"


def _flag(years_sql: str) -> str:
    """UPDATE flagging the summarised years among ``years_sql`` (a SELECT)."""
    return (
        "UPDATE point_summary_year SET inputs_changed = 1, updated_at = CURRENT_TIMESTAMP "
        f"WHERE inputs_changed = 0 AND year IN ({years_sql});"
    )


def _year(column: str) -> str:
    """The year of an ISO date / datetime text column."""
    return f"CAST(substr({column}, 1, 4) AS INTEGER)"


# Activities still 筹备中 earn nothing (app.services.activities.held): planning them changes no year.
_HELD = "coalesce({row}.status != '筹备中', 0)"


def _activity_year(row: str) -> str:
    held = _HELD.format(row="activity")
    return f"SELECT {_year('start_at')} FROM activity WHERE id = {row}.activity_id AND {held}"


def _submission_years(row: str, key: str) -> str:
    return f"SELECT {_year('submitted_on')} FROM submission WHERE id = {row}.{key}"


def _reception_year(row: str) -> str:
    return f"SELECT {_year('visit_on')} FROM reception WHERE id = {row}.reception_id"


def _rule_set_year(row: str) -> str:
    return f"SELECT year FROM point_rule_set WHERE id = {row}.rule_set_id"


def _changed(columns: Sequence[str]) -> str:
    return "(" + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns) + ")"


def _in_office(row: str) -> str:
    """1 when the member row serves in ``year`` (as facts.in_office_member_ids decides)."""
    return (
        f"coalesce({row}.left_on >= printf('%04d-01-01', year)"
        f" OR ({row}.left_on IS NULL AND {row}.status != '离任'), 0)"
    )


def _member_flag(condition: str) -> str:
    return (
        "UPDATE point_summary_year SET inputs_changed = 1, updated_at = CURRENT_TIMESTAMP "
        f"WHERE inputs_changed = 0 AND ({condition}) "
        "AND year NOT IN (SELECT year FROM point_rule_set WHERE locked);"
    )


def _record_triggers(
    table: str, columns: Sequence[str], years: str, extra: str = ""
) -> list[tuple[str, str, str, str]]:
    """INSERT / UPDATE OF ``columns`` / DELETE triggers flagging ``years`` (with {row})."""
    col_list = ", ".join(columns)
    return [
        (f"{table}_insert", f"AFTER INSERT ON {table}", _ANY_CLEAN, _flag(years.format(row="NEW"))),
        (
            f"{table}_update",
            f"AFTER UPDATE OF {col_list} ON {table}",
            f"{_changed(columns)} AND {_ANY_CLEAN}",
            _flag(f"{years.format(row='OLD')} UNION {years.format(row='NEW')}")
            + extra.format(row="NEW"),
        ),
        (
            f"{table}_delete",
            f"AFTER DELETE ON {table}",
            _ANY_CLEAN,
            _flag(years.format(row="OLD")) + extra.format(row="OLD"),
        ),
    ]


def _triggers() -> list[tuple[str, str, str, str]]:
    """(name suffix, event, WHEN condition, body) of every trigger."""
    submission_columns = (
        "kind",
        "title",
        "submitted_on",
        "is_filed",
        "is_key",
        "is_excellent",
        "adopted_level",
        "has_instruction",
        "converted_from_id",
    )
    # A 社情民意 converted from a 提案 counts by its origin's kind: flag the converted ones too.
    converted = _flag(
        f"SELECT {_year('submitted_on')} FROM submission WHERE converted_from_id = {{row}}.id"
    )
    triggers = [
        *_record_triggers(
            "activity",
            ("start_at", "activity_type", "title"),
            f"SELECT {_year('{row}.start_at')} WHERE {_HELD}",
        ),
        *_record_triggers(
            "attendance",
            ("activity_id", "member_id", "status", "arrived_late", "left_early"),
            _activity_year("{row}"),
        ),
        *_record_triggers(
            "submission", submission_columns, "SELECT " + _year("{row}.submitted_on"), converted
        ),
        *_record_triggers(
            "submission_author",
            ("submission_id", "member_id", "role", "seq"),
            _submission_years("{row}", "submission_id"),
        ),
        *_record_triggers(
            "reception", ("visit_on", "request"), "SELECT " + _year("{row}.visit_on")
        ),
        *_record_triggers(
            "reception_member", ("reception_id", "member_id"), _reception_year("{row}")
        ),
        *_record_triggers(
            "point_rule_set",
            ("year", "base_score", "max_score", "category_caps"),
            "SELECT {row}.year",
        ),
        *_record_triggers(
            "point_rule",
            (
                "rule_set_id",
                "code",
                "name",
                "category",
                "points",
                "counting",
                "cap",
                "trigger",
                "params",
                "sort_order",
            ),
            _rule_set_year("{row}"),
        ),
        (
            "activity_held",
            "AFTER UPDATE OF status ON activity",
            f"{_HELD.format(row='OLD')} IS NOT {_HELD.format(row='NEW')} AND {_ANY_CLEAN}",
            _flag(f"SELECT {_year('NEW.start_at')}"),
        ),
        ("member_insert", "AFTER INSERT ON member", _ANY_CLEAN, _member_flag(_in_office("NEW"))),
        ("member_delete", "AFTER DELETE ON member", _ANY_CLEAN, _member_flag(_in_office("OLD"))),
        (
            "member_update",
            "AFTER UPDATE OF status, left_on, is_standing ON member",
            f"{_changed(('status', 'left_on', 'is_standing'))} AND {_ANY_CLEAN}",
            _member_flag(
                f"OLD.is_standing IS NOT NEW.is_standing OR {_in_office('OLD')} IS NOT {_in_office('NEW')}"
            ),
        ),
    ]
    # Entries changed by anything but 重新计算 (which rewrites the summary last): summary unusable.
    for event, rows in (("insert", ("NEW",)), ("delete", ("OLD",)), ("update", ("OLD", "NEW"))):
        what = {
            "insert": "AFTER INSERT ON point_entry",
            "delete": "AFTER DELETE ON point_entry",
            "update": "AFTER UPDATE OF year, member_id, category, points, description, is_manual "
            "ON point_entry",
        }[event]
        years = ", ".join(f"{r}.year" for r in rows)
        triggers.append(
            (
                f"point_entry_{event}",
                what,
                "",
                f"DELETE FROM point_summary_year WHERE year IN ({years});",
            )
        )
    return triggers


TRIGGERS = _triggers()


def _on_server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def create_triggers() -> None:
    if _on_server():  # plpgsql functions doing the same (app.migrations.pg_triggers)
        from app.migrations import pg_triggers

        for suffix, event, when, body in TRIGGERS:
            for sql in pg_triggers.create_statements(f"point_summary_{suffix}", event, when, body):
                op.execute(sql)
        return
    for suffix, event, when, body in TRIGGERS:
        condition = f" WHEN {when}" if when else ""
        op.execute(
            f"CREATE TRIGGER point_summary_{suffix} {event} FOR EACH ROW{condition} BEGIN {body} END"
        )


def drop_triggers() -> None:
    if _on_server():
        from app.migrations import pg_triggers

        for suffix, event, _when, _body in TRIGGERS:
            for sql in pg_triggers.drop_statements(f"point_summary_{suffix}", event):
                op.execute(sql)
        return
    for suffix, *_rest in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS point_summary_{suffix}")


def _entity_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "point_summary_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("inputs_changed", sa.Boolean(), nullable=False),
        *_entity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_summary_year")),
        sa.UniqueConstraint("uuid", name=op.f("uq_point_summary_year_uuid")),
        sa.UniqueConstraint("year", name=op.f("uq_point_summary_year_year")),
    )
    op.create_table(
        "point_summary",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("subtotals", sa.Text(), nullable=False),
        sa.Column("source_counts", sa.Text(), nullable=False),
        sa.Column("has_records", sa.Boolean(), nullable=False),
        *_entity_columns(),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_point_summary_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_point_summary")),
        sa.UniqueConstraint("uuid", name=op.f("uq_point_summary_uuid")),
        sa.UniqueConstraint("year", "member_id", name="uq_point_summary_year_member"),
    )
    with op.batch_alter_table("point_summary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_point_summary_member_id"), ["member_id"], unique=False)
    _backfill(op.get_bind())
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table("point_summary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_point_summary_member_id"))
    op.drop_table("point_summary")
    op.drop_table("point_summary_year")


# --- backfill: the sums and counts the ranking made from entries and records in 0001 ---------
# Written out here (not imported from the app) so this revision keeps doing what it did.


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _sums(conn: sa.Connection, year: int) -> dict[int, dict[str, float]]:
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    rows = conn.execute(
        sa.text(
            "SELECT point_entry.member_id, point_entry.category, point_entry.points "
            "FROM point_entry WHERE point_entry.year = :year"
        ),
        {"year": year},
    )
    for mid, category, points in rows:
        sums[mid][category] += points
    return sums


def _counts(conn: sa.Connection, year: int) -> tuple[dict[int, Counter], set[int]]:
    counts: dict[int, Counter] = defaultdict(Counter)
    present: set[int] = set()
    start, end = f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    # Bound as text on SQLite (its ISO datetimes), as timestamps on the server.
    on_server = conn.dialect.name == "postgresql"
    first = datetime(year, 1, 1) if on_server else f"{start} 00:00:00.000000"
    after = datetime(year + 1, 1, 1) if on_server else f"{end} 00:00:00.000000"
    day_first = date(year, 1, 1) if on_server else start
    day_after = date(year + 1, 1, 1) if on_server else end
    for mid, activity_type, status in conn.execute(
        sa.text(
            "SELECT at.member_id, a.activity_type, at.status FROM attendance at "
            "JOIN activity a ON a.id = at.activity_id "
            "WHERE a.start_at >= :first AND a.start_at < :after AND a.status != '筹备中'"
        ),
        {"first": first, "after": after},
    ):
        present.add(mid)
        if status == "出席":
            counts[mid]["活动"] += 1
            counts[mid][f"活动:{activity_type}"] += 1
    for mid, kind, origin_kind in conn.execute(
        sa.text(
            "SELECT sa.member_id, s.kind, o.kind FROM submission s "
            "JOIN submission_author sa ON sa.submission_id = s.id "
            "LEFT JOIN submission o ON o.id = s.converted_from_id "
            "WHERE s.submitted_on >= :first AND s.submitted_on < :after"
        ),
        {"first": day_first, "after": day_after},
    ):
        present.add(mid)
        if not (kind == "社情民意" and origin_kind == "提案"):
            counts[mid][kind] += 1
    for (mid,) in conn.execute(
        sa.text(
            "SELECT rm.member_id FROM reception r "
            "JOIN reception_member rm ON rm.reception_id = r.id "
            "WHERE r.visit_on >= :first AND r.visit_on < :after"
        ),
        {"first": day_first, "after": day_after},
    ):
        present.add(mid)
        counts[mid]["接待来访"] += 1
    return counts, present


def _backfill(conn: sa.Connection) -> None:
    locked = dict(conn.exec_driver_sql("SELECT year, locked FROM point_rule_set").all())
    years = {y for (y,) in conn.exec_driver_sql("SELECT DISTINCT year FROM point_entry")}
    for year in sorted(years | set(locked)):
        sums = _sums(conn, year)
        counts, present = _counts(conn, year)
        rows = [
            {
                "uuid": str(uuid.uuid4()),
                "year": year,
                "member_id": mid,
                "total": round(sum(cats.values()), 2),
                "subtotals": _json(dict(cats)),
                "source_counts": _json(dict(counts.get(mid, {}))),
                "has_records": mid in present,
            }
            for mid, cats in sums.items()
        ]
        if rows:
            conn.execute(
                sa.text(
                    "INSERT INTO point_summary (uuid, year, member_id, total, subtotals, "
                    "source_counts, has_records) VALUES (:uuid, :year, :member_id, :total, "
                    ":subtotals, :source_counts, :has_records)"
                ),
                rows,
            )
        conn.execute(
            sa.text(
                "INSERT INTO point_summary_year (uuid, year, inputs_changed) "
                "VALUES (:uuid, :year, :changed)"
            ),
            {"uuid": str(uuid.uuid4()), "year": year, "changed": not locked.get(year, False)},
        )
