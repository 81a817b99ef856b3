"""督办: every open suggestion across rooms, overdue first, and the counts shown on 首页.

Overdue: 办理时限 (due_on) before today while the item is still open (待交办 / 办理中).

Rooms behind target (首页): for each active room with a yearly target, the consultations held
this year so far — activities of the consultation types (协商议事会 / 微协商) dated from 1 January
up to today and not still 筹备中 — are compared with the target prorated to the months already
completed: ``expected = floor(target × (month − 1) ÷ 12)``, and the full target in December. So a
room with a target of 3 is behind from May with none held, from September with fewer than 2, and
in December with fewer than 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Activity, FollowUp, Room
from app.models.vocab import (
    CONSULTATION_TYPES,
    EVALUATIONS,
    FOLLOW_UP_OPEN_STATUSES,
    FOLLOW_UP_STATUSES,
)
from app.services.activities.held import held as held_activity
from app.services.conflicts import check_version
from app.services.exchange.history import of_unit, origin_label, sender_names
from app.services.follow_ups.progress import status_for


@dataclass(frozen=True)
class BoardRow:
    id: int
    activity_id: int
    activity_title: str
    activity_date: date
    room_name: str
    content: str
    handling_unit: str
    assigned_on: date | None
    due_on: date | None
    status: str
    result: str
    feedback_on: date | None
    evaluation: str
    overdue: bool
    origin: str = ""  # 来自桃园镇: the suggestion of another unit's meeting, empty for our own
    version: int = 0  # as read (migration 0005): a save from a stale row is refused


@dataclass(frozen=True)
class RoomProgress:
    room_id: int
    room_name: str
    held: int
    target: int
    expected_by_now: int


@dataclass(frozen=True)
class HomeCounts:
    overdue_follow_ups: int
    open_follow_ups: int
    activities_this_month: int
    rooms_behind: list[RoomProgress]


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    return due_on is not None and due_on < today and status in FOLLOW_UP_OPEN_STATUSES


@dataclass(frozen=True)
class BoardFilter:
    """Which suggestions the board (and the 督办台账) shows. ``year``: the year of the meeting
    that produced them; a ``status`` shows that status, open or closed."""

    include_closed: bool = False
    year: int | None = None
    status: str | None = None
    overdue_only: bool = False
    origin: str | None = None  # 乡镇 of the meeting: a sender's id, "" for our own, None for all
    # only the suggestions of held meetings (the statistics): the board itself also lists those a
    # clerk entered while the meeting is still 筹备中, so that none of them is hidden
    held_only: bool = False


def board(
    db: Database,
    today: date | None = None,
    include_closed: bool = False,
    flt: BoardFilter | None = None,
) -> list[BoardRow]:
    """Open suggestions (all when ``include_closed``): overdue first, then by 办理时限, no
    时限 last, oldest first within a day."""
    today = today or date.today()
    flt = flt or BoardFilter(include_closed=include_closed)
    is_open = FollowUp.status.in_(FOLLOW_UP_OPEN_STATUSES)
    overdue = case((is_open & (FollowUp.due_on < today), 0), else_=1)
    stmt = (
        select(*_FIELDS, Activity.title, Activity.start_at, Room.name, Activity.origin_id)
        .join(Activity, Activity.id == FollowUp.activity_id)
        .outerjoin(Room, Room.id == Activity.room_id)
        .order_by(
            overdue,
            case((is_open, 0), else_=1),
            FollowUp.due_on.is_(None),
            FollowUp.due_on,
            FollowUp.id,
        )
    )
    if flt.status:
        stmt = stmt.where(FollowUp.status == flt.status)
    elif not flt.include_closed:
        stmt = stmt.where(is_open)
    if flt.overdue_only:
        stmt = stmt.where(is_open, FollowUp.due_on < today)
    if flt.year is not None:
        stmt = stmt.where(
            Activity.start_at >= datetime(flt.year, 1, 1),
            Activity.start_at < datetime(flt.year + 1, 1, 1),
        )
    if flt.held_only:
        stmt = stmt.where(held_activity())
    # a suggestion belongs to the unit whose meeting made it
    stmt = of_unit(stmt, Activity.origin_id, flt.origin)
    with db.read() as session:  # plain columns: a county year has thousands of suggestions
        units = sender_names(session)
        return [
            _row(r, r.title, r.start_at, r.name, today, origin_label(units, r.origin_id))
            for r in session.execute(stmt)
        ]


_FIELDS = (
    FollowUp.id,
    FollowUp.activity_id,
    FollowUp.content,
    FollowUp.handling_unit,
    FollowUp.assigned_on,
    FollowUp.due_on,
    FollowUp.status,
    FollowUp.result,
    FollowUp.feedback_on,
    FollowUp.evaluation,
    FollowUp.version,
)


def _row(
    f: Any, title: str, start: datetime, room: str | None, today: date, origin: str = ""
) -> BoardRow:
    """``f``: a FollowUp, or a row of its ``_FIELDS``."""
    return BoardRow(
        id=f.id,
        activity_id=f.activity_id,
        activity_title=title,
        activity_date=start.date(),
        room_name=room or "",
        content=f.content,
        handling_unit=f.handling_unit or "",
        assigned_on=f.assigned_on,
        due_on=f.due_on,
        status=f.status,
        result=f.result or "",
        feedback_on=f.feedback_on,
        evaluation=f.evaluation or "",
        overdue=is_overdue(f.due_on, f.status, today),
        origin=origin,
        version=f.version,
    )


EDITABLE = {
    "handling_unit",
    "assigned_on",
    "due_on",
    "status",
    "result",
    "feedback_on",
    "evaluation",
}


def update_follow_up(
    db: Database,
    follow_up_id: int,
    today: date | None = None,
    expected_version: int | None = None,
    **changes: object,
) -> BoardRow:
    """Change fields of one suggestion in place (from the 督办 board); returns the new row."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(f"不能修改字段：{'、'.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in FOLLOW_UP_STATUSES:
        raise ValidationError(f"办理状态“{changes['status']}”不在可选范围内。", "status")
    if changes.get("evaluation") and changes["evaluation"] not in EVALUATIONS:
        raise ValidationError(f"群众评议“{changes['evaluation']}”不在可选范围内。", "evaluation")
    today = today or date.today()
    with db.write() as session:
        item = session.get(FollowUp, follow_up_id)
        if item is None:
            raise NotFoundError("该办理事项已被删除。")
        check_version(session, item, expected_version)
        for name, value in changes.items():
            if isinstance(value, str):
                value = value.strip() or None
            setattr(item, name, value)
        if item.assigned_on and item.due_on and item.due_on < item.assigned_on:
            raise ValidationError("办理时限不能早于交办日期。", "due_on")
        item.status = status_for(
            item.status, item.handling_unit, item.assigned_on, item.result, item.feedback_on
        )
        session.flush()
        activity = session.get_one(Activity, item.activity_id)
        room = session.get(Room, activity.room_id) if activity.room_id else None
        origin = origin_label(sender_names(session), activity.origin_id)
        room_name = room.name if room else None
        return _row(item, activity.title, activity.start_at, room_name, today, origin)


def _month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1)


