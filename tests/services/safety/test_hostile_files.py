"""Issue 14: odd database files, hot journals, read-only folders, clocks that were ahead,
symlinks and files left by kills: each gives a clear Chinese message or works, nothing changes
on a refusal."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.db_file import DatabaseDamagedError
from app.errors import UserError
from app.models import Member
from app.services.safety import backup, restore
from app.storage import open_database

pytestmark = pytest.mark.sqlite_only  # about the SQLite file itself


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def stub(path: Path, tables: dict[str, str]) -> Path:
    conn = sqlite3.connect(path)
    for name, columns in tables.items():
        conn.execute(f"CREATE TABLE {name} ({columns})")
    if "alembic_version" in tables:
        conn.execute("INSERT INTO alembic_version VALUES ('0002_points_summary')")
    conn.commit()
    conn.close()
    return path


# 14.7 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tables",
    [
        {"alembic_version": "version_num TEXT"},
        {"alembic_version": "version_num TEXT", "member": "id INTEGER", "activity": "id INTEGER"},
    ],
    ids=["marker-only", "marker-and-two-tables"],
)
def test_restore_refuses_a_stub_with_our_marker(db, db_path, tmp_path, tables):
    with db.write() as s:
        s.add(Member(name="李建国"))
    db.dispose()
    before = digest(db_path)
    fake = stub(tmp_path / "stub.db", tables)
    with pytest.raises(UserError, match="不是完整的工作台数据库.*不能用于恢复"):
        restore.inspect_backup(fake)
    with pytest.raises(UserError, match="不是完整的工作台数据库"):
        restore.restore_file(db_path, fake)
    assert digest(db_path) == before
    assert not list(db_path.parent.glob(".~恢复中-*"))


def test_open_refuses_a_stub(tmp_path):
    fake = stub(tmp_path / "stub.db", {"alembic_version": "version_num TEXT"})
    before = digest(fake)
    with pytest.raises(DatabaseDamagedError, match="不是完整的工作台数据库（缺少数据表"):
        open_database(fake)
    assert digest(fake) == before


@pytest.mark.parametrize(
    "make",
    [
        lambda c: c.execute("CREATE VIEW v AS SELECT 1"),
        lambda c: c.execute("PRAGMA user_version = 7"),
        lambda c: c.execute("PRAGMA application_id = 1234"),
        lambda c: c.execute("CREATE TABLE notes (x)"),
    ],
    ids=["view", "user-version", "application-id", "foreign-table"],
)
def test_a_foreign_sqlite_file_is_not_initialised(tmp_path, make):
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    make(conn)
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="不是本工作台的数据库"):
        open_database(path)
    assert digest(path) == before


# 14.8 ---------------------------------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def killed_mid_write(path: Path) -> None:
    """A writer killed inside a big transaction in rollback-journal mode: a hot journal."""
    import os
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        try:
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA cache_size = 5")  # spill pages into the file before commit
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO member (name, level, is_standing, status, uuid, note) "
                "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000) "
                "SELECT '半途-' || i, '县', 0, '在任', hex(randomblob(16)), hex(randomblob(500)) "
                "FROM r"
            )
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
@pytest.mark.parametrize("revision", ["0001_initial", "0002_points_summary"])
def test_a_hot_journal_is_recovered_not_called_damaged(tmp_path, revision):
    import shutil

    path = tmp_path / "liaison.db"
    shutil.copy(FIXTURES / f"schema_{revision}.db", path)
    killed_mid_write(path)
    assert Path(str(path) + "-journal").stat().st_size > 0
    db = open_database(path)  # an older revision is upgraded too
    try:
        from app.services.safety import integrity

        assert integrity.sqlite_checks(db) == []
        with db.read() as s:
            assert [m.name for m in s.query(Member)] == ["周秀英"]  # the half write is gone
    finally:
        db.dispose()


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder that cannot be written, like a write-protected USB stick: a read-only bind
    mount when running as root (chmod does not stop root), else chmod 555."""
    import os
    import subprocess

    source, folder = tmp_path / "stick-src", tmp_path / "stick"
    source.mkdir()
    folder.mkdir()

    def protect() -> None:
        if os.geteuid() != 0:
            folder.chmod(0o555)
            return
        for cmd in (
            ["mount", "--bind", str(source), str(folder)],
            ["mount", "-o", "remount,ro,bind", str(folder)],
        ):
            if subprocess.run(cmd, capture_output=True).returncode:
                pytest.skip("cannot make a read-only folder here")

    protect.source = source
    protect.folder = folder
    yield protect
    if os.geteuid() == 0:
        subprocess.run(["umount", str(folder)], capture_output=True)
    else:
        folder.chmod(0o755)


