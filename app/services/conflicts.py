"""No lost update: a save made from a record someone else has saved since is refused.

The editors keep the ``version`` they read (migration 0005) and hand it back with the save; the
service compares it with the stored one before writing (``check_version``), and the version
column itself (SQLAlchemy's version_id_col) catches two saves racing past that check. Either way
the clerk gets a Chinese message naming who saved (migration 0006), when, and what changed, and
nothing of theirs is written: they reload the record (重新载入) or keep editing to copy their text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
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


# A record's parts, as the audit log names them (app.record_history: the owner's collection).
PART_NAMES = {
    "attendances": "出席委员",
    "guests": "列席人员",
    "speeches": "发言记录",
    "opinions": "协商意见",
    "follow_ups": "成果办理",
    "attachments": "附件",
    "memberships": "驻室委员",
    "room_checklist_tick": "阵地建设检查",
    "receivers": "接待委员",
    "status_changes": "状态记录",
}


def local_time(stamp: datetime | None) -> datetime | None:
    """The log's times are UTC (app.record_history); staff read local time."""
    if stamp is None:
        return None
    return stamp.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _when(stamp: datetime | None) -> str:
    local = local_time(stamp)
    if local is None:
        return ""
    if local.date() == date.today():
        return f"于 {local:%H:%M} "
    return f"于 {local.month}月{local.day}日 {local:%H:%M} "


def _what_changed(session: Session, table: str, record_id: int, saves: int) -> str:
    """“已被 张三（WANG-PC） 于 10:42 修改，改动了：地点、出席委员” from the log rows of the saves
    made since the clerk's reading (newest first)."""
    rows = session.execute(
        select(AuditLog.created_at, AuditLog.summary, AuditLog.actor)
        .where(
            AuditLog.table_name == table,
            AuditLog.record_id == record_id,
            AuditLog.action == "update",
        )
        .order_by(AuditLog.id.desc())
        .limit(max(saves, 1))
    ).all()
    if not rows:
        return "已被其他同事修改"
    fields: list[str] = []
    actors: list[str] = []
    for _at, summary, actor in reversed(rows):  # in the order they were saved
        for key in (summary or "").removeprefix("字段：").split("、"):
            label = PART_NAMES.get(key) or FIELD_NAMES.get(key, key)
            if key and label not in fields:
                fields.append(label)
        if actor and actor not in actors:
            actors.append(actor)
    who = f" {'、'.join(actors)} " if actors else "其他同事"
    changed = f"，改动了：{'、'.join(fields)}" if fields else ""
    return f"已被{who}{_when(rows[0][0])}修改{changed}"


def stale_error(
    session: Session | None, table: str, record_id: int | None, saves: int = 1
) -> StaleRecordError:
    what = RECORD_NAMES.get(table, "记录")
    detail = "已被其他同事修改"
    if session is not None and record_id is not None:
        detail = _what_changed(session, table, record_id, saves)
    return StaleRecordError(f"这条{what}在您打开之后{detail}。{RELOAD_HINT}", table, record_id)


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
