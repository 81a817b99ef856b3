"""Totals handed out are current: an export or a ranking of a year whose entries may no longer
match its records or rules (edited since the last 重新计算, other rules loaded) recalculates the
year first. A 定稿 year is frozen: its stored entries are the year's result and stay as they are."""

from __future__ import annotations

from app.db import Database
from app.progress import Progress
from app.services.points import engine
from app.services.points.rules import load_rule_set
from app.services.points.summary import summary_state

RECALCULATED_NOTE = "积分记录或规则在上次“重新计算”后有变动，已先按当前规则重新计算。"


def ensure_current(db: Database, year: int, progress: Progress | None = None) -> bool:
    """Recalculate ``year`` unless its summary is clean (nothing the engine reads changed since
    重新计算), it has no rules, or it is 定稿. True when it recalculated."""
    with db.read() as session:
        if summary_state(session, year) is False:
            return False
        rule_set = load_rule_set(session, year)
    if rule_set is None or rule_set.locked:
        return False
    engine.recalculate(db, year, progress)
    return True
