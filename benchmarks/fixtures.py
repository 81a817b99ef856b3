"""Benchmark databases: the demo generator at county scale (or township multiples) plus point
entries. When the points engine is on main it writes the entries from a shipped rule table;
until then a rule set per year and its entries are written with INSERT … SELECT (bulk)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, insert, select, text

from app.db import Database
from app.models import Activity, PointEntry, PointRule, PointRuleSet
from app.services.demo import generate as demo
from app.storage import open_database

# Fixed so every run measures the same data (the demo splits held/planned activities here).
BENCH_TODAY = date(2026, 6, 30)

# (code, name, category, points, trigger, params, SQL producing the entries)
_UUID_SQL = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)),2)"
    " || '-a' || substr(hex(randomblob(2)),2) || '-' || hex(randomblob(6)))"
)
SYNTHETIC_RULES = (
    ("A01", "参加联络室活动", "活动", 2.0, "attendance", {"status": "出席"}),
    ("A02", "无故缺席", "活动", -2.0, "attendance", {"status": "缺席"}),
    ("S01", "提交提案", "提案", 10.0, "submission", {"kind": "提案", "stage": "提交"}),
    ("S02", "提案立案", "提案", 10.0, "submission", {"kind": "提案", "stage": "立案"}),
    ("S03", "报送社情民意", "社情民意", 5.0, "submission", {"kind": "社情民意", "stage": "报送"}),
    (
        "S04",
        "社情民意被采用",
        "社情民意",
        10.0,
        "submission",
        {"kind": "社情民意", "stage": "采用"},
    ),
    ("R01", "接待来访群众", "接待来访", 2.0, "reception", {}),
)
_ENTRY_SQL = {
    "A01": (
        "SELECT :year, at.member_id, 'attendance', at.id, '参加：' || substr(a.title, 1, 80) "
        "FROM attendance at JOIN activity a ON a.id = at.activity_id "
        "WHERE at.status = '出席' AND a.start_at >= :start AND a.start_at < :end"
    ),
    "A02": (
        "SELECT :year, at.member_id, 'attendance', at.id, '无故缺席：' || substr(a.title, 1, 80) "
        "FROM attendance at JOIN activity a ON a.id = at.activity_id "
        "WHERE at.status = '缺席' AND a.start_at >= :start AND a.start_at < :end"
    ),
    "S01": (
        "SELECT :year, sa.member_id, 'submission', s.id, '提案：' || substr(s.title, 1, 80) "
        "FROM submission s JOIN submission_author sa ON sa.submission_id = s.id "
        "WHERE s.kind = '提案' AND s.submitted_on >= :start AND s.submitted_on < :end"
    ),
    "S02": (
        "SELECT :year, sa.member_id, 'submission', s.id, '立案：' || substr(s.title, 1, 80) "
        "FROM submission s JOIN submission_author sa ON sa.submission_id = s.id "
        "WHERE s.kind = '提案' AND s.is_filed AND s.submitted_on >= :start "
        "AND s.submitted_on < :end"
    ),
    "S03": (
        "SELECT :year, sa.member_id, 'submission', s.id, '社情民意：' || substr(s.title, 1, 80) "
        "FROM submission s JOIN submission_author sa ON sa.submission_id = s.id "
        "WHERE s.kind = '社情民意' AND s.submitted_on >= :start AND s.submitted_on < :end"
    ),
    "S04": (
        "SELECT :year, sa.member_id, 'submission', s.id, '采用：' || substr(s.title, 1, 80) "
        "FROM submission s JOIN submission_author sa ON sa.submission_id = s.id "
        "WHERE s.kind = '社情民意' AND s.adopted_level IS NOT NULL "
        "AND s.submitted_on >= :start AND s.submitted_on < :end"
    ),
    "R01": (
        "SELECT :year, rm.member_id, 'reception', r.id, '接待来访' "
        "FROM reception r JOIN reception_member rm ON rm.reception_id = r.id "
        "WHERE r.visit_on >= :start AND r.visit_on < :end"
    ),
}


@dataclass
class BuiltDb:
    path: Path
    generate_seconds: float
    points_seconds: float
    points_how: str
    counts: dict[str, int]
    years: list[int]


def activity_years(db: Database) -> list[int]:
    with db.read() as session:
        first, last = session.execute(
            select(func.min(Activity.start_at), func.max(Activity.start_at))
        ).one()
    return list(range(first.year, last.year + 1)) if first else []


def _engine_points(db: Database, years: list[int]) -> str | None:
    """The real engine, when it is on main: a shipped rule table per year, then 重新计算."""
    try:
        from app.services.points.engine import recalculate  # type: ignore[import-not-found]
        from app.services.points.rules import load_default  # type: ignore[import-not-found]
    except ImportError:
        return None
    for year in years:
        load_default(db, "minhang", year)
        recalculate(db, year)
    return f"积分引擎按闵行规则表逐年重新计算（{len(years)} 年）"


def synthetic_points(db: Database, years: list[int]) -> str:
    with db.write() as session:
        for year in years:
            set_id = session.execute(
                insert(PointRuleSet).returning(PointRuleSet.id),
                [
                    {
                        "year": year,
                        "name": f"委员履职积分办法（{year}年）",
                        "base_score": None,
                        "max_score": None,
                        "grades": [
                            {"name": "优秀", "min": 90},
                            {"name": "良好", "min": 80},
                            {"name": "合格", "min": 60},
                            {"name": "不合格", "min": 0},
                        ],
                        "category_caps": {},
                        "requirements": [],
                        "locked": False,
                    }
                ],
            ).scalar_one()
            for order, (code, name, category, points, trigger, params) in enumerate(
                SYNTHETIC_RULES
            ):
                rule_id = session.execute(
                    insert(PointRule).returning(PointRule.id),
                    [
                        {
                            "rule_set_id": set_id,
                            "code": code,
                            "name": name,
                            "category": category,
                            "points": points,
                            "counting": "per_event",
                            "cap": None,
                            "trigger": trigger,
                            "params": params,
                            "sort_order": order,
                        }
                    ],
                ).scalar_one()
                session.execute(
                    text(
                        "INSERT INTO point_entry (uuid, year, member_id, source_kind, source_id, "
                        "description, rule_id, rule_code, category, points, is_manual) "
                        f"SELECT {_UUID_SQL}, q.* , :rule_id, :code, :category, :points, 0 "
                        f"FROM ({_ENTRY_SQL[code]}) AS q"
                    ),
                    {
                        "year": year,
                        "start": f"{year}-01-01",
                        "end": f"{year + 1}-01-01",
                        "rule_id": rule_id,
                        "code": code,
                        "category": category,
                        "points": points,
                    },
                )
    return "合成积分（INSERT … SELECT，按出席/成果/接待）"


def build(path: Path, scale: str | demo.Scale, seed: int = 1) -> BuiltDb:
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    db = open_database(path)
    try:
        summary = demo.load_demo(db, scale, seed=seed, today=BENCH_TODAY, points=False)
        years = activity_years(db)
        started = time.perf_counter()
        how = _engine_points(db, years) or synthetic_points(db, years)
        points_seconds = time.perf_counter() - started
        with db.read() as session:
            entries = session.scalar(select(func.count()).select_from(PointEntry))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    counts = dict(summary.counts, point_entries=entries)
    return BuiltDb(path, summary.seconds, points_seconds, how, counts, years)
