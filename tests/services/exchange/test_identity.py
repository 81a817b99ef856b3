from app.cli import main


def test_identity_set_then_show_survives_reopen_and_keeps_id(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    assert main(["--db", db, "identity", "set", "--name", "桃园镇", "--level", "township"]) == 0
    first = capsys.readouterr().out
    assert main(["--db", db, "identity", "set", "--name", "桃源镇", "--level", "township"]) == 0
    assert main(["--db", db, "identity", "show"]) == 0
    out = capsys.readouterr().out.splitlines()[-1]
    assert "桃源镇（乡镇）" in out
    assert first.split("标识 ")[1].strip() == out.split("标识 ")[1].strip()


def test_identity_empty_name_refused_in_chinese(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    assert main(["--db", db, "identity", "set", "--name", " ", "--level", "county"]) == 2
    assert "本单位名称不能为空" in capsys.readouterr().err
