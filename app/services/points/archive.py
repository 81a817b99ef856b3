"""What a 委员履职档案 holds for one member and year: details, activities, submissions, ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.db import Database
from app.errors import NotFoundError
from app.models import Activity, Attendance, Member, Room, Sector, Submission, SubmissionAuthor
from app.services.points.facts import year_bounds
from app.services.points.ranking import LedgerLine, load_ledger, load_ranking


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


def load_archive(db: Database, member_id: int, year: int) -> MemberArchive:
    start, end = year_bounds(year)
    with db.read() as session:
        member = session.get(Member, member_id)
        if member is None:
            raise NotFoundError(f"找不到编号为 {member_id} 的委员。")
        sector = session.get(Sector, member.sector_id) if member.sector_id else None
        details = [
            ("姓名", member.name),
            ("性别", member.gender or ""),
            ("民族", member.ethnicity or ""),
            ("出生年月", member.birth_month or ""),
            ("政治面貌", member.political_status or ""),
            ("界别", sector.name if sector else ""),
            ("委员层级", member.level or ""),
            ("是否常委", "是" if member.is_standing else "否"),
            ("届次", member.term or ""),
            ("工作单位及职务", member.work_unit or ""),
            ("联系电话", member.phone or ""),
            ("专长", member.expertise or ""),
        ]
        activities = [
            ArchiveActivity(act.start_at.date(), act.activity_type, act.title, room or "", status)
            for act, status, room in session.execute(
                select(Activity, Attendance.status, Room.name)
                .join(Attendance, Attendance.activity_id == Activity.id)
                .outerjoin(Room, Room.id == Activity.room_id)
                .where(
                    Attendance.member_id == member_id,
                    Activity.start_at >= start,
                    Activity.start_at < end,
                )
                .order_by(Activity.start_at, Activity.id)
            )
        ]
        submissions = [
            ArchiveSubmission(s.submitted_on, s.kind, s.title, role, _outcome(s))
            for s, role in session.execute(
                select(Submission, SubmissionAuthor.role)
                .join(SubmissionAuthor, SubmissionAuthor.submission_id == Submission.id)
                .where(
                    SubmissionAuthor.member_id == member_id,
                    Submission.submitted_on >= start.date(),
                    Submission.submitted_on < end.date(),
                )
                .order_by(Submission.submitted_on, Submission.id)
            )
        ]
        ranking = load_ranking(session, year)
        row = next((r for r in ranking.rows if r.member_id == member_id), None) if ranking else None
        return MemberArchive(
            year=year,
            member_id=member_id,
            details=details,
            name=member.name,
            activities=activities,
            submissions=submissions,
            ledger=load_ledger(session, year, member_id),
            total=row.total if row else None,
            rank=row.rank if row else None,
            grade=row.grade if row else "",
            members_ranked=len(ranking.rows) if ranking else 0,
            missing=row.missing if row else [],
            rule_set_name=ranking.rule_set_name if ranking else "",
        )
