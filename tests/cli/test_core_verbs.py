import pytest

from app.cli import main
from app.instance_lock import InstanceLock


def test_new_db_path_gets_migrated_database(tmp_path, capsys):
    path = tmp_path / "new" / "x.db"
    assert main(["--db", str(path), "list", "members"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["id\t姓名\t性别\t界别\t委员层级\t工作单位及职务\t状态"]
    assert path.exists()


def test_check_passes_on_fresh_database(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "check"]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_usage_error_exits_2_in_chinese(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "x.db"), "list", "planets"])
    assert exit_info.value.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_not_a_database_exits_2_with_one_line(tmp_path, capsys):
    bogus = tmp_path / "x.db"
    bogus.write_text("hello", encoding="utf-8")
    assert main(["--db", str(bogus), "list", "rooms"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是工作台数据库" in err and "Traceback" not in err


def test_bug_exits_1_and_logs_traceback(tmp_path, capsys, monkeypatch, app_home):
    from app.services import listing

    def boom(db, year=None):
        raise RuntimeError("boom")

    monkeypatch.setitem(listing.LISTS, "rooms", boom)
    assert main(["--db", str(tmp_path / "x.db"), "list", "rooms"]) == 1
    err = capsys.readouterr().err
    assert "日志" in err and "Traceback" not in err
    log = next((app_home / "logs").glob("*.log")).read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log


def test_second_instance_is_refused(tmp_path):
    path = tmp_path / "x.db"
    with InstanceLock(path):
        with pytest.raises(Exception, match="已在另一个"):
            InstanceLock(path).acquire()
    with InstanceLock(path):
        pass


def test_usage_errors_read_in_chinese(capsys):
    import pytest

    for argv, expected in (
        (["export", "points", "--year", "2025"], "缺少必需的参数：--out"),
        (["list", "members", "--year", "abc"], "参数 --year：无效的值：'abc'"),
        (["bogus"], "无效的选择：'bogus'"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("用法：python main.py") and expected in err
        assert not any(word in err for word in ("usage", "required", "invalid", "argument"))
