"""年度工作统计 and 季度汇总: what the exports and 首页 are fed (plain data, one read each).

Members' figures (五个一, 等次, two years below the pass line) come from the year's ranking, the
same one the 积分 page and ``points rank`` show; a quarter counts the same members on the records
of its own dates (members.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.db import Database
from app.services.exchange.identity import unit_name
from app.services.points.ranking import Ranking, get_ranking
from app.services.statistics.counts import PeriodStats, activities_by_month, period_stats
from app.services.statistics.members import PeriodMembers, period_members
from app.services.statistics.period import quarter, whole_year, year_to_quarter


@dataclass(frozen=True)
class RequirementLine:
    requirement: str  # 五个一
    item: str  # 开展一次宣讲 …
    met: int  # members who did it


@dataclass(frozen=True)
class MemberCounts:
    has_rules: bool  # the year has a point table (else nothing below is known)
    rule_set_name: str
    calculated: bool
    stale: bool  # 重新计算 would change the points
    ranked: int  # members in the ranking
    grades: list[tuple[str, int]]
    requirements: list[RequirementLine]
    all_met: int  # members meeting every requirement item
    pass_line: float | None
    below_pass_two_years: list[str]  # names, in ranking order


@dataclass(frozen=True)
class YearReport:
    org_name: str
    today: date
    stats: PeriodStats
    last_year_by_month: list[tuple[int, int]]
    members: MemberCounts

    @property
    def year(self) -> int:
        return self.stats.period.year

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年度工作统计"


@dataclass(frozen=True)
class QuarterReport:
    org_name: str
    today: date
    number: int
    quarter: PeriodStats
    to_date: PeriodStats
    members: PeriodMembers  # 委员履职 in the quarter
    members_to_date: PeriodMembers

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.quarter.period.label}工作汇总"


def member_counts(ranking: Ranking | None) -> MemberCounts:
    if ranking is None:
        return MemberCounts(False, "", False, False, 0, [], [], 0, None, [])
    grades = Counter(row.grade for row in ranking.rows)
    names = ranking.grades + sorted(g for g in grades if g not in ranking.grades)
    requirements = [
        RequirementLine(
            requirement, item, sum(row.checks[i].met for row in ranking.rows if row.checks)
        )
        for i, (requirement, item) in enumerate(ranking.requirement_columns)
    ]
    return MemberCounts(
        has_rules=True,
        rule_set_name=ranking.rule_set_name,
        calculated=ranking.calculated,
        stale=ranking.stale,
        ranked=len(ranking.rows),
        grades=[(g, grades.get(g, 0)) for g in names if g],
        requirements=requirements,
        all_met=sum(row.requirements_met for row in ranking.rows),
        pass_line=ranking.pass_line,
        below_pass_two_years=[row.name for row in ranking.rows if row.below_pass_two_years],
    )


def _org(db: Database) -> str:
    return unit_name(db)


def year_report(db: Database, year: int, today: date | None = None) -> YearReport:
    today = today or date.today()
    period = whole_year(year)
    return YearReport(
        org_name=_org(db),
        today=today,
        stats=period_stats(db, period, today),
        last_year_by_month=activities_by_month(db, year - 1),
        members=member_counts(get_ranking(db, year)),
    )


def quarter_report(
    db: Database, year: int, number: int, today: date | None = None
) -> QuarterReport:
    today = today or date.today()
    this, to_date = quarter(year, number), year_to_quarter(year, number)
    ranking = get_ranking(db, year)
    return QuarterReport(
        org_name=_org(db),
        today=today,
        number=number,
        quarter=period_stats(db, this, today),
        to_date=period_stats(db, to_date, today),
        members=period_members(db, this, ranking),
        members_to_date=period_members(db, to_date, ranking),
    )
