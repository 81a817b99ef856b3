import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.errors import UserError
from app.imports.roster import DUPLICATE, ERROR, NEW, SAME, UPDATE, import_roster, preview_roster
from app.models import Member, Room, RoomMember, Sector
from app.services.members.registry import list_members
from tests.imports.roster_books import bad_roster, clean_roster, messy_roster


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _file_state(db_path: Path) -> dict[str, str]:
    state = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(str(db_path) + suffix)
        if path.exists() and suffix != "-shm":
            state[suffix] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def test_clean_roster_imports_in_one_step(db, tmp_path):
    plan = import_roster(db, clean_roster(tmp_path / "clean.xlsx"))
    assert plan.written and plan.count(NEW) == 3 and not plan.has_errors
    rows = {m.name: m for m in list_members(db)}
    assert rows["王丽华"].birth_month == "1975-03"
    assert rows["王丽华"].sector == "民盟"
    assert rows["张伟"].phone == "0551-12345678"
    assert rows["李建国"].level == "市"
    # importing the same file again changes nothing
    again = import_roster(db, tmp_path / "clean.xlsx")
    assert again.count(SAME) == 3 and not again.written
    assert _count(db, Member) == 3


def test_messy_roster_preview_then_import(db, tmp_path):
    path = messy_roster(tmp_path / "messy.xlsx")
    plan = preview_roster(db, path)
    kinds = {(o.row, o.name): o.kind for o in plan.outcomes}
    assert kinds == {
        (5, "王丽华"): NEW,
        (6, "李建国"): NEW,
        (7, "张伟"): NEW,
        (8, "赵敏"): NEW,
        (9, "陈静"): NEW,
        (10, "刘洋"): NEW,
        (11, "赵敏"): DUPLICATE,
    }, plan.report_lines()
    assert plan.new_rooms == ["青石村委员联络室", "镇委员联络室"]
    assert _count(db, Member) == 0  # the preview wrote nothing

    plan = import_roster(db, path)
    assert plan.written and plan.to_write == 6
    members = {m.name: m for m in list_members(db)}
    assert set(members) == {"王丽华", "李建国", "张伟", "赵敏", "陈静", "刘洋"}
    assert members["王丽华"].phone == "13800001001"  # stored as a number in the file
    assert members["王丽华"].birth_month == "1975-03"  # a date cell
    assert members["李建国"].birth_month == "1968-03"  # "1968.3"
    assert members["张伟"].birth_month == "1980-05"  # "1980年5月"
    assert members["陈静"].birth_month == "1979-10"  # the number 1979.1 = typed "1979.10"
    assert members["陈静"].sector == "教育界"
    assert members["刘洋"].sector == "教育界"  # from the merged cell above
    assert members["刘洋"].phone == "0551-6543210"
    assert members["李建国"].level == "市"
    assert members["王丽华"].expertise == "农业"
    assert set(members["李建国"].room_names) == {"青石村委员联络室", "镇委员联络室"}
    assert _count(db, Room) == 2


def test_update_of_existing_member_is_previewed_with_changes(db, tmp_path):
    import_roster(db, clean_roster(tmp_path / "clean.xlsx"))
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "界别", "联系电话", "工作单位及职务", "联络室"])
    ws.append(["王丽华", "民盟", "13800001001", "青石村党委书记", "青石村委员联络室"])
    wb.save(tmp_path / "update.xlsx")
    plan = preview_roster(db, tmp_path / "update.xlsx")
    (outcome,) = plan.outcomes
    assert outcome.kind == UPDATE
    assert "工作单位及职务：青石村党支部书记 → 青石村党委书记" in outcome.message
    assert "加入联络室：青石村委员联络室" in outcome.message
    import_roster(db, tmp_path / "update.xlsx")
    member = next(m for m in list_members(db) if m.name == "王丽华")
    assert member.work_unit == "青石村党委书记" and member.birth_month == "1975-03"
    assert _count(db, Member) == 3


def test_bad_rows_are_reported_precisely_and_nothing_lands(db, db_path, tmp_path):
    path = bad_roster(tmp_path / "bad.xlsx")
    before = _file_state(db_path)
    plan = import_roster(db, path)
    assert not plan.written and plan.has_errors
    messages = {o.row: o.message for o in plan.outcomes if o.kind == ERROR}
    assert set(messages) == {5, 6, 7, 8}
    # a month that cannot be read leaves the field out with a warning; the row is not refused
    (row4,) = [o for o in plan.outcomes if o.row == 4]
    assert row4.kind == NEW and "birth_month" not in row4.shown
    assert row4.warnings == ["工作表“Sheet1”第4行「出生年月」列：月份“13”不对，该项未导入"]
    assert "工作表“Sheet1”第5行「界别」列：未知界别“火星界”" in messages[5]
    assert "第6行「联系电话」列：“12345”不是有效的手机号码或固定电话" in messages[6]
    assert "第7行「姓名」列：不能为空" in messages[7]
    assert "与工作表“Sheet1”第3行姓名、联系电话相同但其他内容不同" in messages[8]
    assert "未导入任何数据" in plan.summary()
    assert _count(db, Member) == 0
    assert _file_state(db_path) == before


