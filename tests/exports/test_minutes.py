"""会议纪要 read back: layout, labels, the numbered 协商意见 and the 落实分工 table."""

from docx.shared import Pt

from app.exports.minutes import minutes_blocks, write_minutes
from app.exports.official_docx import OfficialFonts
from app.services.documents import meeting_papers as documents
from tests.exports.docx_facts import east_asia, mm, open_docx
from tests.exports.meeting_records import make_meeting


def _export(db, tmp_path, fonts=None):
    meeting = make_meeting(db)
    data = documents.load_minutes(db, meeting.activity_id)
    path = tmp_path / "纪要.docx"
    write_minutes(path, minutes_blocks(data), fonts or OfficialFonts())
    return open_docx(path)


def _paragraph(d, start):
    return next(p for p in d.paragraphs if p.text.startswith(start))


def test_minutes_page_title_and_body(db, tmp_path):
    d = _export(db, tmp_path)
    s = d.sections[0]
    assert (mm(s.page_width), mm(s.page_height), mm(s.top_margin), mm(s.left_margin)) == (
        210.0,
        297.0,
        37.0,
        28.0,
    )
    title = d.paragraphs[0]
    assert title.text == "和平村委员联络室协商议事会会议纪要"
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22)
    assert east_asia(title.runs[0]) == "方正小标宋简体"
    assert str(title.runs[0].font.color.rgb) == "FF0000"
    intro = d.paragraphs[2]
    assert "老旧小区加装电梯" in intro.text
    assert east_asia(intro.runs[0]) == "仿宋_GB2312" and intro.runs[0].font.size == Pt(16)
    assert "盖章" not in "".join(p.text for p in d.paragraphs)  # minutes carry no seal


def test_attendance_labels_are_heiti_with_full_width_colon(db, tmp_path):
    d = _export(db, tmp_path)
    expected = {
        "时间": "2026年3月5日（星期四）09:00—11:30",
        "地点": "和平村党群服务中心二楼会议室",
        "主持人": "张建国",
        "记录人": "刘芳",
        "出席": "张建国、李秀英、刘芳、杨丽华",
        "请假": "王志强（外出学习）",
        "列席": "赵刚（县住建局副局长）、孙梅（居民代表）",
        "议题": "老旧小区加装电梯",
    }
    for label, names in expected.items():
        p = _paragraph(d, f"{label}：")
        label_run, names_run = p.runs
        assert label_run.text == f"{label}："  # full-width colon, inside the 黑体 run
        assert east_asia(label_run) == "黑体" and label_run.font.size == Pt(16)
        assert names_run.text == names and east_asia(names_run) == "仿宋_GB2312"


def test_speeches_opinions_and_follow_up_table(db, tmp_path):
    d = _export(db, tmp_path)
    texts = [p.text for p in d.paragraphs]
    heading = _paragraph(d, "协商情况")
    assert east_asia(heading.runs[0]) == "黑体"
    speech = _paragraph(d, "张建国委员：")
    assert east_asia(speech.runs[0]) == "楷体_GB2312"
    assert [t[:2] for t in texts if t[:2] in ("一、", "二、", "三、")] == ["一、", "二、", "三、"]
    assert texts.index("协商情况") < texts.index("协商意见") < texts.index("落实分工")
    table = d.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "事项", "承办单位", "办理时限"]
    assert rows[1] == ["1", "简化加装电梯审批流程", "县住建局", "2026年5月31日"]
    assert rows[2] == ["2", "=1+1 制定补贴细则", "县财政局", "2026年4月30日"]
    assert east_asia(table.rows[0].cells[0].paragraphs[0].runs[0]) == "黑体"
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_configured_fonts_are_written(db, tmp_path):
    d = _export(db, tmp_path, OfficialFonts(title="宋体", body="仿宋"))
    assert east_asia(d.paragraphs[0].runs[0]) == "宋体"
    assert east_asia(d.paragraphs[2].runs[0]) == "仿宋"


def test_whole_file_is_chinese_and_titled(db, tmp_path):
    from tests.exports.docx_facts import all_xml

    meeting = make_meeting(db)
    data = documents.load_minutes(db, meeting.activity_id)
    path = tmp_path / "纪要.docx"
    write_minutes(path, minutes_blocks(data), OfficialFonts())
    xml = all_xml(path)
    assert "ja-JP" not in xml and 'w:eastAsia="zh-CN"' in xml
    assert 'w:w="11906" w:h="16838"' in xml  # A4
    props = open_docx(path).core_properties
    assert props.title == "和平村委员联络室协商议事会会议纪要" and props.language == "zh-CN"


def test_non_consultation_wording_and_own_numbering_stripped(db, tmp_path):
    from app.models import Activity, Opinion

    meeting = make_meeting(db)
    with db.write() as s:
        activity = s.get(Activity, meeting.activity_id)
        activity.activity_type = "调研视察"
        for op in s.query(Opinion).filter_by(activity_id=activity.id):
            op.content = f"（{op.seq + 1}）意见{op.seq + 1}"
    blocks = minutes_blocks(documents.load_minutes(db, meeting.activity_id))
    texts = [b.text for b in blocks if hasattr(b, "text")]
    assert blocks[0].text == "和平村委员联络室调研视察活动纪要"
    assert "开展调研视察活动" in blocks[1].text
    assert "活动情况" in texts and "意见建议" in texts and "协商意见" not in texts
    assert [t for t in texts if t[:2] in ("一、", "二、", "三、")] == [
        "一、意见1",
        "二、意见2",
        "三、意见3",
    ]


def test_a_long_title_breaks_between_words_not_inside_them():
    from app.exports.minutes import title_lines

    short = "和平村委员联络室协商议事会会议纪要"  # 17: one line
    assert title_lines(short, "和平村委员联络室") == short
    room = "幸福社区“有事好商量”协商议事室"
    assert title_lines(f"{room}协商议事会会议纪要", room) == f"{room}\n协商议事会会议纪要"
    room = "双河镇教育医卫界别委员工作室"
    assert title_lines(f"{room}政策宣讲活动纪要", room) == f"{room}\n政策宣讲活动纪要"
    assert (
        title_lines("某某某某某某某某某某某某某某某某某某会议纪要")
        == "某某某某某某某某某某某某某某某某某某\n会议纪要"
    )
