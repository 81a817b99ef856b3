"""界别 list editor: the county edits its own list; a 界别 in use is never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Member, Sector
from app.services.changes import Changes


@dataclass(frozen=True)
class SectorRow:
    id: int
    name: str
    sort_order: int
    member_count: int


def clean_name(name: str) -> str:
    return "".join(name.split())


def list_sectors(db: Database) -> list[SectorRow]:
    with db.read() as session:
        counts = (
            select(Member.sector_id, func.count().label("n")).group_by(Member.sector_id).subquery()
        )
        stmt = (
            select(Sector, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.sector_id == Sector.id)
            .order_by(Sector.sort_order, Sector.id)
        )
        return [SectorRow(s.id, s.name, s.sort_order, n) for s, n in session.execute(stmt)]


def sector_names(db: Database) -> list[str]:
    return [row.name for row in list_sectors(db)]


def _get(session: Session, sector_id: int) -> Sector:
    sector = session.get(Sector, sector_id)
    if sector is None:
        raise NotFoundError("该界别已不存在，请刷新后重试。")
    return sector


def _check_free(session: Session, name: str, except_id: int | None = None) -> str:
    name = clean_name(name)
    if not name:
        raise ValidationError("请填写界别名称。", field="name")
    if len(name) > 40:
        raise ValidationError("界别名称不能超过 40 个字。", field="name")
    other = session.scalar(select(Sector).where(Sector.name == name))
    if other is not None and other.id != except_id:
        raise ValidationError(f"界别“{name}”已存在。", field="name")
    return name


def add_sector_in(session: Session, name: str) -> Sector:
    """Add at the end of the list (used by the roster import inside its own transaction)."""
    name = _check_free(session, name)
    last = session.scalar(select(func.max(Sector.sort_order))) or 0
    sector = Sector(name=name, sort_order=last + 1)
    session.add(sector)
    session.flush()
    return sector


def add_sector(db: Database, name: str) -> int:
    with db.write() as session:
        return add_sector_in(session, name).id


def rename_sector(db: Database, sector_id: int, name: str) -> Changes:
    with db.write() as session:
        sector = _get(session, sector_id)
        sector.name = _check_free(session, name, except_id=sector_id)
    return Changes(sectors=True, members=True)


def move_sector(db: Database, sector_id: int, offset: int) -> Changes:
    """Move one place up (-1) or down (+1); the list is renumbered 0..n-1."""
    with db.write() as session:
        sectors = list(session.scalars(select(Sector).order_by(Sector.sort_order, Sector.id)))
        index = next((i for i, s in enumerate(sectors) if s.id == sector_id), None)
        if index is None:
            raise NotFoundError("该界别已不存在，请刷新后重试。")
        target = max(0, min(len(sectors) - 1, index + offset))
        sectors.insert(target, sectors.pop(index))
        for i, sector in enumerate(sectors):
            sector.sort_order = i
    return Changes(sectors=True)


def merge_sectors(db: Database, source_id: int, target_id: int) -> int:
    """Move every member of ``source`` into ``target`` and drop ``source``; returns members moved."""
    if source_id == target_id:
        raise ValidationError("不能把界别合并到它自己。")
    with db.write() as session:
        source = _get(session, source_id)
        _get(session, target_id)
        result = session.execute(
            update(Member).where(Member.sector_id == source_id).values(sector_id=target_id)
        )
        moved = cast(CursorResult, result).rowcount  # an UPDATE's result is a CursorResult
        session.delete(source)
        return int(moved or 0)


def delete_sector(db: Database, sector_id: int) -> Changes:
    with db.write() as session:
        sector = _get(session, sector_id)
        used = session.scalar(
            select(func.count()).select_from(Member).where(Member.sector_id == sector_id)
        )
        if used:
            raise ValidationError(
                f"界别“{sector.name}”下还有 {used} 名委员，不能删除。可以先“合并”到其他界别。"
            )
        session.delete(sector)
    return Changes(sectors=True)
