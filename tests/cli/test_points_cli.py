from datetime import date

from openpyxl import load_workbook

from app.cli import main
from app.storage import open_database
from tests.services.points_builders import activity, members, submission


def _db(tmp_path):
    path = tmp_path / "x.db"
    db = open_database(path)
    a, b = members(db, "王丽华", "李建国")
    activity(db, date(2024, 1, 8), {a: "出席", b: "请假"}, kind="其他", title="全体会议")
    submission(db, "提案", date(2024, 2, 1), [a, b], is_filed=True)
    db.dispose()
    return path, a


def test_rules_recalc_rank_export_lock(tmp_path, capsys):
    path, a = _db(tmp_path)
    db = ["--db", str(path)]
    assert main([*db, "points", "rules", "list"]) == 0
    assert "tongcheng_2019" in capsys.readouterr().out
    assert main([*db, "points", "rules", "load-default", "tongcheng_2019", "--year", "2024"]) == 0
    assert main([*db, "points", "recalc", "--year", "2024"]) == 0
    assert "积分有变化" in capsys.readouterr().out
    assert main([*db, "points", "recalc", "--year", "2024"]) == 0
    assert "积分没有变化" in capsys.readouterr().out
    assert main([*db, "points", "rank", "--year", "2024"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split("\t")[:2] == ["1", "王丽华"] and "62.5" in out[1]
    xlsx = tmp_path / "统计表.xlsx"
    assert main([*db, "export", "points", "--year", "2024", "--out", str(xlsx)]) == 0
    assert load_workbook(xlsx)["履职积分统计表"]["B4"].value == "王丽华"
    docx = tmp_path / "档案.docx"
    assert main([*db, "export", "archive", str(a), "--year", "2024", "--out", str(docx)]) == 0
    assert docx.exists()
    rules_xlsx = tmp_path / "规则.xlsx"
    assert main([*db, "points", "rules", "export", "--year", "2024", "--out", str(rules_xlsx)]) == 0
    assert main([*db, "points", "rules", "import", str(rules_xlsx), "--year", "2025"]) == 0
    assert main([*db, "points", "rules", "copy", "--from", "2024", "--to", "2026"]) == 0
    assert main([*db, "points", "rooms", "--year", "2024"]) == 0
    capsys.readouterr()
    assert main([*db, "points", "lock", "--year", "2024"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main([*db, "points", "lock", "--year", "2024", "--yes"]) == 0
    assert main([*db, "points", "recalc", "--year", "2024"]) == 2
    assert "已定稿" in capsys.readouterr().err


def test_unknown_year_and_member_exit_2(tmp_path, capsys):
    path, _a = _db(tmp_path)
    db = ["--db", str(path)]
    assert main([*db, "points", "recalc", "--year", "2030"]) == 2
    assert "还没有积分规则" in capsys.readouterr().err
    out = str(tmp_path / "x.docx")
    assert main([*db, "export", "archive", "999", "--year", "2024", "--out", out]) == 2
    assert "找不到编号为 999 的委员" in capsys.readouterr().err
