"""No lost update: a save made from a record someone else has saved since is refused.

The editors keep the ``version`` they read (migration 0005) and hand it back with the save; the
service compares it with the stored one before writing (``check_version``), and the version
column itself (SQLAlchemy's version_id_col) catches two saves racing past that check. Either way
the clerk gets a Chinese message naming who saved (migration 0006), when, and what changed, and
nothing of theirs is written: they reload the record (重新载入) or keep editing to copy their text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.errors import RECORD_NAMES, RELOAD_HINT, StaleRecordError
from app.record_history import describe_saves


def stale_error(
    session: Session | None, table: str, record_id: int | None, saves: int = 1
) -> StaleRecordError:
    what = RECORD_NAMES.get(table, "记录")
    detail = "已被其他同事修改"
    if session is not None and record_id is not None:
        detail = describe_saves(session, table, record_id, saves)
    return StaleRecordError(f"这条{what}在您打开之后{detail}。{RELOAD_HINT}", table, record_id)


def check_versions(session: Session, records: Any, expected: dict[int, int]) -> None:
    """``check_version`` for each of ``records`` whose id ``expected`` knows (the rows read
    with a record, e.g. an activity's 成果办理 items)."""
    for record in records:
        check_version(session, record, expected.get(record.id))


def check_version(session: Session, record: Any, expected: int | None) -> None:
    """Refuse the save when ``record`` (just read in this session) is no longer the version the
    clerk's form was filled from. ``expected`` None: a caller that does not track versions."""
    if expected is None or record.version == expected:
        return
    raise stale_error(session, record.__tablename__, record.id, record.version - expected)
