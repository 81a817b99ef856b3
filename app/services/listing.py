"""Plain lists of stored records, as the command line's ``list`` verb and read-only pages show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, extract, func, select

from app.db import Database
from app.models import (
    Activity,
    Member,
    MemberLink,
    Owned,
    PointEntry,
    Reception,
    Room,
    RoomMember,
    Sector,
    Topic,
)
from app.services.exchange.history import township_origin


@dataclass(frozen=True)
class Table:
    """Rows ready to print or show: a header and string cells, the id first."""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _s(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _owned_by(model: type[Owned], origin: str | None) -> ColumnElement[bool]:
    """Rows of one unit: ``origin`` None is this database's own."""
    return model.origin_id.is_(None) if origin is None else model.origin_id == origin


def list_rooms(db: Database, year: int | None = None, township: str | None = None) -> Table:
    header = ("id", "名称", "类型", "第一召集人", "驻室委员数", "成立日期")
    with db.read() as session:
        counts = (
            select(RoomMember.room_id, func.count().label("n"))
            .group_by(RoomMember.room_id)
            .subquery()
        )
        stmt = (
            select(Room, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.room_id == Room.id)
            .order_by(Room.sort_order, Room.id)
        )
        if township is not None:
            stmt = stmt.where(_owned_by(Room, township_origin(session, township)))
        if year is not None:
            stmt = stmt.where(
                (Room.established_on.is_(None)) | (extract("year", Room.established_on) <= year)
            )
        rows = [
            tuple(
                _s(v)
                for v in (
                    room.id,
                    room.name,
                    room.room_type,
                    room.first_convenor_name,
                    n,
                    room.established_on,
                )
            )
            for room, n in session.execute(stmt)
        ]
    return Table(header, rows)


def list_members(db: Database, year: int | None = None, township: str | None = None) -> Table:
    header = ("id", "姓名", "性别", "界别", "委员层级", "工作单位及职务", "状态")
    with db.read() as session:
        stmt = (
            select(Member, Sector.name)
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
        rows = [
            tuple(_s(v) for v in (m.id, m.name, m.gender, sector, m.level, m.work_unit, m.status))
            for m, sector in session.execute(stmt)
        ]
    return Table(header, rows)


def list_activities(db: Database, year: int | None = None, township: str | None = None) -> Table:
    header = ("id", "日期", "类型", "名称", "联络室", "地点", "状态")
    with db.read() as session:
        stmt = (
            select(Activity, Room.name)
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
        rows = [
            tuple(
                _s(v) for v in (a.id, a.start_at, a.activity_type, a.title, room, a.place, a.status)
            )
            for a, room in session.execute(stmt)
        ]
    return Table(header, rows)


def list_topics(db: Database, year: int | None = None, township: str | None = None) -> Table:
    header = ("id", "提出日期", "议题", "来源", "提出人", "状态")
    with db.read() as session:
        stmt = select(Topic).order_by(Topic.raised_on, Topic.id)
        if township is not None:
            stmt = stmt.where(_owned_by(Topic, township_origin(session, township)))
        if year is not None:
            stmt = stmt.where(
                Topic.raised_on >= date(year, 1, 1), Topic.raised_on < date(year + 1, 1, 1)
            )
        rows = [
            tuple(_s(v) for v in (t.id, t.raised_on, t.title, t.source, t.raised_by, t.status))
            for t in session.scalars(stmt)
        ]
    return Table(header, rows)


LISTS = {
    "rooms": list_rooms,
    "members": list_members,
    "activities": list_activities,
    "topics": list_topics,
}


def list_receptions(db: Database, year: int | None = None) -> Table:
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
