"""示例数据 → 正式使用: a database that was filled with demo data can be emptied again in one
step (backed up first), keeping the 界别 list, the checklist items and the settings.

Only the demo's own rows go. The demo marks them by origin: each row it inserts gets a UUID in
the load's own namespace (``uuid_maker``: a random 8-digit prefix recorded in the settings, and
UUID version 8, which ``uuid4`` never makes), and the rule tables it installs are recorded by
UUID. Members imported or typed in afterwards are never touched, a demo row that real records
still point at (a real activity in a demo room) is kept, and so is everything of a 定稿 year.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import UserError
from app.models import (  # Base from the package: every model loaded, every foreign key seen
    Activity,
    Attachment,
    Attendance,
    Base,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    PointEntry,
    PointRule,
    PointRuleSet,
    PointSummary,
    PointSummaryYear,
    Reception,
    ReceptionMember,
    Room,
    RoomChecklistTick,
    RoomMember,
    Speech,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)
from app.services import settings
from app.services.activities import attachments
from app.services.safety import backup

DEMO_FLAG = "demo.loaded"
ORIGINS_KEY = "demo.origins"  # the UUID prefixes of every demo load into this database
RULE_SETS_KEY = "demo.rule_sets"  # UUIDs of the rule tables the demo installed

# Children before parents, so every foreign key is satisfied at each step.
CLEAR_ORDER = (
    Attachment, FollowUp, Opinion, Speech, GuestAttendee, Attendance, Activity,
    TopicStatusChange, Topic, ReceptionMember, Reception, SubmissionAuthor, Submission,
    PointEntry, PointSummary, PointSummaryYear, PointRule, PointRuleSet, RoomChecklistTick,
    RoomMember, Room, Member,
)  # fmt: skip
# Rows the points engine derives from a member's records: they go with a demo member.
DERIVED = (PointEntry, PointSummary)
# Rows that belong to a year; a 定稿 year's rows (and their parts) are never deleted.
YEAR_OF = {
    "activity": "CAST(strftime('%Y', start_at) AS INTEGER)",
    "submission": "CAST(strftime('%Y', submitted_on) AS INTEGER)",
    "reception": "CAST(strftime('%Y', visit_on) AS INTEGER)",
    "point_entry": "year",
    "point_summary": "year",
    "point_rule_set": "year",
}


def uuid_maker(prefix: str) -> Callable[[], str]:
    """UUIDs in one demo load's namespace: ``prefix`` first, version 8 (never made by uuid4)."""

    def make() -> str:
        digits = prefix + uuid.uuid4().hex[8:]
        return str(uuid.UUID(digits[:12] + "8" + digits[13:16] + "8" + digits[17:]))

    return make


def new_origin(session: Session) -> str:
    """A fresh namespace prefix for a demo load, recorded inside the load's own transaction."""
    prefix = secrets.token_hex(4)
    origins = list(settings.get_value(session, ORIGINS_KEY) or [])
    settings.set_value(session, ORIGINS_KEY, [*origins, prefix])
    return prefix


def record_rule_set(session: Session, rule_set_uuid: str) -> None:
    known = list(settings.get_value(session, RULE_SETS_KEY) or [])
    settings.set_value(session, RULE_SETS_KEY, [*known, rule_set_uuid])


def mark_loaded(session: Session) -> None:
    """Called inside the demo's own write transaction."""
    settings.set_value(session, DEMO_FLAG, True)


def has_demo_data(db: Database) -> bool:
    return settings.get(db, DEMO_FLAG) is True


@dataclass(frozen=True)
class ClearResult:
    members: int  # demo members removed
    kept: int  # demo rows kept because real records or a 定稿 year still need them
    locked_years: tuple[int, ...]

    def describe(self) -> str:
        text = f"已清空示例数据：删除 {self.members} 名示例委员及其记录，界别、检查项和设置保留。"
        if self.kept:
            text += f"有 {self.kept} 条示例记录仍被正式数据"
            if self.locked_years:
                text += "或已定稿年度（" + "、".join(map(str, self.locked_years)) + "）"
            text += "使用，已保留。"
        return text


def clear_demo(db: Database) -> ClearResult:
    """Delete the demo's rows (after a backup); real rows and 定稿 years stay as they are."""
    if not has_demo_data(db):
        raise UserError("当前数据库不是示例数据，不能清空。")
    with db.read() as session:
        if not settings.get_value(session, ORIGINS_KEY):
            raise UserError(
                "该数据库的示例数据由旧版本载入，无法与正式数据区分，未清空任何记录。"
                "请改用新的数据库文件开始正式使用。"
            )
    backup.backup_before(db, "清空示例数据")
    with db.write() as session:
        result, stored = _clear(session)
        settings.set_value(session, DEMO_FLAG, result.kept > 0)
    for name in stored:
        attachments.remove_stored(name)
    return result


