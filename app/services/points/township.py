"""Which members the 积分 ranking lists under the 乡镇 filter at the county.

A county clerk who picks 桃园镇 wants 桃园镇's members: those on the roster 桃园镇 sent (a member
with no record this year is exactly whom the clerk is looking for) and everyone with a record in
桃园镇's books for the year — attended its meetings, received its visitors, wrote a 履职成果 it
filed — since a county member often sits in rooms of several townships. The member's own origin
alone would not do: the county issues the roster, so at the county nearly every member is its
own, and filtering on it would put almost everyone under 本单位 and no one under 桃园镇.

Totals and ranks stay the county's (every township's records, the county's rules): the filter
picks rows, it does not rank again. The 统计表 export therefore does not follow it — a filed table
with county ranks 1, 5, 9 … would read as an error; it lists every member.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Select, select, union

from app.db import Database
from app.models import (
    Activity,
    Attendance,
    Member,
    MemberLink,
    Reception,
    ReceptionMember,
    Submission,
    SubmissionAuthor,
)
from app.services.exchange.history import of_unit


def township_members(db: Database, year: int, origin: str) -> set[int]:
    """Member ids of one unit for ``year``: ``origin`` a sender's stable id, "" our own."""
    roster: list[Select] = [of_unit(select(Member.id), Member.origin_id, origin)]
    if origin:  # the township's members matched to the county's (its roster, as it sent it)
        roster.append(select(MemberLink.member_id).where(MemberLink.origin_id == origin))
    attended = select(Attendance.member_id).join(Activity, Activity.id == Attendance.activity_id)
    attended = attended.where(
        Activity.start_at >= datetime(year, 1, 1), Activity.start_at < datetime(year + 1, 1, 1)
    )
    received = select(ReceptionMember.member_id).join(
        Reception, Reception.id == ReceptionMember.reception_id
    )
    received = received.where(Reception.visit_on.between(date(year, 1, 1), date(year, 12, 31)))
    wrote = select(SubmissionAuthor.member_id).join(
        Submission, Submission.id == SubmissionAuthor.submission_id
    )
    wrote = wrote.where(Submission.submitted_on.between(date(year, 1, 1), date(year, 12, 31)))
    records = [
        of_unit(attended, Activity.origin_id, origin),
        of_unit(received, Reception.origin_id, origin),
        of_unit(wrote, Submission.origin_id, origin),
    ]
    with db.read() as session:
        return set(session.scalars(union(*roster, *records)))
