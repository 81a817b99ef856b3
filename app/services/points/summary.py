"""The year's ranking data kept beside the entries, so the ranking need not re-run the engine.

重新计算 (``engine.rebuild``) writes one ``PointSummary`` row per member with entries — the
entries summed per category and the record counts behind the “五个一” checks — and marks the
year's ``PointSummaryYear`` row clean, in the same transaction as the entries.

SQLite triggers (migration 0002) watch every table the engine reads, whoever writes to it: a
change to a year's point entries drops the year's row (the summary no longer matches), a change
to its records, members or rules sets ``inputs_changed`` (a recalculation might now differ). The
ranking reads the summary only when the row is there and clean; otherwise it takes the exact
path (re-gather the records and re-run the engine), as before this table existed.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from app.db import Database
from app.models import PointEntry, PointSummary, PointSummaryYear
from app.services.check_problems import CheckProblem, report
from app.services.points import vocab
from app.services.points.facts import YearFacts


@dataclass(frozen=True)
class MemberSummary:
    member_id: int
    total: float  # rounded to 2 places, as the ranking shows it
    subtotals: dict[str, float]  # category → points, unrounded, in the order entries are read
    source_counts: dict[str, int]
    has_records: bool


@dataclass(frozen=True)
class YearSummary:
    year: int
    inputs_changed: bool
    members: dict[int, MemberSummary]


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry_sums(session: Session, year: int) -> dict[int, dict[str, float]]:
    """The year's point entries summed per member and category (the ranking's totals)."""
    sums: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mid, category, points in session.execute(
        select(PointEntry.member_id, PointEntry.category, PointEntry.points).where(
            PointEntry.year == year
        )
    ):
        sums[mid][category] += points
    return sums


def source_counts(facts: YearFacts) -> dict[int, Counter]:
    """Per member, how many records of each requirement source (出席活动, 提案, …) the year has."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for a in facts.attendances:
        if a.status == "出席":
            counts[a.member_id][vocab.ACTIVITY_SOURCE] += 1
            counts[a.member_id][f"{vocab.ACTIVITY_SOURCE}:{a.activity_type}"] += 1
    for s in facts.submissions:
        if s.kind == "社情民意" and s.converted_from_kind == "提案":
            continue  # the same text already counts as a 提案
        for mid, _role in s.authors:
            counts[mid][s.kind] += 1
    for r in facts.receptions:
        for mid in r.member_ids:
            counts[mid][vocab.RECEPTION_SOURCE] += 1
    return counts


def record_members(facts: YearFacts) -> set[int]:
    """Members named in any of the year's records (attendance, submissions, receptions)."""
    found = {a.member_id for a in facts.attendances}
    found |= {mid for s in facts.submissions for mid, _role in s.authors}
    found |= {mid for r in facts.receptions for mid in r.member_ids}
    return found


def write_summary(session: Session, year: int, facts: YearFacts) -> None:
    """Rewrite the year's summary from its stored entries and ``facts``; mark the year clean.

    Call after the entries are final, inside the same transaction (the triggers drop the year's
    row on every entry write, so this must come last)."""
    sums = entry_sums(session, year)  # flushes pending entries first
    counts = source_counts(facts)
    present = record_members(facts)
    session.execute(delete(PointSummary).where(PointSummary.year == year))
    if sums:
        session.execute(
            insert(PointSummary),
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "year": year,
                    "member_id": mid,
                    "total": round(sum(cats.values()), 2),
                    "subtotals": _json(dict(cats)),
                    "source_counts": _json(dict(counts.get(mid, {}))),
                    "has_records": mid in present,
                }
                for mid, cats in sums.items()
            ],
        )
    session.execute(delete(PointSummaryYear).where(PointSummaryYear.year == year))
    session.execute(
        insert(PointSummaryYear).values(uuid=str(uuid.uuid4()), year=year, inputs_changed=False)
    )


def summary_state(session: Session, year: int) -> bool | None:
    """None: no summary matching the entries; else whether the engine's inputs changed since."""
    value = (
        session.connection()
        .execute(select(PointSummaryYear.inputs_changed).where(PointSummaryYear.year == year))
        .scalar()
    )
    return None if value is None else bool(value)


def load_summary(session: Session, year: int) -> YearSummary | None:
    """The year's summary, or None when there is none that matches the entries."""
    inputs_changed = summary_state(session, year)
    if inputs_changed is None:
        return None
    rows = (
        session.connection()
        .execute(
            select(
                PointSummary.member_id,
                PointSummary.total,
                PointSummary.subtotals,
                PointSummary.source_counts,
                PointSummary.has_records,
            ).where(PointSummary.year == year)
        )
        .all()
    )
    # One parse of the whole year instead of two per member: a county has 400 members.
    maps = json.loads("[" + ",".join(f"{row[2]},{row[3]}" for row in rows) + "]")
    members = {
        mid: MemberSummary(mid, total, maps[2 * i], maps[2 * i + 1], bool(has_records))
        for i, (mid, total, _subtotals, _counts, has_records) in enumerate(rows)
    }
    return YearSummary(year, inputs_changed, members)


def year_totals(session: Session, year: int) -> dict[int, float]:
    """Each member's rounded total of ``year`` (from the summary when it matches the entries)."""
    if summary_state(session, year) is not None:
        rows = (
            session.connection()
            .execute(
                select(PointSummary.member_id, PointSummary.total).where(PointSummary.year == year)
            )
            .all()
        )
        return {mid: total for mid, total in rows}
    return {mid: round(sum(cats.values()), 2) for mid, cats in entry_sums(session, year).items()}


SUMMARY_MISMATCH_SQL = """
SELECT e.year, m.name, s.total, e.total FROM point_summary_year y
JOIN (SELECT year, member_id, round(CAST(sum(points) AS NUMERIC), 2) AS total FROM point_entry
      GROUP BY year, member_id) e ON e.year = y.year
JOIN member m ON m.id = e.member_id
LEFT JOIN point_summary s ON s.year = e.year AND s.member_id = e.member_id
WHERE s.id IS NULL OR abs(s.total - e.total) > 0.0051
UNION ALL
SELECT s.year, m.name, s.total, NULL FROM point_summary s
JOIN point_summary_year y ON y.year = s.year JOIN member m ON m.id = s.member_id
WHERE NOT EXISTS (SELECT 1 FROM point_entry p WHERE p.year = s.year AND p.member_id = s.member_id)
ORDER BY 1, 2
"""


def check_summaries(db: Database) -> list[CheckProblem]:
    """积分汇总 (what the ranking reads) that disagrees with the point entries it sums."""
    with db.read() as session:
        rows = list(session.execute(text(SUMMARY_MISMATCH_SQL)))

    def describe(row: tuple) -> str:
        year, name, stored, summed = row
        stored_text = "无" if stored is None else f"{stored:g} 分"
        summed_text = "无积分记录" if summed is None else f"积分记录合计 {summed:g} 分"
        return (
            f"{year} 年委员“{name}”的积分汇总（{stored_text}）与{summed_text}不一致，"
            "排名会显示错误的总分：请在“积分”页重新计算该年度"
        )

    return report("积分汇总", rows, describe)
