"""待确认的委员: a member another unit sent (or the county's roster brought) who has the name of
one of ours but another birth month or gender, or two candidates. Nothing is guessed at import;
here a person decides: 是同一人 merges the two rows (the county's row is kept, so that the
county's UUID stays the one both sides use), 不是同一人 stops asking.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, delete, exists, select, update
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.errors import UserError
from app.models import Base, Member, MemberLink, PointEntry, PointSummary
from app.services import settings
from app.services.changes import Changes
from app.services.exchange.history import origin_label, sender_names
from app.services.exchange.identity import get_identity
from app.services.members.stroke_order import name_sort_key

DISTINCT_KEY = "exchange.distinct_members"  # [[uuid, uuid], …] confirmed as two people
# Tables where a member appears at most once per owner row: (table, the owner column).
_PAIRS = {
    "attendance": "activity_id",
    "room_member": "room_id",
    "reception_member": "reception_id",
    "submission_author": "submission_id",
}
MERGED = Changes.of("members", "rooms", "activities", "receptions", "topics", "points")


@dataclass(frozen=True)
class PendingPair:
    theirs_id: int  # the row that came in a package
    ours_id: int  # this database's own row
    name: str
    theirs: str  # 出生年月、性别 and where it came from
    ours: str


def _facts(member: Member) -> str:
    return "，".join(x for x in (member.birth_month, member.gender) if x) or "出生年月、性别未填"


def pending_pairs(db: Database) -> list[PendingPair]:
    with db.read() as session:
        units = sender_names(session)
        distinct = {frozenset(p) for p in settings.get_value(session, DISTINCT_KEY) or []}
        ours = aliased(Member)
        rows = session.execute(
            select(Member, ours)
            .join(ours, and_(ours.name == Member.name, ours.origin_id.is_(None)))
            .where(Member.origin_id.is_not(None))
        ).all()
        # 姓氏笔画 from the stored stroke keys: the same on every engine (a server's collation
        # would sort by its locale, SQLite by code point)
        ordered = sorted(rows, key=lambda p: (name_sort_key(p[0].name), p[0].id, p[1].id))
        return [
            PendingPair(
                theirs.id,
                mine.id,
                theirs.name,
                f"{_facts(theirs)}，{origin_label(units, theirs.origin_id)}",
                f"{_facts(mine)}，本单位",
            )
            for theirs, mine in ordered
            if frozenset((theirs.uuid, mine.uuid)) not in distinct
        ]


def not_same_person(db: Database, theirs_id: int, ours_id: int) -> Changes:
    with db.write() as session:
        pair = [_get(session, theirs_id).uuid, _get(session, ours_id).uuid]
        known = list(settings.get_value(session, DISTINCT_KEY) or [])
        settings.set_value(session, DISTINCT_KEY, [*known, pair])
    return Changes(members=True)


def _get(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise UserError(f"找不到编号为 {member_id} 的委员，可能已被合并或删除。")
    return member


def same_person(db: Database, theirs_id: int, ours_id: int) -> Changes:
    """Merge two rows of one person. At the county our row stays and the township's member maps
    onto it; at a township the county's row stays and ours is folded into it."""
    ident = get_identity(db)
    with db.write() as session:
        theirs, ours = _get(session, theirs_id), _get(session, ours_id)
        if theirs.origin_id is None or ours.origin_id is not None:
            raise UserError("只能把其他单位发来的委员与本单位的委员合并。")
        at_county = ident is not None and ident.level == "county"
        keep, drop = (ours, theirs) if at_county else (theirs, ours)
        _repoint(session, drop.id, keep.id)
        if at_county:
            session.execute(
                update(MemberLink).where(MemberLink.member_id == drop.id).values(member_id=keep.id)
            )
        session.execute(delete(Member.__table__).where(Member.__table__.c.id == drop.id))
    return MERGED


def _repoint(session: Session, drop: int, keep: int) -> None:
    """Every reference to ``drop`` now names ``keep``; a part naming both keeps keep's line.
    Core statements: the database's triggers still guard 定稿 years."""
    session.execute(delete(PointSummary).where(PointSummary.member_id.in_((drop, keep))))
    session.execute(delete(PointEntry).where(PointEntry.member_id == drop, ~PointEntry.is_manual))
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "member" or table.name == "member":
                continue
            column = fk.parent
            owner = _PAIRS.get(table.name) if column.name == "member_id" else None
            if owner is not None:
                twin = table.alias("twin")
                session.execute(
                    delete(table).where(
                        column == drop,
                        exists().where(twin.c[owner] == table.c[owner], twin.c.member_id == keep),
                    )
                )
            session.execute(update(table).where(column == drop).values({column.name: keep}))
