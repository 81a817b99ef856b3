"""Helpers for the points-summary tests: the ranking computed the exact (slow) way, and the
year's summary state."""

from __future__ import annotations

from dataclasses import replace
from unittest import mock

from sqlalchemy import select

from app.models import PointSummaryYear
from app.services.points import ranking
from app.services.points.ranking_read import read_head
from app.services.points.summary import entry_sums


def exact_ranking(db, year):
    """The ranking as it was computed before the summary existed: records re-gathered, the
    engine re-run for ``stale``, last year's totals summed from its entries."""

    def totals(session, y):
        return {mid: round(sum(c.values()), 2) for mid, c in entry_sums(session, y).items()}

    def unsummarised(session, y):
        head = read_head(session, y)
        return None if head is None else replace(head, state=None, previous_summarised=False)

    with (
        mock.patch.object(ranking, "read_head", side_effect=unsummarised),
        mock.patch.object(ranking, "year_totals", side_effect=totals),
        mock.patch.object(ranking, "_heal_summary"),
    ):
        return ranking.get_ranking(db, year)


def state(db, year):
    """None: no usable summary; False: clean (the ranking reads it); True: inputs changed."""
    with db.read() as s:
        value = s.scalar(
            select(PointSummaryYear.inputs_changed).where(PointSummaryYear.year == year)
        )
    return None if value is None else bool(value)


def assert_same_as_exact(db, year):
    fast = ranking.get_ranking(db, year)
    assert fast == exact_ranking(db, year)
    return fast
