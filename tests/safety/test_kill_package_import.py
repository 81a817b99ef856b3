"""Kills at chosen points of a package import (issue 15): the county database holds either all
of the package or none of it, and ``check`` passes after every kill."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database
from app.imports.package_file import read_package
from app.models import Activity, Attendance, Member, Room, Sector
from app.services.exchange import identity
from app.services.exchange.importing import import_package
from app.storage import open_database
from tests.safety.test_kill_points import _family
from tests.services.exchange.builders import export_package

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="os.fork and SIGKILL exist on POSIX only"),
]


def _counts(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "member",
                "room",
                "activity",
                "attendance",
                "package_import",
                "member_link",
            )
        )
    finally:
        conn.close()


def test_kills_during_a_package_import(tmp_path, capsys):
    town = open_database(tmp_path / "town.db")
    identity.set_identity(town, "桃园镇", "township")
    with town.write() as s:
        sector = s.scalar(select(Sector.id).where(Sector.name == "民盟"))
        people = [Member(name=f"委员{i}", sector_id=sector) for i in range(8)]
        room = Room(name="青石村委员联络室")
        s.add_all([*people, room])
        s.flush()
        for n in range(6):
            activity = Activity(
                activity_type="协商议事会",
                title=f"协商{n}",
                room_id=room.id,
                start_at=datetime(2026, 3, n + 1, 9),
                status="已召开",
            )
            activity.attendances.extend(Attendance(member_id=p.id) for p in people)
            s.add(activity)
    export_package(town, tmp_path / "town.ldpkg")
    town.dispose()
    package = read_package(tmp_path / "town.ldpkg")

    pristine, path = tmp_path / "county-pristine.db", tmp_path / "county.db"
    county = open_database(pristine)
    identity.set_identity(county, "县政协", "county")
    county.dispose()
    before = _counts(pristine)
    after = (8, 1, 6, 48, 1, 8)

    def prepare() -> None:
        for side in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + side).unlink(missing_ok=True)
        shutil.copy(pristine, path)

    def import_it() -> None:
        db = Database(path)
        try:
            import_package(db, package)
        finally:
            db.dispose()

    def verify() -> None:
        assert _counts(path) in (before, after)

    verify.check_path = lambda: path
    tried, passed = _family(prepare, import_it, verify, capsys)
    assert tried == passed >= 20
    prepare()
    import_it()
    assert _counts(path) == after  # the last kill point is past the commit: all of it
