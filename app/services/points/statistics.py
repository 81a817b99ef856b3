"""What the 履职积分统计表 is fed: the year's ranking, every member's ledger (one query for the
year) and the organisation's name; app/exports/points_xlsx.py only writes the file."""

from __future__ import annotations

from dataclasses import dataclass

from app.db import Database
from app.errors import NotFoundError
from app.progress import Progress
from app.services.exchange.identity import unit_name
from app.services.points.current import ensure_current
from app.services.points.ranking import LedgerLine, Ranking, get_ranking
from app.services.points.year_ledger import year_ledgers


@dataclass(frozen=True)
class PointsTable:
    ranking: Ranking
    ledgers: dict[int, list[LedgerLine]]  # member id → ledger lines, base first, cap last
    org_name: str
    recalculated: bool = False  # the entries were not current: 重新计算 ran first

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.ranking.year}年度委员履职积分统计表"


def load_points_table(db: Database, year: int, progress: Progress | None = None) -> PointsTable:
    """The year's figures, recalculated first when they are not current (not for a 定稿 year)."""
    recalculated = ensure_current(db, year, progress)
    ranking = get_ranking(db, year)
    if ranking is None:
        raise NotFoundError(f"{year}年度还没有积分规则，无法导出统计表。")
    return PointsTable(ranking, year_ledgers(db, year), unit_name(db), recalculated)
