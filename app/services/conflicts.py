"""No lost update: a save made from a record someone else has saved since is refused.

The editors keep the ``version`` they read (migration 0005) and hand it back with the save; the
service compares it with the stored one before writing (``check_version``), and the version
column itself (SQLAlchemy's version_id_col) catches two saves racing past that check. Either way
the clerk gets a Chinese message naming what the other save changed and when, and nothing of
theirs is written: they reload the record and redo their change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import RECORD_NAMES, RELOAD_HINT, StaleRecordError
from app.models.system import AuditLog

FIELD_NAMES = {
    "title": "名称",
    "name": "姓名/名称",
    "activity_type": "类型",
    "start_at": "开始时间",
    "end_at": "结束时间",
    "room_id": "联络室",
    "topic_id": "议题",
    "place": "地点",
    "form": "形式",
    "venue_kind": "会场/现场",
    "host": "主持人",
    "recorder": "记录人",
    "status": "状态",
    "plan": "活动方案",
    "research": "调研情况",
    "summary": "纪要",
    "results_reported_on": "成果报送日期",
    "gender": "性别",
    "sector_id": "界别",
    "level": "委员层级",
    "work_unit": "工作单位及职务",
    "phone": "联系电话",
    "left_on": "离任日期",
    "note": "备注",
    "address": "地址",
    "description": "内容",
    "visit_on": "来访日期",
    "request": "诉求",
    "handling": "办理情况",
    "result": "办理结果",
    "content": "建议内容",
    "handling_unit": "承办单位",
    "due_on": "办理时限",
    "evaluation": "群众评议",
}


def _what_changed(session: Session, table: str, record_id: int, saves: int) -> str:
    rows = session.execute(
        select(AuditLog.created_at, AuditLog.summary)
        .where(
            AuditLog.table_name == table,
            AuditLog.record_id == record_id,
            AuditLog.action == "update",
        )
        .order_by(AuditLog.id.desc())
        .limit(max(saves, 1))
    ).all()
    if not rows:
        return ""
    fields: list[str] = []
    for _at, summary in rows:
        for key in (summary or "").removeprefix("字段：").split("、"):
            label = FIELD_NAMES.get(key, key)
            if key and label not in fields:
                fields.append(label)
    when = rows[0][0].strftime("%m月%d日 %H:%M") if rows[0][0] else ""
    changed = f"，改动了：{'、'.join(fields)}" if fields else ""
    return f"（{when} 保存{changed}）"


def stale_error(
    session: Session | None, table: str, record_id: int | None, saves: int = 1
) -> StaleRecordError:
    what = RECORD_NAMES.get(table, "记录")
    detail = ""
    if session is not None and record_id is not None:
        detail = _what_changed(session, table, record_id, saves)
    return StaleRecordError(
        f"这条{what}在您打开之后已被其他同事修改{detail}。{RELOAD_HINT}", table, record_id
    )


def check_versions(session: Session, records: Any, expected: dict[int, int]) -> None:
    """``check_version`` for each of ``records`` whose id ``expected`` knows (the rows read
    with a record, e.g. an activity's 成果办理 items)."""
    for record in records:
        check_version(session, record, expected.get(record.id))


def check_version(session: Session, record: Any, expected: int | None) -> None:
    """Refuse the save when ``record`` (just read in this session) is no longer the version the
    clerk's form was filled from. ``expected`` None: a caller that does not track versions."""
    if expected is None or record.version == expected:
        return
    raise stale_error(session, record.__tablename__, record.id, record.version - expected)
