"""The audit log: what was created, changed, deleted or exported, when, and which record.

Create / update / delete rows are written automatically by the listener in ``app.db`` (field
names only, never values). Exports that carry full phone numbers call ``record_export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db import Database
from app.models import AuditLog

ACTION_NAMES = {"create": "新增", "update": "修改", "delete": "删除", "export": "导出"}
TABLE_NAMES = {
    "sector": "界别",
    "member": "委员",
    "room": "联络室",
    "room_member": "驻室委员",
    "checklist_item": "检查项目",
    "room_checklist_tick": "联络室检查勾选",
    "topic": "议题",
    "topic_status_change": "议题状态变更",
    "activity": "履职活动",
    "attendance": "出席记录",
    "guest_attendee": "列席人员",
    "speech": "发言记录",
    "opinion": "协商意见",
    "follow_up": "成果办理",
    "attachment": "附件",
    "submission": "履职成果",
    "submission_author": "成果作者",
    "reception": "接待来访",
    "reception_member": "接待委员",
    "point_rule_set": "积分规则表",
    "point_rule": "积分规则",
    "point_entry": "积分记录",
    "setting": "设置",
}


@dataclass(frozen=True)
class AuditRow:
    at: datetime | None
    action: str  # Chinese: 新增 / 修改 / 删除 / 导出
    table: str  # Chinese name of the kind of record
    record_id: int | None
    summary: str


def record_export(db: Database, what: str, count: int, file_name: str) -> None:
    """Log an export that carries personal data in full (e.g. the roster with whole phone
    numbers for the county office): what, how many records, which file — not the data itself."""
    with db.write() as session:
        session.add(
            AuditLog(
                action="export",
                table_name="member",
                summary=f"{what}：{count} 条记录，文件“{file_name}”",
            )
        )


def list_entries(db: Database, limit: int = 1000, table: str | None = None) -> list[AuditRow]:
    """The newest ``limit`` log rows, newest first, optionally of one table."""
    query = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if table:
        query = query.where(AuditLog.table_name == table)
    with db.read() as session:
        return [
            AuditRow(
                at=row.created_at,
                action=ACTION_NAMES.get(row.action, row.action),
                table=TABLE_NAMES.get(row.table_name, row.table_name),
                record_id=row.record_id,
                summary=row.summary or "",
            )
            for row in session.scalars(query)
        ]
