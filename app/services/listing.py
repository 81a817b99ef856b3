"""Plain lists of stored records, as the command line's ``list`` verb and read-only pages show them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, extract, func, select

from app.db import Database
from app.models import Owned
from app.services.exchange.history import township_origin

# Each list imports its own models: ``list rooms`` on the command line then builds the classes of
# rooms and members only, not of every table (tests/cli/test_startup_imports.py). The lists read
# the columns they show, not whole records: 40,000 activities as ORM objects took ~1 s longer.


@dataclass(frozen=True)
class Table:
    """Rows ready to print or show: a header and string cells, the id first."""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _s(value: object) -> str:
    if type(value) is str:  # most cells: first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cells(rows: Iterable[Sequence[object]]) -> list[tuple[str, ...]]:
    return [tuple(map(_s, row)) for row in rows]


def _owned_by(model: type[Owned], origin: str | None) -> ColumnElement[bool]:
    """Rows of one unit: ``origin`` None is this database's own."""
    return model.origin_id.is_(None) if origin is None else model.origin_id == origin


def list_rooms(db: Database, year: int | None = None, township: str | None = None) -> Table:
    from app.models import Room, RoomMember

    header = ("id", "名称", "类型", "第一召集人", "驻室委员数", "成立日期")
    with db.read() as session:
        counts = (
            select(RoomMember.room_id, func.count().label("n"))
            .group_by(RoomMember.room_id)
            .subquery()
        )
        stmt = (
            select(
                Room.id,
                Room.name,
                Room.room_type,
                Room.first_convenor_name,
                func.coalesce(counts.c.n, 0),
                Room.established_on,
            )
            .outerjoin(counts, counts.c.room_id == Room.id)
            .order_by(Room.sort_order, Room.id)
        )
        if township is not None:
            stmt = stmt.where(_owned_by(Room, township_origin(session, township)))
        if year is not None:
            stmt = stmt.where(
                (Room.established_on.is_(None)) | (extract("year", Room.established_on) <= year)
            )
        rows = _cells(session.execute(stmt))
    return Table(header, rows)


def list_members(db: Database, year: int | None = None, township: str | None = None) -> Table:
    from app.models import Member, MemberLink, Sector

    header = ("id", "姓名", "性别", "界别", "委员层级", "工作单位及职务", "状态")
    with db.read() as session:
        stmt = (
            select(
                Member.id,
                Member.name,
                Member.gender,
                Sector.name,
                Member.level,
                Member.work_unit,
                Member.status,
            )
            .outerjoin(Sector, Sector.id == Member.sector_id)
            .order_by(Member.id)
        )
        if township is not None:
            origin = township_origin(session, township)
            linked = select(MemberLink.member_id).where(MemberLink.origin_id == origin)
            stmt = stmt.where(_owned_by(Member, origin) | Member.id.in_(linked))
        if year is not None:
            stmt = stmt.where(
                (Member.left_on.is_(None)) | (extract("year", Member.left_on) >= year)
            )
        rows = _cells(session.execute(stmt))
    return Table(header, rows)


def list_activities(db: Database, year: int | None = None, township: str | None = None) -> Table:
    from app.models import Activity, Room

    header = ("id", "日期", "类型", "名称", "联络室", "地点", "状态")
    with db.read() as session:
        stmt = (
            select(
                Activity.id,
                Activity.start_at,
                Activity.activity_type,
                Activity.title,
                Room.name,
                Activity.place,
                Activity.status,
            )
            .outerjoin(Room, Room.id == Activity.room_id)
            .order_by(Activity.start_at, Activity.id)
        )
        if township is not None:
            stmt = stmt.where(_owned_by(Activity, township_origin(session, township)))
        if year is not None:
            stmt = stmt.where(
                Activity.start_at >= datetime(year, 1, 1),
                Activity.start_at < datetime(year + 1, 1, 1),
            )
        rows = _cells(session.execute(stmt))
    return Table(header, rows)


def list_topics(db: Database, year: int | None = None, township: str | None = None) -> Table:
    from app.models import Topic

    header = ("id", "提出日期", "议题", "来源", "提出人", "状态")
    with db.read() as session:
        stmt = select(
            Topic.id, Topic.raised_on, Topic.title, Topic.source, Topic.raised_by, Topic.status
        ).order_by(Topic.raised_on, Topic.id)
        if township is not None:
            stmt = stmt.where(_owned_by(Topic, township_origin(session, township)))
        if year is not None:
            stmt = stmt.where(
                Topic.raised_on >= date(year, 1, 1), Topic.raised_on < date(year + 1, 1, 1)
            )
        rows = _cells(session.execute(stmt))
    return Table(header, rows)


LISTS = {
    "rooms": list_rooms,
    "members": list_members,
    "activities": list_activities,
    "topics": list_topics,
}


def list_receptions(db: Database, year: int | None = None) -> Table:
    from app.models import Reception

    header = ("id", "日期", "来访群众", "诉求", "类别", "处理方式")
    with db.read() as session:
        stmt = select(Reception).order_by(Reception.visit_on, Reception.id)
        if year is not None:
            stmt = stmt.where(
                Reception.visit_on >= date(year, 1, 1), Reception.visit_on < date(year + 1, 1, 1)
            )
        rows = [
            tuple(
                _s(v)
                for v in (
                    r.id,
                    r.visit_on,
                    r.resident_name or "（匿名）",
                    r.request,
                    r.category,
                    r.handling,
                )
            )
            for r in session.scalars(stmt)
        ]
    return Table(header, rows)


def list_point_totals(db: Database, year: int | None = None) -> Table:
    from app.models import Member, PointEntry

    header = ("id", "年度", "姓名", "总分")
    with db.read() as session:
        stmt = (
            select(PointEntry.year, Member.id, Member.name, func.sum(PointEntry.points))
            .join(Member, Member.id == PointEntry.member_id)
            .group_by(PointEntry.year, Member.id)
            .order_by(PointEntry.year.desc(), func.sum(PointEntry.points).desc())
        )
        if year is not None:
            stmt = stmt.where(PointEntry.year == year)
        rows: list[tuple[str, ...]] = [
            (_s(mid), _s(y), name, f"{total:g}") for y, mid, name, total in session.execute(stmt)
        ]
    return Table(header, rows)
