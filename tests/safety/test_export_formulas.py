"""Every workbook the app exports keeps formula-like text as text.

Records are filled with text a resident or a careless paste could bring in ("=HYPERLINK(…)",
"+86…", "@SUM(…)", "-1+1", leading tab / CR); every .xlsx export verb then runs and every cell
of every sheet is checked: no formula anywhere, the text intact."""

from __future__ import annotations

import argparse
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import build_parser, main
from app.models import Activity, FollowUp, GuestAttendee, Member, Room
from tests.exports.meeting_records import make_meeting

EVIL = {
    "work_unit": '=HYPERLINK("http://example.invalid","点我")',
    "expertise": "@SUM(1+1)*cmd|' /C calc'!A0",
    "note": "-1+1",
    "place": "+86 0551 6543210",
    "title": "\t=1+1 关于加装电梯的协商",
    "unit": "\r=2+2 居民代表",
}


def _verbs(parser: argparse.ArgumentParser) -> dict:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_every_xlsx_export_keeps_formula_like_text_as_text(db, db_path, tmp_path):
    meeting = make_meeting(db)
    with db.write() as session:
        for member in session.scalars(select(Member)):
            member.work_unit = EVIL["work_unit"]
            member.expertise = EVIL["expertise"]
            member.note = EVIL["note"]
        activity = session.get(Activity, meeting.activity_id)
        activity.place = EVIL["place"]
        activity.title = EVIL["title"]
        session.get(Room, meeting.room_id).address = EVIL["place"]
        for guest in session.scalars(select(GuestAttendee)):
            guest.unit = EVIL["unit"]
        session.get(Room, meeting.room_id).name = EVIL["note"]  # the 年度工作统计's rooms
        session.add(
            FollowUp(  # the 督办台账
                activity_id=meeting.activity_id,
                content=EVIL["title"],
                handling_unit=EVIL["work_unit"],
                result=EVIL["expertise"],
            )
        )
    db.dispose()
    base = ["--db", str(db_path), "export"]
    runs = {
        "roster": ["roster", "--out", str(tmp_path / "名册.xlsx")],
        "signin": ["signin", "--out", str(tmp_path / "签到表.xlsx"), str(meeting.activity_id)],
        "ledger": ["ledger", "--year", "2026", "--out", str(tmp_path / "台账.xlsx")],
        "points": ["points", "--year", "2026", "--out", str(tmp_path / "积分统计表.xlsx")],
        "yearly": ["yearly", "--year", "2026", "--out", str(tmp_path / "年度工作统计.xlsx")],
        "quarterly": [
            "quarterly",
            *("--year", "2026", "--quarter", "1"),
            *("--out", str(tmp_path / "季度汇总.xlsx")),
        ],
        "followups": ["followups", "--out", str(tmp_path / "督办台账.xlsx")],
    }
    db_args = ["--db", str(db_path)]
    assert (
        main([*db_args, "points", "rules", "load-default", "tongcheng_2019", "--year", "2026"]) == 0
    )
    assert main([*db_args, "points", "recalc", "--year", "2026"]) == 0
    rules_out = str(tmp_path / "积分规则.xlsx")
    assert main([*db_args, "points", "rules", "export", "--year", "2026", "--out", rules_out]) == 0
    for args in runs.values():
        assert main([*base, *args]) == 0, args
    known_docx_only = {"minutes", "archive"}
    exports = set(_verbs(_verbs(build_parser())["export"]))
    assert exports - known_docx_only <= set(runs), (
        f"new export verbs {sorted(exports - known_docx_only - set(runs))}: add their .xlsx here"
    )

    found = set()
    for path in tmp_path.glob("*.xlsx"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = archive.read(name).decode("utf-8")
                    assert "<f>" not in xml and "<f " not in xml, (path.name, name)
        for ws in load_workbook(path).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, ws.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        found.update(v for v in EVIL.values() if v.strip() in cell.value)
    assert EVIL["work_unit"] in found  # the evil text was really exported, as text
    register = [c.value for r in load_workbook(tmp_path / "督办台账.xlsx").active for c in r]
    assert EVIL["work_unit"] in register, register
    assert any(EVIL["title"].strip() in str(v) for v in register)
    rooms = load_workbook(tmp_path / "年度工作统计.xlsx")["联络室"]
    assert EVIL["note"] in [c.value for r in rooms for c in r]
    assert EVIL["place"] in found or EVIL["title"] in found


def test_signin_sheets_carry_no_phone_numbers(db, db_path, tmp_path):
    """Sign-in sheets lie on a table for anyone to read: no phone numbers, masked or not."""
    from docx import Document

    from tests.exports.meeting_records import PHONES

    meeting = make_meeting(db)
    db.dispose()
    for suffix in ("xlsx", "docx"):
        out = tmp_path / f"签到表.{suffix}"
        assert (
            main(
                [
                    "--db",
                    str(db_path),
                    "export",
                    "signin",
                    "--out",
                    str(out),
                    str(meeting.activity_id),
                ]
            )
            == 0
        )
    texts = [
        str(cell.value)
        for ws in load_workbook(tmp_path / "签到表.xlsx").worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    document = Document(tmp_path / "签到表.docx")
    texts += [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    joined = "\n".join(texts)
    assert "张建国" in joined  # the sheet does list the members
    for phone in PHONES:
        assert phone not in joined
