"""A 定稿 year shows what was true when it was locked (issue 14.5): after a roster import moves
a member to another 界别 and seats them in a room created after the lock, and after the
activity's room is renamed, the locked year's ranking, 统计表 and 档案 still show the 界别 and
rooms of the lock; an open year and the member list show today's."""

from datetime import date

from docx import Document
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.cli import main
from app.models import Activity, Member, Room
from app.services.points.rules import copy_rule_set
from tests.services.points_builders import activity, att_rule, rule_set

LOCKED, OPEN = 2023, 2024
HEADER = ["姓名", "性别", "界别", "工作单位及职务", "联系电话", "所属联络室"]


def roster(path, *rows):
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def run(capsys, *argv) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, out + err
    return out


def test_a_locked_year_keeps_the_sectors_and_rooms_of_its_lock(db, db_path, tmp_path, capsys):
    at = ["--db", str(db_path)]
    before = roster(
        tmp_path / "名册.xlsx",
        ["王丽华", "女", "经济界", "青石村卫生室", "13800001001", "青石村委员联络室"],
        ["李建国", "男", "教育界", "青石小学", "13800001002", "青石村委员联络室"],
    )
    run(capsys, *at, "import", "members", str(before))
    with db.read() as s:
        ids = {name: mid for name, mid in s.execute(select(Member.name, Member.id))}
        room_id = s.scalar(select(Room.id))
    rule_set(db, LOCKED, [att_rule("A", 10)])
    act = activity(db, date(LOCKED, 5, 1), {ids["王丽华"]: "出席", ids["李建国"]: "出席"})
    with db.write() as s:
        s.get(Activity, act).room_id = room_id
    run(capsys, *at, "points", "lock", "--year", str(LOCKED), "--yes")
    copy_rule_set(db, LOCKED, OPEN)
    activity(db, date(OPEN, 3, 1), {ids["王丽华"]: "出席"})

    after = roster(
        tmp_path / "新名册.xlsx",
        ["王丽华", "女", "农业界", "白沙村合作社", "13800001001", "白沙村委员联络室"],
    )
    run(capsys, *at, "import", "members", str(after))
    with db.write() as s:
        s.get(Room, room_id).name = "青石社区委员联络室"  # renamed after the lock
    run(capsys, *at, "points", "recalc", "--year", str(OPEN))

    ranked = run(capsys, *at, "points", "rank", "--year", str(LOCKED))
    line = next(ln.split("\t") for ln in ranked.splitlines() if "王丽华" in ln)
    assert line[2:4] == ["经济界", "青石村委员联络室"]
    ranked_open = run(capsys, *at, "points", "rank", "--year", str(OPEN))
    line = next(ln.split("\t") for ln in ranked_open.splitlines() if "王丽华" in ln)
    assert line[2] == "农业界" and "白沙村委员联络室" in line[3]

    table = tmp_path / "统计表.xlsx"
    run(capsys, *at, "export", "points", "--year", str(LOCKED), "--out", str(table))
    cells = [
        [str(c) for c in row if c is not None]
        for row in load_workbook(table).worksheets[0].iter_rows(values_only=True)
    ]
    row = next(r for r in cells if "王丽华" in r)
    assert "经济界" in row and "青石村委员联络室" in row
    assert not any("农业界" in c or "白沙" in c or "青石社区" in c for r in cells for c in r)

    archive = tmp_path / "档案.docx"
    run(
        capsys, *at, "export", "archive", str(ids["王丽华"]), "--year", str(LOCKED),
        "--out", str(archive),
    )  # fmt: skip
    text = [c.text for t in Document(archive).tables for r in t.rows for c in r.cells]
    assert "经济界" in text and "青石村卫生室" in text and "青石村委员联络室" in text
    assert not any("农业界" in c or "白沙" in c or "青石社区" in c for c in text)

    listed = run(capsys, *at, "list", "members")
    assert "农业界" in listed  # today's facts are today's
