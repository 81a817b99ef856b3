"""Shared pieces of the lists that are read a page at a time (议题库, 接待来访).

A list is one filtered statement of ids in a sort order; ``page_ids`` reads one page of it and
``position`` finds where a given id stands in it (so a window can select a row that has not been
fetched yet) with one ``row_number()`` query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.db import Database


@dataclass(frozen=True)
class ListOrder:
    """The column a list is sorted on (a key the list's service knows) and its direction;
    no key means the list's natural order (newest first)."""

    key: str | None = None
    descending: bool = False


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE … ESCAPE '\\'``: the user's % and _ are matched as themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(expr: Any, text: str) -> ColumnElement[bool]:
    return expr.like(like_pattern(text), escape="\\")


def order_clauses(order: ListOrder, keys: Mapping[str, Any], natural: Sequence[Any]) -> list[Any]:
    """The chosen key first, then the natural order: rows equal on the key keep the order they
    have in the unsorted list (as a stable sort of the natural list would)."""
    if order.key is None or order.key not in keys:
        return list(natural)
    expr = keys[order.key]
    return [expr.desc() if order.descending else expr.asc(), *natural]


def page_ids(
    session: Session, ids: Select, clauses: Sequence[Any], offset: int, limit: int
) -> list[int]:
    return list(session.scalars(ids.order_by(*clauses).offset(offset).limit(limit)))


def position(session: Session, ids: Select, clauses: Sequence[Any], row_id: int) -> int | None:
    """0-based place of ``row_id`` in the sorted list, or None when the filter leaves it out."""
    numbered = ids.add_columns(func.row_number().over(order_by=list(clauses)).label("n")).subquery()
    id_column = numbered.c[0]
    found = session.scalar(select(numbered.c.n).where(id_column == row_id))
    return None if found is None else found - 1


def in_order(ids: Sequence[int], rows: Mapping[int, Any]) -> list[Any]:
    """Rows read by id put back in the order of ``ids`` (rows deleted meanwhile are left out)."""
    return [rows[i] for i in ids if i in rows]


@dataclass(frozen=True)
class PagedList:
    """One list's pieces: ``ids(filter, order)`` the filtered id statement, ``rows(session, ids)``
    the rows of those ids, the sort ``keys`` and the ``natural`` order."""

    ids: Callable[[Any, ListOrder], Select]
    rows: Callable[[Session, list[int]], list[Any]]
    keys: Mapping[str, Any]
    natural: Sequence[Any]

    def page(self, db: Database, flt: Any, order: ListOrder, offset: int, limit: int) -> list[Any]:
        clauses = order_clauses(order, self.keys, self.natural)
        with db.read() as session:
            return self.rows(
                session, page_ids(session, self.ids(flt, order), clauses, offset, limit)
            )

    def position(self, db: Database, flt: Any, order: ListOrder, row_id: int) -> int | None:
        """Where the row stands in the filtered, sorted list (None: the filter hides it)."""
        clauses = order_clauses(order, self.keys, self.natural)
        with db.read() as session:
            return position(session, self.ids(flt, order), clauses, row_id)
