"""活动台账 for a whole county: 300 rooms × 4 activities × 6 members (not collected by pytest).

Run: ``python benchmarks/documents_ledger.py``. Measured on the dev container (2026-11-22):
load 0.19 s, write 2.4 s for 300 sheets / 1,200 rows — the GUI writes it off the UI thread
behind a cancellable progress dialog.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.exports.ledger import write_ledger
from app.models import Activity, Attendance, FollowUp, Member, Opinion, Room, RoomMember
from app.services.documents import meeting_papers as documents
from app.storage import open_database


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    db = open_database(folder / "bench.db")
    rng = random.Random(1)
    with db.write() as s:
        members = [Member(name=f"委员{i}") for i in range(400)]
        rooms = [Room(name=f"某某镇第{i}村委员联络室") for i in range(300)]
        s.add_all(members + rooms)
        s.flush()
        for room in rooms:
            seated = rng.sample(members, 6)
            s.add_all(RoomMember(room_id=room.id, member_id=m.id) for m in seated)
            for k in range(4):
                a = Activity(
                    activity_type="协商议事会",
                    title=f"第{k + 1}次协商议事会",
                    room_id=room.id,
                    start_at=datetime(2026, 1 + 2 * k, 3, 9),
                )
                s.add(a)
                s.flush()
                s.add_all(Attendance(activity_id=a.id, member_id=m.id) for m in seated)
                s.add(Opinion(activity_id=a.id, seq=1, content="意见"))
                s.add(FollowUp(activity_id=a.id, content="事项", status="办理中"))
    start = time.perf_counter()
    data = documents.load_ledger(db, 2026)
    loaded = time.perf_counter()
    write_ledger(folder / "ledger.xlsx", data)
    written = time.perf_counter()
    print(f"load {loaded - start:.2f} s, write {written - loaded:.2f} s, {len(data.rooms)} sheets")
    db.dispose()


if __name__ == "__main__":
    main()
