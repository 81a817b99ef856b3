import sqlite3

from app.cli import main
from app.instance_lock import InstanceLock


def _members(path):
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM member")]
    finally:
        conn.close()


def _add(path, name):
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO member (uuid, name, level, is_standing, status) VALUES (?, ?, '县', 0, '在任')",
        (name, name),
    )
    conn.commit()
    conn.close()


def test_backup_and_restore_round_trip(tmp_path, capsys, app_home):
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "list", "members"]) == 0
    assert len(list((app_home / "backups").rglob("每日备份-*.db"))) == 1  # first start of the day
    _add(db, "张三")
    out = tmp_path / "usb.db"
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    _add(db, "李四")
    capsys.readouterr()
    assert main(["--db", str(db), "restore", str(out)]) == 0
    text = capsys.readouterr().out
    assert "委员 1 人" in text and "原数据库已另存为" in text
    assert _members(db) == ["张三"]
    kept = next((app_home / "backups").rglob("恢复前备份-*.db"))
    assert sorted(_members(kept)) == ["张三", "李四"]
    assert main(["--db", str(db), "backups"]) == 0
    assert "恢复前备份" in capsys.readouterr().out


def test_restore_refused_while_window_open(tmp_path, capsys):
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "b.db")]) == 0
    with InstanceLock(db):
        assert main(["--db", str(db), "restore", str(tmp_path / "b.db")]) == 2
    assert "已在另一个" in capsys.readouterr().err


def test_damaged_database_names_latest_backup(tmp_path, capsys, app_home):
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "list", "members"]) == 0
    with open(db, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 3)
    damaged = db.read_bytes()
    assert main(["--db", str(db), "list", "members"]) == 2
    err = capsys.readouterr().err
    assert "已损坏" in err and "每日备份-" in err and "restore" in err
    assert err.count("\n") == 1
    assert db.read_bytes() == damaged  # never replaced by an empty database
    good = next((app_home / "backups").rglob("每日备份-*.db"))
    assert main(["--db", str(db), "restore", str(good)]) == 0
    assert main(["--db", str(db), "check"]) == 0


def test_failed_daily_backup_is_a_warning_only(tmp_path, capsys, monkeypatch):
    from app.errors import UserError
    from app.services.safety import backup

    def full(*args, **kwargs):
        raise UserError("磁盘空间不足。")

    monkeypatch.setattr(backup, "daily_backup", full)
    assert main(["--db", str(tmp_path / "x.db"), "list", "members"]) == 0
    assert "自动备份未完成" in capsys.readouterr().err


def test_unwritable_app_data_folder_is_a_clear_message(tmp_path, capsys, monkeypatch):
    from app import paths

    def denied():
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths, "backup_dir", denied)
    assert main(["--db", str(tmp_path / "x.db"), "list", "members"]) == 2
    err = capsys.readouterr().err
    assert "无法创建备份文件夹" in err and "Traceback" not in err


def test_point_rule_import_backs_up_first(tmp_path, app_home):
    db = tmp_path / "x.db"
    base = ["--db", str(db)]
    assert main([*base, "points", "rules", "load-default", "tongcheng_2019", "--year", "2026"]) == 0
    sheet = tmp_path / "rules.xlsx"
    assert main([*base, "points", "rules", "export", "--year", "2026", "--out", str(sheet)]) == 0
    assert main([*base, "points", "rules", "import", str(sheet), "--year", "2027"]) == 0
    assert len(list((app_home / "backups").rglob("导入前备份-*.db"))) == 1
