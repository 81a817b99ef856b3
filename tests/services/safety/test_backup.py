import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from app.db_file import DatabaseDamagedError
from app.errors import UserError
from app.models import Member
from app.services.safety import backup, restore
from app.storage import open_database

pytestmark = pytest.mark.sqlite_only  # about the SQLite file itself


def _add_member(db, name):
    with db.write() as session:
        session.add(Member(name=name, phone="13800001111"))


def _names(path):
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM member ORDER BY id")]
    finally:
        conn.close()


def test_backup_copy_is_checked_single_file(db, tmp_path):
    _add_member(db, "张三")
    (tmp_path / "usb").mkdir()
    out = backup.backup_to(db, tmp_path / "usb" / "b.db")
    assert _names(out) == ["张三"]
    assert backup.check_copy(out) == []
    assert not (tmp_path / "usb" / "b.db-wal").exists()
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["b.db"]


def test_backup_to_missing_folder_or_onto_itself(db, tmp_path):
    with pytest.raises(UserError, match="不存在"):
        backup.backup_to(db, tmp_path / "nope" / "b.db")
    with pytest.raises(UserError, match="正在使用"):
        backup.backup_to(db, db.path)


def test_backup_to_a_folder_names_the_file(db, tmp_path):
    out = backup.backup_to(db, tmp_path)
    assert out.parent == tmp_path and out.name.startswith("委员联络室工作台备份-")


def test_daily_backup_once_a_day(db, tmp_path):
    folder = tmp_path / "bk"
    day = datetime(2026, 3, 1, 9, 0, 0)
    first = backup.daily_backup(db, folder, now=day)
    assert first is not None and first.name == "每日备份-20260301-090000.db"
    assert backup.daily_backup(db, folder, now=day + timedelta(hours=3)) is None
    assert backup.daily_backup(db, folder, now=day + timedelta(days=1)) is not None


def test_rotation_keeps_10_daily_and_12_monthly(db, tmp_path):
    folder = tmp_path / "bk"
    start = datetime(2024, 1, 1, 8, 0, 0)
    first = backup.daily_backup(db, folder, now=start)
    for day in range(3, 800, 3):  # copies of a real backup, named as the days would name them
        stamp = (start + timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        shutil.copyfile(first, folder / f"每日备份-{stamp}.db")
    for i in range(15):
        backup.backup_file(db.path, "导入前备份", folder, now=start + timedelta(minutes=i))
    infos = backup.list_backups(folder)
    daily = [b for b in infos if b.kind == backup.DAILY]
    newest = daily[0].made_at
    assert len([b for b in infos if b.kind == "导入前备份"]) == 10
    assert len(daily) <= 10 + 12
    assert sum(1 for b in daily if (newest - b.made_at).days < 30) >= 10
    months = {b.made_at.strftime("%Y%m") for b in daily}
    assert len(months) == 12
    assert min(months) > "2025"  # only the last 12 months


def test_failed_check_leaves_no_file(db, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "check_copy", lambda path: ["坏页"])
    with pytest.raises(UserError, match="检查未通过"):
        backup.backup_to(db, tmp_path / "b.db")
    assert list(tmp_path.glob("b.db*")) == []


def test_backup_into_read_only_or_full_disk_is_user_error(db, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy_one_step", full)
    with pytest.raises(UserError, match="磁盘空间不足"):
        backup.backup_to(db, tmp_path / "b.db")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup, "_copy_one_step", denied)
    with pytest.raises(UserError, match="没有权限"):
        backup.backup_to(db, tmp_path / "b.db")


def test_backup_restore_round_trip(db, db_path, tmp_path):
    _add_member(db, "张三")
    saved = backup.backup_to(db, tmp_path / "b.db")
    _add_member(db, "李四")
    db.dispose()
    check = restore.inspect_backup(saved, tmp_path)
    assert check.members == 1 and not check.needs_upgrade
    kept = restore.restore_file(db_path, saved, tmp_path / "bk")
    assert _names(db_path) == ["张三"]
    assert _names(kept) == ["张三", "李四"]  # the replaced database was kept
    reopened = open_database(db_path)
    with reopened.read() as session:
        assert [m.name for m in session.query(Member)] == ["张三"]
    reopened.dispose()


def test_restore_refuses_bad_files_and_leaves_db_alone(db, db_path, tmp_path):
    _add_member(db, "张三")
    db.dispose()
    text = tmp_path / "t.db"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="不是工作台的备份文件"):
        restore.restore_file(db_path, text, tmp_path / "bk")
    damaged = tmp_path / "d.db"
    damaged.write_bytes(db_path.read_bytes()[:8192] + b"\xff" * 40000)
    with pytest.raises(UserError):
        restore.restore_file(db_path, damaged, tmp_path / "bk")
    newer = tmp_path / "n.db"
    backup.make_copy(db_path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'zzzz_future'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="更新版本"):
        restore.restore_file(db_path, newer, tmp_path / "bk")
    foreign = tmp_path / "f.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE x (a)")
    conn.close()
    with pytest.raises(UserError, match="不是本工作台"):
        restore.restore_file(db_path, foreign, tmp_path / "bk")
    assert _names(db_path) == ["张三"]
    assert not list((tmp_path / "bk").glob("*.db"))  # nothing kept: nothing was replaced
    assert not list(db_path.parent.glob(".~*"))


def _damage(path):
    with open(path, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 3)


