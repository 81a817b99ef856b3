"""Declarative base: every table has an integer key, a stable UUID and timestamps."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, Integer, MetaData, String, Table, event, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, declared_attr, mapped_column

from app.text import clean_stored_text

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table__: ClassVar[Table]  # every class here maps a Table (bulk inserts use it in Core)


class Entity(Base):
    """Abstract parent of every table."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class Owned(Entity):
    """A row that can travel in a data package (数据包): ``origin_id`` is the stable id of the
    unit (乡镇 / 县) that owns it, NULL for this database's own rows (migration 0004)."""

    __abstract__ = True

    origin_id: Mapped[str | None] = mapped_column(String(36), index=True)


class Versioned:
    """A record clerks edit: every UPDATE raises ``version`` and checks the one it read
    (SQLAlchemy's version_id_col, migration 0005), so a save from a stale read changes nothing
    and fails (app.services.conflicts turns that into the Chinese message)."""

    version: Mapped[int] = mapped_column(Integer, server_default=text("1"), nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declarative directive
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


_TEXT_COLUMNS: dict[Mapper[Any], list[str]] = {}


def _text_columns(mapper: Mapper[Any]) -> list[str]:
    cached = _TEXT_COLUMNS.get(mapper)
    if cached is None:
        cached = [
            mapper.get_property_by_column(column).key
            for column in mapper.columns
            if isinstance(column.type, String)  # Text is a String too
        ]
        _TEXT_COLUMNS[mapper] = cached
    return cached


@event.listens_for(Entity, "before_insert", propagate=True)
@event.listens_for(Entity, "before_update", propagate=True)
def _clean_text_columns(mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    """Every text a user action stores loses control characters and invisible marks."""
    for key in _text_columns(mapper):
        value = target.__dict__.get(key)
        if isinstance(value, str):
            cleaned = clean_stored_text(value)
            if cleaned != value:
                setattr(target, key, cleaned)
