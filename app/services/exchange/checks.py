"""``check`` knows packages: every row owned by another unit names a unit a package came from,
and no row claims to come from this database itself."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db import Database
from app.models import MemberLink, PackageImport
from app.services.check_problems import CheckProblem, report
from app.services.exchange.identity import get_identity
from app.services.exchange.kinds import KINDS


def check_packages(db: Database) -> list[CheckProblem]:
    own = get_identity(db)
    rows: list[tuple[str, str, int, str]] = []
    with db.read() as session:
        senders = set(session.scalars(select(PackageImport.sender_id).distinct()))
        for spec in KINDS.values():
            column = spec.table.c.origin_id
            found = session.execute(
                select(column, func.count()).where(column.is_not(None)).group_by(column)
            ).all()
            for origin, n in found:
                if own is not None and origin == own.sender_id:
                    rows.append((spec.label, origin, n, "本单位自己"))
                elif origin not in senders:
                    rows.append((spec.label, origin, n, "未知单位"))
        links = session.execute(
            select(MemberLink.origin_id, func.count()).group_by(MemberLink.origin_id)
        ).all()
        rows += [("委员对应", o, n, "未知单位") for o, n in links if o not in senders]
    return report(
        "数据包",
        rows,
        lambda r: f"{r[0]}有 {r[2]} 条记录标为来自{r[3]}（标识 {r[1][:8]}…），与已导入的数据包不符",
    )
