"""姓氏笔画 order as CPPCC name lists use it (domain.md): count, then stroke classes 横竖撇点折,
then the tie table; a shorter name first. Orders checked against published lists."""

from datetime import date

from app.services.activities.activity_list import member_choices
from app.services.members.registry import MemberInput, create_member, list_members
from app.services.members.stroke_order import name_sort_key, stroke_count, stroke_shapes
from app.services.points import ranking


def strokes(names: str) -> str:
    return "".join(sorted(names, key=name_sort_key))


def test_counts_and_shapes_from_the_generated_table():
    assert [stroke_count(c) for c in "丁于万马王"] == [2, 3, 3, 3, 4]
    assert [stroke_shapes(c) for c in "丁于万马王"] == ["12", "112", "153", "551", "1121"]
    assert stroke_shapes("孔") == "5215"  # 横撇/横钩 折, 竖钩 竖, 提 横, 竖弯钩 折
    assert stroke_shapes("心") == "4544"  # 左点 and 点 are 点; 卧钩 折


def test_equal_counts_go_by_stroke_shapes_not_pinyin():
    assert strokes("马万于丁") == "丁于万马"
    assert strokes("孔方韦王") == "王韦方孔"  # pinyin would give 方孔王韦
    # the order of a published CPPCC list (十四届全国政协委员名单's surnames)
    published = (
        "丁于万马王韦卞方尹孔邓艾石龙卢叶田史冯宁边邢吉巩毕吕朱乔任华向刘齐闫关江汤许孙严苏杜李杨"
    )
    assert strokes(published[::-1]) == published


def test_pairs_the_shapes_cannot_settle_follow_the_tie_table():
    assert strokes("于干") == "干于"  # 竖 before 竖钩
    assert strokes("由田") == "田由"  # same strokes: the hand table
    assert strokes("入人八") == "八人入"


def test_a_shorter_name_first_then_character_by_character():
    names = ["王大", "王一", "王", "韦一", "丁大"]
    assert sorted(names, key=name_sort_key) == ["丁大", "王", "王一", "王大", "韦一"]
    assert name_sort_key("王 一") == name_sort_key("王一")  # spaces in typed names ignored


def test_every_member_list_uses_the_order(db):
    names = ["孔明", "王一", "方芳", "于丽", "干成", "王", "韦伟", "田甜", "由佳"]
    for n in names:
        create_member(db, MemberInput(name=n, sector="民盟"))
    expected = ["干成", "于丽", "王", "王一", "韦伟", "方芳", "孔明", "田甜", "由佳"]
    assert [m.name for m in list_members(db)] == expected
    assert [c.name for c in member_choices(db)] == expected
    picked = [name.split("（")[0] for _i, name in ranking.member_choices(db, date.today().year)]
    assert picked == expected


def test_the_generator_codes_shapes_orders_ties_and_drops_disagreements():
    from tools.gen_stroke_keys import build

    counts = {"干": 3, "于": 3, "亍": 3, "田": 5, "由": 5, "八": 2, "人": 2, "入": 2, "囍": 21}
    orders = {
        "干": "jjf",  # 横 横 竖
        "于": "jjg",  # 横 横 竖钩: same classes, 折笔 after 平笔
        "亍": "jjg",
        "由": "fcjfj",
        "田": "fcjfj",
        "人": "sl",
        "入": "sl",
        "八": "sl",
        "囍": "j" * 24,  # the table disagrees with Unihan's 21: count only
    }
    lines, dropped = build(counts, orders)
    assert lines == ["34\t八人入", "112\t干亍于", "25121\t田由", "=21\t囍"]
    assert dropped == ["囍"]
