"""Every member's ledger for a year in one query, for the 积分明细 sheet (36,000 lines a county
year), where ``ranking.get_ledger`` would ask once per member."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import PointEntry
from app.services.points.engine import KIND_ORDER
from app.services.points.ranking import LedgerLine


def year_ledgers(db: Database, year: int) -> dict[int, list[LedgerLine]]:
    """member id → ledger lines, in ``ranking.load_ledger``'s order (base first, cap last)."""
    with db.read() as session:
        return load_year_ledgers(session, year)


def load_year_ledgers(session: Session, year: int) -> dict[int, list[LedgerLine]]:
    rows = session.execute(
        select(
            PointEntry.member_id,
            PointEntry.id,
            PointEntry.category,
            PointEntry.points,
            PointEntry.description,
            PointEntry.source_kind,
            PointEntry.source_id,
            PointEntry.is_manual,
            PointEntry.evidence,
            PointEntry.entered_by,
            PointEntry.rule_code,
        ).where(PointEntry.year == year)
    ).all()
    rows = sorted(rows, key=lambda r: (r[0], KIND_ORDER.get(r[5], 1), r[1]))
    ledgers: dict[int, list[LedgerLine]] = defaultdict(list)
    for mid, id_, cat, points, text, kind, source, manual, evidence, by, code in rows:
        ledgers[mid].append(
            LedgerLine(
                id_, cat, points, text, kind, source, manual, evidence or "", by or "", code or ""
            )
        )
    return dict(ledgers)