def test_unknown_sector_can_be_added_by_choice(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "界别", "联系电话"])
    ws.append(["赵六", "火星界", "13800001010"])
    ws.append(["钱七", "中国民主同盟", "13800001011"])  # a full name: taken as 民盟
    wb.save(tmp_path / "mars.xlsx")
    assert import_roster(db, tmp_path / "mars.xlsx").has_errors
    plan = import_roster(db, tmp_path / "mars.xlsx", add_sectors=True)
    assert plan.written and plan.new_sectors == ["火星界"]
    with db.read() as s:
        assert s.scalar(select(Sector).where(Sector.name == "火星界")) is not None
    assert {m.name: m.sector for m in list_members(db)} == {"赵六": "火星界", "钱七": "民盟"}


def test_failure_while_writing_leaves_database_unchanged(db, db_path, tmp_path, monkeypatch):
    path = messy_roster(tmp_path / "messy.xlsx")
    before = _file_state(db_path)
    import app.imports.roster as roster_module

    real = roster_module.find_or_create_room
    calls = []

    def failing(session, name, room_type=None):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk went away")
        return real(session, name, room_type)

    monkeypatch.setattr(roster_module, "find_or_create_room", failing)
    with pytest.raises(OSError):
        import_roster(db, path)
    assert _count(db, Member) == 0 and _count(db, Room) == 0 and _count(db, RoomMember) == 0
    assert _file_state(db_path) == before


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (lambda p: p.write_text("姓名,界别\n王丽华,民盟\n", encoding="utf-8"), "不是 Excel 工作簿"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
            "旧版 Excel 97-2003 格式（.xls）",
        ),
        (
            lambda p: p.write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                + b"\0" * 100
                + "EncryptionInfo".encode("utf-16-le")
                + b"\0" * 100
            ),
            "设置了打开密码",
        ),
        (lambda p: p.write_bytes(b"PK\x03\x04garbage"), "已损坏"),
    ],
    ids=["csv-text", "xls", "password", "broken-zip"],
)
def test_files_that_are_not_workbooks_get_a_clear_message(db, tmp_path, maker, expected):
    path = tmp_path / "名册.xlsx"
    maker(path)
    with pytest.raises(UserError) as info:
        preview_roster(db, path)
    assert expected in info.value.message


def test_xls_suffix_and_docx_content(db, tmp_path):
    from docx import Document

    Document().save(tmp_path / "x.docx")
    (tmp_path / "x.docx").rename(tmp_path / "名册.xlsx")
    with pytest.raises(UserError, match="不是 Excel 工作簿"):
        preview_roster(db, tmp_path / "名册.xlsx")
    with pytest.raises(UserError, match="找不到文件"):
        preview_roster(db, tmp_path / "nope.xlsx")


def test_sheet_without_a_header_is_refused(db, tmp_path):
    wb = Workbook()
    wb.active.append(["随便", "写点"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(UserError, match="没有找到名册表头"):
        preview_roster(db, tmp_path / "x.xlsx")


def test_real_xls_file_is_refused_with_advice(db, tmp_path):
    """A real Excel 97-2003 file (saved by LibreOffice from messy_roster)."""
    fixture = Path(__file__).parent / "fixtures" / "roster-excel97.xls"
    with pytest.raises(UserError) as info:
        preview_roster(db, fixture)
    assert "旧版 Excel 97-2003 格式（.xls）" in info.value.message
    assert "另存为" in info.value.message


def test_size_limit(db, tmp_path, monkeypatch):
    import app.imports.workbook as workbook

    path = clean_roster(tmp_path / "clean.xlsx")
    monkeypatch.setattr(workbook, "MAX_BYTES", 1000)
    with pytest.raises(UserError, match="超过了"):
        preview_roster(db, path)


def test_dry_run_leaves_database_bytes_unchanged(db, db_path, tmp_path):
    before = _file_state(db_path)
    plan = preview_roster(db, messy_roster(tmp_path / "messy.xlsx"))
    assert plan.to_write == 6
    assert _file_state(db_path) == before and _count(db, Member) == 0


def test_numbered_template_rows_and_group_headings_are_skipped(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "界别", "联系电话"])
    ws.append([None, "一、中共（1人）", None, None])
    ws.append([1, "李建国", "中共", "13800001002"])
    ws.append([None, "教育界 1人", None, None])
    ws.append([2, "陈静", "教育界", "13800001005"])
    for n in range(3, 20):
        ws.append([n, None, None, None])  # a template numbered in advance
    wb.save(tmp_path / "grouped.xlsx")
    plan = preview_roster(db, tmp_path / "grouped.xlsx")
    assert [(o.row, o.name, o.kind) for o in plan.outcomes] == [
        (3, "李建国", NEW),
        (5, "陈静", NEW),
    ]


def test_leaving_dates_are_read_and_checked(db, tmp_path):
    from datetime import date

    path = tmp_path / "离任.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "界别", "状态", "离任日期"])
    ws.append(["王丽华", "中共", "离任", "2025.06.30"])
    ws.append(["李建国", "中共", "在任", "2025-06-30"])
    ws.append(["张伟", "中共", "离任", "2999-01-01"])
    wb.save(path)
    plan = import_roster(db, path)
    assert not plan.written
    errors = {o.name: o.message for o in plan.outcomes if o.kind == ERROR}
    assert errors == {
        "李建国": "工作表“Sheet”第3行「离任日期」列：只有“离任”的委员才填写离任日期",
        "张伟": "工作表“Sheet”第4行「离任日期」列：离任日期不能晚于今天",
    }
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "界别", "状态", "离任日期"])
    ws.append(["王丽华", "中共", "离任", "2025.06.30"])
    wb.save(path)
    assert import_roster(db, path).written
    (member,) = list_members(db)
    assert (member.status, member.left_on) == ("离任", date(2025, 6, 30))