def _runner(session: Session) -> Callable[..., Any]:
    """exec_driver_sql, with the statements below (written for SQLite) respelled for a
    PostgreSQL server: %s parameters, INSERT … ON CONFLICT DO NOTHING, pg_temp tables."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return connection.exec_driver_sql

    def run(sql: str, params: Any = None) -> Any:
        sql = re.sub(r"strftime\('%Y', (\w+)\)", r"EXTRACT(YEAR FROM \1)", sql)
        sql = sql.replace("?", "%s").replace("temp.demo_", "pg_temp.demo_")
        if sql.startswith("INSERT OR IGNORE INTO"):
            sql = (
                "INSERT INTO"
                + sql.removeprefix("INSERT OR IGNORE INTO")
                + " ON CONFLICT DO NOTHING"
            )
        return (
            connection.exec_driver_sql(sql, params)
            if params is not None
            else connection.exec_driver_sql(sql)
        )

    return run


def _clear(session: Session) -> tuple[ClearResult, list[str]]:
    run = _runner(session)
    run("CREATE TEMP TABLE IF NOT EXISTS demo_doomed (tbl TEXT, id INTEGER, PRIMARY KEY (tbl, id))")
    run("CREATE TEMP TABLE IF NOT EXISTS demo_frozen (tbl TEXT, id INTEGER, PRIMARY KEY (tbl, id))")
    run("DELETE FROM demo_doomed")
    run("DELETE FROM demo_frozen")
    try:
        locked = _mark(session)
        before = _count(session)
        _keep_what_is_needed(session)
        doomed = _count(session)
        members = run("SELECT count(*) FROM demo_doomed WHERE tbl = 'member'").scalar() or 0
        stored = [
            name
            for (name,) in run(
                "SELECT stored_name FROM attachment WHERE id IN "
                "(SELECT id FROM demo_doomed WHERE tbl = 'attachment')"
            )
        ]
        for model in CLEAR_ORDER:
            name = model.__tablename__
            run(
                f"DELETE FROM {name} WHERE id IN (SELECT id FROM demo_doomed WHERE tbl = ?)",
                (name,),
            )
    finally:
        run("DROP TABLE IF EXISTS temp.demo_doomed")
        run("DROP TABLE IF EXISTS temp.demo_frozen")
    return ClearResult(members, before - doomed, locked), stored


def _count(session: Session) -> int:
    return _runner(session)("SELECT count(*) FROM demo_doomed").scalar() or 0


def _mark(session: Session) -> tuple[int, ...]:
    """Fill demo_doomed with the demo's rows; returns the 定稿 years that hold some of them."""
    run = _runner(session)
    origins = settings.get_value(session, ORIGINS_KEY) or []
    for model in CLEAR_ORDER:
        name = model.__tablename__
        for prefix in origins:
            run(
                f"INSERT OR IGNORE INTO demo_doomed SELECT ?, id FROM {name} WHERE uuid LIKE ?",
                (name, f"{prefix}-____-8%"),
            )
    for rule_set_uuid in settings.get_value(session, RULE_SETS_KEY) or []:
        run(
            "INSERT OR IGNORE INTO demo_doomed SELECT 'point_rule_set', id FROM point_rule_set "
            "WHERE uuid = ?",
            (rule_set_uuid,),
        )
    run(
        "INSERT OR IGNORE INTO demo_doomed SELECT 'point_rule', id FROM point_rule WHERE "
        "rule_set_id IN (SELECT id FROM demo_doomed WHERE tbl = 'point_rule_set')"
    )
    for model in DERIVED:
        name = model.__tablename__
        run(
            f"INSERT OR IGNORE INTO demo_doomed SELECT ?, id FROM {name} WHERE member_id IN "
            "(SELECT id FROM demo_doomed WHERE tbl = 'member')",
            (name,),
        )
    locked = tuple(
        year for (year,) in run("SELECT year FROM point_rule_set WHERE locked ORDER BY year")
    )
    if locked:
        marks = ",".join("?" * len(locked))
        for name, year_sql in YEAR_OF.items():
            run(
                f"INSERT OR IGNORE INTO demo_frozen SELECT ?, id FROM {name} "
                f"WHERE {year_sql} IN ({marks})",
                (name, *locked),
            )
        _freeze_parts(session)
        frozen = run("DELETE FROM demo_doomed WHERE (tbl, id) IN (SELECT tbl, id FROM demo_frozen)")
        if frozen.rowcount:
            return locked
    return ()


def _foreign_keys() -> list[tuple[Table, str, Table, str | None]]:
    """(child table, column, parent table, ON DELETE) for every foreign key of the schema."""
    return [
        (table, fk.parent.name, fk.column.table, fk.ondelete)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
    ]


def _freeze_parts(session: Session) -> None:
    """The parts of a frozen row (its CASCADE children: attendance, speeches…) are frozen too."""
    run = _runner(session)
    changed = True
    while changed:
        changed = False
        for child, column, parent, ondelete in _foreign_keys():
            if ondelete != "CASCADE":
                continue
            result = run(
                f"INSERT OR IGNORE INTO demo_frozen SELECT ?, id FROM {child.name} WHERE {column} "
                "IN (SELECT id FROM demo_frozen WHERE tbl = ?)",
                (child.name, parent.name),
            )
            changed = changed or result.rowcount > 0


def _keep_what_is_needed(session: Session) -> None:
    """Take out of demo_doomed every row that a row staying behind points at, until none is."""
    run = _runner(session)
    changed = True
    while changed:
        changed = False
        for model in DERIVED:  # a member who stays keeps their points
            result = run(
                "DELETE FROM demo_doomed WHERE tbl = ? AND id IN (SELECT id FROM "
                f"{model.__tablename__} WHERE member_id NOT IN "
                "(SELECT id FROM demo_doomed WHERE tbl = 'member'))",
                (model.__tablename__,),
            )
            changed = changed or result.rowcount > 0
        for child, column, parent, _ondelete in _foreign_keys():
            result = run(
                f"DELETE FROM demo_doomed WHERE tbl = ? AND id IN (SELECT {column} FROM "
                f"{child.name} WHERE {column} IS NOT NULL AND id NOT IN "
                "(SELECT id FROM demo_doomed WHERE tbl = ?))",
                (parent.name, child.name),
            )
            changed = changed or result.rowcount > 0
