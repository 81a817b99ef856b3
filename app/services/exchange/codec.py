"""Column values to JSON and back. Decoding checks each value against its column: a package is
read from a USB stick and may have been edited, so nothing is stored unchecked."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, String

from app.errors import UserError
from app.text import clean_stored_text


def encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class BadValue(UserError):
    pass


def decode(column: Column, value: Any, where: str) -> Any:
    """The Python value for ``column`` from the package's JSON ``value``."""
    if value is None:
        if not column.nullable:
            raise BadValue(f"{where}：字段“{column.name}”不能为空")
        return None
    kind = column.type
    try:
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(_text(value))
        if isinstance(kind, Date):
            return date.fromisoformat(_text(value))
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise ValueError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
                raise ValueError
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError
            if not math.isfinite(value) or abs(value) > 1e9:
                raise ValueError
            return float(value)
        if isinstance(kind, JSON):
            return value
        if isinstance(kind, String):
            text = clean_stored_text(_text(value))
            if len(text) > 1_000_000:
                raise ValueError
            return text
    except (TypeError, ValueError):
        raise BadValue(f"{where}：字段“{column.name}”的值不合格式") from None
    raise BadValue(f"{where}：字段“{column.name}”无法识别")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value
