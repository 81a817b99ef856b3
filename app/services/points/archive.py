"""What a 委员履职档案 holds for one member and year: details, activities, submissions, ledger."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError
from app.models import Activity, Attendance, Member, Room, Sector, Submission, SubmissionAuthor
from app.services.points.current import ensure_current
from app.services.points.facts import year_bounds
from app.services.points.frozen import FrozenYear, load_frozen, member_details
from app.services.points.ranking import (
    LedgerLine,
    Ranking,
    RankingRow,
    get_ranking,
    load_ledger,
    load_ranking,
)
from app.services.points.year_ledger import load_year_ledgers


@dataclass(frozen=True)
class ArchiveActivity:
    day: date
    activity_type: str
    title: str
    room: str
    status: str


@dataclass(frozen=True)
class ArchiveSubmission:
    day: date
    kind: str
    title: str
    role: str
    outcome: str


@dataclass(frozen=True)
class MemberArchive:
    year: int
    member_id: int
    details: list[tuple[str, str]]  # (label, value) in the order of the 档案 table
    name: str
    activities: list[ArchiveActivity]
    submissions: list[ArchiveSubmission]
    ledger: list[LedgerLine]
    total: float | None
    rank: int | None
    grade: str
    members_ranked: int
    missing: list[str]
    rule_set_name: str


def _outcome(s: Submission) -> str:
    parts = []
    if s.is_filed:
        parts.append("立案")
    if s.is_key:
        parts.append("重点提案")
    if s.is_excellent:
        parts.append("优秀提案")
    if s.adopted_level:
        parts.append(f"{s.adopted_level}级采用")
    if s.has_instruction:
        parts.append("领导批示")
    return "、".join(parts) or "已提交"


def _activities(
    session: Session, year: int, member_id: int | None, frozen: FrozenYear | None
) -> dict[int, list[ArchiveActivity]]:
    """member id → the year's attended activities in date order; everyone's when ``member_id``
    is None (one query for the batch export instead of one per member). A 定稿 year names each
    activity's room as it was at lock (``frozen``)."""
    rooms = frozen.activity_rooms if frozen is not None else {}
    start, end = year_bounds(year)
    query = (
        select(Attendance.member_id, Activity, Attendance.status, Room.name)
        .join(Attendance, Attendance.activity_id == Activity.id)
        .outerjoin(Room, Room.id == Activity.room_id)
        .where(Activity.start_at >= start, Activity.start_at < end)
        .order_by(Activity.start_at, Activity.id)
    )
    if member_id is not None:
        query = query.where(Attendance.member_id == member_id)
    found: dict[int, list[ArchiveActivity]] = defaultdict(list)
    for mid, act, status, room in session.execute(query):
        found[mid].append(
            ArchiveActivity(
                act.start_at.date(),
                act.activity_type,
                act.title,
                rooms.get(act.id, room or ""),
                status,
            )
        )
    return found


def _submissions(
    session: Session, year: int, member_id: int | None
) -> dict[int, list[ArchiveSubmission]]:
    start, end = year_bounds(year)
    query = (
        select(SubmissionAuthor.member_id, Submission, SubmissionAuthor.role)
        .join(SubmissionAuthor, SubmissionAuthor.submission_id == Submission.id)
        .where(Submission.submitted_on >= start.date(), Submission.submitted_on < end.date())
        .order_by(Submission.submitted_on, Submission.id)
    )
    if member_id is not None:
        query = query.where(SubmissionAuthor.member_id == member_id)
    found: dict[int, list[ArchiveSubmission]] = defaultdict(list)
    for mid, s, role in session.execute(query):
        found[mid].append(ArchiveSubmission(s.submitted_on, s.kind, s.title, role, _outcome(s)))
    return found


def _shown_details(
    member: Member, sector: str | None, frozen: FrozenYear | None
) -> list[tuple[str, str]]:
    """The 档案's table as the year shows it: frozen at lock for a 定稿 year, else today's."""
    if frozen is not None and member.id in frozen.details:
        return frozen.details[member.id]
    return member_details(member, sector)


def _archive(
    year: int,
    member: Member,
    details: list[tuple[str, str]],
    activities: list[ArchiveActivity],
    submissions: list[ArchiveSubmission],
    ledger: list[LedgerLine],
    ranking: Ranking | None,
    row: RankingRow | None,
) -> MemberArchive:
    """One member's 档案; ``ranking`` is the year's, read once by the caller, ``row`` the
    member's line in it (None when not ranked)."""
    return MemberArchive(
        year=year,
        member_id=member.id,
        details=details,
        name=member.name,
        activities=activities,
        submissions=submissions,
        ledger=ledger,
        total=row.total if row else None,
        rank=row.rank if row else None,
        grade=row.grade if row else "",
        members_ranked=len(ranking.rows) if ranking else 0,
        missing=row.missing if row else [],
        rule_set_name=ranking.rule_set_name if ranking else "",
    )


def load_archive(db: Database, member_id: int, year: int) -> MemberArchive:
    """One member's 档案; the year's points recalculated first when they are not current."""
    ensure_current(db, year)
    with db.read() as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFoundError(f"找不到编号为 {member_id} 的委员。")
        sector = session.get(Sector, member.sector_id) if member.sector_id else None
        ranking = load_ranking(session, year)
        row = next((r for r in ranking.rows if r.member_id == member_id), None) if ranking else None
        frozen = load_frozen(session, year) if ranking and ranking.locked else None
        return _archive(
            year,
            member,
            _shown_details(member, sector.name if sector else None, frozen),
            _activities(session, year, member_id, frozen).get(member_id, []),
            _submissions(session, year, member_id).get(member_id, []),
            load_ledger(session, year, member_id),
            ranking,
            row,
        )


def load_year_archives(db: Database, year: int) -> list[MemberArchive]:
    """Every ranked member's 档案, in ranking order, for the batch export. The year's ranking is
    computed once and each member gets their slice of it; activities, submissions and ledgers
    are read in one query each for the whole year. Points not current are recalculated first."""
    ensure_current(db, year)
    ranking = get_ranking(db, year)
    if ranking is None:
        return []
    with db.read() as session:
        members = {
            m.id: (m, sector)
            for m, sector in session.execute(
                select(Member, Sector.name).outerjoin(Sector, Sector.id == Member.sector_id)
            )
        }
        frozen = load_frozen(session, year) if ranking.locked else None
        activities = _activities(session, year, None, frozen)
        submissions = _submissions(session, year, None)
        ledgers = load_year_ledgers(session, year)
        archives = []
        for row in ranking.rows:
            member, sector = members[row.member_id]
            archives.append(
                _archive(
                    year,
                    member,
                    _shown_details(member, sector, frozen),
                    activities.get(row.member_id, []),
                    submissions.get(row.member_id, []),
                    ledgers.get(row.member_id, []),
                    ranking,
                    row,
                )
            )
        return archives
