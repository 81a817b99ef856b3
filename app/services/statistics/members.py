"""委员履职 of part of a year (a quarter, the year to date), for the 季度汇总.

The yearly section reads the year's ranking (等次, 五个一 over the whole year). A quarter has no
等次 of its own, so here the same members — those of the year's ranking — are counted on the
records dated in the period: 出席 at held activities (筹备中 ones are not held), 履职成果 by
报送日期, 接待来访 by date; and the year's 五个一 items each member did within the period.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from app.db import Database
from app.services.points import vocab
from app.services.points.facts import gather
from app.services.points.ranking import Ranking, check_maker
from app.services.points.rules import load_rule_set
from app.services.points.summary import source_counts
from app.services.statistics.period import Period


@dataclass(frozen=True)
class PeriodMembers:
    has_rules: bool  # the year has a point table and a ranking (else nothing below is known)
    ranked: int  # members of the year's ranking
    active: int  # of them, those with a record in the period
    attended: int  # 出席 at held activities in the period (人次)
    requirements: list[tuple[str, str, int]]  # (五个一, item, members who did it in the period)
    all_met: int  # members who did every item in the period


NO_RULES = PeriodMembers(False, 0, 0, 0, [], 0)


def period_members(db: Database, period: Period, ranking: Ranking | None) -> PeriodMembers:
    with db.read() as session:
        rule_set = load_rule_set(session, period.year)
        if rule_set is None or ranking is None:
            return NO_RULES
        facts = gather(session, period.year)
    facts = replace(
        facts,
        attendances=tuple(a for a in facts.attendances if period.holds(a.day)),
        submissions=tuple(s for s in facts.submissions if period.holds(s.day)),
        receptions=tuple(r for r in facts.receptions if period.holds(r.day)),
    )
    counts = source_counts(facts)
    members = [row.member_id for row in ranking.rows]
    checks = check_maker(rule_set)
    per_member = {mid: checks(counts.get(mid)) for mid in members}
    met: Counter = Counter()
    for member_checks in per_member.values():
        for check in member_checks:
            met[(check.requirement, check.item)] += check.met
    items = [
        (req["name"], item["name"])
        for req in rule_set.requirements
        for item in req.get("items", [])
    ]
    return PeriodMembers(
        has_rules=True,
        ranked=len(members),
        active=sum(1 for mid in members if sum(counts.get(mid, Counter()).values())),
        attended=sum(counts.get(mid, Counter())[vocab.ACTIVITY_SOURCE] for mid in members),
        requirements=[(r, i, met[(r, i)]) for r, i in items],
        all_met=sum(all(check.met for check in c) for c in per_member.values()),  # as yearly
    )