def test_a_healthy_database_in_a_read_only_folder_opens_read_only(read_only_folder, capsys):
    import os

    from app.cli import main

    target = read_only_folder.source if os.geteuid() == 0 else read_only_folder.folder
    db = open_database(target / "liaison.db")
    with db.write() as s:
        s.add(Member(name="李建国"))
    db.dispose()
    read_only_folder()
    path = read_only_folder.folder / "liaison.db"
    assert not os.access(path.parent, os.W_OK)
    assert main(["--db", str(path), "list", "members"]) == 0
    out, err = capsys.readouterr()
    assert "李建国" in out and "只读方式打开" in err and "损坏" not in err
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    from app.services.members.registry import MemberInput, create_member

    db = open_database(path)
    try:
        assert db.read_only
        with pytest.raises(UserError, match="只读"):
            create_member(db, MemberInput(name="王丽华", sector="民盟"))
    finally:
        db.dispose()
    code = main(["--db", str(path), "import", "members", str(path)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err


# 14.9 ---------------------------------------------------------------------------------------


def test_latest_good_backup_is_the_last_made_not_the_latest_name(db, db_path, capsys):
    from datetime import datetime

    from app.cli import main

    folder = backup.folder_for(db_path)
    ahead = backup.backup_file(db_path, "每日备份", now=datetime(2031, 5, 1, 9, 0))  # clock ahead
    with db.write() as s:
        s.add(Member(name="刚录入的委员"))
    just_now = backup.backup_file(db_path, "导入前备份", now=datetime(2026, 3, 1, 9, 0))
    assert backup.list_backups(folder)[0].path == ahead  # by name it looks newest
    assert backup.latest_good_backup(folder) == just_now
    record = backup.creation_record(just_now)
    assert record.made_at == datetime(2026, 3, 1, 9, 0) and record.kind == "导入前备份"
    db.dispose()
    with open(db_path, "r+b") as handle:  # damage the database: start-up offers the backup
        handle.seek(4096 * 2)
        handle.write(b"\xff" * 4096 * 4)
    assert main(["--db", str(db_path), "check"]) == 2
    err = capsys.readouterr().err
    assert just_now.name in err and "备份于 2026-03-01 09:00:00" in err and ahead.name not in err


def test_backups_without_a_record_are_ordered_by_file_time(db, db_path, tmp_path):
    import os
    import shutil

    folder = backup.folder_for(db_path)
    old = tmp_path / "old.db"
    shutil.copy(db_path, old)  # a copy of an older version: no record inside
    late, early = folder / "每日备份-20300101-000000.db", folder / "每日备份-20200101-000000.db"
    shutil.copy(old, late)
    shutil.copy(old, early)
    os.utime(late, (1_600_000_000, 1_600_000_000))
    os.utime(early, (1_700_000_000, 1_700_000_000))
    assert backup.latest_good_backup(folder) == early
    made = backup.backup_file(db_path, "每日备份")
    assert backup.latest_good_backup(folder) == made


# 14.10 / 14.12 ------------------------------------------------------------------------------


def test_the_lock_is_keyed_on_the_real_file(tmp_path):
    from app.instance_lock import InstanceLock

    real = tmp_path / "real" / "liaison.db"
    real.parent.mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(real)
    folder_link = tmp_path / "folder-link"
    folder_link.symlink_to(real.parent)
    with InstanceLock(real):
        for other in (
            link,
            folder_link / "liaison.db",
            tmp_path / "real" / ".." / "real" / "liaison.db",
        ):
            with pytest.raises(UserError, match="已在另一个工作台窗口或命令中打开"):
                InstanceLock(other).acquire()


def test_a_full_disk_refusing_the_pid_does_not_stop_the_lock(tmp_path, monkeypatch):
    import errno

    from app import instance_lock

    class FullDisk:
        def __init__(self, handle):
            self._handle = handle

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self._handle, name)

    real_open = open
    monkeypatch.setattr(
        instance_lock, "open", lambda *a, **k: FullDisk(real_open(*a, **k)), raising=False
    )
    lock = instance_lock.InstanceLock(tmp_path / "x.db")
    lock.acquire()
    try:
        assert lock.held
        monkeypatch.undo()
        with pytest.raises(UserError, match="已在另一个"):
            instance_lock.InstanceLock(tmp_path / "x.db").acquire()
    finally:
        lock.release()


def test_restore_through_a_symlink_replaces_the_target(db, db_path, tmp_path):
    with db.write() as s:
        s.add(Member(name="备份里的委员"))
    saved = backup.backup_to(db, tmp_path / "saved.db")
    with db.write() as s:
        s.add(Member(name="之后的委员"))
    db.dispose()
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    restore.restore_file(link, saved)
    assert link.is_symlink() and link.resolve() == db_path.resolve()
    db = open_database(db_path)
    try:
        with db.read() as s:
            assert [m.name for m in s.query(Member)] == ["备份里的委员"]
    finally:
        db.dispose()


def test_a_symlink_loop_is_a_user_error(tmp_path, capsys):
    from app.cli import main

    loop = tmp_path / "loop.db"
    loop.symlink_to(tmp_path / "loop2.db")
    (tmp_path / "loop2.db").symlink_to(loop)
    for verb in (["check"], ["list", "members"], ["backup", "--out", str(tmp_path)]):
        assert main(["--db", str(loop), *verb]) == 2, verb
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "循环" in err


# 14.13 --------------------------------------------------------------------------------------


def test_leftovers_of_killed_backups_and_restores_are_cleaned(db, db_path, capsys):
    import os
    import time

    from app.cli import main

    folder = backup.folder_for(db_path)
    old = time.time() - 3600
    part = folder / ".~每日备份-20260101-090000.db.part"
    part_journal = Path(str(part) + "-journal")
    staged = db_path.parent / ".~恢复中-999999.db"  # its process is gone
    fresh = folder / ".~导入前备份-20260101-090000.db.part"  # a backup still being written
    for leftover in (part, part_journal, staged, fresh):
        leftover.write_bytes(b"x" * 4096)
    for leftover in (part, part_journal):
        os.utime(leftover, (old, old))
    db.dispose()
    assert main(["--db", str(db_path), "list", "members"]) == 0
    assert not part.exists() and not part_journal.exists() and not staged.exists()
    assert fresh.exists()
    os.utime(fresh, (old, old))
    backup.backup_file(db_path, "导入前备份")  # a new backup cleans first
    assert not fresh.exists()
