"""What the 委员名册 export is fed (title and members, read in one place), and the audit row a
roster with full phone numbers leaves behind; app/exports/roster.py only writes the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.db import Database
from app.services import audit
from app.services.exchange.identity import unit_name
from app.services.members.registry import MemberRow, list_members

FULL_PHONES = "委员名册（含完整联系电话）"


@dataclass(frozen=True)
class Roster:
    title: str
    members: tuple[MemberRow, ...]  # 姓氏笔画 order


def roster_title(db: Database) -> str:
    org = unit_name(db)
    return f"{org}委员名册" if org else "委员名册"


def load_roster(db: Database, *, active_only: bool = False) -> Roster:
    return Roster(roster_title(db), tuple(list_members(db, active_only=active_only)))


def record_roster_export(db: Database, count: int, out: Path, *, mask_phones: bool) -> None:
    """Call after the file is written. Full phone numbers left the building: the audit log says
    what, how many and which file. A masked roster (for posting) carries none and is not logged."""
    if not mask_phones:
        audit.record_export(db, FULL_PHONES, count, Path(out).name)
