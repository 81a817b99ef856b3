import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from app.errors import UserError
from app.imports import xlsx_reader
from app.imports.xlsx_reader import cell_text, check_file, read_first_sheet, read_workbook


def _roster(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["某某镇政协委员名单"])
    ws.merge_cells("A1:C1")
    ws.append(["姓名", "联系电话", "出生年月"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_reads_values_never_formulas(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws["A1"] = 2
    ws["B1"] = "=A1*3"  # a live formula with no cached value: read as None, not the text
    ws["C1"] = "\u3000张三\u3000"
    ws["D1"] = 13800001111
    wb.save(path)
    sheet = read_first_sheet(path)
    assert sheet.rows[0][0] == 2
    assert sheet.rows[0][1] is None
    assert cell_text(sheet.rows[0][2]) == "张三"
    assert cell_text(sheet.rows[0][3]) == "13800001111"


def test_title_row_and_trailing_blank_rows(tmp_path):
    path = _roster(tmp_path / "r.xlsx", [["李四", 13900001111.0, "1975.03"], [None, None, None]])
    sheet = read_first_sheet(path)
    assert sheet.name == "名单"
    assert cell_text(sheet.rows[0][0]) == "某某镇政协委员名单"
    assert [cell_text(v) for v in sheet.rows[-1]] == ["李四", "13900001111", "1975.03"]


def test_cell_text_forms():
    assert cell_text(None) == ""
    assert cell_text(1.5) == "1.5"
    assert cell_text(datetime(1975, 3, 1)) == "1975-03-01"
    assert cell_text(" a\xa0") == "a"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.xlsx", "空文件"),
        (b"hello", "a.xlsx", "不是有效的 .xlsx"),
        (b"a,b\n1,2", "a.csv", "另存为 .xlsx"),
        (xlsx_reader.OLE_MAGIC + b"\0" * 600, "a.xls", "旧版 .xls"),
        (
            xlsx_reader.OLE_MAGIC + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le"),
            "a.xlsx",
            "密码",
        ),
        (b"PK\x03\x04broken", "a.xlsx", "不是有效的 .xlsx"),
    ],
)
def test_bad_files_give_chinese_messages(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_workbook(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UserError, match="找不到"):
        read_workbook(tmp_path / "nope.xlsx")
    with pytest.raises(UserError, match="文件夹"):
        read_workbook(tmp_path)


def test_word_file_renamed(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UserError, match="Word"):
        check_file(path)


def test_size_limit(tmp_path, monkeypatch):
    path = _roster(tmp_path / "r.xlsx", [["王五", "1", "2"]])
    monkeypatch.setattr(xlsx_reader, "MAX_FILE_BYTES", 1000)
    with pytest.raises(UserError, match="超过导入上限"):
        read_workbook(path)


def test_zip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UserError, match="体积异常"):
        check_file(path)


def test_row_limit(tmp_path):
    path = _roster(tmp_path / "r.xlsx", [[f"委员{i}", "1", "2"] for i in range(30)])
    with pytest.raises(UserError, match="超过 10 行"):
        read_workbook(path, max_rows=10)


def test_corrupt_workbook_part_is_user_error(tmp_path):
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-xml")
        archive.writestr("xl/workbook.xml", "<<<")
    with pytest.raises(UserError, match="无法读取"):
        read_workbook(path)


def test_entity_expansion_is_refused(tmp_path):
    """A billion-laughs shared-strings part must not be expanded (defusedxml)."""
    good = _roster(tmp_path / "g.xlsx", [["赵六", "1", "2"]])
    evil = tmp_path / "evil.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = laughs.encode()
            dst.writestr(item, data)
    with pytest.raises(UserError):
        read_workbook(evil)


def test_defusedxml_required(monkeypatch):
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(UserError, match="defusedxml"):
        xlsx_reader.require_defusedxml()


def test_roster_import_backs_up_first_and_refuses_zip_bombs(db, tmp_path, app_home):
    from app.imports.roster import import_roster
    from tests.imports.roster_books import clean_roster

    plan = import_roster(db, clean_roster(tmp_path / "clean.xlsx"))
    assert plan.written
    assert len(list((app_home / "backups").rglob("导入前备份-*.db"))) == 1

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(UserError, match="体积异常"):
        import_roster(db, bomb)


def test_failed_backup_stops_the_import(db, tmp_path, monkeypatch):
    from app.imports import roster
    from app.models import Member
    from tests.imports.roster_books import clean_roster

    def no_space(db, reason):
        raise UserError("磁盘空间不足，备份未完成。")

    monkeypatch.setattr(roster, "backup_before", no_space)
    with pytest.raises(UserError, match="备份未完成"):
        roster.import_roster(db, clean_roster(tmp_path / "clean.xlsx"))
    with db.read() as session:
        assert session.query(Member).count() == 0
