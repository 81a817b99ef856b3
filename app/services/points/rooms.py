"""年评比 of the liaison rooms: consultations against the yearly target, reception days, the
attendance rate at the room's activities, and follow-ups closed on time.

综合得分 = 40 × 协商完成率 + 20 × 接待完成率 + 20 × 出席率 + 20 × 按时办结率 (each rate capped at 1).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select

from app.db import Database
from app.models import Activity, Attendance, FollowUp, Reception, Room
from app.models.vocab import CONSULTATION_TYPES, FOLLOW_UP_OPEN_STATUSES
from app.services.activities.held import held
from app.services.points.facts import year_bounds
from app.services.points.ranking import assign_ranks

WEIGHTS = {"consultation": 40, "reception": 20, "attendance": 20, "on_time": 20}


@dataclass(frozen=True)
class RoomScore:
    room_id: int
    name: str
    room_type: str
    activities: int
    consultations: int
    consultation_target: int
    reception_days: int
    reception_target: int
    attendance_rate: float | None
    follow_ups: int
    closed_on_time: int
    score: float
    rank: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.closed_on_time / self.follow_ups if self.follow_ups else None

    @property
    def meets_target(self) -> bool:
        return self.consultations >= self.consultation_target


def _ratio(done: int, target: int) -> float:
    return 1.0 if target <= 0 else min(done / target, 1.0)


def room_ranking(db: Database, year: int, months: tuple[int, int] = (1, 12)) -> list[RoomScore]:
    """The year's 年评比; ``months`` (first, last) limits the counts to part of the year (a
    quarter, the year to date): the reception target then covers those months only."""
    first, last = months
    if (first, last) == (1, 12):
        start, end = year_bounds(year)
    else:
        start = datetime(year, first, 1)
        end = datetime(year + (last == 12), last % 12 + 1, 1)
    with db.read() as session:
        rooms = list(session.scalars(select(Room).where(Room.is_active).order_by(Room.sort_order)))
        counted = (
            Activity.start_at >= start,
            Activity.start_at < end,
            held(),
            Activity.room_id.is_not(None),
        )
        acts = list(
            session.execute(
                select(Activity.id, Activity.room_id, Activity.activity_type).where(*counted)
            )
        )
        # Summed per room in SQL: a county year has ~40,000 attendance rows.
        present: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for rid, attended, total in session.execute(
            select(
                Activity.room_id,
                func.sum(case((Attendance.status == "出席", 1), else_=0)),
                func.count(Attendance.id),
            )
            .join(Activity, Activity.id == Attendance.activity_id)
            .where(*counted)
            .group_by(Activity.room_id)
        ):
            present[rid] = [int(attended or 0), total]
        closed = FollowUp.status.not_in(FOLLOW_UP_OPEN_STATUSES)
        in_time = FollowUp.due_on.is_(None) | (
            FollowUp.feedback_on.is_not(None) & (FollowUp.feedback_on <= FollowUp.due_on)
        )
        follow: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for rid, total, on_time in session.execute(
            select(
                Activity.room_id,
                func.count(FollowUp.id),
                func.sum(case((closed & in_time, 1), else_=0)),
            )
            .join(Activity, Activity.id == FollowUp.activity_id)
            .where(*counted)
            .group_by(Activity.room_id)
        ):
            follow[rid] = [total, int(on_time or 0)]
        days: dict[int | None, set[date]] = defaultdict(set)
        for rid, day in session.execute(
            select(Reception.room_id, Reception.visit_on).where(
                Reception.visit_on >= start.date(), Reception.visit_on < end.date()
            )
        ):
            days[rid].add(day)
        types: dict[int | None, list[str]] = defaultdict(list)  # one pass: a county has 320 rooms
        for _aid, rid, kind in acts:
            types[rid].append(kind)
        scores = []
        for room in rooms:
            mine = types[room.id]
            consultations = sum(t in CONSULTATION_TYPES for t in mine)
            attended, total_att = present[room.id]
            rate = attended / total_att if total_att else None
            n_follow, on_time = follow[room.id]
            reception_target = room.target_receptions_per_month * (last - first + 1)
            score = (
                WEIGHTS["consultation"] * _ratio(consultations, room.target_consultations_per_year)
                + WEIGHTS["reception"] * _ratio(len(days[room.id]), reception_target)
                + WEIGHTS["attendance"] * (rate or 0.0)
                + WEIGHTS["on_time"] * (on_time / n_follow if n_follow else 0.0)
            )
            scores.append(
                RoomScore(
                    room.id,
                    room.name,
                    room.room_type,
                    len(mine),
                    consultations,
                    room.target_consultations_per_year,
                    len(days[room.id]),
                    reception_target,
                    rate,
                    n_follow,
                    on_time,
                    round(score, 1),
                )
            )
    scores.sort(key=lambda s: (-s.score, s.name))
    ranks = assign_ranks([s.score for s in scores])
    return [
        RoomScore(**{**s.__dict__, "rank": rank}) for s, rank in zip(scores, ranks, strict=True)
    ]
