"""Who changed what, and when: the 操作日志 rows every save writes, and the owner's version.

``install`` adds two listeners to a session factory:

- before the flush, a record whose parts changed (an activity's 出席, 列席, 发言, 协商意见,
  成果办理 or 附件; a room's 驻室委员; a reception's 接待委员) has its ``version`` raised even when
  none of its own columns changed, so that a clerk who saves the record from an older reading
  cannot silently write back the old parts (app.services.conflicts refuses the save);
- after the flush, one AuditLog row per created / updated / deleted record: the table, id, uuid,
  the NAMES of the changed fields (a part counts as its owner's field: ``attendances``), when
  (UTC) and who (``session.info["actor"]``: the clerk and the computer, migration 0006). Values are
  never logged (they may be personal data).

An owner is only touched when it is loaded in the session (as every editor's save loads it);
parts written on their own (a 督办 board cell) carry their own version. A record of a 定稿 year is
never touched (the database refuses its UPDATE): its parts that may still change after the lock
(成果办理, 发言, 协商意见) change without raising its version.
"""

from __future__ import annotations

import getpass
import platform
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.util import identity_key

from app.models.base import Entity, Versioned, new_uuid
from app.models.system import AuditLog

ACTOR_KEY = "actor"
WRITTEN_KEY = "liaison_audit_uuids"  # the uuids of the log rows this session wrote
_CREATED_KEY = "liaison_created"  # ids of the Versioned objects this session created
_SKIP_FIELDS = {"id", "uuid", "created_at", "updated_at", "version"}


def clerk_label(name: str | None = None) -> str:
    """“张三（WANGFANG-PC）”: the clerk's own name when they gave one (录入人), else the
    computer's login name, and the computer — what another clerk recognises in a message."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account without one)
        login = ""
    who = (name or "").strip() or login or "未知用户"
    computer = platform.node()
    return f"{who}（{computer}）" if computer else who


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _part_owner(session: Session, part: Any) -> tuple[Any, str] | None:
    """(the part's owner if loaded in this session, the owner's collection naming the part)."""
    from app.ownership import PARTS  # every model: loaded at the first flush

    column, model = PARTS[type(part)]
    if not issubclass(model, Versioned):
        return None
    state = inspect(part)
    relation = column.removesuffix("_id")
    owner = state.dict.get(relation)
    if owner is None:
        owner_id = state.dict.get(column)
        if owner_id is None:
            return None
        owner = session.identity_map.get(identity_key(model, owner_id))
    if owner is None:
        return None
    collection = state.mapper.relationships[relation].back_populates
    return owner, collection or part.__tablename__


def changed_owners(session: Session) -> dict[Any, set[str]]:
    """Every loaded, stored Versioned record whose parts change in this flush, with the names of
    its collections that changed (``attendances``, ``memberships`` …)."""
    from app.ownership import PARTS  # every model: loaded at the first flush

    owners: dict[Any, set[str]] = {}
    for obj in session.dirty:
        if isinstance(obj, Versioned):
            state = inspect(obj)
            for relation in state.mapper.relationships:
                if relation.uselist and state.attrs[relation.key].history.has_changes():
                    owners.setdefault(obj, set()).add(relation.key)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if type(obj) not in PARTS or (obj in session.dirty and not session.is_modified(obj)):
            continue
        found = _part_owner(session, obj)
        if found is not None:
            owners.setdefault(found[0], set()).add(found[1])
    created = session.info.get(_CREATED_KEY, set())  # created in this action, flushed before
    return {
        owner: names
        for owner, names in owners.items()
        if owner not in session.new
        and owner not in session.deleted
        and id(owner) not in created
        and inspect(owner).persistent
    }


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    from app.year_lock import in_locked_year, locked_years  # every model: at the first flush

    with session.no_autoflush:
        owners = [
            owner
            for owner in changed_owners(session)
            if not session.is_modified(owner, include_collections=False)
        ]
        locked = locked_years(session) if owners else set()
        for owner in owners:
            # A 定稿 year's record may not be updated at all; the parts the lock still allows
            # (成果办理 carries its own version) change without it.
            if not in_locked_year(session, owner, locked):
                owner.updated_at = utc_now()  # an UPDATE, so version_id_col raises the version
        actor = session.info.get(ACTOR_KEY)
        for obj in session.new:
            if isinstance(obj, AuditLog):  # an export logged by a service
                obj.actor = obj.actor or actor
                obj.uuid = obj.uuid or new_uuid()
                session.info.setdefault(WRITTEN_KEY, []).append(obj.uuid)


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return [
        attr.key
        for attr in state.mapper.column_attrs
        if attr.key not in _SKIP_FIELDS and state.attrs[attr.key].history.has_changes()
    ]


def _after_flush(session: Session, _context: object) -> None:
    """Runs inside the flush, so the log rows commit or roll back with the action itself."""
    actor = session.info.get(ACTOR_KEY)
    now = utc_now()
    with session.no_autoflush:
        owners = changed_owners(session)
    rows: list[dict[str, Any]] = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, AuditLog) or not isinstance(obj, Entity):
                continue
            state = inspect(obj)
            fields: list[str] = []
            if action == "update":
                fields = _changed_fields(obj) + sorted(owners.pop(obj, set()))
                if not fields:
                    continue
            rows.append(_row(action, obj, state, fields, actor, now))
    for owner, names in owners.items():  # only parts changed: the owner's row says which
        rows.append(_row("update", owner, inspect(owner), sorted(names), actor, now))
    session.info.setdefault(_CREATED_KEY, set()).update(
        id(obj) for obj in session.new if isinstance(obj, Versioned)
    )
    if rows:
        session.connection().execute(insert(AuditLog.__table__), rows)
        session.info.setdefault(WRITTEN_KEY, []).extend(row["uuid"] for row in rows)


def _row(
    action: str, obj: Any, state: Any, fields: list[str], actor: str | None, now: datetime
) -> dict[str, Any]:
    return {
        "uuid": new_uuid(),
        "action": action,
        "table_name": obj.__tablename__,
        "record_id": state.identity[0] if state.identity else getattr(obj, "id", None),
        "record_uuid": getattr(obj, "uuid", None),
        "summary": "字段：" + "、".join(fields) if fields else None,
        "actor": actor,
        "created_at": now,
        "updated_at": now,
    }


def install(factory: sessionmaker) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)


# The fields a conflict message names (the 操作日志 page has its own, app.services.audit).
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


# A record's parts, as the log names them (the owner's collection, see changed_owners).
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


def describe_saves(session: Session, table: str, record_id: int, saves: int) -> str:
    """“已被 张三（WANG-PC） 于 10:42 修改，改动了：地点、出席委员” from the log rows of the last
    ``saves`` saves of the record (those made since the clerk's reading)."""
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
