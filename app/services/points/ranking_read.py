"""What the year's ranking reads from the database, in as few statements as possible.

On the county's PostgreSQL server every statement is a round trip over the network (0.5–4 ms
each on a busy machine): the ranking read from a current summary used to take 10 of them. Here
it takes two — the year's head (rule set with its rules, the summary's state, last year's grades)
and the summarised members with everything the ranking shows of them — plus a third for a 定稿
year's snapshot. SQLite answers the same statements with the same rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.models import (
    Member,
    PointRule,
    PointRuleSet,
    PointSummary,
    PointSummaryYear,
    Room,
    RoomMember,
    Sector,
    Setting,
)
from app.services.points.facts import in_office
from app.services.points.frozen import MemberInfo, frozen_from_value, frozen_key, overlay_frozen
from app.services.points.rules import RuleData, RuleSetData


@dataclass(frozen=True)
class YearHead:
    rule_set: RuleSetData
    # The summary's state: None none matches the entries, True inputs changed since, False current.
    state: bool | None
    previous_pass_line: float | None  # last year's pass line (None: no rules or no pass grade)
    previous_summarised: bool  # last year has a summary matching its entries


@dataclass(frozen=True)
class SummaryRead:
    """The summarised members of a current year, with all the ranking shows of them."""

    subtotals: dict[int, dict[str, float]]  # category → points, unrounded
    source_counts: dict[int, dict[str, int]]
    counted: set[int]  # members whose “五个一” checks are shown (records, or serving)
    info: dict[int, MemberInfo]  # (姓名, 界别, 所属联络室) as the year shows them
    previous_totals: dict[int, float]  # last year's rounded totals (when last year is summarised)


def read_head(session: Session, year: int) -> YearHead | None:
    """The year's rule set and summary state in one statement; None when the year has no rules."""
    previous = aliased(PointRuleSet)
    previous_year = aliased(PointSummaryYear)
    rows = (
        session.connection()
        .execute(
            select(
                PointRuleSet.name,
                PointRuleSet.base_score,
                PointRuleSet.max_score,
                PointRuleSet.grades,
                PointRuleSet.category_caps,
                PointRuleSet.requirements,
                PointRuleSet.note,
                PointRuleSet.locked,
                select(PointSummaryYear.inputs_changed)
                .where(PointSummaryYear.year == year)
                .scalar_subquery(),
                select(previous.grades).where(previous.year == year - 1).scalar_subquery(),
                select(func.count(previous_year.id))
                .where(previous_year.year == year - 1)
                .scalar_subquery(),
                PointRule.code,
                PointRule.name,
                PointRule.category,
                PointRule.points,
                PointRule.counting,
                PointRule.cap,
                PointRule.trigger,
                PointRule.params,
            )
            .outerjoin(PointRule, PointRule.rule_set_id == PointRuleSet.id)
            .where(PointRuleSet.year == year)
            .order_by(PointRule.sort_order, PointRule.id)
        )
        .all()
    )
    if not rows:
        return None
    name, base, top, grades, caps, requirements, note, locked, state, previous_grades, summed = (
        rows[0][:11]
    )
    rule_set = RuleSetData(
        year=year,
        name=name,
        base_score=base,
        max_score=top,
        grades=[dict(g) for g in grades or []],
        category_caps=dict(caps or {}),
        requirements=list(requirements or []),
        rules=[
            RuleData(code, rname, category, points, counting, cap, trigger, dict(params or {}))
            for code, rname, category, points, counting, cap, trigger, params in (
                row[11:] for row in rows
            )
            if code is not None
        ],
        note=note or "",
        locked=bool(locked),
    )
    previous_pass_line = RuleSetData(year - 1, "", grades=list(previous_grades or [])).pass_line
    return YearHead(
        rule_set, None if state is None else bool(state), previous_pass_line, bool(summed)
    )


def read_summary(session: Session, head: YearHead) -> SummaryRead:
    """The summary rows of a year whose ``head.state`` is not None, joined with the members,
    their 界别 and rooms (rooms in the rooms' list order) and last year's totals: one statement
    (a 定稿 year adds one for its snapshot)."""
    year = head.rule_set.year
    previous = aliased(PointSummary)
    rows = (
        session.connection()
        .execute(
            select(
                PointSummary.member_id,
                PointSummary.subtotals,
                PointSummary.source_counts,
                PointSummary.has_records,
                in_office(year),
                Member.name,
                Sector.name,
                previous.total,
                Room.name,
            )
            .join(Member, Member.id == PointSummary.member_id)
            .outerjoin(Sector, Sector.id == Member.sector_id)
            .outerjoin(
                previous,
                (previous.member_id == PointSummary.member_id) & (previous.year == year - 1),
            )
            .outerjoin(RoomMember, RoomMember.member_id == PointSummary.member_id)
            .outerjoin(Room, Room.id == RoomMember.room_id)
            .where(PointSummary.year == year)
            .order_by(PointSummary.member_id, Room.sort_order, Room.id)
        )
        .all()
    )
    texts: list[str] = []
    ids: list[int] = []
    counted: set[int] = set()
    people: dict[int, tuple[str, str]] = {}
    rooms: dict[int, list[str]] = {}
    previous_totals: dict[int, float] = {}
    for mid, subtotals, counts, has_records, serving, name, sector, last, room in rows:
        if mid not in people:
            ids.append(mid)
            texts += (subtotals, counts)
            people[mid] = (name, sector or "")
            rooms[mid] = []
            if has_records or serving:
                counted.add(mid)
            if last is not None and head.previous_summarised:
                previous_totals[mid] = last
        if room is not None:
            rooms[mid].append(room)
    # One parse of the whole year instead of two per member: a county has 400 members.
    maps = json.loads("[" + ",".join(texts) + "]")
    info = {mid: (name, sector, "、".join(rooms[mid])) for mid, (name, sector) in people.items()}
    if head.rule_set.locked:
        value = session.connection().execute(
            select(Setting.value).where(Setting.key == frozen_key(year))
        )
        overlay_frozen(info, frozen_from_value(value.scalar()), ids)
    return SummaryRead(
        subtotals={mid: maps[2 * i] for i, mid in enumerate(ids)},
        source_counts={mid: maps[2 * i + 1] for i, mid in enumerate(ids)},
        counted=counted,
        info=info,
        previous_totals=previous_totals,
    )
