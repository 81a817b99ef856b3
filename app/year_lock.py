"""年度考核定稿: a locked year never moves.

``ensure_year_unlocked`` is what other services call before writing a record dated in a year.
``before_flush`` (every session of app.db.Database runs it) refuses whole any write touching a
locked year's activities, attendance, submissions, receptions or points, whoever makes it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import (
    Activity,
    Attendance,
    PointEntry,
    PointRule,
    PointRuleSet,
    Reception,
    ReceptionMember,
    Submission,
    SubmissionAuthor,
)


class YearLockedError(UserError):
    def __init__(self, year: int) -> None:
        super().__init__(
            f"{year}年度履职考核已定稿，该年度的活动、出席、履职成果、接待记录和积分都不能再修改。"
        )
        self.year = year


def locked_years(session: Session) -> set[int]:
    with session.no_autoflush:
        return set(session.scalars(select(PointRuleSet.year).where(PointRuleSet.locked)))


def is_year_locked(session: Session, year: int) -> bool:
    return year in locked_years(session)


def ensure_year_unlocked(session: Session, year: int) -> None:
    """Raise YearLockedError when ``year`` has been 定稿."""
    if is_year_locked(session, year):
        raise YearLockedError(year)


def _year_of(value: Any) -> int | None:
    if isinstance(value, datetime | date):
        return value.year
    return None


def _attr_years(obj: object, attr: str) -> set[int]:
    """The year of ``attr`` now and, for a changed row, before the change."""
    history = inspect(obj).attrs[attr].history
    values = [*history.added, *history.unchanged, *history.deleted]
    if not values:
        values = [getattr(obj, attr, None)]
    return {y for y in map(_year_of, values) if y is not None}


def _parent_years(session: Session, model: type, parent_id: int | None, attr: str) -> set[int]:
    if parent_id is None:
        return set()
    parent = session.get(model, parent_id)
    return _attr_years(parent, attr) if parent is not None else set()


def _years_touched(session: Session, obj: object) -> set[int]:
    if isinstance(obj, Activity):
        return _attr_years(obj, "start_at")
    if isinstance(obj, Attendance):
        if obj.activity is not None:
            return _attr_years(obj.activity, "start_at")
        return _parent_years(session, Activity, obj.activity_id, "start_at")
    if isinstance(obj, Submission):
        return _attr_years(obj, "submitted_on")
    if isinstance(obj, SubmissionAuthor):
        if obj.submission is not None:
            return _attr_years(obj.submission, "submitted_on")
        return _parent_years(session, Submission, obj.submission_id, "submitted_on")
    if isinstance(obj, Reception):
        return _attr_years(obj, "visit_on")
    if isinstance(obj, ReceptionMember):
        if obj.reception is not None:
            return _attr_years(obj.reception, "visit_on")
        return _parent_years(session, Reception, obj.reception_id, "visit_on")
    if isinstance(obj, PointEntry):
        return {obj.year}
    if isinstance(obj, PointRule):
        rule_set = obj.rule_set or session.get(PointRuleSet, obj.rule_set_id)
        return {rule_set.year} if rule_set is not None else set()
    return set()


def in_locked_year(session: Session, obj: object, locked: set[int]) -> bool:
    """True when ``obj`` (an activity, reception, …) belongs to one of the ``locked`` years:
    the database refuses any UPDATE of it (app.record_history leaves its version alone)."""
    return bool(_years_touched(session, obj) & locked)


_GUARDED = (
    Activity,
    Attendance,
    Submission,
    SubmissionAuthor,
    Reception,
    ReceptionMember,
    PointEntry,
    PointRule,
)


def _check_rule_set(obj: PointRuleSet, locked: set[int], deleted: bool) -> None:
    """A locked set may not change, except the locking itself."""
    state = inspect(obj)
    was_locked = obj.year in locked
    if deleted and was_locked:
        raise YearLockedError(obj.year)
    if not was_locked:
        return
    changed = [a.key for a in state.attrs if a.history.has_changes()]
    if any(key not in ("locked_at", "updated_at", "rules") for key in changed):
        raise YearLockedError(obj.year)


def before_flush(session: Session, _context: object, _instances: object) -> None:
    touched = [
        (obj, obj in session.deleted)
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, (*_GUARDED, PointRuleSet))
    ]
    if not touched:
        return
    locked = locked_years(session)
    if not locked:
        return
    with session.no_autoflush:
        for obj, deleted in touched:
            if isinstance(obj, PointRuleSet):
                _check_rule_set(obj, locked, deleted)
                continue
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            hit = _years_touched(session, obj) & locked
            if hit:
                raise YearLockedError(min(hit))
