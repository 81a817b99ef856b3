"""A reusable GB/T 9704-2012 Word document builder (会议纪要, 签到表, 委员履职档案 …).

Starts from our own A4 template (resources/templates/official_a4.docx, made by
tools/make_official_template.py) whose styles already carry w:lang eastAsia="zh-CN", the
margins, the exact 28.95 pt line pitch and the 22 × 28 character grid. Font names come from the
settings (``fonts.*``); each run also names its East Asian font (w:eastAsia) because python-docx
only sets the Latin one. Odd pages carry "— 1 —" at the right, even pages at the left, one
character in (w:evenAndOddHeaders + a PAGE field).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.exports import official_geometry as geo
from app.text import xml_safe

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "templates" / "official_a4.docx"
LATIN_FONT = "Times New Roman"
FONT_KEYS = ("title", "body", "heading1", "heading2", "page_number")
FONT_FALLBACKS = {"title": "宋体", "body": "仿宋", "heading1": "黑体", "heading2": "楷体"}
FONT_LABELS = {
    "title": "标题（2号小标宋）",
    "body": "正文（3号仿宋）",
    "heading1": "一级标题（黑体）",
    "heading2": "二级标题（楷体）",
    "page_number": "页码（4号宋体）",
}


@dataclass(frozen=True)
class OfficialFonts:
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> OfficialFonts:
        """``values`` are the ``fonts.*`` settings; an empty name falls back (仿宋 / 宋体 …)."""
        names = {}
        for key in FONT_KEYS:
            name = str(values.get(f"fonts.{key}") or "").strip()
            fallback = str(values.get(f"fonts.{key}_fallback") or "").strip()
            names[key] = name or fallback or FONT_FALLBACKS.get(key, "宋体")
        return cls(**names)


@dataclass
class Block:
    """One paragraph of a document, in a form the Qt preview can edit and hand back.

    kind: title | body | heading1 | heading2 | label (``label`` + "：" + text, 黑体 label) |
    namelist (a label line whose wrapped lines start under the text, GB/T 9704 §10.3) |
    speech (the same with the speaker in 楷体) | plain (no indent) | blank.
    """

    kind: str
    text: str = ""
    label: str = ""
    red: bool = False  # a title printed in red (会议纪要 customarily)


@dataclass
class TableBlock:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[float] = field(default_factory=list)
    align_left: list[int] = field(default_factory=list)  # columns of long text
    section_rows: list[int] = field(default_factory=list)  # body rows spanning all columns
    min_row_mm: float | None = None
    size_pt: float = geo.TABLE_PT  # 4号; the 签到表 uses 小四 to hold 18 or more rows a page
    line_pt: float = geo.TABLE_LINE_PT  # exact line spacing in the cells
    # The last rows that must not start a page by themselves (the 签到表's blank 列席 rows):
    # the row before them goes along (Word: keep with next; Qt's print: a page break before it).
    keep_tail: int = 0
    break_before: bool = False  # the table starts a new page (Qt's print)
    kind: str = "table"


def split_table(table: TableBlock, cuts: Sequence[int]) -> list[TableBlock]:
    """``table`` as one table per run of rows between ``cuts`` (row indices), each after the first
    starting a new page under the same header: Qt's print uses it to end every page's table with
    its own bottom rule, and to keep the 签到表's blank 列席 rows off a page of their own."""
    bounds = [0, *cuts, len(table.rows)]
    return [
        replace(
            table,
            rows=table.rows[start:end],
            section_rows=[r - start for r in table.section_rows if start <= r < end],
            keep_tail=0,
            break_before=table.break_before if start == 0 else True,
        )
        for start, end in itertools.pairwise(bounds)
    ]


def set_run_font(
    run: Run,
    east_asia: str,
    size_pt: float,
    *,
    latin: str = LATIN_FONT,
    bold: bool | None = None,
    color: str | None = None,
) -> Run:
    run.font.name = latin
    run.font.size = Pt(size_pt)
    if bold is not None:
        run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    return run


def _style_fonts(style: BaseStyle, east_asia: str, latin: str = LATIN_FONT) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _add_field(paragraph: Paragraph, instruction: str, shown: str, font: str, size: float) -> None:
    """A complex field (PAGE …): begin, instruction, separate, cached result, end."""
    for part in ("begin", "instr", "separate", "result", "end"):
        run = set_run_font(paragraph.add_run(), font, size, latin=font)
        if part == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        elif part == "result":
            run.text = xml_safe(shown)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), part)
            run._r.append(fld)


