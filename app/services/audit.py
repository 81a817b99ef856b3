"""The audit log: what was created, changed, deleted or exported, when, and which record.

Create / update / delete rows are written automatically by the listener in ``app.db`` (field
names only, never values). Exports that carry full phone numbers call ``record_export`` through
the service that feeds them (``members.roster.record_roster_export``), never from app/exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.db import Database
from app.models import AuditLog
from app.record_history import PART_NAMES, clerk_label, local_time

ACTION_NAMES = {
    "create": "新增",
    "update": "修改",
    "delete": "删除",
    "export": "导出",
    "recalculate": "重新计算",
}
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


# Field names as the screens call them; a name not listed is shown as stored.
FIELD_NAMES = {
    "name": "名称/姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_month": "出生年月",
    "political_status": "政治面貌",
    "sector_id": "界别",
    "level": "委员层级",
    "is_standing": "是否常委",
    "term": "届次",
    "work_unit": "工作单位及职务",
    "phone": "联系电话",
    "expertise": "专长",
    "status": "状态",
    "left_on": "离任日期",
    "note": "备注",
    "room_type": "类型",
    "address": "地址",
    "host_unit": "依托单位",
    "first_convenor_name": "第一召集人",
    "second_convenor_member_id": "第二召集人",
    "title": "标题",
    "description": "说明",
    "source": "来源",
    "activity_type": "活动类型",
    "start_at": "时间",
    "place": "地点",
    "host": "主持人",
    "recorder": "记录人",
    "content": "内容",
    "handling_unit": "承办单位",
    "due_on": "办理时限",
    "result": "办理结果",
    "evaluation": "群众评议",
    "points": "分值",
    "value": "设置值",
    "sort_order": "排序",
}


def _readable(summary: str) -> str:
    if not summary.startswith("字段："):
        return summary
    names = summary.removeprefix("字段：").split("、")
    return "字段：" + "、".join(PART_NAMES.get(n) or FIELD_NAMES.get(n, n) for n in names)


@dataclass(frozen=True)
class AuditRow:
    at: datetime | None
    action: str  # Chinese: 新增 / 修改 / 删除 / 导出
    table: str  # Chinese name of the kind of record
    record_id: int | None
    summary: str
    actor: str = ""  # who saved: 张三（WANG-PC）; empty before migration 0006


def set_clerk_name(db: Database, name: str) -> str:
    """Who this program's saves are logged as from now on (操作人): the clerk's name when given,
    else the computer's login name, with the computer — what the other clerks' conflict message
    and 操作日志 show. Returns it."""
    db.actor = clerk_label(name)
    return db.actor


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
                at=local_time(row.created_at),
                action=ACTION_NAMES.get(row.action, row.action),
                table=TABLE_NAMES.get(row.table_name, row.table_name),
                record_id=row.record_id,
                summary=_readable(row.summary or ""),
                actor=row.actor or "",
            )
            for row in session.scalars(query)
        ]
