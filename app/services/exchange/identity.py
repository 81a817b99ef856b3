"""Who this database is (本单位): a name, a level (乡镇 / 县) and a stable id for packages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app.db import Database
from app.errors import UserError
from app.services import settings

LEVELS = {"township": "乡镇", "county": "县"}
IDENTITY_KEY = "exchange.identity"


@dataclass(frozen=True)
class Identity:
    name: str
    level: str  # "township" / "county"
    sender_id: str

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]


def get_identity(db: Database) -> Identity | None:
    value = settings.get(db, IDENTITY_KEY)
    if not value:
        return None
    return Identity(value["name"], value["level"], value["sender_id"])


def unit_name(db: Database) -> str:
    """The name the exported and printed headings carry (桃园镇2026年协商成果督办台账): the
    org.name setting where one was set, else 本单位 from 设置 → 本单位; "" when neither is."""
    org = str(settings.get(db, "org.name") or "").strip()
    if org:
        return org
    own = get_identity(db)
    return own.name if own else ""


def set_identity(db: Database, name: str, level: str) -> Identity:
    """Name and level may change; the stable id is made once and kept."""
    name = name.strip()
    if not name:
        raise UserError("本单位名称不能为空。")
    if level not in LEVELS:
        raise UserError(f"单位层级“{level}”无效，应为 township（乡镇）或 county（县）。")
    old = get_identity(db)
    sender_id = old.sender_id if old else str(uuid.uuid4())
    settings.put(db, IDENTITY_KEY, {"name": name, "level": level, "sender_id": sender_id})
    return Identity(name, level, sender_id)
