"""Importing a member roster from Excel: preview every row's outcome, then write all or nothing.

Outcomes: 新增 (new member), 更新 (existing member, matched by 姓名 + 联系电话, with changes),
未变化 (already stored as is), 重复 (the same row again in the file: imported once), 错误.
Any 错误 row stops the whole import; nothing is written until the file is clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.imports.roster_read import LABELS, ParsedRow, Roster, read_roster
from app.models import Member, Room, RoomMember, Sector
from app.progress import Progress
from app.services.members import registry as member_service
from app.services.members.fields import format_birth_month
from app.services.members.sectors import add_sector_in
from app.services.rooms.registry import find_or_create_room
from app.services.safety.backup import backup_before

NEW, UPDATE, SAME, DUPLICATE, ERROR = "新增", "更新", "未变化", "重复", "错误"
# Full names clerks sometimes write → the 界别 names of the default list.
SECTOR_ALIASES = {
    "中国共产党": "中共",
    "中共党员": "中共",
    "中国国民党革命委员会": "民革",
    "中国民主同盟": "民盟",
    "中国民主建国会": "民建",
    "中国民主促进会": "民进",
    "中国农工民主党": "农工党",
    "农工民主党": "农工党",
    "中国致公党": "致公党",
    "无党派": "无党派人士",
    "中国共产主义青年团": "共青团",
    "总工会": "工会",
    "妇女联合会": "妇联",
    "工商业联合会": "工商联",
    "科学技术协会": "科协",
    "台湾同胞联谊会": "台联",
    "归国华侨联合会": "侨联",
    "特邀代表": "特邀",
}
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


@dataclass
class ImportPlan:
    file_name: str
    outcomes: list[RowOutcome]
    new_sectors: list[str]
    new_rooms: list[str]
    unknown_sectors: list[str]
    ignored_columns: list[str]
    written: bool = False

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
            text += f"{will}新建联络室：{'、'.join(self.new_rooms)}。"
        if self.has_errors:
            text += "文件中有错误，未导入任何数据；请修改后重新导入。"
        elif not self.to_write:
            text += "没有需要导入的新委员或变更。"
        elif self.written:
            text += f"已导入 {self.to_write} 名委员。"
        return text

    def report_lines(self) -> list[str]:
        """One line per row, the same in the window and on the command line."""
        return [
            f"{o.sheet}\t第{o.row}行\t{o.kind}\t{o.name}\t{o.phone}\t{o.message}"
            for o in self.outcomes
        ]


def _describe(values: dict[str, Any]) -> dict[str, Any]:
    shown = dict(values)
    if "birth_month" in shown:
        shown["birth_month"] = format_birth_month(shown["birth_month"])
    if shown.get("left_on") is not None:
        shown["left_on"] = shown["left_on"].isoformat()
    if "is_standing" in shown:
        shown["is_standing"] = "是" if shown["is_standing"] else "否"
    return shown


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
    def __init__(self, session: Session, roster: Roster, add_sectors: bool) -> None:
        self.session = session
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
        self.new_sectors: list[str] = []
        self.unknown: list[str] = []
        self.new_rooms: list[str] = []

    def plan(self) -> ImportPlan:
        outcomes = [self._outcome(row) for row in self.roster.rows]
        return ImportPlan(
            self.roster.file_name,
            outcomes,
            self.new_sectors,
            self.new_rooms,
            self.unknown,
            self.roster.ignored_columns,
        )

    def _outcome(self, row: ParsedRow) -> RowOutcome:
        name = row.values.get("name", "")
        phone = row.values.get("phone") or ""
        result = RowOutcome(row.sheet, row.row, ERROR, name, phone, "", row.values, row.rooms)
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
                    "（可勾选“自动添加为新界别”、命令行加 --add-sectors，或先在“设置 → 界别”中添加）"
                )
        key = (name, phone)
        if not errors and key in self.seen:
            first = self.seen[key]
            if (first.values, first.rooms) == (row.values, row.rooms):
                result.kind = DUPLICATE
                result.message = f"与{first.where}完全相同，只导入一次"
                return result
            errors.append(f"{row.where}：与{first.where}姓名、联系电话相同但其他内容不同")
        if errors:
            result.message = "；".join(errors)
            return result
        self.seen[key] = row
        for room in row.rooms:
            if room not in self.rooms and room not in self.new_rooms:
                self.new_rooms.append(room)
        member = member_service.find_same(self.session, name, phone or None)
        if member is None:
            result.kind = NEW
            notes = []
            if self.session.scalar(select(Member.id).where(Member.name == name)):
                notes.append("库中已有同名委员但联系电话不同，将作为另一名委员添加")
            if row.rooms:
                notes.append(f"加入联络室：{'、'.join(row.rooms)}")
            result.message = "；".join(notes)
            return result
        result.member_id = member.id
        changes = _changes(member, self.sector_of.get(member.sector_id), row.values)
        joins = [r for r in row.rooms if (member.id, r) not in self.seats]
        if joins:
            changes.append(f"加入联络室：{'、'.join(joins)}")
        result.kind = UPDATE if changes else SAME
        result.message = "；".join(changes)
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
            room, _created = find_or_create_room(session, room_name)
            exists = session.scalar(
                select(RoomMember.id).where(
                    RoomMember.room_id == room.id, RoomMember.member_id == member.id
                )
            )
            if exists is None:
                session.add(RoomMember(room_id=room.id, member_id=member.id))
        session.flush()


def preview_roster(
    db: Database, path: Path, *, add_sectors: bool = False, progress: Progress | None = None
) -> ImportPlan:
    """Each row's outcome; writes nothing (this is also ``--dry-run``)."""
    roster = read_roster(Path(path), progress)
    with db.read() as session:
        return _Planner(session, roster, add_sectors).plan()


def import_roster(
    db: Database, path: Path, *, add_sectors: bool = False, progress: Progress | None = None
) -> ImportPlan:
    """Import the whole file in one transaction, or nothing when any row has an error."""
    roster = read_roster(Path(path), progress)
    with db.read() as session:
        plan = _Planner(session, roster, add_sectors).plan()
    if plan.has_errors or not plan.to_write:
        return plan
    backup_before(db, "导入")  # a checked copy first; a failed copy stops the import
    with db.write() as session:
        plan = _Planner(session, roster, add_sectors).plan()  # again, inside the transaction
        if plan.has_errors or not plan.to_write:
            return plan
        _apply(session, plan, progress)
        plan.written = True
    return plan