def test_damaged_database_detected_at_open_and_not_replaced(db, db_path):
    _add_member(db, "张三")
    db.dispose()
    _damage(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError, match="已损坏"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_restore_over_damaged_database_keeps_damaged_copy(db, db_path, tmp_path):
    _add_member(db, "张三")
    good = backup.backup_to(db, tmp_path / "good.db")
    db.dispose()
    _damage(db_path)
    kept = restore.restore_file(db_path, good, tmp_path / "bk")
    assert kept.name.endswith("-已损坏.db")
    assert _names(db_path) == ["张三"]
    assert backup.latest_good_backup(tmp_path / "bk") is None  # the damaged copy is not "good"


def test_latest_good_backup_skips_damaged(db, tmp_path):
    folder = tmp_path / "bk"
    older = backup.daily_backup(db, folder, now=datetime(2026, 1, 1))
    newer = backup.daily_backup(db, folder, now=datetime(2026, 1, 2))
    _damage(newer)
    assert backup.latest_good_backup(folder) == older


def test_upgrade_backs_up_first_into_the_rotation(db, db_path, tmp_path, monkeypatch):
    from app import storage

    _add_member(db, "张三")
    db.dispose()
    current = storage.head_revision()
    monkeypatch.setattr(storage, "head_revision", lambda: "zzzz_next")  # an older file now
    reopened = open_database(db_path, before_upgrade=backup.upgrade_backup(tmp_path / "bk"))
    reopened.dispose()
    kept = [b for b in backup.list_backups(tmp_path / "bk") if b.kind == "升级前备份"]
    assert len(kept) == 1 and kept[0].path.name.endswith(f"-{current}.db")
    assert _names(kept[0].path) == ["张三"] and backup.check_copy(kept[0].path) == []


def test_each_database_has_its_own_backups(tmp_path, app_home):
    from app import paths

    first = open_database(tmp_path / "a.db")
    second = open_database(tmp_path / "b.db")
    default = open_database(paths.default_db_path())
    try:
        _add_member(first, "张三")
        a_copy = backup.daily_backup(first)
        b_copy = backup.daily_backup(second)  # same day, other file: backed up too
        d_copy = backup.daily_backup(default)
        assert a_copy.parent != b_copy.parent
        assert d_copy.parent == app_home / "backups"
        assert backup.latest_good_backup(backup.folder_for(first.path)) == a_copy
        assert _names(backup.latest_good_backup(backup.folder_for(second.path))) == []
    finally:
        for database in (first, second, default):
            database.dispose()


def test_restore_over_a_crashed_database_with_wal_left_behind(db, db_path, tmp_path):
    """A crash leaves committed rows only in the -wal file: the kept copy has them, and the
    restored file never gets the stale WAL replayed into it."""
    _add_member(db, "张三")
    saved = backup.backup_to(db, tmp_path / "b.db")
    db.dispose()
    writer = sqlite3.connect(db_path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO member (uuid, name, level, is_standing, status) "
        "VALUES ('u-li', '李四', '县', 0, '在任')"
    )
    writer.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as a power cut leaves them
        shutil.copyfile(str(db_path) + suffix, str(crashed / "x.db") + suffix)
    writer.close()
    assert (crashed / "x.db-wal").stat().st_size > 0
    kept = restore.restore_file(crashed / "x.db", saved, tmp_path / "bk")
    assert not (crashed / "x.db-wal").exists() or (crashed / "x.db-wal").stat().st_size == 0
    assert _names(crashed / "x.db") == ["张三"]
    assert _names(kept) == ["张三", "李四"]
    assert backup.check_copy(crashed / "x.db") == []


def test_odd_folder_names_work(tmp_path):
    """# ? % spaces and Chinese in a path are file-name characters, not URI syntax."""
    folder = tmp_path / "联络员 #1 ?% 文件"
    folder.mkdir()
    database = open_database(folder / "工作台 #2.db")
    try:
        _add_member(database, "张三")
        out = backup.backup_to(database, folder / "备份 #3.db")
        assert _names(out) == ["张三"]
        assert backup.daily_backup(database, folder / "自动 ?") is not None
    finally:
        database.dispose()
    reopened = open_database(folder / "工作台 #2.db")
    reopened.dispose()
    assert restore.restore_file(folder / "工作台 #2.db", out, folder / "bk") is not None


def test_attachments_travel_with_a_backup_saved_elsewhere(db, db_path, tmp_path, app_home):
    folder = app_home / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a1_现场.jpg").write_bytes(b"photo-1")
    (folder / "a2_签到.pdf").write_bytes(b"scan-2")
    usb = tmp_path / "usb"
    usb.mkdir()
    saved = backup.backup_to(db, usb / "备份.db")
    beside = usb / "备份-附件"
    assert sorted(p.name for p in beside.iterdir()) == ["a1_现场.jpg", "a2_签到.pdf"]
    (folder / "a1_现场.jpg").unlink()  # lost with the laptop
    (folder / "a2_签到.pdf").write_bytes(b"scan-2-kept")  # a file here is never overwritten
    db.dispose()
    restore.restore_file(db_path, saved, tmp_path / "bk")
    assert (folder / "a1_现场.jpg").read_bytes() == b"photo-1"
    assert (folder / "a2_签到.pdf").read_bytes() == b"scan-2-kept"


def test_restore_a_backup_from_each_released_schema(db, db_path, tmp_path):
    """Fixture databases of released revisions restore and come out at the current head."""
    from pathlib import Path

    from app.db_file import current_revision
    from app.storage import head_revision

    fixtures = sorted((Path(__file__).parents[2] / "fixtures").glob("schema_*.db"))
    assert fixtures
    db.dispose()
    for fixture in fixtures:
        old = tmp_path / fixture.name
        shutil.copyfile(fixture, old)
        check = restore.inspect_backup(old, tmp_path / "scratch")
        assert check.needs_upgrade == (check.revision != head_revision())
        restore.restore_file(db_path, old, tmp_path / "bk")
        open_database(db_path, before_upgrade=backup.upgrade_backup(tmp_path / "bk")).dispose()
        assert current_revision(db_path) == head_revision()