def _hang_after(paragraph: Paragraph, chars: int) -> None:
    """Two characters in, and wrapped lines aligned after the first ``chars`` characters (the
    label and its colon), in character units so Word and LibreOffice agree with the grid."""
    ind = OxmlElement("w:ind")
    one = geo.BODY_PT * 20  # twips of one 3号 character
    ind.set(qn("w:leftChars"), str((2 + chars) * 100))
    ind.set(qn("w:left"), str(round((2 + chars) * one)))
    ind.set(qn("w:hangingChars"), str(chars * 100))
    ind.set(qn("w:hanging"), str(round(chars * one)))
    paragraph._p.get_or_add_pPr().append(ind)


class OfficialDocument:
    """Build a 公文-layout .docx paragraph by paragraph, then ``save(path)``."""

    def __init__(self, fonts: OfficialFonts | None = None, *, landscape: bool = False) -> None:
        self.fonts = fonts or OfficialFonts()
        self._first_title = True
        self.document = Document(str(TEMPLATE))
        body = self.document.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)
        self._apply_style_fonts()
        section = self.document.sections[0]
        self._set_page(section, landscape)
        self._add_page_numbers(section)

    # -- set-up ---------------------------------------------------------------------------
    def _apply_style_fonts(self) -> None:
        styles = self.document.styles
        f = self.fonts
        _style_fonts(styles["Normal"], f.body)
        _style_fonts(styles["公文正文"], f.body)
        _style_fonts(styles["表格文字"], f.body)
        _style_fonts(styles["公文标题"], f.title)
        _style_fonts(styles["一级标题"], f.heading1)
        _style_fonts(styles["二级标题"], f.heading2)
        _style_fonts(styles["页码"], f.page_number, latin=f.page_number)

    @staticmethod
    def _set_page(section: Section, landscape: bool) -> None:
        width, height = Mm(geo.PAGE_MM[0]), Mm(geo.PAGE_MM[1])
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        section.top_margin = Twips(geo.MARGIN_TWIPS["top"])
        section.bottom_margin = Twips(geo.MARGIN_TWIPS["bottom"])
        section.left_margin = Twips(geo.MARGIN_TWIPS["left"])
        section.right_margin = Twips(geo.MARGIN_TWIPS["right"])
        section.footer_distance = Twips(geo.FOOTER_TWIPS)

    def _add_page_numbers(self, section: Section) -> None:
        self.document.settings.odd_and_even_pages_header_footer = True
        one_char = Pt(geo.PAGE_NUMBER_PT)
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles["页码"]
            paragraph.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = one_char
            else:
                paragraph.paragraph_format.left_indent = one_char
            font, size = self.fonts.page_number, geo.PAGE_NUMBER_PT
            # The dashes are 一字线: full width, drawn by the East Asian font.
            dash = set_run_font(paragraph.add_run("— "), font, size, latin=font)
            dash._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
            _add_field(paragraph, "PAGE", "1", font, size)
            dash = set_run_font(paragraph.add_run(" —"), font, size, latin=font)
            dash._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")

    # -- content --------------------------------------------------------------------------
    def _paragraph(self, style: str) -> Paragraph:
        return self.document.add_paragraph(style=self.document.styles[style])

    def title(self, text: str, *, red: bool = False) -> Paragraph:
        """The centred 2号 小标宋 title followed by one blank line; several lines split on \\n."""
        if self._first_title:  # the file's title property is the document's first title
            self.document.core_properties.title = xml_safe(text.replace("\n", ""))
            self._first_title = False
        paragraph = self._paragraph("公文标题")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            set_run_font(
                paragraph.add_run(xml_safe(line)),
                self.fonts.title,
                geo.TITLE_PT,
                color=geo.TITLE_RED if red else None,
            )
        self.blank()
        return paragraph

    def blank(self) -> Paragraph:
        return self._paragraph("Normal")

    def body(self, text: str, *, indent: bool = True) -> Paragraph:
        paragraph = self._paragraph("公文正文" if indent else "Normal")
        set_run_font(paragraph.add_run(xml_safe(text)), self.fonts.body, geo.BODY_PT)
        return paragraph

    def heading1(self, text: str) -> Paragraph:
        paragraph = self._paragraph("一级标题")
        set_run_font(paragraph.add_run(xml_safe(text)), self.fonts.heading1, geo.BODY_PT)
        return paragraph

    def heading2(self, text: str) -> Paragraph:
        paragraph = self._paragraph("二级标题")
        set_run_font(paragraph.add_run(xml_safe(text)), self.fonts.heading2, geo.BODY_PT)
        return paragraph

    def labelled(
        self, label: str, text: str, *, label_font: str | None = None, hanging: bool = False
    ) -> Paragraph:
        """ "出席：张三、李四": the label and full-width colon in 3号 黑体, the text in 仿宋.
        ``hanging``: GB/T 9704 §10.3's name list, its wrapped lines under the first name."""
        paragraph = self._paragraph("公文正文")
        if hanging:
            _hang_after(paragraph, len(label) + 1)
        font = label_font or self.fonts.heading1
        set_run_font(paragraph.add_run(xml_safe(f"{label}：")), font, geo.BODY_PT)
        set_run_font(paragraph.add_run(xml_safe(text)), self.fonts.body, geo.BODY_PT)
        return paragraph

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        *,
        row_height_mm: float | None = None,
        size_pt: float = geo.TABLE_PT,
        line_pt: float = geo.TABLE_LINE_PT,
        align_left: Sequence[int] = (),
        section_rows: Sequence[int] = (),
        keep_tail: int = 0,
    ) -> Table:
        """A bordered table whose header row repeats on every page and whose rows never split;
        the last ``keep_tail`` rows stay on one page with the row before them."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.document.styles["公文表格"]
        table.autofit = False
        for r, values in enumerate([list(headers), *[list(v) for v in rows]]):
            row = table.rows[r]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))
            if row_height_mm:
                row.height = Mm(row_height_mm)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Mm(widths_mm[c])
                cell.vertical_alignment = 1  # centre
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles["表格文字"]
                if line_pt != geo.TABLE_LINE_PT:
                    paragraph.paragraph_format.line_spacing = Pt(line_pt)
                    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                if r and c in align_left:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                if keep_tail and len(rows) - keep_tail <= r < len(rows):
                    paragraph.paragraph_format.keep_with_next = True
                font = self.fonts.heading1 if r == 0 else self.fonts.body
                set_run_font(paragraph.add_run(xml_safe(str(value))), font, size_pt)
        for r in section_rows:  # a label row such as 列席人员, merged across the table
            cells = table.rows[r + 1].cells
            merged = cells[0].merge(cells[-1])
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            for run in merged.paragraphs[0].runs:
                set_run_font(run, self.fonts.heading1, size_pt)
        grid = table._tbl.tblGrid
        for col, width in zip(grid.iterchildren(qn("w:gridCol")), widths_mm, strict=False):
            col.set(qn("w:w"), str(Mm(width).twips))
        return table

    def blocks(self, blocks: Sequence[Block | TableBlock]) -> None:
        for block in blocks:
            if isinstance(block, TableBlock):
                self.table(
                    block.headers,
                    block.rows,
                    block.widths_mm,
                    align_left=block.align_left,
                    section_rows=block.section_rows,
                    row_height_mm=block.min_row_mm,
                    size_pt=block.size_pt,
                    line_pt=block.line_pt,
                    keep_tail=block.keep_tail,
                )
            elif block.kind == "title":
                self.title(block.text, red=block.red)
            elif block.kind == "label":
                self.labelled(block.label, block.text)
            elif block.kind == "namelist":
                self.labelled(block.label, block.text, hanging=True)
            elif block.kind == "speech":
                self.labelled(block.label, block.text, label_font=self.fonts.heading2)
            elif block.kind == "heading1":
                self.heading1(block.text)
            elif block.kind == "heading2":
                self.heading2(block.text)
            elif block.kind == "blank":
                self.blank()
            else:
                self.body(block.text, indent=block.kind != "plain")

    def save(self, path: Path) -> None:
        props = self.document.core_properties
        props.language = "zh-CN"
        props.created = props.modified = datetime.now().replace(microsecond=0)
        props.revision = 1
        self.document.save(str(path))
