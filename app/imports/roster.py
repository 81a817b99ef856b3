"""Importing a member roster from Excel: preview every row's outcome, then write all or nothing.

Outcomes: 新增 (new member), 更新 (existing member, matched by 姓名 + 联系电话, with changes),
未变化 (already stored as is), 重复 (the same row again in the file: imported once), 错误.
A row without a 联系电话 is the member of the same 姓名 + 出生年月 + 性别 (as data packages match
people), said in its 说明 and in the summary; it used to add a second member beside the first.
Any 错误 row stops the whole import; nothing is written until the file is clean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.imports.roster_read import LABELS, ParsedRow, Roster, read_roster
from app.imports.roster_values import SECTOR_ALIASES
from app.models import Member, Room, RoomMember, Sector
from app.progress import Progress
from app.services.members import registry as member_service
from app.services.members.fields import format_birth_month
from app.services.members.sectors import add_sector_in
from app.services.rooms.registry import find_or_create_room
from app.services.rooms.room_types import infer_room_type
from app.services.safety.backup import backup_before

NEW, UPDATE, SAME, DUPLICATE, ERROR = "新增", "更新", "未变化", "重复", "错误"
FIELD_LABELS = {
    "gender": "性别",
    "ethnicity": "民族",
    "birth_month": "出生年月",
    "political_status": "政治面貌",
    "sector": "界别",
    "level": "委员层级",
    "is_standing": "是否常委",
    "term": "届次",
    "work_unit": "工作单位及职务",
    "expertise": "专长",
    "status": "状态",
    "left_on": "离任日期",
    "note": "备注",
}
# What the preview shows of each row: the member as they will be stored (姓名 and 联系电话 apart).
SHOWN_FIELDS = (
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth_month", "出生年月"),
    ("political_status", "政治面貌"),
    ("sector", "界别"),
    ("level", "层级"),
    ("is_standing", "常委"),
    ("term", "届次"),
    ("work_unit", "单位及职务"),
    ("expertise", "专长"),
    ("status", "状态"),
    ("left_on", "离任日期"),
    ("note", "备注"),
)
REPORT_HEADER = (
    "工作表",
    "行号",
    "结果",
    "姓名",
    "联系电话",
    *(label for _key, label in SHOWN_FIELDS),
    "联络室",
    "说明",
)
NEW_MEMBER_DEFAULTS = {"level": "县", "is_standing": False, "status": "在任"}


@dataclass
class RowOutcome:
    sheet: str
    row: int
    kind: str
    name: str
    phone: str
    message: str
    values: dict[str, Any] = field(default_factory=dict)
    rooms: tuple[str, ...] = ()
    member_id: int | None = None
    warnings: list[str] = field(default_factory=list)  # cells left out or taken otherwise
    shown: dict[str, str] = field(default_factory=dict)  # field → text as it will be stored
    matched_without_phone: bool = False  # found by 姓名 + 出生年月 + 性别: the clerk checks it

    @property
    def remarks(self) -> str:
        """The warnings first, then what will happen (the 说明 column)."""
        return "；".join([*self.warnings, self.message] if self.message else self.warnings)

    def cells(self) -> tuple[str, ...]:
        """The row as REPORT_HEADER lists it, the same in the window and on the command line."""
        fields = (self.shown.get(key, "") for key, _label in SHOWN_FIELDS)
        return (
            self.sheet,
            f"第{self.row}行",
            self.kind,
            self.name,
            self.phone,
            *fields,
            "、".join(self.rooms),
            self.remarks,
        )


@dataclass
class ImportPlan:
    file_name: str
    outcomes: list[RowOutcome]
    new_sectors: list[str]
    new_rooms: list[str]
    unknown_sectors: list[str]
    ignored_columns: list[str]
    room_types: dict[str, str] = field(default_factory=dict)  # new room → its 类型
    written: bool = False

    @property
    def warned(self) -> int:
        return sum(1 for o in self.outcomes if o.warnings and o.kind in (NEW, UPDATE, SAME))

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    @property
    def has_errors(self) -> bool:
        return self.count(ERROR) > 0

    @property
    def to_write(self) -> int:
        return self.count(NEW) + self.count(UPDATE)

    def summary(self) -> str:
        parts = [f"{k} {self.count(k)} 行" for k in (NEW, UPDATE, SAME, DUPLICATE, ERROR)]
        text = f"“{self.file_name}”共 {len(self.outcomes)} 行：" + "，".join(parts) + "。"
        will = "已" if self.written else "将"
        if self.new_sectors:
            text += f"{will}新增界别：{'、'.join(self.new_sectors)}。"
        if self.new_rooms:
            rooms = [f"{name}（{self.room_types.get(name, '')}）" for name in self.new_rooms]
            text += f"{will}新建联络室：{'、'.join(rooms)}。"
        if self.warned:
            text += f"有 {self.warned} 行的部分内容未按原文导入，请看“说明”列的提示。"
        by_birth = sum(o.matched_without_phone for o in self.outcomes if o.kind != ERROR)
        if by_birth:
            text += (
                f"有 {by_birth} 行没有联系电话，按姓名、出生年月、性别认作库中已有的委员，"
                "请在“说明”列核对。"
            )
        if self.has_errors:
            text += "文件中有错误，未导入任何数据；请修改后重新导入。"
        elif not self.to_write:
            text += "没有需要导入的新委员或变更。"
        elif self.written:
            text += f"已导入 {self.to_write} 名委员。"
        return text

    def report_lines(self) -> list[str]:
        """One line per row, the same in the window and on the command line."""
        return ["\t".join(o.cells()) for o in self.outcomes]


def _describe(values: dict[str, Any]) -> dict[str, Any]:
    shown = dict(values)
    if "birth_month" in shown:
        shown["birth_month"] = format_birth_month(shown["birth_month"])
    if shown.get("left_on") is not None:
        shown["left_on"] = shown["left_on"].isoformat()
    if "is_standing" in shown:
        shown["is_standing"] = "是" if shown["is_standing"] else "否"
    return shown


def _shown(values: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in _describe(values).items() if v is not None and v != ""}


def _changes(member: Member, sector_name: str | None, values: dict[str, Any]) -> list[str]:
    old = {k: getattr(member, k) for k in FIELD_LABELS if k != "sector"}
    old["sector"] = sector_name
    changes = []
    for key, label in FIELD_LABELS.items():
        if key in values and values[key] != old[key]:
            before = _describe({key: old[key]}).get(key) if old[key] is not None else "（空）"
            changes.append(f"{label}：{before} → {_describe(values).get(key)}")
    return changes


class _Planner:
    def __init__(
        self,
        session: Session,
        roster: Roster,
        add_sectors: bool,
        room_types: Mapping[str, str] | None = None,
    ) -> None:
        self.session = session
        self.chosen_types = dict(room_types or {})
        self.roster = roster
        self.add_sectors = add_sectors
        self.sectors = set(session.scalars(select(Sector.name)))
        self.rooms = set(session.scalars(select(Room.name)))
        self.seats = {
            (m, r)
            for m, r in session.execute(
                select(RoomMember.member_id, Room.name).join(Room, Room.id == RoomMember.room_id)
            )
        }
        self.sector_of: dict[int | None, str] = dict(
            session.execute(select(Sector.id, Sector.name)).all()
        )
        self.seen: dict[tuple[str, str], ParsedRow] = {}
        self.names = set(session.scalars(select(Member.name)))
        self.new_sectors: list[str] = []
        self.unknown: list[str] = []
        self.new_rooms: list[str] = []

    def plan(self) -> ImportPlan:
        outcomes = [self._outcome(row) for row in self.roster.rows]
        types = {
            name: self.chosen_types.get(name) or infer_room_type(name) for name in self.new_rooms
        }
        return ImportPlan(
            self.roster.file_name,
            outcomes,
            self.new_sectors,
            self.new_rooms,
            self.unknown,
            self.roster.ignored_columns,
            types,
        )

    def _outcome(self, row: ParsedRow) -> RowOutcome:
        name = row.values.get("name", "")
        phone = row.values.get("phone") or ""
        result = RowOutcome(row.sheet, row.row, ERROR, name, phone, "", row.values, row.rooms)
        result.warnings = list(row.warnings)
        result.shown = _shown(row.values)
        errors = list(row.errors)
        sector = row.values.get("sector")
        if sector and sector not in self.sectors and SECTOR_ALIASES.get(sector) in self.sectors:
            sector = SECTOR_ALIASES[sector]  # full party names → the short 界别 names in use
            row.values["sector"] = sector
        if sector and sector not in self.sectors:
            if self.add_sectors:
                if sector not in self.new_sectors:
                    self.new_sectors.append(sector)
            else:
                if sector not in self.unknown:
                    self.unknown.append(sector)
                errors.append(
                    f"{row.where}「{LABELS['sector']}」列：未知界别“{sector}”"
                    "（本库的界别中没有：可同时新增该界别，或先在“设置 → 界别”中添加）"
                )
        # without a phone, the file's own rows are told apart by 出生年月 and 性别 too
        born = (str(row.values.get("birth_month", "")), str(row.values.get("gender", "")))
        key = (name, phone or "|".join(born))
        if not errors and key in self.seen:
            first = self.seen[key]
            if (first.values, first.rooms) == (row.values, row.rooms):
                result.kind = DUPLICATE
                result.message = f"与{first.where}完全相同，只导入一次"
                return result
            alike = "姓名、联系电话" if phone else "姓名、出生年月、性别（都没有联系电话）"
            errors.append(f"{row.where}：与{first.where}{alike}相同但其他内容不同")
        if errors:
            result.message = "；".join(errors)
            return result
        self.seen[key] = row
        for room in row.rooms:
            if room not in self.rooms and room not in self.new_rooms:
                self.new_rooms.append(room)
        found_by = ""  # a row with no phone: matched (or not) by 姓名 + 出生年月 + 性别
        if phone:
            member = member_service.find_same(self.session, name, phone)
        else:
            birth, gender = row.values.get("birth_month"), row.values.get("gender")
            born_alike = member_service.find_by_birth(self.session, name, birth, gender)
            if len(born_alike) > 1:
                result.message = (
                    f"{row.where}：库中有 {len(born_alike)} 名姓名、出生年月、性别都相同的委员，"
                    "本行没有联系电话，无法确定是哪一位：请填写联系电话"
                )
                return result
            member = (
                born_alike[0] if born_alike else member_service.find_same(self.session, name, None)
            )
            if member is not None and member.phone:
                found_by = (
                    f"本行没有联系电话：按姓名、出生年月、性别认作库中的{name}"
                    f"（联系电话 {member.phone}）"
                )
            elif member is None and name in self.names:
                found_by = (
                    "库中已有同名委员，本行没有联系电话，出生年月或性别不同或未填，"
                    "将作为另一名委员添加"
                )
        if member is None:
            result.kind = NEW
            result.shown = _shown({**NEW_MEMBER_DEFAULTS, **row.values})
            notes = [found_by] if found_by else []
            if not found_by and name in self.names:
                notes.append("库中已有同名委员但联系电话不同，将作为另一名委员添加")
            if row.rooms:
                notes.append(f"加入联络室：{'、'.join(row.rooms)}")
            result.message = "；".join(notes)
            return result
        result.member_id = member.id
        sector_name = self.sector_of.get(member.sector_id)
        stored = {key: getattr(member, key) for key, _label in SHOWN_FIELDS if key != "sector"}
        result.shown = _shown({**stored, "sector": sector_name, **row.values})
        changes = _changes(member, sector_name, row.values)
        joins = [r for r in row.rooms if (member.id, r) not in self.seats]
        if joins:
            changes.append(f"加入联络室：{'、'.join(joins)}")
        result.kind = UPDATE if changes else SAME
        result.matched_without_phone = bool(found_by)  # a member was found: it is the match
        result.message = "；".join([found_by, *changes] if found_by else changes)
        return result


def _apply(session: Session, plan: ImportPlan, progress: Progress | None = None) -> None:
    for name in plan.new_sectors:
        add_sector_in(session, name)
    sectors = dict(session.execute(select(Sector.name, Sector.id)).all())
    rows = [o for o in plan.outcomes if o.kind in (NEW, UPDATE)]
    for n, outcome in enumerate(rows):
        if progress is not None:
            progress.step(n, len(rows), f"正在导入第{outcome.row}行 {outcome.name}")
        if outcome.member_id is None:
            member = Member(name=outcome.name)
            session.add(member)
        else:
            member = session.get_one(Member, outcome.member_id)
        for key, value in outcome.values.items():
            if key == "sector":
                member.sector_id = sectors[value]
            elif key != "name":
                setattr(member, key, value)
        session.flush()
        for room_name in outcome.rooms:
            room, _created = find_or_create_room(session, room_name, plan.room_types.get(room_name))
            exists = session.scalar(
                select(RoomMember.id).where(
                    RoomMember.room_id == room.id, RoomMember.member_id == member.id
                )
            )
            if exists is None:
                session.add(RoomMember(room_id=room.id, member_id=member.id))
        session.flush()


def preview_roster(
    db: Database,
    path: Path,
    *,
    add_sectors: bool = False,
    room_types: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Each row's outcome; writes nothing (this is also ``--dry-run``). ``room_types`` are the
    clerk's choices for rooms the roster names that do not exist yet (else guessed by name)."""
    roster = read_roster(Path(path), progress)
    with db.read() as session:
        return _Planner(session, roster, add_sectors, room_types).plan()


def import_roster(
    db: Database,
    path: Path,
    *,
    add_sectors: bool = False,
    room_types: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Import the whole file in one transaction, or nothing when any row has an error."""
    roster = read_roster(Path(path), progress)
    with db.read() as session:
        plan = _Planner(session, roster, add_sectors, room_types).plan()
    if plan.has_errors or not plan.to_write:
        return plan
    backup_before(db, "导入")  # a checked copy first; a failed copy stops the import
    with db.write() as session:
        plan = _Planner(session, roster, add_sectors, room_types).plan()  # again, inside
        if plan.has_errors or not plan.to_write:
            return plan
        _apply(session, plan, progress)
        plan.written = True
    return plan
