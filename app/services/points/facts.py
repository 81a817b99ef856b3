"""The records of one year the point engine reads, as plain frozen rows (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import (
    Activity,
    Attendance,
    Member,
    Reception,
    ReceptionMember,
    Submission,
    SubmissionAuthor,
)
from app.services.activities.held import held

# Activities still 筹备中 have not happened: their attendance earns nothing yet (held()).


@dataclass(frozen=True)
class AttendanceFact:
    id: int
    member_id: int
    activity_id: int
    activity_type: str
    title: str
    day: date
    status: str
    late: bool
    early: bool


@dataclass(frozen=True)
class SubmissionFact:
    id: int
    kind: str
    title: str
    day: date
    is_filed: bool
    is_key: bool
    is_excellent: bool
    adopted_level: str | None
    has_instruction: bool
    converted_from_kind: str | None
    authors: tuple[tuple[int, str], ...]  # (member_id, 主笔/联名), first proposer first


@dataclass(frozen=True)
class ReceptionFact:
    id: int
    day: date
    request: str
    member_ids: tuple[int, ...]


@dataclass(frozen=True)
class YearFacts:
    year: int
    member_ids: tuple[int, ...]
    attendances: tuple[AttendanceFact, ...]
    submissions: tuple[SubmissionFact, ...]
    receptions: tuple[ReceptionFact, ...]
    standing: frozenset[int] = frozenset()  # 常委 among the members


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1), datetime(year + 1, 1, 1)


def _attendances(session: Session, year: int) -> tuple[AttendanceFact, ...]:
    start, end = year_bounds(year)
    # Plain columns, not ORM objects: a county year has ~40,000 attendance rows.
    stmt = (
        select(
            Attendance.id,
            Attendance.member_id,
            Activity.id,
            Activity.activity_type,
            Activity.title,
            Activity.start_at,
            Attendance.status,
            Attendance.arrived_late,
            Attendance.left_early,
        )
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Activity.start_at >= start, Activity.start_at < end, held())
        .order_by(Activity.start_at, Activity.id, Attendance.id)
    )
    return tuple(
        AttendanceFact(
            id=att_id,
            member_id=member_id,
            activity_id=activity_id,
            activity_type=activity_type,
            title=title,
            day=start_at.date(),
            status=status,
            late=bool(late),
            early=bool(early),
        )
        for (
            att_id,
            member_id,
            activity_id,
            activity_type,
            title,
            start_at,
            status,
            late,
            early,
        ) in session.execute(stmt)
    )


def _submissions(session: Session, year: int) -> tuple[SubmissionFact, ...]:
    origin = aliased(Submission)
    stmt = (
        select(Submission, origin.kind)
        .outerjoin(origin, origin.id == Submission.converted_from_id)
        .where(Submission.submitted_on >= date(year, 1, 1))
        .where(Submission.submitted_on < date(year + 1, 1, 1))
        .order_by(Submission.submitted_on, Submission.id)
    )
    rows = list(session.execute(stmt))
    ids = [s.id for s, _ in rows]
    authors: dict[int, list[tuple[int, int, int, str]]] = {i: [] for i in ids}
    if ids:
        for a in session.scalars(
            select(SubmissionAuthor).where(SubmissionAuthor.submission_id.in_(ids))
        ):
            first = 0 if a.role == "主笔" else 1
            authors[a.submission_id].append((first, a.seq, a.member_id, a.role))
    return tuple(
        SubmissionFact(
            id=s.id,
            kind=s.kind,
            title=s.title,
            day=s.submitted_on,
            is_filed=bool(s.is_filed),
            is_key=bool(s.is_key),
            is_excellent=bool(s.is_excellent),
            adopted_level=s.adopted_level,
            has_instruction=bool(s.has_instruction),
            converted_from_kind=origin_kind,
            authors=tuple((mid, role) for _r, _seq, mid, role in sorted(authors[s.id])),
        )
        for s, origin_kind in rows
    )


def _receptions(session: Session, year: int) -> tuple[ReceptionFact, ...]:
    stmt = (
        select(Reception)
        .where(Reception.visit_on >= date(year, 1, 1), Reception.visit_on < date(year + 1, 1, 1))
        .order_by(Reception.visit_on, Reception.id)
    )
    receptions = list(session.scalars(stmt))
    receivers: dict[int, list[int]] = {r.id: [] for r in receptions}
    if receptions:
        for rm in session.scalars(
            select(ReceptionMember).where(ReceptionMember.reception_id.in_(list(receivers)))
        ):
            receivers[rm.reception_id].append(rm.member_id)
    return tuple(
        ReceptionFact(r.id, r.visit_on, r.request or "", tuple(sorted(receivers[r.id])))
        for r in receptions
    )


def in_office(year: int) -> ColumnElement[bool]:
    """A member served at some point of ``year``: 在任, or left during or after it."""
    return or_(
        Member.left_on >= date(year, 1, 1),
        (Member.left_on.is_(None)) & (Member.status != "离任"),
    )


def in_office_member_ids(session: Session, year: int) -> set[int]:
    """Members serving at some point of ``year``: 在任, or left during or after it."""
    return set(session.scalars(select(Member.id).where(in_office(year))))


def gather(session: Session, year: int) -> YearFacts:
    attendances = _attendances(session, year)
    submissions = _submissions(session, year)
    receptions = _receptions(session, year)
    members = in_office_member_ids(session, year)
    members |= {a.member_id for a in attendances}
    members |= {mid for s in submissions for mid, _role in s.authors}
    members |= {mid for r in receptions for mid in r.member_ids}
    standing = frozenset(
        session.scalars(select(Member.id).where(Member.is_standing, Member.id.in_(members)))
    )
    return YearFacts(year, tuple(sorted(members)), attendances, submissions, receptions, standing)
