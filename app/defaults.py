"""What a new database starts with: the default 界别 list and the 六有 checklist."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db import Database
from app.models import ChecklistItem, Sector
from app.models.vocab import DEFAULT_CHECKLIST, DEFAULT_SECTORS


def seed_defaults(db: Database) -> None:
    with db.write() as session:
        if not session.scalar(select(func.count()).select_from(Sector)):
            session.add_all(
                Sector(name=name, sort_order=i) for i, name in enumerate(DEFAULT_SECTORS)
            )
        if not session.scalar(select(func.count()).select_from(ChecklistItem)):
            session.add_all(
                ChecklistItem(code=code, name=name, computed=computed, sort_order=i)
                for i, (code, name, computed) in enumerate(DEFAULT_CHECKLIST)
            )
