"""Settings kept in the database (they travel with the data in backups)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import Setting

DEFAULTS: dict[str, Any] = {
    # 公文 fonts; offices without 仿宋_GB2312 / 方正小标宋简体 choose 仿宋 / 宋体.
    "fonts.title": "方正小标宋简体",
    "fonts.title_fallback": "宋体",
    "fonts.body": "仿宋_GB2312",
    "fonts.body_fallback": "仿宋",
    "fonts.heading1": "黑体",
    "fonts.heading2": "楷体_GB2312",
    "fonts.page_number": "宋体",
    # 会议纪要: where the 出席/请假/列席 lines go. "after_body" follows GB/T 9704 §10.3 (after the
    # 协商意见 and 落实分工); "header" keeps them among 时间/地点/主持人 as some offices do.
    "minutes.attendance": "after_body",
    "org.name": "",  # e.g. 某某镇政协工作联络组
    "county.name": "",
}


def get_value(session: Session, key: str) -> Any:
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        return DEFAULTS.get(key)
    return row.value


def set_value(session: Session, key: str, value: Any) -> None:
    row = session.scalar(select(Setting).where(Setting.key == key))
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def get(db: Database, key: str) -> Any:
    with db.read() as session:
        return get_value(session, key)


def put(db: Database, key: str, value: Any) -> None:
    with db.write() as session:
        set_value(session, key, value)


def get_many(db: Database, prefix: str) -> dict[str, Any]:
    """All settings whose key starts with ``prefix``, defaults filled in."""
    with db.read() as session:
        stored = {
            row.key: row.value
            for row in session.scalars(select(Setting).where(Setting.key.startswith(prefix)))
        }
    values = {k: v for k, v in DEFAULTS.items() if k.startswith(prefix)}
    values.update(stored)
    return values
