"""Build resources/templates/official_a4.docx: our own A4 公文 template (GB/T 9704-2012).

Written part by part from the XML below — not derived from python-docx's default template, which
is US Letter with a Japanese East Asian language (Chinese text would fall back to a Japanese
font). Run: ``python tools/make_official_template.py``; the output is byte-for-byte repeatable.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.exports.official_geometry import (  # noqa: E402
    BODY_HALF_POINTS,
    CHAR_SPACING_TWENTIETHS,
    FOOTER_TWIPS,
    HEADER_TWIPS,
    LINE_TWIPS,
    MARGIN_TWIPS,
    PAGE_TWIPS,
)

OUT = ROOT / "resources" / "templates" / "official_a4.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOC_RELS = (
    DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)

DOCUMENT = (
    DECL + f"<w:document {W} {R}><w:body>"
    '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>'
    "<w:sectPr>"
    f'<w:pgSz w:w="{PAGE_TWIPS[0]}" w:h="{PAGE_TWIPS[1]}"/>'
    f'<w:pgMar w:top="{MARGIN_TWIPS["top"]}" w:right="{MARGIN_TWIPS["right"]}" '
    f'w:bottom="{MARGIN_TWIPS["bottom"]}" w:left="{MARGIN_TWIPS["left"]}" '
    f'w:header="{HEADER_TWIPS}" w:footer="{FOOTER_TWIPS}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    f'<w:docGrid w:type="lines" w:linePitch="{LINE_TWIPS}"/>'
    "</w:sectPr></w:body></w:document>"
)


def _rpr(east_asia: str, size: int, latin: str = "Times New Roman", extra: str = "") -> str:
    # Body text is condensed so that 28 characters of 3号 fill the 156 mm line exactly.
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
        f'w:cs="{latin}"/>{extra}<w:kern w:val="2"/><w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


def _exact(twips: int) -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{twips}" w:lineRule="exact"/>'


def _style(
    style_id: str,
    name: str,
    ppr: str,
    rpr: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = "Normal",
    default: bool = False,
) -> str:
    head = f'<w:style w:type="{kind}" w:styleId="{style_id}"' + (
        ' w:default="1">' if default else ">"
    )
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'{head}<w:name w:val="{name}"/>{based}<w:qFormat/>{ppr}{rpr}</w:style>'


BODY = BODY_HALF_POINTS
SPACING = f'<w:spacing w:val="{CHAR_SPACING_TWENTIETHS}"/>'
STYLES = (
    DECL + f"<w:styles {W}>"
    "<w:docDefaults><w:rPrDefault>" + _rpr("仿宋_GB2312", BODY, extra=SPACING) + "</w:rPrDefault>"
    "<w:pPrDefault><w:pPr>" + _exact(LINE_TWIPS) + '<w:jc w:val="both"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    + _style(
        "Normal",
        "Normal",
        '<w:pPr><w:widowControl w:val="0"/>' + _exact(LINE_TWIPS) + '<w:jc w:val="both"/></w:pPr>',
        _rpr("仿宋_GB2312", BODY, extra=SPACING),
        based_on=None,
        default=True,
    )
    + _style(
        "OfficialTitle",
        "公文标题",
        # Off the line grid: a 2号 line would otherwise take two grid lines in some programs.
        '<w:pPr><w:snapToGrid w:val="0"/>' + _exact(LINE_TWIPS) + '<w:jc w:val="center"/></w:pPr>',
        _rpr("方正小标宋简体", 44),
    )
    + _style(
        "Heading1",
        "一级标题",
        '<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/>'
        '<w:outlineLvl w:val="0"/></w:pPr>',
        _rpr("黑体", BODY),
    )
    + _style(
        "Heading2",
        "二级标题",
        '<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/>'
        '<w:outlineLvl w:val="1"/></w:pPr>',
        _rpr("楷体_GB2312", BODY),
    )
    + _style(
        "BodyText",
        "公文正文",
        '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>',
        _rpr("仿宋_GB2312", BODY, extra=SPACING),
    )
    + _style(
        "TableText",
        "表格文字",
        "<w:pPr>" + _exact(400) + '<w:jc w:val="center"/></w:pPr>',
        _rpr("仿宋_GB2312", 28),
    )
    + _style(
        "Footer",
        "页码",
        '<w:pPr><w:snapToGrid w:val="0"/>' + _exact(360) + "</w:pPr>",
        _rpr("宋体", 28, latin="宋体"),
    )
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="公文表格"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>'
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    "<w:semiHidden/></w:style>"
    "</w:styles>"
)

SETTINGS = (
    DECL + f"<w:settings {W}>"
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"
    '<w:drawingGridVerticalSpacing w:val="290"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/>"
    "<w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/>"
    "<w:adjustLineHeightInTable/><w:useFELayout/>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    "</w:compat>"
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)

# altName is what Word substitutes when an office lacks the named font.
FONTS = (
    ("仿宋_GB2312", "仿宋", "modern", "02010609030101010101"),
    ("仿宋", "FangSong", "modern", "02010609060101010101"),
    ("方正小标宋简体", "宋体", "script", "02000000000000000000"),
    ("宋体", "SimSun", "auto", "02010600030101010101"),
    ("黑体", "SimHei", "modern", "02010609060101010101"),
    ("楷体_GB2312", "楷体", "modern", "02010609030101010101"),
    ("楷体", "KaiTi", "modern", "02010609060101010101"),
)
FONT_TABLE = (
    DECL
    + f"<w:fonts {W}>"
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        for name, alt, family, panose in FONTS
    )
    + '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
    '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

CORE = (
    DECL
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>公文模板</dc:title><dc:creator>委员联络室工作台</dc:creator>"
    "<dc:language>zh-CN</dc:language>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
APP = (
    DECL
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>委员联络室工作台</Application></Properties>"
)

PARTS = (
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOC_RELS),
    ("word/styles.xml", STYLES),
    ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
)


def build(path: Path = OUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return path


if __name__ == "__main__":
    print(build())
