"""The 接待来访 log read a page at a time: filter by year, room and any text shown in a row,
sort on any column, in SQL, so 16,000 visits open as fast as 16.

Text filtering matches what the page shows in every column (date, 联络室, 接待委员, 来访群众 —
“（匿名）” when no name —, 诉求, 类别, 处理方式, 处理结果, “已转议题”); text sorts by character code,
as the page always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Select,
    SQLColumnExpression,
    String,
    cast,
    exists,
    extract,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.models import Member, Reception, ReceptionMember, Room, Topic
from app.services import paging
from app.services.exchange.history import of_unit, origin_label, origin_sort_key, sender_names
from app.services.paging import ListOrder
from app.sql_functions import joined_text

ANONYMOUS = "（匿名）"
MADE_TOPIC = "已转议题"
SORT_KEYS = (
    "visit_on",
    "room",
    "receivers",
    "resident",
    "request",
    "category",
    "handling",
    "result",
    "topic",
    "origin",
)  # one per column of the page, in column order


@dataclass(frozen=True)
class ReceptionRow:
    id: int
    visit_on: date
    room_name: str
    resident: str
    request: str
    category: str
    handling: str
    result: str
    receivers: str
    topic_id: int | None
    origin: str = ""  # 来自桃园镇: another unit's visit (read-only here), empty for our own


@dataclass(frozen=True)
class ReceptionFilter:
    year: int | None = None
    room_id: int | None = None
    text: str = ""  # anywhere in the row as shown
    origin: str | None = None  # 乡镇: a sender's stable id, "" for our own, None for all


_room = aliased(Room)
_names = (
    select(Member.name.label("name"))
    .join(ReceptionMember, ReceptionMember.member_id == Member.id)
    .where(ReceptionMember.reception_id == Reception.id)
    .order_by(ReceptionMember.id)
    .correlate(Reception)
    .subquery()
)
_receivers = (
    select(func.coalesce(joined_text(_names.c.name, "、"), ""))
    .select_from(_names)
    .scalar_subquery()
)
_has_topic = exists().where(Topic.reception_id == Reception.id)
_KEYS = {
    "visit_on": Reception.visit_on,
    "room": func.coalesce(_room.name, ""),
    "receivers": _receivers,
    "resident": func.coalesce(func.nullif(Reception.resident_name, ""), ANONYMOUS),
    "request": Reception.request,
    "category": func.coalesce(Reception.category, ""),
    "handling": func.coalesce(Reception.handling, ""),
    "result": func.coalesce(Reception.result, ""),
    "topic": _has_topic,
    "origin": origin_sort_key(Reception.origin_id),
}
_NATURAL = (Reception.visit_on.desc(), Reception.id.desc())


def _ids(flt: ReceptionFilter, order: ListOrder = ListOrder()) -> Select:  # noqa: B008
    stmt = select(Reception.id)
    text = flt.text.strip()
    if text or order.key == "room":  # joined only when needed: it costs a scan
        stmt = stmt.outerjoin(_room, _room.id == Reception.room_id)
    if flt.year is not None:
        stmt = stmt.where(
            Reception.visit_on >= date(flt.year, 1, 1),
            Reception.visit_on < date(flt.year + 1, 1, 1),
        )
    if flt.room_id is not None:
        stmt = stmt.where(Reception.room_id == flt.room_id)
    stmt = of_unit(stmt, Reception.origin_id, flt.origin)
    if text:
        shown: list[SQLColumnExpression[Any]] = [cast(Reception.visit_on, String)]
        shown += [_KEYS[k] for k in SORT_KEYS[1 : SORT_KEYS.index("topic")]]
        stmt = stmt.where(
            or_(
                *(paging.contains(expr, text) for expr in shown),
                _has_topic if text in MADE_TOPIC else false(),
            )
        )
    return stmt


def count_receptions(db: Database, flt: ReceptionFilter = ReceptionFilter()) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(_ids(flt).subquery())) or 0


def _rows(session: Session, ids: list[int]) -> list[ReceptionRow]:
    names: dict[int, list[str]] = {}
    for rid, name in session.execute(
        select(ReceptionMember.reception_id, Member.name)
        .join(Member, Member.id == ReceptionMember.member_id)
        .where(ReceptionMember.reception_id.in_(ids))
        .order_by(ReceptionMember.id)
    ):
        names.setdefault(rid, []).append(name)
    topic_of = dict(
        session.execute(
            select(Topic.reception_id, Topic.id).where(Topic.reception_id.in_(ids))
        ).all()
    )
    stmt = (
        select(
            Reception.id,
            Reception.visit_on,
            func.coalesce(_room.name, ""),
            _KEYS["resident"],
            Reception.request,
            _KEYS["category"],
            _KEYS["handling"],
            _KEYS["result"],
            Reception.origin_id,
        )
        .outerjoin(_room, _room.id == Reception.room_id)
        .where(Reception.id.in_(ids))
    )
    units = sender_names(session)
    rows = {
        rid: ReceptionRow(
            rid,
            visit_on,
            room_name,
            resident,
            request,
            category,
            handling,
            result,
            "、".join(names.get(rid, [])),
            topic_of.get(rid),
            origin_label(units, origin_id),
        )
        for (
            rid,
            visit_on,
            room_name,
            resident,
            request,
            category,
            handling,
            result,
            origin_id,
        ) in session.execute(stmt)
    }
    return paging.in_order(ids, rows)


_LIST = paging.PagedList(_ids, _rows, _KEYS, _NATURAL)


def page_receptions(
    db: Database,
    flt: ReceptionFilter = ReceptionFilter(),
    order: ListOrder = ListOrder(),  # noqa: B008
    offset: int = 0,
    limit: int = 200,
) -> list[ReceptionRow]:
    return _LIST.page(db, flt, order, offset, limit)


def reception_position(
    db: Database, flt: ReceptionFilter, order: ListOrder, reception_id: int
) -> int | None:
    """Where the visit stands in the filtered, sorted log (None: the filter hides it)."""
    return _LIST.position(db, flt, order, reception_id)


def reception_years(db: Database) -> list[int]:
    """Years that have visits, newest first (for the year filter)."""
    with db.read() as session:
        years = session.scalars(select(func.distinct(extract("year", Reception.visit_on))))
        return sorted((int(y) for y in years if y), reverse=True)
