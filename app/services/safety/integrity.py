"""Database checks: SQLite's own (integrity_check, foreign_key_check) plus the app's.

The app's checks (``APP_CHECKS``) find records that SQLite accepts but the work does not: a
departed member still marked present, points whose source record is gone, a topic whose status
disagrees with its trail, a photo whose file was deleted from disk… Each reports in Chinese.
"""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database
from app.db_file import forget_check
from app.services.activities.checks import check_activities
from app.services.check_problems import CheckProblem
from app.services.check_problems import report as _report
from app.services.exchange.checks import check_packages
from app.services.points.summary import check_summaries

# The server keeps its own pages and enforces foreign keys on every write; what can still be
# missing there is a constraint left NOT VALID or a trigger dropped by hand.
_SERVER_TRIGGER_PREFIXES = {"year_lock_": 21, "point_summary_": 31}


def server_checks(db: Database) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    with db.engine.connect() as conn:
        for table, name in conn.exec_driver_sql(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace"
        ):
            problems.append(CheckProblem("约束检查", f"表 {table} 的约束 {name} 未经验证"))
        for prefix, expected in _SERVER_TRIGGER_PREFIXES.items():
            found = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgname LIKE %(p)s "
                "AND c.relnamespace = current_schema()::regnamespace",
                {"p": prefix + "%"},
            ).scalar()
            if found != expected:
                problems.append(
                    CheckProblem(
                        "触发器检查", f"{prefix}* 触发器应有 {expected} 个，实有 {found} 个"
                    )
                )
    return problems


def sqlite_checks(db: Database) -> list[CheckProblem]:
    if db.is_server:
        return server_checks(db)
    problems: list[CheckProblem] = []
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        for (message,) in rows:
            if message != "ok":
                problems.append(CheckProblem("完整性检查", str(message)))
        if problems and db.path is not None:
            forget_check(db.path)  # the next open runs the full quick_check again
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(
                CheckProblem("外键检查", f"表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]} 记录")
            )
        conn.execute(text("SELECT 1"))
    return problems


def _rows(db: Database, sql: str) -> list:
    with db.read() as session:
        return list(session.execute(text(sql)))


def check_departed_attendance(db: Database) -> list[CheckProblem]:
    day = "CAST(a.start_at AS DATE)" if db.is_server else "date(a.start_at)"
    rows = _rows(
        db,
        f"SELECT m.name, a.title, {day} FROM attendance t "
        "JOIN member m ON m.id = t.member_id JOIN activity a ON a.id = t.activity_id "
        f"WHERE m.status = '离任' AND m.left_on IS NOT NULL AND {day} > m.left_on "
        "AND t.status = '出席' ORDER BY a.start_at",
    )
    return _report(
        "出席记录",
        rows,
        lambda r: f"委员“{r[0]}”已离任，却记为出席了 {r[2]} 的活动“{r[1]}”",
    )


# Point entries name their source by kind and id; these kinds point at these tables.
POINT_SOURCES = {
    "attendance": "attendance",
    "submission": "submission",
    "reception": "reception",
    "activity": "activity",
}
SOURCE_NAMES = {
    "attendance": "出席记录",
    "submission": "履职成果",
    "reception": "接待记录",
    "activity": "履职活动",
}


def check_point_sources(db: Database) -> list[CheckProblem]:
    rows = []
    for kind, table in POINT_SOURCES.items():
        rows += _rows(
            db,
            f"SELECT p.year, m.name, p.description, '{kind}' FROM point_entry p "
            f"JOIN member m ON m.id = p.member_id WHERE p.source_kind = '{kind}' "
            f"AND p.source_id IS NOT NULL AND p.source_id NOT IN (SELECT id FROM {table})",
        )
    rows += _rows(
        db,
        "SELECT p.year, m.name, p.description, 'attendance' FROM point_entry p "
        "JOIN member m ON m.id = p.member_id JOIN attendance t ON t.id = p.source_id "
        "WHERE p.source_kind = 'attendance' AND t.member_id != p.member_id",
    )
    return _report(
        "履职积分",
        rows,
        lambda r: (
            f"{r[0]} 年委员“{r[1]}”的积分“{r[2]}”所依据的{SOURCE_NAMES[r[3]]}已不存在或不属于该委员"
        ),
    )


def check_follow_ups(db: Database) -> list[CheckProblem]:
    rows = _rows(
        db,
        "SELECT a.title, substr(f.content, 1, 30) FROM follow_up f "
        "JOIN opinion o ON o.id = f.opinion_id JOIN activity a ON a.id = f.activity_id "
        "WHERE o.activity_id != f.activity_id",
    )
    return _report(
        "成果办理",
        rows,
        lambda r: f"活动“{r[0]}”的办理事项“{r[1]}”对应的协商意见属于另一次活动",
    )


def check_topic_status(db: Database) -> list[CheckProblem]:
    rows = _rows(
        db,
        "SELECT t.title, t.status, c.to_status FROM topic t JOIN topic_status_change c "
        "ON c.id = (SELECT max(id) FROM topic_status_change WHERE topic_id = t.id) "
        "WHERE c.to_status != t.status",
    )
    return _report(
        "议题库",
        rows,
        lambda r: f"议题“{r[0]}”的状态为“{r[1]}”，但最近一次状态变更记为“{r[2]}”",
    )


def check_submission_authors(db: Database) -> list[CheckProblem]:
    rows = _rows(
        db,
        "SELECT s.kind, s.title FROM submission s WHERE NOT EXISTS "
        "(SELECT 1 FROM submission_author a WHERE a.submission_id = s.id)",
    )
    return _report("履职成果", rows, lambda r: f"{r[0]}“{r[1]}”没有作者")


# Each entry returns problems found by the app's own rules; later areas add theirs here.
APP_CHECKS: tuple = (
    check_activities,
    check_departed_attendance,
    check_point_sources,
    check_follow_ups,
    check_topic_status,
    check_submission_authors,
    check_summaries,
    check_packages,
)


def run_checks(db: Database) -> list[CheckProblem]:
    problems = sqlite_checks(db)
    for check in APP_CHECKS:
        problems.extend(check(db))
    return problems