def home_counts(db: Database, today: date | None = None) -> HomeCounts:
    today = today or date.today()
    is_open = FollowUp.status.in_(FOLLOW_UP_OPEN_STATUSES)
    month_start = _month_start(today)
    next_month = datetime(today.year + (today.month == 12), today.month % 12 + 1, 1)
    year_start = datetime(today.year, 1, 1)
    end_of_today = datetime(today.year, today.month, today.day, 23, 59, 59)
    with db.read() as session:
        overdue = session.scalar(
            select(func.count(FollowUp.id)).where(is_open, FollowUp.due_on < today)
        )
        open_items = session.scalar(select(func.count(FollowUp.id)).where(is_open))
        this_month = session.scalar(
            select(func.count(Activity.id)).where(
                Activity.start_at >= month_start, Activity.start_at < next_month
            )
        )
        held = (
            select(Activity.room_id, func.count(Activity.id).label("n"))
            .where(
                Activity.activity_type.in_(CONSULTATION_TYPES),
                held_activity(),
                Activity.start_at >= year_start,
                Activity.start_at <= end_of_today,
            )
            .group_by(Activity.room_id)
            .subquery()
        )
        rooms = session.execute(
            select(Room.id, Room.name, Room.target_consultations_per_year, held.c.n)
            .outerjoin(held, held.c.room_id == Room.id)
            .where(Room.is_active.is_(True), Room.target_consultations_per_year > 0)
            .order_by(Room.sort_order, Room.id)
        ).all()
    behind = []
    for room_id, name, target, n in rooms:
        expected = expected_by(target, today)
        if (n or 0) < expected:
            behind.append(RoomProgress(room_id, name, n or 0, target, expected))
    return HomeCounts(overdue or 0, open_items or 0, this_month or 0, behind)


def expected_by(target: int, today: date) -> int:
    """Consultations a room should have held by ``today`` (see the module docstring)."""
    if today.month == 12:
        return target
    return target * (today.month - 1) // 12
