"""A passed quick_check is remembered for the rest of the day while the file stays exactly as it
was checked; any change to the file or its WAL, another day, or any sign of damage brings the full
check back (app.db_file.checked_quick)."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import DatabaseError

from app import db_file
from app.db import Database
from app.db_file import DatabaseDamagedError, check_is_remembered, file_state, preflight
from app.errors import UserError
from app.services.safety import backup, integrity
from app.services.safety.startup import open_safely
from app.storage import open_database

pytestmark = pytest.mark.usefixtures("file_database")


@pytest.fixture
def file_database(db_path):
    if not hasattr(db_path, "exists"):
        pytest.skip("a file database only: a server checks its own pages")


@pytest.fixture
def checks(monkeypatch):
    """How many full quick_checks ran."""
    ran = []
    real = db_file.quick_check

    def counting(path):
        ran.append(path)
        real(path)

    monkeypatch.setattr(db_file, "quick_check", counting)
    return ran


def _add_member(path, name):
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO member (uuid, name, level, is_standing, status) VALUES (?, ?, '县', 0, '在任')",
        (name, name),
    )
    conn.commit()
    conn.close()


def _age(path, seconds=60):
    """Make the file look last written ``seconds`` ago (what a file of yesterday looks like)."""
    then = time.time_ns() - seconds * 1_000_000_000
    os.utime(path, ns=(then, then))


def _damage_keeping_times(path):
    """Pages 3–5 overwritten in place, the modification time set back as it was."""
    before = os.stat(path)
    with open(path, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 3)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.fixture
def checked(db, db_path, checks):
    """A database file whose quick_check passed and was remembered."""
    db.dispose()
    _age(db_path)
    preflight(db_path)
    assert len(checks) == 1 and check_is_remembered(db_path)
    return db_path


def test_later_opens_the_same_day_skip_the_check(checked, checks):
    preflight(checked)
    open_database(checked).dispose()
    assert len(checks) == 1
    assert check_is_remembered(checked)  # opening and closing did not change the file


def test_a_check_from_another_day_is_not_trusted(checked):
    assert not check_is_remembered(checked, today=date.today() + timedelta(days=1))


def test_a_write_runs_the_check_again(checked, checks):
    _add_member(checked, "张三")
    preflight(checked)
    assert len(checks) == 2


def test_a_write_still_in_the_wal_runs_the_check_again(checked, checks):
    """The window keeps its connection: its saves sit in the -wal, the file itself unchanged."""
    conn = sqlite3.connect(checked)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        before = file_state(checked)["db"]
        conn.execute(
            "INSERT INTO member (uuid, name, level, is_standing, status) "
            "VALUES ('x', '李四', '县', 0, '在任')"
        )
        conn.commit()
        assert file_state(checked)["db"] == before
        preflight(checked)
        assert len(checks) == 2
    finally:
        conn.close()


def test_damage_in_place_with_the_old_time_is_still_found(checked):
    _damage_keeping_times(checked)
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        preflight(checked)


def test_a_file_changed_just_before_its_check_is_not_remembered(db, db_path, checks):
    """A file system with 2-second times (FAT) could hide a change made right after."""
    db.dispose()
    preflight(db_path)
    assert not check_is_remembered(db_path)
    preflight(db_path)
    assert len(checks) == 2


def _unnoticed_damage(path):
    """Damage that leaves no trace in the file's size, times or first page (a failing disk): the
    remembered check cannot see it — simulated by remembering the damaged state."""
    _damage_keeping_times(path)
    db_file.remember_check(path, file_state(path), time.time() + 60)
    assert check_is_remembered(path)


def _read_every_table(db):
    with db.read() as session:
        connection = session.connection()
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).scalars()
        for table in list(tables):
            connection.exec_driver_sql(f'SELECT * FROM "{table}"').fetchall()


def test_damage_met_by_a_read_brings_the_full_check_back(checked):
    db = open_database(checked)
    backup.daily_backup(db)  # the good copy the message will offer
    db.dispose()
    _unnoticed_damage(checked)
    db = Database(checked)
    try:
        with pytest.raises(DatabaseError, match="malformed"):
            _read_every_table(db)
    finally:
        db.dispose()
    assert not check_is_remembered(checked)
    with pytest.raises(UserError, match="最近的完好备份"):
        open_safely(checked, warn=print)


def _empty_an_index(path):
    """An index emptied in place: quick_check passes, integrity_check names every missing row."""
    conn = sqlite3.connect(path)
    try:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_audit_log_table_name'"
        ).fetchone()[0]
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
    finally:
        conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * 4096)
        handle.write(b"\x0a\x00\x00\x00\x00\x10\x00\x00" + b"\x00" * 4088)  # an empty leaf


def test_damage_found_by_check_database_brings_the_full_check_back(checked):
    _empty_an_index(checked)
    db_file.remember_check(checked, file_state(checked), time.time() + 60)
    db = Database(checked)
    try:
        problems = integrity.sqlite_checks(db)
    finally:
        db.dispose()
    assert "missing from index" in problems[0].message
    assert not check_is_remembered(checked)


def test_a_backup_copy_that_fails_its_check_brings_the_full_check_back(checked, monkeypatch):
    monkeypatch.setattr(backup, "check_copy", lambda path: ["database disk image is malformed"])
    db = Database(checked)
    try:
        with pytest.raises(UserError, match="备份未完成"):
            backup.daily_backup(db)
    finally:
        db.dispose()
    assert not check_is_remembered(checked)
