"""Write tests/fixtures/schema_<revision>.db: a small database at the current head revision.

Run once per released schema revision; the fixture is committed and tests upgrade it to head.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from app.models import Activity, Attendance, Member, Room, RoomMember, Sector
from app.storage import head_revision, open_database


def main() -> None:
    target = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    path = target / f"schema_{head_revision()}.db"
    path.unlink(missing_ok=True)
    db = open_database(path)
    with db.write() as s:
        sector = s.scalar(select(Sector).where(Sector.name == "农工党"))
        member = Member(
            name="周秀英",
            gender="女",
            sector_id=sector.id,
            phone="13912345678",
            birth_month="1975-03",
            work_unit="青石镇卫生院院长",
        )
        room = Room(name="青石村委员联络室", established_on=date(2021, 6, 1))
        s.add_all([member, room])
        s.flush()
        s.add(RoomMember(room_id=room.id, member_id=member.id))
        activity = Activity(
            activity_type="协商议事会",
            title="村道硬化协商",
            room_id=room.id,
            start_at=datetime(2025, 4, 2, 9, 0),
        )
        activity.attendances.append(Attendance(member_id=member.id, status="出席"))
        s.add(activity)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("VACUUM")
    conn.close()
    print(path)


if __name__ == "__main__":
    main()
