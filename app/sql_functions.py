"""SQL functions spelled per engine, so that one query runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class joined_text(FunctionElement[str]):  # noqa: N801 - used like func.group_concat
    """``joined_text(column, "、")``: the group's texts joined (SQLite group_concat,
    PostgreSQL string_agg)."""

    type = String()
    inherit_cache = True


@compiles(joined_text)
def _group_concat(element: joined_text, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


@compiles(joined_text, "postgresql")
def _string_agg(element: joined_text, compiler: Any, **kw: Any) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)})"
