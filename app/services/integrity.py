"""Database checks: SQLite's own (integrity_check, foreign_key_check) plus the app's."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from app.db import Database


@dataclass(frozen=True)
class CheckProblem:
    area: str
    message: str


def sqlite_checks(db: Database) -> list[CheckProblem]:
    problems: list[CheckProblem] = []
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        for (message,) in rows:
            if message != "ok":
                problems.append(CheckProblem("完整性检查", str(message)))
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
            problems.append(
                CheckProblem("外键检查", f"表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]} 记录")
            )
        conn.execute(text("SELECT 1"))
    return problems


def _activity_checks(db: Database) -> list[CheckProblem]:
    from app.services.activity_checks import check_activities  # imports CheckProblem from here

    return check_activities(db)


# Each entry returns problems found by the app's own rules; later areas add theirs here.
APP_CHECKS: tuple = (_activity_checks,)


def run_checks(db: Database) -> list[CheckProblem]:
    problems = sqlite_checks(db)
    for check in APP_CHECKS:
        problems.extend(check(db))
    return problems
