"""What was imported from whom, and the names of the units that own rows here (来自桃园镇)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db import Database
from app.errors import UserError
from app.models import PackageImport
from app.services import settings
from app.services.exchange.identity import IDENTITY_KEY


@dataclass(frozen=True)
class ImportRecord:
    sender_name: str
    sender_level: str
    sender_id: str
    sequence: int
    package_created_at: datetime
    imported_at: datetime
    file_name: str
    changes: dict[str, dict[str, int]]

    @property
    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for counts in self.changes.values():
            for what, n in counts.items():
                out[what] = out.get(what, 0) + n
        return out


def _local(stamp: datetime) -> datetime:
    """created_at is SQLite's CURRENT_TIMESTAMP (UTC); staff read local time."""
    return stamp.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def list_imports(db: Database) -> list[ImportRecord]:
    with db.read() as session:
        rows = session.scalars(select(PackageImport).order_by(PackageImport.id)).all()
        return [
            ImportRecord(
                r.sender_name,
                r.sender_level,
                r.sender_id,
                r.sequence,
                r.package_created_at,
                _local(r.created_at),
                r.file_name,
                dict(r.changes or {}),
            )
            for r in rows
        ]


def has_imports(db: Database) -> bool:
    """Whether any package came in: only then do lists show where rows came from."""
    with db.read() as session:
        return session.scalar(select(PackageImport.id).limit(1)) is not None


def units(db: Database) -> list[tuple[str, str]]:
    """(name, stable id) of every unit a package came from, by name: the 乡镇 filter's choices."""
    with db.read() as session:
        return sorted((name, sender) for sender, name in sender_names(session).items())


def sender_names(session: Session) -> dict[str, str]:
    """Stable id → the name in the newest package from that unit."""
    rows = session.execute(
        select(PackageImport.sender_id, PackageImport.sender_name).order_by(PackageImport.id)
    ).all()
    return dict(rows)


def origin_label(names: dict[str, str], origin_id: str | None) -> str:
    """来自桃园镇 for another unit's row, empty for this database's own."""
    if origin_id is None:
        return ""
    return f"来自{names.get(origin_id, '未知单位')}"


def origin_sort_key(origin_column: InstrumentedAttribute) -> ColumnElement[str]:
    """The 来源 column's text to sort a list on in SQL: the unit's name in its newest package,
    "" for this database's own rows (they come first, as the empty cells do)."""
    newest = (
        select(PackageImport.sender_name)
        .where(PackageImport.sender_id == origin_column)
        .order_by(PackageImport.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(newest, "")


def of_unit(stmt: Select, origin_column: InstrumentedAttribute, origin: str | None) -> Select:
    """Only one unit's rows, for the pages' 乡镇 filter: ``origin`` is a sender's stable id,
    "" this database's own rows, None every row."""
    if origin is None:
        return stmt
    return stmt.where(origin_column.is_(None) if origin == "" else origin_column == origin)


def sender_of(session: Session, name: str) -> str | None:
    """The stable id of the unit called ``name`` in the packages imported."""
    return session.scalar(
        select(PackageImport.sender_id)
        .where(PackageImport.sender_name == name)
        .order_by(PackageImport.id.desc())
        .limit(1)
    )


def township_origin(session: Session, name: str) -> str | None:
    """The ``origin_id`` of the unit called ``name`` (None: this database itself), for
    ``--township``; an unknown name is a UserError listing the names known."""
    own = settings.get_value(session, IDENTITY_KEY)
    if own and own.get("name") == name:
        return None
    found = sender_of(session, name)
    if found is None:
        known = sorted(set(sender_names(session).values()))
        hint = "已导入的单位：" + "、".join(known) if known else "尚未导入任何数据包"
        raise UserError(f"没有来自“{name}”的数据。{hint}。")
    return found
