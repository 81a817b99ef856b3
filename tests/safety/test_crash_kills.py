"""Crash safety: kill a writing process at random moments, 200+ times, and check after each kill
that the database is intact and the last action is wholly there or wholly absent.

Each writer is a plain ``os.fork()`` of the test process (no interpreter start-up, nothing
re-imported), the same database file is reused, and each child is killed after a chosen number of
committed actions, inside the next one: the counts do not depend on how fast the machine is.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import warnings

import pytest

from app.models import Room
from app.storage import open_database
from tests.safety.crash_writer import PREFIX, write_forever

KILLS = 220

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="os.fork and SIGKILL exist on POSIX only"),
]


def _check(path) -> int:
    """Assert the file is sound and every action is complete; return how many actions exist."""
    conn = sqlite3.connect(path)  # opening replays or discards the WAL as SQLite recovery does
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

        def numbers(sql):
            return sorted(
                int(name[len(PREFIX) :]) for (name,) in conn.execute(sql, (f"{PREFIX}%",))
            )

        members = numbers("SELECT name FROM member WHERE name LIKE ?")
        activities = numbers("SELECT title FROM activity WHERE title LIKE ?")
        seats = numbers(
            "SELECT m.name FROM room_member rm JOIN member m ON m.id = rm.member_id "
            "WHERE m.name LIKE ?"
        )
        present = numbers(
            "SELECT m.name FROM attendance a JOIN member m ON m.id = a.member_id "
            "JOIN activity t ON t.id = a.activity_id AND t.title = m.name WHERE m.name LIKE ?"
        )
        assert members == list(range(len(members)))
        assert activities == seats == present == members
        audited = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'create' AND table_name = 'attendance'"
        ).fetchone()[0]
        assert audited == len(members)  # the audit rows commit with the action, never alone
        return len(members)
    finally:
        conn.close()


def test_random_kills_leave_no_damage_and_no_half_action(tmp_path):
    path = tmp_path / "crash.db"
    db = open_database(path)
    with db.write() as session:
        session.add(Room(name="崩溃测试联络室"))
    db.dispose()

    rng = random.Random(6)
    counts = []
    inside_action = 0
    waited = 0
    for _ in range(KILLS):
        pid, marks = _start_writer(str(path))
        commits = rng.randint(0, 2)
        seen = _read_until(marks, commits)  # ``commits`` actions committed, the next one begun
        for _spin in range(rng.randrange(20_000)):  # then a random moment inside it
            pass
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        trail = seen + _drain(marks)
        inside_action += trail.endswith(b"b")  # begun, never reported committed
        waited += commits
        counts.append(_check(path))
    assert counts == sorted(counts)
    # Every commit the parent saw reported is in the file (a fixed count, whatever the load).
    assert counts[-1] >= waited
    print(f"{inside_action} of {KILLS} kills hit an action in flight; {counts[-1]} actions")
    assert inside_action >= KILLS // 4  # most kills hit a transaction in flight


def _read_until(fd: int, commits: int) -> bytes:
    """Read the child's marks until it has committed ``commits`` actions and begun another."""
    data = b""
    while data.count(b"c") < commits or not data.endswith(b"b"):
        chunk = os.read(fd, 1)
        assert chunk, "the writer stopped before it was killed"
        data += chunk
    return data


def _drain(fd: int) -> bytes:
    """Everything the killed child marked (the pipe is at EOF once it is dead)."""
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    os.close(fd)
    return data


def _start_writer(path: str) -> tuple[int, int]:
    """Fork a child that writes until killed; return (pid, read end of its mark pipe) once it
    is about to write."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads (Qt's); the child only
        # uses SQLite and never returns into pytest, so the warning does not apply.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns, ends by SIGKILL (or exits 3 on an error)
        try:
            os.close(read_end)
            write_forever(path, lambda mark: os.write(write_end, mark))
        finally:
            os._exit(3)
    os.close(write_end)
    assert os.read(read_end, 1) == b"r", "the writer did not start"
    return pid, read_end
