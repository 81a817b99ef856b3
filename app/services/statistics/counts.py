"""The counts of one period (a year, a quarter, the year to date), each read the way its page
reads it: activities only once held (``held()``), rooms as the 年评比 counts them, topics by
提出日期 as the 议题库's year filter does, suggestions as the 督办 board lists them (by the date
of the meeting that produced them, overdue as of today) but only those of held meetings: a
meeting still 筹备中 has produced nothing yet; 履职成果 by 报送日期.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import Activity, Reception, Submission, Topic
from app.models.vocab import (
    ACTIVITY_TYPES,
    ADOPTION_LEVELS,
    EVALUATIONS,
    FOLLOW_UP_OPEN_STATUSES,
    FOLLOW_UP_STATUSES,
    SUBMISSION_KINDS,
    TOPIC_SOURCES,
    TOPIC_STATUSES,
)
from app.services.activities.held import PLANNED, held
from app.services.follow_ups.board import BoardFilter, BoardRow, board
from app.services.points.rooms import RoomScore, room_ranking
from app.services.statistics.period import Period, whole_year

NOT_EVALUATED = "未评议"


@dataclass(frozen=True)
class FollowUpCounts:
    total: int
    by_status: list[tuple[str, int]]
    assigned: int  # 交办: no longer 待交办
    closed: int  # 办结: 已办结, 已采纳 or 未采纳
    adopted: int  # 已采纳
    overdue: int  # open and past 办理时限, today
    evaluations: list[tuple[str, int]]  # 满意 / 基本满意 / 不满意 / 未评议


@dataclass(frozen=True)
class SubmissionLine:
    kind: str
    count: int
    filed: int  # 立案 (提案)
    levels: list[tuple[str, int]]  # 采用 at 县 / 市 / 省 / 全国
    instructions: int  # 领导批示

    @property
    def adopted(self) -> int:
        return sum(n for _level, n in self.levels)


@dataclass(frozen=True)
class PeriodStats:
    period: Period
    activities_by_type: list[tuple[str, int]]  # held activities
    activities_by_month: list[tuple[int, int]]  # held activities, every month of the period
    planned: int  # still 筹备中 (counted nowhere else)
    rooms: list[RoomScore]  # the 年评比's rooms over the period, in its order
    receptions: int  # visits
    topics_by_source: list[tuple[str, int]]
    topics_by_status: list[tuple[str, int]]
    follow_ups: FollowUpCounts
    submissions: list[SubmissionLine]

    @property
    def activities(self) -> int:
        return sum(n for _t, n in self.activities_by_type)

    @property
    def topics(self) -> int:
        return sum(n for _s, n in self.topics_by_source)


def in_order(counts: Counter, known: Iterable[str]) -> list[tuple[str, int]]:
    """Every known value in its order (zeros kept), then any other stored value."""
    known = list(known)
    extra = sorted(k for k in counts if k not in known)
    return [(k, counts.get(k, 0)) for k in [*known, *extra]]


def _activities(session: Session, period: Period) -> tuple[Counter, Counter, int]:
    in_period = (Activity.start_at >= period.start, Activity.start_at < period.end)
    by_type: Counter = Counter()
    by_month: Counter = Counter()
    for kind, month, n in session.execute(
        select(
            Activity.activity_type,
            extract("month", Activity.start_at),
            func.count(Activity.id),
        )
        .where(*in_period, held())
        .group_by(Activity.activity_type, extract("month", Activity.start_at))
    ):
        by_type[kind] += n
        by_month[int(month)] += n
    planned = session.scalar(
        select(func.count(Activity.id)).where(*in_period, Activity.status == PLANNED)
    )
    return by_type, by_month, planned or 0


def activities_by_month(db: Database, year: int) -> list[tuple[int, int]]:
    """Held activities in each month of ``year`` (首页 compares this year with the last)."""
    with db.read() as session:
        _types, months, _planned = _activities(session, whole_year(year))
    return [(m, months.get(m, 0)) for m in range(1, 13)]


def _topics(session: Session, period: Period) -> tuple[Counter, Counter]:
    sources: Counter = Counter()
    statuses: Counter = Counter()
    for source, status, n in session.execute(
        select(Topic.source, Topic.status, func.count(Topic.id))
        .where(Topic.raised_on >= period.start.date(), Topic.raised_on < period.end.date())
        .group_by(Topic.source, Topic.status)
    ):
        sources[source] += n
        statuses[status] += n
    return sources, statuses


def follow_up_counts(rows: list[BoardRow]) -> FollowUpCounts:
    statuses = Counter(r.status for r in rows)
    evaluations = Counter(r.evaluation or NOT_EVALUATED for r in rows)
    return FollowUpCounts(
        total=len(rows),
        by_status=in_order(statuses, FOLLOW_UP_STATUSES),
        assigned=sum(r.status != "待交办" for r in rows),
        closed=sum(r.status not in FOLLOW_UP_OPEN_STATUSES for r in rows),
        adopted=statuses.get("已采纳", 0),
        overdue=sum(r.overdue for r in rows),
        evaluations=in_order(evaluations, (*EVALUATIONS, NOT_EVALUATED)),
    )


def _submissions(session: Session, period: Period) -> list[SubmissionLine]:
    rows = session.execute(
        select(
            Submission.kind,
            Submission.is_filed,
            Submission.adopted_level,
            Submission.has_instruction,
        ).where(
            Submission.submitted_on >= period.start.date(),
            Submission.submitted_on < period.end.date(),
        )
    ).all()
    kinds = [k for k, _n in in_order(Counter(r[0] for r in rows), SUBMISSION_KINDS)]
    lines = []
    for kind in kinds:
        mine = [r for r in rows if r[0] == kind]
        levels = Counter(level for _k, _f, level, _i in mine if level)
        lines.append(
            SubmissionLine(
                kind,
                len(mine),
                sum(bool(filed) for _k, filed, _l, _i in mine),
                in_order(levels, ADOPTION_LEVELS),
                sum(bool(instr) for _k, _f, _l, instr in mine),
            )
        )
    return lines


def period_stats(db: Database, period: Period, today: date | None = None) -> PeriodStats:
    today = today or date.today()
    with db.read() as session:
        by_type, by_month, planned = _activities(session, period)
        sources, statuses = _topics(session, period)
        receptions = session.scalar(
            select(func.count(Reception.id)).where(
                Reception.visit_on >= period.start.date(), Reception.visit_on < period.end.date()
            )
        )
        submissions = _submissions(session, period)
    suggestions = [
        r
        for r in board(
            db, today, flt=BoardFilter(include_closed=True, year=period.year, held_only=True)
        )
        if period.holds(r.activity_date)
    ]
    return PeriodStats(
        period=period,
        activities_by_type=in_order(by_type, ACTIVITY_TYPES),
        activities_by_month=[(m, by_month.get(m, 0)) for m in period.month_numbers],
        planned=planned,
        rooms=room_ranking(db, period.year, period.months),
        receptions=receptions or 0,
        topics_by_source=in_order(sources, TOPIC_SOURCES),
        topics_by_status=in_order(statuses, TOPIC_STATUSES),
        follow_ups=follow_up_counts(suggestions),
        submissions=submissions,
    )
