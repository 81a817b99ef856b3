"""What the import cannot take as written is said, row and column, and nothing is bent silently:
委员类别 carries 常委, short 政治面貌/民族 forms are mapped, new rooms get a type from their name."""

from sqlalchemy import select

from app.imports.roster import NEW, REPORT_HEADER, import_roster, preview_roster
from app.models import Room
from app.services.members.registry import list_members
from app.services.rooms.room_types import infer_room_type
from tests.imports.roster_books import category_roster


def _by_name(plan):
    return {o.name: o for o in plan.outcomes}


def test_category_column_sets_level_and_standing_and_preview_shows_every_field(db, tmp_path):
    plan = preview_roster(db, category_roster(tmp_path / "r.xlsx"))
    rows = _by_name(plan)
    assert [o.kind for o in plan.outcomes] == [NEW] * 4
    wang = dict(zip(REPORT_HEADER, rows["王丽华"].cells(), strict=True))
    assert wang["层级"] == "县" and wang["常委"] == "是"
    assert (wang["性别"], wang["民族"], wang["出生年月"]) == ("女", "汉族", "1975.03")
    assert (wang["政治面貌"], wang["界别"], wang["届次"]) == ("中共党员", "中共", "十五届")
    assert (wang["单位及职务"], wang["联系电话"], wang["专长"]) == (
        "青石村党支部书记",
        "13800001001",
        "农业",
    )
    assert wang["状态"] == "在任" and wang["联络室"] == "青石村委员联络室"
    li = dict(zip(REPORT_HEADER, rows["李建国"].cells(), strict=True))
    assert (li["层级"], li["常委"], li["政治面貌"], li["出生年月"]) == (
        "市",
        "是",
        "民盟盟员",
        "1968.11",
    )
    chen = dict(zip(REPORT_HEADER, rows["陈静"].cells(), strict=True))
    assert (chen["层级"], chen["常委"]) == ("县", "否")
    assert not rows["王丽华"].warnings and not rows["陈静"].warnings


def test_cells_that_cannot_be_mapped_are_warnings_naming_row_and_column(db, tmp_path):
    plan = preview_roster(db, category_roster(tmp_path / "r.xlsx"))
    zhang = _by_name(plan)["张伟"]
    assert zhang.kind == NEW  # imported, without what could not be read
    where = "工作表“委员名册”第5行"
    assert zhang.warnings == [
        f"{where}「性别」列：“未知”不是有效的性别（可填：男、女），该项未导入",
        f"{where}「民族」列：“地球族”不是 56 个民族之一，已按原文导入，请核对",
        f"{where}「出生年月」列：无法识别“不详”，请写成 1975.03 或 1975年3月，该项未导入",
        f"{where}「政治面貌」列：“火星党”不在政治面貌列表中，已按原文导入，请核对",
        f"{where}「委员类别」列：“政协委员”中看不出委员层级（县、市、省、全国），"
        "层级未导入，新委员按“县”记",
    ]
    assert zhang.remarks.startswith(zhang.warnings[0])
    assert "有 1 行的部分内容未按原文导入" in plan.summary()
    line = next(line for line in plan.report_lines() if "\t张伟\t" in line)
    assert "「出生年月」列：无法识别“不详”" in line


def test_import_stores_what_the_preview_showed(db, tmp_path):
    plan = import_roster(db, category_roster(tmp_path / "r.xlsx"))
    assert plan.written and plan.to_write == 4
    members = {m.name: m for m in list_members(db)}
    assert (members["王丽华"].level, members["王丽华"].is_standing) == ("县", True)
    assert (members["李建国"].level, members["李建国"].is_standing) == ("市", True)
    assert (members["陈静"].level, members["陈静"].is_standing) == ("县", False)
    assert members["李建国"].political_status == "民盟盟员"
    assert members["王丽华"].ethnicity == "汉族"
    zhang = members["张伟"]
    assert (zhang.gender, zhang.birth_month, zhang.level) == (None, None, "县")
    assert (zhang.ethnicity, zhang.political_status) == ("地球族", "火星党")


def test_standing_column_wins_over_category_with_a_warning(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "界别", "委员类别", "是否常委", "联系电话"])
    ws.append(["王丽华", "中共", "县政协常委", "否", "13800001001"])
    ws.append(["李建国", "中共", "县政协常委", None, "13800001002"])
    wb.save(tmp_path / "x.xlsx")
    rows = _by_name(preview_roster(db, tmp_path / "x.xlsx"))
    assert rows["王丽华"].shown["is_standing"] == "否"
    assert rows["王丽华"].warnings == [
        "工作表“Sheet”第2行：「委员类别」列写的是常委，与「是否常委」列不同，按「是否常委」列导入"
    ]
    assert rows["李建国"].shown["is_standing"] == "是" and not rows["李建国"].warnings


def test_new_rooms_get_the_type_their_name_suggests_or_the_clerks_choice(db, tmp_path):
    path = category_roster(tmp_path / "r.xlsx")
    plan = preview_roster(db, path)
    assert plan.room_types == {
        "青石村委员联络室": "村(社区)级",
        "镇政协委员联络室": "镇(街道)级",
        "镇中心学校委员工作室": "企事业单位",
        "教育界委员工作室": "界别",
    }
    assert "镇政协委员联络室（镇(街道)级）" in plan.summary()
    import_roster(db, path, room_types={"青石村委员联络室": "特色"})
    with db.read() as s:
        types = dict(s.execute(select(Room.name, Room.room_type)).all())
    assert types == {**plan.room_types, "青石村委员联络室": "特色"}


def test_room_type_from_name():
    assert infer_room_type("青石街道委员联络室") == "镇(街道)级"
    assert infer_room_type("西城街道幸福社区委员联络室") == "村(社区)级"
    assert infer_room_type("镇卫生院委员工作室") == "企事业单位"
    assert infer_room_type("某某公司委员之家") == "企事业单位"
    assert infer_room_type("民盟委员之家") == "界别"
    assert infer_room_type("医药卫生界委员工作室") == "界别"
