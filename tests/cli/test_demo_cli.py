from app.cli import main


def test_demo_then_check_then_list_members(tmp_path, capsys):
    path = str(tmp_path / "x.db")
    assert main(["--db", path, "demo", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "已载入乡镇规模示例数据（随机种子 5）" in out and "委员 40 名" in out
    assert main(["--db", path, "check"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "list", "members"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id\t姓名")
    assert len(lines) == 41
    states = [line.split("\t")[lines[0].split("\t").index("状态")] for line in lines[1:]]
    assert states.count("在任") == 39 and states.count("离任") == 1


def test_demo_refuses_non_empty_database(tmp_path, capsys):
    path = str(tmp_path / "x.db")
    assert main(["--db", path, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "demo", "--seed", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已有委员记录" in err


def test_demo_force_and_scale_choices(tmp_path, capsys):
    path = str(tmp_path / "x.db")
    assert main(["--db", path, "demo"]) == 0
    assert main(["--db", path, "demo", "--force", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "list", "members"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 81


def test_demo_clear_verb(tmp_path, capsys):
    from app.cli import main

    db = ["--db", str(tmp_path / "d.db")]
    assert main([*db, "demo"]) == 0
    assert main([*db, "demo", "--clear", "--yes"]) == 0
    assert "已清空示例数据" in capsys.readouterr().out
    assert main([*db, "demo", "--clear", "--yes"]) == 2
    assert "不是示例数据" in capsys.readouterr().err


def test_demo_clear_asks_first(tmp_path, capsys, monkeypatch):
    """Issue 14.6: no confirmation from a script → exit 2, one Chinese line, nothing cleared."""
    import io

    db = ["--db", str(tmp_path / "d.db")]
    assert main([*db, "demo"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # not a terminal
    assert main([*db, "demo", "--clear"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--yes" in err and "未清空" in err

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert main([*db, "demo", "--clear"]) == 2
    assert "已取消" in capsys.readouterr().err
    assert main([*db, "list", "members"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 41
    monkeypatch.setattr("sys.stdin", Tty("y\n"))
    assert main([*db, "demo", "--clear"]) == 0
    assert "已清空示例数据" in capsys.readouterr().out
