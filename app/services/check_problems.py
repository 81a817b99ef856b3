"""What a database check reports: one Chinese line per problem, grouped by area.

Each area's checks (活动, 积分汇总, …) build these; ``safety.integrity`` runs them all. Kept apart so
that the area checks and the runner do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_LISTED = 20  # per check; the rest are counted


@dataclass(frozen=True)
class CheckProblem:
    area: str
    message: str


def report(area: str, rows: Sequence[Any], describe: Callable[[Any], str]) -> list[CheckProblem]:
    """The first ``MAX_LISTED`` rows described, then one line counting the rest."""
    problems = [CheckProblem(area, describe(row)) for row in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        problems.append(CheckProblem(area, f"……另有 {len(rows) - MAX_LISTED} 条同类问题未列出"))
    return problems
