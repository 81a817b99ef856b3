"""The 履职活动 list, filtered by room, type, year/month, status and text.

Made to be paged lazily over tens of thousands of activities: ``count_activities`` gives the total
and ``page_activities(offset, limit)`` one page of light rows in a stable order (newest first, id
as tie-breaker), each page one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ScalarSelect, Select, extract, func, or_, select

from app.db import Database
from app.models import Activity, Attendance, FollowUp, Member, Room, Topic
from app.models.vocab import CONSULTATION_TYPES, FOLLOW_UP_OPEN_STATUSES
from app.services import paging
from app.services.activities.held import held
from app.services.exchange.history import of_unit, origin_label, origin_sort_key, sender_names
from app.services.members.stroke_order import name_sort_key
from app.services.paging import ListOrder

# Filter values beyond a single stored word: what 首页's charts count.
HELD_FILTER = "已召开或已归档"  # a status filter: held (held.py)
CONSULTATION_FILTER = "协商议事会或微协商"  # an activity type filter: the consultations


@dataclass(frozen=True)
class ActivityFilter:
    room_id: int | None = None
    activity_type: str | None = None
    year: int | None = None
    month: int | None = None  # only with year
    status: str | None = None
    text: str = ""  # in 名称 / 地点 / 主持人
    origin: str | None = None  # 乡镇: a sender's stable id, "" for our own, None for all


@dataclass(frozen=True)
class ActivityRow:
    id: int
    start_at: datetime
    activity_type: str
    title: str
    room_name: str
    place: str
    host: str
    status: str
    present: int
    on_leave: int
    absent: int
    open_follow_ups: int
    origin: str = ""  # 来自桃园镇: another unit's record (read-only here), empty for our own


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


def _where(stmt: Select, flt: ActivityFilter) -> Select:
    if flt.room_id is not None:
        stmt = stmt.where(Activity.room_id == flt.room_id)
    if flt.activity_type == CONSULTATION_FILTER:
        stmt = stmt.where(Activity.activity_type.in_(CONSULTATION_TYPES))
    elif flt.activity_type:
        stmt = stmt.where(Activity.activity_type == flt.activity_type)
    stmt = of_unit(stmt, Activity.origin_id, flt.origin)
    if flt.status == HELD_FILTER:
        stmt = stmt.where(held())
    elif flt.status:
        stmt = stmt.where(Activity.status == flt.status)
    if flt.year is not None:
        if flt.month:
            start = datetime(flt.year, flt.month, 1)
            end = datetime(flt.year + (flt.month == 12), flt.month % 12 + 1, 1)
        else:
            start, end = datetime(flt.year, 1, 1), datetime(flt.year + 1, 1, 1)
        stmt = stmt.where(Activity.start_at >= start, Activity.start_at < end)
    text = flt.text.strip()
    if text:
        like = f"%{text}%"
        stmt = stmt.where(
            or_(Activity.title.like(like), Activity.place.like(like), Activity.host.like(like))
        )
    return stmt


def count_activities(db: Database, flt: ActivityFilter = ActivityFilter()) -> int:
    with db.read() as session:
        return session.scalar(_where(select(func.count(Activity.id)), flt)) or 0


def _attendance_count(status: str) -> ScalarSelect[int]:
    return (
        select(func.count(Attendance.id))
        .where(Attendance.activity_id == Activity.id, Attendance.status == status)
        .scalar_subquery()
    )


_open_items = (
    select(func.count(FollowUp.id))
    .where(FollowUp.activity_id == Activity.id, FollowUp.status.in_(FOLLOW_UP_OPEN_STATUSES))
    .scalar_subquery()
)
SORT_KEYS = (
    "start_at",
    "type",
    "title",
    "room",
    "place",
    "host",
    "present",
    "open_follow_ups",
    "status",
    "origin",
)  # one per column of the page, in column order
_KEYS = {
    "start_at": Activity.start_at,
    "type": Activity.activity_type,
    "title": Activity.title,
    "room": func.coalesce(Room.name, ""),
    "place": func.coalesce(Activity.place, ""),
    "host": func.coalesce(Activity.host, ""),
    "present": _attendance_count("出席"),
    "open_follow_ups": _open_items,
    "status": Activity.status,
    "origin": origin_sort_key(Activity.origin_id),
}
_NATURAL = (Activity.start_at.desc(), Activity.id.desc())


def page_activities(
    db: Database,
    flt: ActivityFilter = ActivityFilter(),
    offset: int = 0,
    limit: int = 200,
    order: ListOrder = ListOrder(),  # noqa: B008
) -> list[ActivityRow]:
    """One page of the list, newest first or on the column ``order`` names (then newest first).
    A sorted page's ids are found first and its rows read after: sorting the full rows (four
    counts each) made a deep page of a county's 40,000 activities take a second."""
    stmt = select(
        Activity.id,
        Activity.start_at,
        Activity.activity_type,
        Activity.title,
        Room.name,
        Activity.place,
        Activity.host,
        Activity.status,
        _attendance_count("出席"),
        _attendance_count("请假"),
        _attendance_count("缺席"),
        _open_items,
        Activity.origin_id,
    ).outerjoin(Room, Room.id == Activity.room_id)
    with db.read() as session:
        if order.key is None:  # newest first: the start_at index walks straight to the page
            rows = session.execute(
                _where(stmt, flt).order_by(*_NATURAL).offset(offset).limit(limit)
            ).all()
        else:
            ids_stmt = _where(select(Activity.id).outerjoin(Room, Room.id == Activity.room_id), flt)
            clauses = paging.order_clauses(order, _KEYS, _NATURAL)
            ids = paging.page_ids(session, ids_stmt, clauses, offset, limit)
            found = {row[0]: row for row in session.execute(stmt.where(Activity.id.in_(ids)))}
            rows = paging.in_order(ids, found)
        units = sender_names(session)
        return [
            ActivityRow(
                aid,
                start,
                kind,
                title,
                room or "",
                place or "",
                host or "",
                status,
                present,
                on_leave,
                absent,
                open_follow_ups,
                origin_label(units, origin),
            )
            for (
                aid,
                start,
                kind,
                title,
                room,
                place,
                host,
                status,
                present,
                on_leave,
                absent,
                open_follow_ups,
                origin,
            ) in rows
        ]


def activity_years(db: Database) -> list[int]:
    """Years that have activities, newest first (for the year filter)."""
    with db.read() as session:
        years = session.scalars(
            select(func.distinct(extract("year", Activity.start_at))).where(
                Activity.start_at.is_not(None)
            )
        )
        return sorted((int(y) for y in years if y), reverse=True)


def room_choices(db: Database) -> list[Choice]:
    with db.read() as session:
        stmt = select(Room.id, Room.name).order_by(Room.sort_order, Room.id)
        return [Choice(i, n) for i, n in session.execute(stmt)]


def member_choices(db: Database, include_former: bool = False) -> list[Choice]:
    """Members in 姓氏笔画 order."""
    with db.read() as session:
        stmt = select(Member.id, Member.name)
        if not include_former:
            stmt = stmt.where(Member.status == "在任")
        rows = sorted(session.execute(stmt), key=lambda r: (name_sort_key(r[1]), r[0]))
        return [Choice(i, n) for i, n in rows]


def topic_choices(db: Database) -> list[Choice]:
    """Topics of the 议题库, newest first."""
    with db.read() as session:
        stmt = select(Topic.id, Topic.title).order_by(Topic.raised_on.desc(), Topic.id.desc())
        return [Choice(i, t) for i, t in session.execute(stmt)]
