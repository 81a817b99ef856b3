"""The shared 公文 builder: our own A4 template with Chinese language settings."""

import zipfile

import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from app.exports import official_geometry as geo
from app.exports.official_docx import TEMPLATE, OfficialDocument, OfficialFonts
from tests.exports.docx_facts import east_asia, mm, open_docx


def test_line_pitch_gives_22_lines_and_28_characters():
    type_area_pt = (297 - 37 - 35) / 25.4 * 72
    assert geo.LINE_PT == pytest.approx(28.95)
    assert 22 * geo.LINE_PT <= type_area_pt < 23 * geo.LINE_PT
    assert type_area_pt / 22 - geo.LINE_PT < 0.05  # rounded down by less than a twip
    width_pt = (210 - 28 - 26) / 25.4 * 72
    pitch = geo.BODY_PT + geo.CHAR_SPACING_TWENTIETHS / 20
    assert 28 * pitch <= width_pt < 29 * pitch


def test_template_is_a4_chinese_and_not_python_docx_default():
    with zipfile.ZipFile(TEMPLATE) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles and "ja-JP" not in styles
    assert 'w:eastAsia="zh-CN"' in settings and "<w:evenAndOddHeaders/>" in settings
    assert 'w:w="11906" w:h="16838"' in document  # A4, not US Letter (12240 × 15840)


def test_built_document_page_fonts_and_footers(tmp_path):
    fonts = OfficialFonts(title="方正小标宋简体", body="仿宋_GB2312", heading1="黑体")
    doc = OfficialDocument(fonts)
    doc.title("某某会议纪要", red=True)
    doc.labelled("出席", "张三、李四")
    doc.heading1("协商情况")
    doc.heading2("（一）关于停车")
    doc.body("正文。")
    path = tmp_path / "x.docx"
    doc.save(path)

    d = open_docx(path)
    section = d.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37.0, 35.0)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28.0, 26.0)

    lang = d.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert d.settings.odd_and_even_pages_header_footer

    title, _blank, label, h1, h2, body = d.paragraphs
    assert title.alignment == 1  # centred
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert str(title.runs[0].font.color.rgb) == "FF0000"
    assert label.runs[0].text == "出席：" and east_asia(label.runs[0]) == "黑体"
    assert east_asia(label.runs[1]) == "仿宋_GB2312" and label.runs[1].font.size == Pt(16)
    assert east_asia(h1.runs[0]) == "黑体" and east_asia(h2.runs[0]) == "楷体_GB2312"
    assert east_asia(body.runs[0]) == "仿宋_GB2312"
    normal = d.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95) and normal.line_spacing_rule == 4  # EXACTLY

    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.text.replace(" ", "") == "—1—"
        assert paragraph.runs[0].font.size == Pt(14) and east_asia(paragraph.runs[0]) == "宋体"
    assert odd.alignment == 2 and odd.paragraph_format.right_indent == Pt(14)  # right, 1 char in
    assert even.alignment == 0 and even.paragraph_format.left_indent == Pt(14)  # left, 1 char in


def test_fonts_fall_back_when_a_name_is_empty():
    fonts = OfficialFonts.from_settings(
        {"fonts.title": "", "fonts.title_fallback": "宋体", "fonts.body": "仿宋"}
    )
    assert fonts.title == "宋体" and fonts.body == "仿宋" and fonts.heading1 == "黑体"


def test_committed_template_is_what_the_tool_makes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_official_template", TEMPLATE.parents[2] / "tools" / "make_official_template.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    rebuilt = tool.build(tmp_path / "t.docx")

    def parts(path):
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    assert parts(rebuilt) == parts(TEMPLATE)
