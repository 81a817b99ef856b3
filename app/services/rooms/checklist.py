"""The room checklist's item list (六有 by default; 四有 / 八有 elsewhere), edited in 设置.

Items that data proves (召集人, 委员, 活动记录) keep their ``computed`` kind; new items are ticked.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import ChecklistItem
from app.services.changes import Changes

COMPUTED_LABELS = {
    "convenor": "按召集人自动判断",
    "members": "按驻室委员自动判断",
    "activity_records": "按本年度活动记录自动判断",
}


@dataclass(frozen=True)
class ChecklistItemRow:
    id: int
    name: str
    computed: str | None
    is_active: bool

    @property
    def how(self) -> str:
        return COMPUTED_LABELS.get(self.computed or "", "手动勾选")


def list_items(db: Database, *, active_only: bool = False) -> list[ChecklistItemRow]:
    with db.read() as session:
        stmt = select(ChecklistItem).order_by(ChecklistItem.sort_order, ChecklistItem.id)
        if active_only:
            stmt = stmt.where(ChecklistItem.is_active.is_(True))
        return [
            ChecklistItemRow(i.id, i.name, i.computed, i.is_active) for i in session.scalars(stmt)
        ]


def _clean(name: str) -> str:
    name = "".join((name or "").split())
    if not name:
        raise ValidationError("请填写检查项名称，如“有场地”。", field="name")
    if len(name) > 40:
        raise ValidationError("检查项名称不能超过 40 个字。", field="name")
    return name


def add_item(db: Database, name: str) -> int:
    name = _clean(name)
    with db.write() as session:
        if session.scalar(select(ChecklistItem).where(ChecklistItem.name == name)):
            raise ValidationError(f"检查项“{name}”已存在。", field="name")
        last = session.scalar(select(func.max(ChecklistItem.sort_order))) or 0
        item = ChecklistItem(code=f"custom_{uuid.uuid4().hex[:12]}", name=name, sort_order=last + 1)
        session.add(item)
        session.flush()
        return item.id


def _get(session: Session, item_id: int) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id)
    if item is None:
        raise NotFoundError("该检查项已不存在，请刷新后重试。")
    return item


def rename_item(db: Database, item_id: int, name: str) -> Changes:
    name = _clean(name)
    with db.write() as session:
        _get(session, item_id).name = name
    return Changes(rooms=True)


def set_active(db: Database, item_id: int, active: bool) -> Changes:
    with db.write() as session:
        _get(session, item_id).is_active = active
    return Changes(rooms=True)


def move_item(db: Database, item_id: int, offset: int) -> Changes:
    with db.write() as session:
        items = list(
            session.scalars(
                select(ChecklistItem).order_by(ChecklistItem.sort_order, ChecklistItem.id)
            )
        )
        index = next((i for i, it in enumerate(items) if it.id == item_id), None)
        if index is None:
            raise NotFoundError("该检查项已不存在，请刷新后重试。")
        target = max(0, min(len(items) - 1, index + offset))
        items.insert(target, items.pop(index))
        for i, item in enumerate(items):
            item.sort_order = i
    return Changes(rooms=True)


def delete_item(db: Database, item_id: int) -> Changes:
    """Remove an item and its ticks. The computed ones are only switched off, never deleted."""
    with db.write() as session:
        item = _get(session, item_id)
        if item.computed:
            raise ValidationError(f"“{item.name}”由数据自动判断，只能停用，不能删除。")
        session.delete(item)
    return Changes(rooms=True)
