"""The year's ranking (ties share a rank: 1, 2, 2, 4), grades, minimum requirements, ledgers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import PointEntry
from app.services.members.stroke_order import name_sort_key
from app.services.points import vocab
from app.services.points.engine import KIND_ORDER, compute, manual_lines
from app.services.points.facts import YearFacts, gather, in_office_member_ids
from app.services.points.frozen import member_info, shown_member_info
from app.services.points.ranking_read import YearHead, read_head, read_summary
from app.services.points.rules import RuleSetData
from app.services.points.summary import entry_sums, source_counts, write_summary, year_totals

SOURCE_LABELS = {
    "base": "基础分",
    "attendance": "出席记录",
    "submission": "履职成果",
    "reception": "接待来访",
    "manual": "手工录入",
    "cap": "封顶调整",
    "none": "—",
}


@dataclass(frozen=True)
class RequirementCheck:
    requirement: str
    item: str
    count: int
    minimum: int

    @property
    def met(self) -> bool:
        return self.count >= self.minimum


@dataclass(frozen=True)
class RankingRow:
    member_id: int
    name: str
    sector: str
    rooms: str
    subtotals: dict[str, float]
    total: float
    rank: int
    grade: str
    passed: bool
    checks: tuple[RequirementCheck, ...]
    below_pass_two_years: bool = False

    @property
    def requirements_met(self) -> bool:
        return all(c.met for c in self.checks)

    @property
    def missing(self) -> list[str]:
        return [f"{c.requirement}·{c.item}" for c in self.checks if not c.met]


@dataclass(frozen=True)
class Ranking:
    year: int
    rule_set_name: str
    locked: bool
    categories: list[str]
    requirement_columns: list[tuple[str, str]]
    rows: list[RankingRow]
    pass_line: float | None
    calculated: bool
    stale: bool = False
    grades: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LedgerLine:
    id: int
    category: str
    points: float
    description: str
    source_kind: str
    source_id: int | None
    is_manual: bool
    evidence: str
    entered_by: str
    rule_code: str

    @property
    def source_label(self) -> str:
        """Where the points come from, as a clerk names it (the record's own id is never shown:
        "履职成果 #217" meant nothing to anyone; the 计分说明 names the record)."""
        text = SOURCE_LABELS.get(self.source_kind, self.source_kind)
        if self.is_manual and self.entered_by:
            text += f"（录入人：{self.entered_by}）"
        return text


CheckMaker = Callable[[Mapping[str, int] | None], tuple[RequirementCheck, ...]]


def check_maker(rule_set: RuleSetData) -> CheckMaker:
    """A function giving a member's requirement checks from their record counts. Equal checks
    are shared between members (a county ranking builds thousands of them)."""
    items = [
        (req["name"], item["name"], tuple(item["sources"]), int(item.get("min", 1)))
        for req in rule_set.requirements
        for item in req.get("items", [])
    ]
    made: dict[tuple[int, int], RequirementCheck] = {}

    def checks(counts: Mapping[str, int] | None) -> tuple[RequirementCheck, ...]:
        counts = counts or {}
        out = []
        for i, (requirement, name, sources, minimum) in enumerate(items):
            count = sum(counts.get(s, 0) for s in sources)
            check = made.get((i, count))
            if check is None:
                check = made[(i, count)] = RequirementCheck(requirement, name, count, minimum)
            out.append(check)
        return tuple(out)

    return checks


def requirement_checks(rule_set: RuleSetData, facts: YearFacts) -> dict[int, tuple]:
    counts = source_counts(facts)
    checks = check_maker(rule_set)
    return {mid: checks(counts.get(mid)) for mid in set(facts.member_ids) | set(counts)}


def _rank_order(totals: dict[int, float], info: dict[int, tuple[str, str, str]]) -> list[int]:
    """Member ids by total (high first), then 姓名 in 姓氏笔画 order, then id. Names are keyed
    only for members sharing a total with someone (most of a county's, but not all)."""
    counts = Counter(totals.values())

    def key(mid: int) -> tuple:
        tied = counts[totals[mid]] > 1
        return (-totals[mid], name_sort_key(info[mid][0]) if tied else (), mid)

    return sorted(totals, key=key)


def assign_ranks(totals: list[float]) -> list[int]:
    """Competition ranks for totals sorted high to low: 100, 90, 90, 80 → 1, 2, 2, 4."""
    ranks: list[int] = []
    for i, total in enumerate(totals):
        if i and round(total, 2) == round(totals[i - 1], 2):
            ranks.append(ranks[-1])
        else:
            ranks.append(i + 1)
    return ranks


def _failed_last_year(session: Session, head: YearHead, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` were below last year's pass line (exact path: last year's totals)."""
    pass_line = head.previous_pass_line
    if pass_line is None:
        return set()
    totals = year_totals(session, head.rule_set.year - 1)
    return {mid for mid in ids if mid in totals and totals[mid] < pass_line}


def _categories(rule_set: RuleSetData, sums: dict[int, dict[str, float]]) -> list[str]:
    cats = ([vocab.BASE_CATEGORY] if rule_set.base_score is not None else []) + rule_set.categories
    extra = sorted({c for per in sums.values() for c in per if c and c not in cats})
    if vocab.MAX_CATEGORY in extra:
        extra.remove(vocab.MAX_CATEGORY)
        extra.append(vocab.MAX_CATEGORY)
    return cats + extra


def _is_stale(session: Session, rule_set: RuleSetData, facts: YearFacts) -> bool:
    """Would 重新计算 change the stored computed entries? (Runs the engine: slow.)"""
    stored = sorted(
        tuple(row)
        for row in session.execute(
            select(
                PointEntry.member_id,
                PointEntry.category,
                PointEntry.points,
                PointEntry.description,
            ).where(PointEntry.year == rule_set.year, PointEntry.is_manual.is_(False))
        )
    )
    fresh = sorted(
        (line.member_id, line.category, line.points, line.description)
        for line in compute(rule_set, facts, manual_lines(session, rule_set.year))
    )
    return stored != fresh


def _heal_summary(session: Session, year: int, facts: YearFacts) -> None:
    """The exact path found the stored entries current: store the summary again, so the next
    ranking of the year is read from it (an edit that changes no points, such as a 调研报告 no
    rule scores, otherwise keeps the year on the exact path until 重新计算)."""
    write_summary(session, year, facts)


def load_ranking(
    session: Session, year: int, heal: bool = False, head: YearHead | None = None
) -> Ranking | None:
    """The year's ranking. ``heal`` (only inside a write transaction): when the exact path finds
    the entries current, store the summary again. ``head``: the year's head, if already read."""
    head = head or read_head(session, year)
    if head is None:
        return None
    if head.state is False:
        return _from_summary(session, head)
    rule_set = head.rule_set
    sums = entry_sums(session, year)
    facts = gather(session, year)
    checks = requirement_checks(rule_set, facts)
    stale = not rule_set.locked and _is_stale(session, rule_set, facts)
    if heal and not stale:
        _heal_summary(session, year, facts)
    info = shown_member_info(session, year, rule_set.locked, sums)
    return _ranking(head, sums, checks, info, _failed_last_year(session, head, sums), stale)


def _from_summary(session: Session, head: YearHead) -> Ranking:
    """The ranking of a year whose summary is current (nothing the engine reads has changed
    since 重新计算 wrote it): two statements, no engine run."""
    read = read_summary(session, head)
    make = check_maker(head.rule_set)
    checks = {mid: make(read.source_counts[mid]) for mid in read.counted}
    pass_line = head.previous_pass_line
    if pass_line is None:
        failed_before: set[int] = set()
    elif head.previous_summarised:
        failed_before = {mid for mid, last in read.previous_totals.items() if last < pass_line}
    else:
        failed_before = _failed_last_year(session, head, read.subtotals)
    return _ranking(head, read.subtotals, checks, read.info, failed_before, stale=False)


def _ranking(
    head: YearHead,
    sums: dict[int, dict[str, float]],
    checks: Mapping[int, tuple[RequirementCheck, ...]],
    info: dict[int, tuple[str, str, str]],
    failed_before: set[int],
    stale: bool,
) -> Ranking:
    rule_set = head.rule_set
    pass_line = rule_set.pass_line
    totals_by_member = {mid: round(sum(cats.values()), 2) for mid, cats in sums.items()}
    order = _rank_order(totals_by_member, info)
    totals = [totals_by_member[mid] for mid in order]
    rows = []
    for mid, total, rank in zip(order, totals, assign_ranks(totals), strict=True):
        passed = pass_line is None or total >= pass_line - 1e-9
        name, sector, rooms = info[mid]
        rows.append(
            RankingRow(
                member_id=mid,
                name=name,
                sector=sector,
                rooms=rooms,
                subtotals={c: round(v, 2) for c, v in sums[mid].items()},
                total=total,
                rank=rank,
                grade=rule_set.grade_for(total),
                passed=passed,
                checks=checks.get(mid, ()),
                below_pass_two_years=not passed and mid in failed_before,
            )
        )
    return Ranking(
        year=rule_set.year,
        rule_set_name=rule_set.name,
        locked=rule_set.locked,
        categories=_categories(rule_set, sums),
        requirement_columns=[
            (req["name"], item["name"]) for req in rule_set.requirements for item in req["items"]
        ],
        rows=rows,
        pass_line=pass_line,
        calculated=bool(sums),
        stale=stale,
        grades=[g["name"] for g in rule_set.grades],
    )


def get_ranking(db: Database, year: int) -> Ranking | None:
    """Read from the stored summary when it is current (~10 ms for a county year, two statements);
    otherwise take the exact path in a write transaction, so that a year found current is
    summarised again."""
    with db.read() as session:
        head = read_head(session, year)
        if head is None:
            return None
        if head.state is False:
            return load_ranking(session, year, head=head)
    with db.write() as session:
        return load_ranking(session, year, heal=True)


def load_ledger(session: Session, year: int, member_id: int) -> list[LedgerLine]:
    entries = session.scalars(
        select(PointEntry).where(PointEntry.year == year, PointEntry.member_id == member_id)
    )
    lines = [
        LedgerLine(
            e.id,
            e.category,
            e.points,
            e.description,
            e.source_kind,
            e.source_id,
            e.is_manual,
            e.evidence or "",
            e.entered_by or "",
            e.rule_code or "",
        )
        for e in entries
    ]
    return sorted(lines, key=lambda ln: (KIND_ORDER.get(ln.source_kind, 1), ln.id))


def get_ledger(db: Database, year: int, member_id: int) -> list[LedgerLine]:
    with db.read() as session:
        return load_ledger(session, year, member_id)


def member_choices(db: Database, year: int) -> list[tuple[int, str]]:
    """(id, “姓名（界别）”) of the members serving in ``year``, for the manual-entry dialog."""
    with db.read() as session:
        ids = in_office_member_ids(session, year) | set(
            session.scalars(select(PointEntry.member_id).where(PointEntry.year == year))
        )
        info = member_info(session, sorted(ids))
    return sorted(
        (
            (mid, f"{name}（{sector}）" if sector else name)
            for mid, (name, sector, _r) in info.items()
        ),
        key=lambda item: (name_sort_key(info[item[0]][0]), item[0]),
    )
