"""Control characters and invisible marks never reach the database, and never break an export.

"测\u200b甲" (a zero-width space inside) looks like 测甲 and became a second member beside him; a
C0 control character inside a unit or a speech made every export of that record fail
(``export ledger`` printed a traceback).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import select, text

from app.cli import main
from app.imports.roster import import_roster
from app.models import Member
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft
from app.services.members.registry import MemberInput, create_member
from tests.services.activity_fixtures import make_room

HOSTILE = "\u200b\u202e\x01\x07\x1b\ufeff"


def test_a_member_saved_with_invisible_and_control_characters_is_stored_clean(db):
    member_id = create_member(
        db, MemberInput(name="测\u200b甲", sector="经济界", work_unit=f"某{HOSTILE}公司")
    )
    with db.read() as session:
        member = session.get(Member, member_id)
        assert (member.name, member.work_unit) == ("测甲", "某公司")


@pytest.mark.sqlite_only
def test_the_same_name_with_an_invisible_mark_is_the_same_member_on_import(db, tmp_path):
    create_member(db, MemberInput(name="测甲", sector="经济界", phone="13800001001"))
    wb = Workbook()
    wb.active.append(["姓名", "性别", "界别", "联系电话"])
    wb.active.append(["测\u200b甲", "男", "经济界", "13800001001"])
    wb.active.append(["乙\u2060丙", "女", "经济界", "13800001002"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    import_roster(db, path)
    with db.read() as session:
        names = sorted(session.scalars(select(Member.name)))
    assert names == ["乙丙", "测甲"]


def test_marked_headers_and_excel_escapes_still_name_the_same_member(db, tmp_path):
    """Found by the fuzzer: a mark in the header “联系电话” dropped the phone column, and Excel's
    escape of a control character (李_x0001_建国, as Excel writes it) stayed in the name: both
    made a second 测甲 beside the first."""
    create_member(db, MemberInput(name="测甲", sector="经济界", phone="13800001001"))
    create_member(db, MemberInput(name="李建国", sector="经济界", phone="13800001002"))
    wb = Workbook()
    wb.active.append(["姓名", "界别", "联\u200b系_x0007_电话"])
    wb.active.append(["测甲", "经济界", "13800001001"])
    wb.active.append(["李_x0001_建国", "经济界", "13800001002"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    import_roster(db, path)
    with db.read() as session:
        assert sorted(session.scalars(select(Member.name))) == ["李建国", "测甲"]


def test_exports_never_fail_on_what_the_database_holds(db, db_path, tmp_path, capsys):
    room_id, _ = make_room(db, "青石村委员联络室", ["张明"])
    activity_id = activities.save_activity(
        db,
        ActivityDraft(title="停车难协商议事会", room_id=room_id, start_at=datetime(2025, 5, 8, 9)),
    )
    # Text that reached the file another way (an older version, a hand-edited database).
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE member SET work_unit = :u, name = :n"),
            {"u": f"单{HOSTILE}位", "n": "张\x01明"},
        )
        connection.execute(
            text("UPDATE activity SET title = :t, place = :t"), {"t": f"会{HOSTILE}议"}
        )
        connection.execute(text("UPDATE room SET name = :n"), {"n": "青石\x0b村委员联络室"})
    base = ["--db", str(db_path)]
    db.dispose()
    for argv in (
        ["export", "roster", "--out", str(tmp_path / "名册.xlsx")],
        ["export", "ledger", "--year", "2025", "--out", str(tmp_path / "台账.xlsx")],
        ["export", "minutes", str(activity_id), "--out", str(tmp_path / "纪要.docx")],
        ["export", "signin", str(activity_id), "--out", str(tmp_path / "签到.docx")],
        ["export", "signin", str(activity_id), "--out", str(tmp_path / "签到.xlsx")],
    ):
        assert main([*base, *argv]) == 0, (argv, capsys.readouterr().err)
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_a_cell_longer_than_excel_holds_is_cut_visibly():
    from app.exports.xlsx_common import EXCEL_CELL_LIMIT, cell_text

    text = "发" * 100_000
    written = cell_text(text)
    assert len(written) <= EXCEL_CELL_LIMIT
    assert written.endswith("超出 Excel 单元格上限，未导出）")
    left_out = int(written.rsplit("以下 ", 1)[1].split(" 字")[0])
    assert left_out == 100_000 - written.index("……")
    assert cell_text("短文本") == "短文本"
