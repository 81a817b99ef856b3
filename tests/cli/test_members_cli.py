from openpyxl import load_workbook

from app.cli import main
from app.services import audit
from app.storage import open_database
from tests.imports.roster_books import bad_roster, messy_roster


def test_import_dry_run_writes_nothing_then_import(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    path = str(messy_roster(tmp_path / "messy.xlsx"))
    assert main(["--db", db, "import", "members", path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2026年名册\t第5行\t新增\t王丽华\t13800001001" in out
    assert "第11行\t重复\t赵敏" in out
    assert "预览模式：未写入任何数据" in out
    assert main(["--db", db, "list", "members"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # only the header: nothing was written

    assert main(["--db", db, "import", "members", path]) == 0
    assert "已导入 6 名委员" in capsys.readouterr().out
    # the same file again: nothing imported → exit 2
    assert main(["--db", db, "import", "members", path]) == 2
    assert "没有需要导入的新委员或变更" in capsys.readouterr().out


def test_import_with_bad_rows_prints_report_and_exits_2(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    path = str(bad_roster(tmp_path / "bad.xlsx"))
    assert main(["--db", db, "import", "members", path]) == 2
    out = capsys.readouterr().out
    assert "第5行「界别」列：未知界别“火星界”" in out
    assert "未导入任何数据" in out


def test_non_workbook_is_one_chinese_line(tmp_path, capsys):
    bogus = tmp_path / "名册.xls"
    bogus.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert main(["--db", str(tmp_path / "x.db"), "import", "members", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "另存为" in err and "Traceback" not in err


def test_export_roster_masked(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    main(["--db", db, "import", "members", str(messy_roster(tmp_path / "m.xlsx"))])
    out = tmp_path / "公示名册.xlsx"
    assert main(["--db", db, "export", "roster", "--out", str(out), "--mask-phone"]) == 0
    assert "已导出 6 名委员" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws.cell(row=3, column=2).value == "王丽华"
    assert ws.cell(row=3, column=12).value == "138****1001"


def test_export_roster_with_full_phones_is_audited_masked_is_not(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    main(["--db", db, "import", "members", str(messy_roster(tmp_path / "m.xlsx"))])
    base = ["--db", db, "export", "roster", "--out"]
    assert main([*base, str(tmp_path / "公示.xlsx"), "--mask-phone"]) == 0
    assert main([*base, str(tmp_path / "名册.xlsx")]) == 0
    full = load_workbook(tmp_path / "名册.xlsx").active
    assert full.cell(row=3, column=12).value == "13800001001"
    database = open_database(tmp_path / "x.db")
    try:
        exports = [r for r in audit.list_entries(database) if r.action == "导出"]
    finally:
        database.dispose()
    assert len(exports) == 1 and "“名册.xlsx”" in exports[0].summary
    assert "6 条" in exports[0].summary and "13800001001" not in exports[0].summary


def test_dry_run_prints_every_field_and_the_warnings(tmp_path, capsys):
    from tests.imports.roster_books import category_roster

    db = str(tmp_path / "x.db")
    path = str(category_roster(tmp_path / "名册.xlsx"))
    assert main(["--db", db, "import", "members", path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    header, *lines = out.splitlines()
    assert header.split("\t")[:12] == [
        "工作表",
        "行号",
        "结果",
        "姓名",
        "联系电话",
        "性别",
        "民族",
        "出生年月",
        "政治面貌",
        "界别",
        "层级",
        "常委",
    ]
    wang = next(line for line in lines if "\t王丽华\t" in line).split("\t")
    assert wang[5:12] == ["女", "汉族", "1975.03", "中共党员", "中共", "县", "是"]
    zhang = next(line for line in lines if "\t张伟\t" in line)
    assert "「出生年月」列：无法识别“不详”，请写成 1975.03 或 1975年3月，该项未导入" in zhang
    assert "镇政协委员联络室（镇(街道)级）" in out
    assert "有 1 行的部分内容未按原文导入" in out


def test_unknown_sector_on_the_command_line_names_the_flag(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "import", "members", str(bad_roster(tmp_path / "b.xlsx"))]) == 2
    out = capsys.readouterr().out
    assert "可加 --add-sectors 同时新增" in out
    assert "勾选" not in out


def test_room_type_chosen_on_the_command_line(tmp_path, capsys):
    from sqlalchemy import select

    from app.models import Room
    from tests.imports.roster_books import category_roster

    db = str(tmp_path / "x.db")
    path = str(category_roster(tmp_path / "名册.xlsx"))
    bad = ["--db", db, "import", "members", path, "--room-type", "青石村委员联络室=村级"]
    assert main(bad) == 2
    assert "类型为：镇(街道)级、村(社区)级" in capsys.readouterr().err
    good = ["--db", db, "import", "members", path, "--room-type", "青石村委员联络室=特色"]
    assert main(good) == 0
    assert "青石村委员联络室（特色）" in capsys.readouterr().out
    database = open_database(tmp_path / "x.db")
    try:
        with database.read() as s:
            types = dict(s.execute(select(Room.name, Room.room_type)).all())
    finally:
        database.dispose()
    assert types["青石村委员联络室"] == "特色" and types["镇政协委员联络室"] == "镇(街道)级"
