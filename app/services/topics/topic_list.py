"""The 议题库 list read a page at a time: filter by status, 来源, 联络室 and any text shown in a row,
sort on any column, in SQL, so 20,000 topics open as fast as 20.

Text filtering matches what the page shows in every column (date, 议题, 来源, 提出人, 接单委员,
联络室, 协商次数, 状态). Status sorts in workflow order (待筛选 → … → 已办结, then 不予立项);
other text sorts by character code, as the page always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, String, case, cast, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.models import Activity, Member, Room, Topic
from app.models.vocab import TOPIC_STATUSES
from app.services import paging
from app.services.exchange.history import of_unit, origin_label, origin_sort_key, sender_names
from app.services.paging import ListOrder
from app.services.topics.pool import TopicRow

SORT_KEYS = (
    "raised_on",
    "title",
    "source",
    "raised_by",
    "taken_by",
    "room",
    "activities",
    "status",
    "origin",
)  # one per column of the page, in column order


@dataclass(frozen=True)
class TopicFilter:
    status: str | None = None
    source: str | None = None
    year: int | None = None  # 提出日期's year
    text: str = ""  # anywhere in the row as shown
    room_id: int | None = None  # the 联络室 the topic belongs to
    origin: str | None = None  # 乡镇: a sender's stable id, "" for our own, None for all


_taker = aliased(Member)
_room = aliased(Room)
_activities = select(func.count(Activity.id)).where(Activity.topic_id == Topic.id).scalar_subquery()
_KEYS = {
    "raised_on": Topic.raised_on,
    "title": Topic.title,
    "source": Topic.source,
    "raised_by": func.coalesce(Topic.raised_by, ""),
    "taken_by": func.coalesce(_taker.name, ""),
    "room": func.coalesce(_room.name, ""),
    "activities": _activities,
    "status": case(
        {s: n for n, s in enumerate(TOPIC_STATUSES)}, value=Topic.status, else_=len(TOPIC_STATUSES)
    ),
    "origin": origin_sort_key(Topic.origin_id),
}
_NATURAL = (Topic.raised_on.desc(), Topic.id.desc())


def _ids(flt: TopicFilter, order: ListOrder = ListOrder()) -> Select:  # noqa: B008
    stmt = select(Topic.id)
    text = flt.text.strip()
    if text or order.key in ("taken_by", "room"):  # joined only when needed: they cost a scan
        stmt = stmt.outerjoin(_taker, _taker.id == Topic.taken_by_member_id).outerjoin(
            _room, _room.id == Topic.room_id
        )
    if flt.status:
        stmt = stmt.where(Topic.status == flt.status)
    if flt.source:
        stmt = stmt.where(Topic.source == flt.source)
    if flt.room_id is not None:
        stmt = stmt.where(Topic.room_id == flt.room_id)
    stmt = of_unit(stmt, Topic.origin_id, flt.origin)
    if flt.year is not None:
        stmt = stmt.where(
            Topic.raised_on >= date(flt.year, 1, 1), Topic.raised_on < date(flt.year + 1, 1, 1)
        )
    if text:
        shown = (
            cast(Topic.raised_on, String),
            Topic.title,
            Topic.source,
            _KEYS["raised_by"],
            _KEYS["taken_by"],
            _KEYS["room"],
            cast(_activities, String),
            Topic.status,
        )
        stmt = stmt.where(or_(*(paging.contains(expr, text) for expr in shown)))
    return stmt


def count_topics(db: Database, flt: TopicFilter = TopicFilter()) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(_ids(flt).subquery())) or 0


def _rows(session: Session, ids: list[int]) -> list[TopicRow]:
    counts = (
        select(Activity.topic_id, func.count(Activity.id))
        .where(Activity.topic_id.in_(ids))
        .group_by(Activity.topic_id)
    )
    activity_count = dict(session.execute(counts).all())
    stmt = (
        select(
            Topic.id,
            Topic.raised_on,
            Topic.title,
            Topic.source,
            func.coalesce(Topic.raised_by, ""),
            Topic.status,
            func.coalesce(_taker.name, ""),
            func.coalesce(_room.name, ""),
            Topic.origin_id,
        )
        .outerjoin(_taker, _taker.id == Topic.taken_by_member_id)
        .outerjoin(_room, _room.id == Topic.room_id)
        .where(Topic.id.in_(ids))
    )
    units = sender_names(session)
    rows = {
        values[0]: TopicRow(
            *values[:-1], activity_count.get(values[0], 0), origin_label(units, values[-1])
        )
        for values in session.execute(stmt)
    }
    return paging.in_order(ids, rows)


_LIST = paging.PagedList(_ids, _rows, _KEYS, _NATURAL)


def page_topics(
    db: Database,
    flt: TopicFilter = TopicFilter(),
    order: ListOrder = ListOrder(),  # noqa: B008
    offset: int = 0,
    limit: int = 200,
) -> list[TopicRow]:
    return _LIST.page(db, flt, order, offset, limit)


def topic_position(db: Database, flt: TopicFilter, order: ListOrder, topic_id: int) -> int | None:
    """Where the topic stands in the filtered, sorted list (None: the filter hides it)."""
    return _LIST.position(db, flt, order, topic_id)


def topic_years(db: Database) -> list[int]:
    """Years in which topics were raised, newest first (for the year filter)."""
    with db.read() as session:
        years = session.scalars(select(func.distinct(extract("year", Topic.raised_on))))
        return sorted((int(y) for y in years if y), reverse=True)
