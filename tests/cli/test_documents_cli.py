"""``export minutes|signin|ledger``: files written through write_file, Chinese errors, exit codes."""

from docx import Document
from openpyxl import load_workbook

from app.cli import main
from app.storage import open_database
from tests.exports.meeting_records import make_meeting


def _db_with_meeting(tmp_path):
    path = tmp_path / "x.db"
    db = open_database(path)
    meeting = make_meeting(db)
    db.dispose()
    return path, meeting


def test_export_minutes_signin_and_ledger(tmp_path, capsys):
    path, meeting = _db_with_meeting(tmp_path)
    aid = str(meeting.activity_id)
    base = ["--db", str(path), "export"]
    assert main([*base, "minutes", aid, "--out", str(tmp_path / "纪要.docx")]) == 0
    assert Document(str(tmp_path / "纪要.docx")).paragraphs[0].text.endswith("会议纪要")
    assert main([*base, "signin", aid, "--out", str(tmp_path / "签到.docx")]) == 0
    assert Document(str(tmp_path / "签到.docx")).tables[0].rows[1].cells[1].text == "张建国"
    assert main([*base, "signin", aid, "--out", str(tmp_path / "签到.XLSX")]) == 0
    assert load_workbook(tmp_path / "签到.XLSX").active["B6"].value == "张建国"
    out = tmp_path / "台账.xlsx"
    assert main([*base, "ledger", "--year", "2026", "--out", str(out)]) == 0
    assert load_workbook(out).sheetnames == ["和平村委员联络室"]
    room = str(meeting.room_id)
    assert main([*base, "ledger", "--year", "2026", "--room", room, "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "已导出会议纪要" in stdout and "1 个联络室，2 次活动" in stdout
    assert not list(tmp_path.glob(".~*"))  # no temp files left behind


def test_unknown_activity_exits_2_with_one_chinese_line(tmp_path, capsys):
    path, _ = _db_with_meeting(tmp_path)
    for verb in ("minutes", "signin"):
        code = main(["--db", str(path), "export", verb, "999", "--out", str(tmp_path / "a.docx")])
        assert code == 2
        err = capsys.readouterr().err
        assert err == "错误：找不到编号为 999 的履职活动。\n"
    assert not (tmp_path / "a.docx").exists()


def test_wrong_suffix_and_unknown_room_exit_2(tmp_path, capsys):
    path, meeting = _db_with_meeting(tmp_path)
    aid = str(meeting.activity_id)
    assert main(["--db", str(path), "export", "signin", aid, "--out", str(tmp_path / "a.pdf")]) == 2
    assert "扩展名不正确" in capsys.readouterr().err
    assert (
        main(["--db", str(path), "export", "minutes", aid, "--out", str(tmp_path / "a.xlsx")]) == 2
    )
    assert "扩展名不正确" in capsys.readouterr().err
    args = ["export", "ledger", "--year", "2026", "--room", "99", "--out", str(tmp_path / "l.xlsx")]
    assert main(["--db", str(path), *args]) == 2
    assert "找不到编号为 99 的联络室" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder" / "l.xlsx"
    assert (
        main(["--db", str(path), "export", "ledger", "--year", "2026", "--out", str(missing)]) == 2
    )
    assert "不存在" in capsys.readouterr().err
