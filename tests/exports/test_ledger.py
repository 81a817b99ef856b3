"""活动台账: one sheet per room, every activity of the year, print-ready."""

from datetime import datetime

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.exports.ledger import HEADERS, WIDTHS, ledger_row, row_height, sheet_name, write_ledger
from app.models import Activity, Room
from app.services.documents import meeting_papers as documents
from tests.exports.meeting_records import make_meeting


def test_sheet_names_are_cleaned_short_and_unique():
    taken: set[str] = set()
    long = "某某县某某镇某某村某某社区委员联络室（第一联络点）[试点]"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second
    assert not set("[]:*?/\\") & set(first)
    assert sheet_name("a/b:c", set()) == "a_b_c"


def test_ledger_sheet_per_room_rows_and_print_setup(db, tmp_path):
    meeting = make_meeting(db)
    make_meeting(db, room_name="新华社区委员工作室")
    with db.write() as s:
        s.add(Room(name="空白联络室"))
        s.add(
            Activity(
                activity_type="调研视察",
                title="去年的活动",
                room_id=meeting.room_id,
                start_at=datetime(2025, 12, 30, 9, 0),
            )
        )
    path = tmp_path / "台账.xlsx"
    write_ledger(path, documents.load_ledger(db, 2026))
    wb = load_workbook(path)
    # the empty room has no sheet of its own: the 汇总 lists it
    assert wb.sheetnames == ["汇总", "和平村委员联络室", "新华社区委员工作室"]
    ws = wb["和平村委员联络室"]
    assert ws["A1"].value == "和平村委员联络室2026年活动台账"
    assert [c.value for c in ws[2]] == HEADERS
    first = dict(zip(HEADERS, [c.value for c in ws[3]], strict=True))
    assert first["日期"] == datetime(2026, 3, 5) and ws["B3"].number_format == 'm"月"d"日"'
    assert first["起止时间"] == "09:00\n11:30"
    assert first["活动类型"] == "协商议事会" and first["议题"] == "老旧小区加装电梯"
    assert (first["应到"], first["出席"], first["请假"], first["缺席"]) == (6, 4, 1, 1)
    assert first["请假、缺席"] == "请假：王志强（外出学习）\n缺席：陈明"
    assert first["出席委员"] == "张建国、李秀英、刘芳、杨丽华"
    assert first["列席人员"] == "赵刚（县住建局副局长）、孙梅（居民代表）"
    assert first["活动成效"].startswith("形成协商意见3条")
    assert first["成果办理情况"].startswith("共2项：")
    second = dict(zip(HEADERS, [c.value for c in ws[4]], strict=True))
    assert second["活动名称"] == "@停车难问题微协商" and ws["E4"].data_type == "s"
    assert ws.max_row == 4  # last year's activity is not listed
    for sheet in wb.worksheets[1:]:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$2:$2" and sheet.freeze_panes == "A3"


def test_ledger_for_one_room(db, tmp_path):
    make_meeting(db)
    other = make_meeting(db, room_name="新华社区委员工作室")
    path = tmp_path / "台账.xlsx"
    write_ledger(path, documents.load_ledger(db, 2026, other.room_id))
    assert load_workbook(path).sheetnames == ["新华社区委员工作室"]


def test_ledger_layout_a_clerk_sees(db, tmp_path):
    """Merged title, header look, column widths, row heights that fit the text, date format."""
    make_meeting(db)
    with db.write() as s:
        s.add(Room(name="空白联络室"))
    path = tmp_path / "台账.xlsx"
    data = documents.load_ledger(db, 2026)
    write_ledger(path, data)
    wb = load_workbook(path)
    ws = wb["和平村委员联络室"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:Q1"}
    assert ws["A1"].font.name == "黑体" and ws["A1"].alignment.horizontal == "center"
    assert ws.row_dimensions[1].height == 32 and ws.row_dimensions[2].height == 30
    assert ws["A2"].fill.fgColor.rgb == "00D9E1F2" and ws["Q2"].font.b
    assert [ws.column_dimensions[get_column_letter(i)].width for i in range(1, 18)] == WIDTHS
    room = data.rooms[0]
    for i, activity in enumerate(room.activities, start=1):
        values = ledger_row(i, activity)
        assert ws.row_dimensions[2 + i].height == row_height(values)
        assert ws.cell(2 + i, 2).number_format == 'm"月"d"日"'
        centred = [c.column for c in ws[2 + i] if c.alignment.horizontal == "center"]
        assert centred == [1, 2, 3, 4, 9, 10, 11, 12]  # 序号 日期 时间 类型 and the counts
        assert all(c.border.left.style == "thin" and c.alignment.wrap_text for c in ws[2 + i])
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert wb.sheetnames == ["汇总", "和平村委员联络室"]
