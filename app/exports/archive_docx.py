"""委员履职档案 (.docx) in the GB/T 9704 page layout.

Written with python-docx directly (A4, margins 37/35/28/26 mm, East Asian fonts, zh-CN, page
numbers “— 1 —” outside on odd/even pages) until the shared official-document builder is merged;
``_Page`` is the only part that knows the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from app.db import Database
from app.exports.files import write_file
from app.services.points.archive import MemberArchive, load_archive
from app.services.settings import get_value

TITLE_PT, BODY_PT, TABLE_PT, PAGE_NO_PT = 22, 16, 12, 14  # 2号, 3号, 小四, 4号
LINE_PT = 28.9  # 22 lines on the 225 mm type area
CN_NUMBERS = "一二三四五六七八九十"


def _fonts(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {
            k: get_value(session, f"fonts.{k}")
            for k in ("title", "body", "heading1", "heading2", "page_number")
        }


def _set_font(run: Run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page_field(paragraph: Paragraph, font: str) -> None:
    def run(text: str = "") -> Run:
        r = paragraph.add_run(text)
        _set_font(r, font, PAGE_NO_PT)
        return r

    run("— ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        r = run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        r._element.append(el)
    run(" —")


class _Page:
    """A GB/T 9704 document: title, 一、 headings (黑体), body (仿宋), simple tables."""

    def __init__(self, fonts: dict[str, str]) -> None:
        self.fonts = fonts
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(28) - Mm(7)
        normal = self.doc.styles["Normal"]
        normal.font.name = fonts["body"]
        normal.font.size = Pt(BODY_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts["body"])
        self.doc.settings.odd_and_even_pages_header_footer = True
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = Pt(PAGE_NO_PT)
        _page_field(odd, fonts["page_number"])
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = Pt(PAGE_NO_PT)
        _page_field(even, fonts["page_number"])
        self.headings = 0

    def _para(
        self,
        text: str,
        font: str,
        size: float,
        *,
        align=None,
        indent: bool = False,
        bold: bool = False,
    ) -> Paragraph:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        _set_font(p.add_run(text), font, size, bold)
        return p

    def title(self, text: str) -> None:
        p = self._para(text, self.fonts["title"], TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.line_spacing = Pt(36)
        self._para("", self.fonts["body"], BODY_PT)

    def heading(self, text: str) -> None:
        self.headings += 1
        p = self._para(
            f"{CN_NUMBERS[self.headings - 1]}、{text}", self.fonts["heading1"], BODY_PT, indent=True
        )
        p.paragraph_format.keep_with_next = True

    def body(self, text: str) -> None:
        self._para(text, self.fonts["body"], BODY_PT, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]
    ) -> None:
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        for c, width in enumerate(widths_mm):
            table.columns[c].width = Mm(width)
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        header.append(repeat)
        for r, values in enumerate([headers, *rows]):
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.width = Mm(widths_mm[c])
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 or len(str(value)) <= 6 else None
                font = self.fonts["heading1"] if r == 0 else self.fonts["body"]
                _set_font(p.add_run(str(value)), font, TABLE_PT)
        self._para("", self.fonts["body"], BODY_PT)


def _num(value: float) -> str:
    return f"{value:g}"


def build_archive(archive: MemberArchive, fonts: dict[str, str]) -> Document:
    page = _Page(fonts)
    page.title(f"{archive.year}年度委员履职档案")
    page.heading("基本情况")
    pairs = archive.details
    rows = [
        [pairs[i][0], pairs[i][1], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))]
        for i in range(0, len(pairs), 2)
    ]
    page.table(["项目", "内容", "项目", "内容"], rows, [30, 48, 30, 48])
    page.heading("参加履职活动")
    attended = sum(a.status == "出席" for a in archive.activities)
    leave = sum(a.status == "请假" for a in archive.activities)
    absent = sum(a.status == "缺席" for a in archive.activities)
    page.body(
        f"本年度应参加活动 {len(archive.activities)} 次，出席 {attended} 次，请假 {leave} 次，"
        f"缺席 {absent} 次。"
    )
    if archive.activities:
        page.table(
            ["序号", "日期", "类型", "活动名称", "联络室", "出席"],
            [
                [str(i), f"{a.day:%Y-%m-%d}", a.activity_type, a.title, a.room, a.status]
                for i, a in enumerate(archive.activities, start=1)
            ],
            [14, 28, 24, 46, 28, 16],
        )
    page.heading("履职成果")
    if archive.submissions:
        page.table(
            ["序号", "日期", "类别", "题目", "署名", "结果"],
            [
                [str(i), f"{s.day:%Y-%m-%d}", s.kind, s.title, s.role, s.outcome]
                for i, s in enumerate(archive.submissions, start=1)
            ],
            [14, 28, 20, 56, 16, 22],
        )
    else:
        page.body("本年度无登记的提案、社情民意信息、调研报告、宣讲或办实事。")
    page.heading("履职积分")
    if archive.ledger:
        rows = [
            [str(i), ln.category, _num(ln.points), ln.description]
            for i, ln in enumerate(archive.ledger, start=1)
        ]
        rows.append(["", "合计", _num(sum(ln.points for ln in archive.ledger)), ""])
        page.table(["序号", "类别", "分值", "计分说明"], rows, [14, 20, 16, 106])
    else:
        page.body("本年度尚未计算履职积分。")
    page.heading("年度考核")
    if archive.total is None:
        page.body("本年度尚未计算履职积分，暂无排名和等次。")
    else:
        page.body(
            f"{archive.year}年度履职积分 {_num(archive.total)} 分，在 {archive.members_ranked} "
            f"名委员中排名第 {archive.rank} 名，考核等次：{archive.grade}。"
        )
        if archive.missing:
            page.body(f"未达到的最低要求：{'、'.join(archive.missing)}。")
    return page.doc


def export_archive_docx(db: Database, member_id: int, year: int, path: Path) -> Path:
    archive = load_archive(db, member_id, year)
    fonts = _fonts(db)
    return write_file(path, lambda temp: build_archive(archive, fonts).save(temp))


def export_all_archives(
    db: Database, year: int, folder: Path, progress: Callable | None = None
) -> list[Path]:
    """Every ranked member's 档案 into ``folder``; ``progress`` is BackgroundTask's Progress."""
    from app.exports.files import clean_file_name
    from app.services.points.ranking import get_ranking

    ranking = get_ranking(db, year)
    members = [(row.member_id, row.name) for row in ranking.rows] if ranking else []
    written: list[Path] = []
    for done, (member_id, name) in enumerate(members):
        if progress is not None:
            progress.step(done, len(members), f"正在导出 {name} 的履职档案…")
        file_name = clean_file_name(f"{year}年度委员履职档案-{name}-{member_id}.docx")
        written.append(export_archive_docx(db, member_id, year, Path(folder) / file_name))
    if progress is not None:
        progress.step(len(members), len(members), "导出完成")
    return written
