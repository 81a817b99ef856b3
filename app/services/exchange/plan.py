"""What importing a package would change: per kind 新增 / 修改 (which fields) / 删除 / 不变, and the
member matches. The same planner makes the preview (a read session) and the import (inside the
write transaction), so the preview shows exactly what is then written.

Ownership decides everything. A row the package marks as the sender's (``origin`` = sender) is
the sender's to add, change or delete here; rows the sender owned before and no longer sends are
deleted. A row the package names but does not own (this database's own, or a third unit's) is
only a reference: found by UUID (or natural key, or as a member by 姓名 + 出生年月 + 性别), never
changed. A county's package (下发) is the authority on the roster, 界别 and rules: a township's
own row matching one of those is taken over (county UUID and values, owned by the county).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import MemberLink
from app.services.exchange.codec import decode
from app.services.exchange.kinds import DOWN, KINDS, Kind, kinds_for
from app.services.exchange.labels import field_label
from app.services.exchange.member_match import MemberMatch, MemberMatcher
from app.services.exchange.package import Package, is_uuid

ADDED, CHANGED, DELETED, UNCHANGED = "新增", "修改", "删除", "不变"
_CHUNK = 5000  # values per IN (…): well under SQLite's limit of bound parameters


@dataclass
class RowChange:
    uuid: str
    title: str
    fields: tuple[str, ...] = ()  # changed fields, as the clerk calls them


@dataclass
class KindPlan:
    kind: str
    label: str
    added: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    deleted: list[RowChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {
            ADDED: len(self.added),
            CHANGED: len(self.changed),
            DELETED: len(self.deleted),
            UNCHANGED: self.unchanged,
        }


@dataclass
class ImportPlan:
    package: Package
    last_sequence: int | None
    kinds: list[KindPlan] = field(default_factory=list)
    matches: list[MemberMatch] = field(default_factory=list)
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    deletes: dict[str, list[int]] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)  # sender's member UUID → our member
    links_changed: bool = False
    written: bool = False

    @property
    def has_changes(self) -> bool:
        return any(k.added or k.changed or k.deleted for k in self.kinds)

    @property
    def is_reimport(self) -> bool:
        return self.last_sequence == self.package.sequence

    def changes_summary(self) -> dict[str, dict[str, int]]:
        return {k.label: k.counts for k in self.kinds}


class Planner:
    def __init__(self, session: Session, package: Package, own_id: str) -> None:
        self.session = session
        self.package = package
        self.sender = package.sender_id
        self.own_id = own_id
        self.authority = package.direction == DOWN  # the county's roster, 界别 and rules win
        self.ids: dict[str, dict[Any, int]] = {}  # kind → package key → our id
        self.next_ids: dict[str, int] = {}
        self.taken_over: dict[str, set[int]] = {}  # kind → our ids now owned by the sender
        self.room_names: dict[str, int] = {}
        self.member_names = {
            r["uuid"]: r.get("name") for r in package.parts.get("member", []) if "uuid" in r
        }

    def plan(self, last_sequence: int | None) -> ImportPlan:
        plan = ImportPlan(self.package, last_sequence)
        links = {
            link.remote_uuid: link.member_id
            for link in self.session.scalars(
                select(MemberLink).where(MemberLink.origin_id == self.sender)
            )
        }
        self.matcher = MemberMatcher(
            self.session,
            self.sender,
            links,
            self.authority,
            self.package.parts.get("member", []),
        )
        for kind in kinds_for(self.package.direction):
            if kind in self.package.parts:
                plan.kinds.append(self._plan_kind(plan, kind))
        plan.matches = self.matcher.matches
        plan.links = {u: i for u, i in self.ids.get("member", {}).items()}
        plan.links_changed = plan.links != links
        return plan

    # -- one kind -------------------------------------------------------------------------
    def _plan_kind(self, plan: ImportPlan, kind: str) -> KindPlan:
        spec = KINDS[kind]
        table = spec.table
        result = KindPlan(kind, spec.label)
        local_rows = self._local_rows(spec)
        key_column = spec.natural_key or "uuid"
        by_key = {r[key_column]: r for r in local_rows.values()}
        if kind == "room":
            self.room_names = dict(self.session.execute(select(table.c.name, table.c.id)).all())
        self.next_ids[kind] = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        known = self.ids.setdefault(kind, {})
        seen: set[int] = set()
        inserts, updates = plan.inserts.setdefault(kind, []), plan.updates.setdefault(kind, [])
        for number, row in enumerate(self.package.parts[kind], start=1):
            where = f"数据包中{spec.label}第 {number} 条"
            if not is_uuid(row.get("uuid")) or not isinstance(row.get("origin"), str):
                raise UserError(f"{where}缺少标识，文件已损坏，未导入任何数据。")
            values = self._values(spec, row, where)
            claimed = row["origin"] == self.sender
            key = values[spec.natural_key] if spec.natural_key else row["uuid"]
            if key in known:
                raise UserError(f"{where}与前面的记录重复，文件已损坏，未导入任何数据。")
            local = by_key.get(key)
            if kind == "member" and local is None:
                local, match_how = self.matcher.find(row, values)
            else:
                match_how = None
            title = self._title(spec, row, values)
            if local is None:
                new_id = self.next_ids[kind]
                self.next_ids[kind] += 1
                known[key] = new_id
                values = self._adjust(kind, values, new_id)
                inserts.append(
                    {**values, "id": new_id, "uuid": row["uuid"], "origin_id": self.sender}
                )
                result.added.append(RowChange(row["uuid"], title))
                continue
            known[key] = local["id"]
            seen.add(local["id"])
            owner = local["origin_id"]
            take_over = (
                self.authority
                and claimed
                and owner != self.sender
                and (spec.natural_key is not None or match_how == "adopt")
            )
            if owner != self.sender and not take_over:
                result.unchanged += 1  # ours or a third unit's: a reference, never changed
                continue
            values = self._adjust(kind, values, local["id"])
            changed = {c: v for c, v in values.items() if not _same(local[c], v)}
            if take_over:
                changed.update({"origin_id": self.sender, "uuid": row["uuid"]})
                self.taken_over.setdefault(kind, set()).add(local["id"])
            if changed:
                updates.append((local["id"], changed))
                labels = tuple(field_label(kind, c) for c in changed if c != "uuid")
                result.changed.append(RowChange(row["uuid"], title, labels))
            else:
                result.unchanged += 1
        plan.deletes[kind] = self._deletions(spec, local_rows, seen, result)
        return result

    def _local_rows(self, spec: Kind) -> dict[int, Any]:
        """Our rows this package can touch: those it names by UUID, those the sender owns, and
        the parts of rows taken over; the shared lists (界别, 检查项, 规则表) whole. Never the
        whole table: at a county it holds every township's records."""
        table = spec.table
        if spec.natural_key is not None:
            return {r["id"]: r for r in self.session.execute(select(table)).mappings()}
        rows = {
            r["id"]: r
            for r in self.session.execute(
                select(table).where(table.c.origin_id == self.sender)
            ).mappings()
        }
        uuids = [r["uuid"] for r in self.package.parts[spec.name] if isinstance(r.get("uuid"), str)]
        for start in range(0, len(uuids), _CHUNK):
            chunk = uuids[start : start + _CHUNK]
            found = self.session.execute(select(table).where(table.c.uuid.in_(chunk)))
            rows.update((r["id"], r) for r in found.mappings())
        if spec.parent is None:
            return rows
        taken = sorted(self.taken_over.get(spec.refs[spec.parent], ()))
        for start in range(0, len(taken), _CHUNK):
            chunk = taken[start : start + _CHUNK]
            found = self.session.execute(select(table).where(table.c[spec.parent].in_(chunk)))
            rows.update((r["id"], r) for r in found.mappings())
        return rows

    def _values(self, spec: Kind, row: dict[str, Any], where: str) -> dict[str, Any]:
        values = {}
        for column in spec.columns:
            if column.name not in row:
                raise UserError(f"{where}缺少字段“{column.name}”，文件已损坏，未导入任何数据。")
            raw = row[column.name]
            if column.name in spec.refs and raw is not None:
                values[column.name] = self._resolve(spec.refs[column.name], raw, column, where)
            else:
                values[column.name] = decode(column, raw, where)
        stored = values.get("stored_name") if spec.name == "attachment" else None
        if isinstance(stored, str) and (not stored or set(stored) & set("/\\:") or ".." in stored):
            raise UserError(
                f"{where}的附件文件名“{stored[:60]}”不安全，可能被篡改，未导入任何数据。"
            )
        return values

    def _resolve(self, kind: str, key: Any, column: Column, where: str) -> int | None:
        found = self.ids.get(kind, {}).get(key)
        if found is None:
            spec = KINDS[kind]
            key_column = spec.table.c[spec.natural_key or "uuid"]
            found = self.session.scalar(select(spec.table.c.id).where(key_column == key))
        if found is None and not column.nullable:
            raise UserError(
                f"{where}引用的{KINDS[kind].label}不在数据包中，文件不完整，未导入任何数据。"
            )
        return found

    def _adjust(self, kind: str, values: dict[str, Any], row_id: int) -> dict[str, Any]:
        """Room names are unique here: a clash with another unit's room gets the sender's name."""
        if kind != "room":
            return values
        holder = self.room_names.get(values["name"])
        if holder is not None and holder != row_id:
            values = {**values, "name": f"{values['name']}（{self.package.sender_name}）"}
        self.room_names[values["name"]] = row_id
        return values

    def _title(self, spec: Kind, row: dict[str, Any], values: dict[str, Any]) -> str:
        if spec.title in spec.refs:
            raw = row.get(spec.title)
            return str(self.member_names.get(raw) or raw or "")
        return str(values.get(spec.title) or "")[:60]

    def _deletions(
        self, spec: Kind, local_rows: dict[int, Any], seen: set[int], result: KindPlan
    ) -> list[int]:
        """Rows the sender owned and no longer sends; under a taken-over parent, rows it lacks."""
        if spec.natural_key is not None or (spec.name == "attachment" and not self._attachments):
            return []
        parent_kind = spec.refs.get(spec.parent) if spec.parent else None
        parents = self.taken_over.get(parent_kind, set()) if parent_kind else set()
        gone = []
        for row_id, row in local_rows.items():
            if row_id in seen:
                continue
            if row["origin_id"] == self.sender or (parents and row[spec.parent] in parents):
                gone.append(row_id)
                title = row.get(spec.title) if spec.title not in spec.refs else None
                result.deleted.append(RowChange(row["uuid"], str(title or "")[:60]))
        return gone

    @property
    def _attachments(self) -> bool:
        return bool(self.package.manifest.get("with_attachments"))


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return old is not None and new is not None and float(old) == float(new)
    return old == new
