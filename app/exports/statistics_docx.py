"""年度工作统计 (.docx) in the GB/T 9704 body of the minutes: a summary paragraph, then one
numbered heading per part with its table. The activities per month are drawn as a bar chart
made of shaded table cells (no image library, no Qt): black bars on white print as they show."""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from app.exports import official_geometry as geo
from app.exports.files import write_file
from app.exports.official_docx import OfficialDocument, OfficialFonts, set_run_font
from app.exports.statistics_tables import (
    ROOM_SCORE_NOTE,
    Cell,
    StatTable,
    percent,
    year_tables,
)
from app.services.statistics.report import YearReport

CN_NUMBERS = "一二三四五六七八九十"
TYPE_AREA_MM = geo.PAGE_MM[0] - geo.MARGINS_MM["left"] - geo.MARGINS_MM["right"]  # 156
MM_PER_UNIT = 3.0  # a StatTable width unit (one Latin character) at 4号 in the table
BAR_CELLS = 30  # the longest bar's cells
BAR_MM = 3.0
BAR_ROW_MM = 5.5
GAP_ROW_MM = 1.2
ROW_MM = 7.5  # at least: one line of 4号 with room above and below
BAR_FILL = "000000"
SMALL_PT = 10.5  # 五号: tables of eight columns


class StatisticsDocument:
    def __init__(self, fonts: OfficialFonts) -> None:
        self.doc = OfficialDocument(fonts)
        self.fonts = fonts
        self.headings = 0

    def heading(self, text: str) -> None:
        self.headings += 1
        paragraph = self.doc.heading1(f"{CN_NUMBERS[self.headings - 1]}、{text}")
        paragraph.paragraph_format.keep_with_next = True

    def table(self, table: StatTable, *, size_pt: float = geo.TABLE_PT) -> None:
        total = sum(table.widths)
        scale = min(MM_PER_UNIT, TYPE_AREA_MM / total)
        widths = [round(w * scale, 1) for w in table.widths]
        rows = [[_text(v) for v in row] for row in table.rows]
        made = self.doc.table(
            table.headers,
            rows,
            widths,
            size_pt=size_pt,
            line_pt=min(geo.TABLE_LINE_PT, size_pt + 4),
            row_height_mm=ROW_MM,
            align_left=[0, *table.text_columns],
        )
        made.alignment = WD_TABLE_ALIGNMENT.CENTER
        _off_grid(made)
        if table.note:
            self.note(table.note)
        else:
            self.doc.blank()

    def note(self, text: str) -> None:
        paragraph = self.doc.body(text, indent=False)
        for run in paragraph.runs:
            run.font.size = Pt(SMALL_PT + 1.5)

    def bar_chart(self, caption: str, bars: list[tuple[str, int, str]]) -> None:
        """One row per bar (a thin white row between bars): label, shaded cells in proportion,
        the count and a remark."""
        self.doc.heading2(caption).paragraph_format.keep_with_next = True
        most = max((n for _l, n, _r in bars), default=0) or 1
        columns = 1 + BAR_CELLS + 2
        table = self.doc.document.add_table(rows=2 * len(bars) - 1 if bars else 0, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [16.0, *([BAR_MM] * BAR_CELLS), 12.0, 30.0]
        for r, row in enumerate(table.rows):
            row.height = Mm(BAR_ROW_MM if r % 2 == 0 else GAP_ROW_MM)
            row.height_rule = (
                WD_ROW_HEIGHT_RULE.AT_LEAST if r % 2 == 0 else WD_ROW_HEIGHT_RULE.EXACTLY
            )
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for c, cell in enumerate(row.cells):
                cell.width = Mm(widths[c])
                cell.vertical_alignment = 1
            if r % 2:
                continue
            label, count, remark = bars[r // 2]
            cells = list(row.cells)
            filled = round(count / most * BAR_CELLS)
            if filled:  # one shaded cell per bar: no seams between the bar's pieces
                _shade(cells[1].merge(cells[filled]), BAR_FILL)
            for c, text in ((0, label), (columns - 2, str(count)), (columns - 1, remark)):
                paragraph = cells[c].paragraphs[0]
                paragraph.style = self.doc.document.styles["表格文字"]
                paragraph.paragraph_format.line_spacing = Pt(SMALL_PT + 3)
                set_run_font(paragraph.add_run(text), self.fonts.body, SMALL_PT + 1.5)
        grid = table._tbl.tblGrid
        for col, width in zip(grid.iterchildren(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(Mm(width).twips))
        _fixed_without_borders(table)
        _off_grid(table)
        for row in table.rows[:-1]:  # the chart stays on one page
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        self.doc.blank()


# Word reads the children of these properties in the schema's order only (WPS and LibreOffice are
# lenient): each new child goes in before the ones the schema puts after it.
TC_PR_AFTER_SHD = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
P_PR_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
TBL_PR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shd, *TC_PR_AFTER_SHD)


def _off_grid(table: Table) -> None:
    """Table lines at their own spacing: snapped to the page's 22-line grid, each line of a
    cell took a whole 28.95 pt body line."""
    for paragraph in table._tbl.iter(qn("w:p")):
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        paragraph.get_or_add_pPr().insert_element_before(snap, *P_PR_AFTER_SNAP)


def _fixed_without_borders(table: Table) -> None:
    """Column widths as given (``autofit`` off writes w:tblLayout fixed) and no lines."""
    table.autofit = False
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    props.insert_element_before(borders, *TBL_PR_AFTER_BORDERS)


def summary_text(report: YearReport) -> str:
    s = report.stats
    f = s.follow_ups
    consult = sum(n for t, n in s.activities_by_type if t in ("协商议事会", "微协商"))
    behind = [r.name for r in s.rooms if not r.meets_target]
    text = (
        f"{report.year}年，共开展履职活动{s.activities}次，其中协商议事会、微协商{consult}次；"
        f"接待来访群众{s.receptions}人次；议题库新增议题{s.topics}个；形成协商成果{f.total}项，"
        f"已交办{f.assigned}项，已办结{f.closed}项（其中已采纳{f.adopted}项），"
        f"逾期未办结{f.overdue}项；委员报送履职成果{sum(x.count for x in s.submissions)}件。"
    )
    if s.rooms:
        text += f"{len(s.rooms) - len(behind)}个联络室完成全年协商目标" + (
            f"，{len(behind)}个未完成。" if behind else "。"
        )
    return text + f"（统计截至{report.today:%Y年%m月%d日}。）"


def _room_table(report: YearReport) -> StatTable:
    rows: list[list[Cell]] = [
        [
            r.rank,
            r.name,
            f"{r.consultations}/{r.consultation_target}",
            r.activities,
            f"{r.reception_days}/{r.reception_target}",
            percent(r.attendance_rate),
            f"{r.closed_on_time}/{r.follow_ups}",
            r.score,
        ]
        for r in report.stats.rooms
    ]
    heads = ["排名", "联络室", "协商", "活动", "接待天数", "出席率", "按时办结", "得分"]
    widths = [5.5, 20, 6, 5, 8, 7, 8, 6]
    note = (
        "协商：已召开的协商议事会、微协商次数/全年目标；接待天数：有接待来访的天数/全年目标；"
        f"按时办结：按时办结的成果/成果项数。{ROOM_SCORE_NOTE}"
    )
    return StatTable("联络室", heads, rows, widths, note=note, text_columns=[1])


def build_year_docx(report: YearReport, fonts: OfficialFonts) -> OfficialDocument:
    page = StatisticsDocument(fonts)
    tables = {t.name: t for t in year_tables(report)}
    page.doc.title(report.title)
    page.doc.body(summary_text(report))
    page.heading("履职活动")
    page.table(tables["活动按类型"])
    last = dict(report.last_year_by_month)
    page.bar_chart(
        f"（一）{report.year}年各月履职活动（次）",
        [(f"{m}月", n, f"上年同月 {last.get(m, 0)}") for m, n in report.stats.activities_by_month],
    )
    page.heading("联络室工作")
    page.table(_room_table(report), size_pt=SMALL_PT)
    page.heading("议题")
    page.table(tables["议题按来源"])
    page.table(tables["议题按状态"])
    page.heading("协商成果办理")
    page.table(tables["协商成果办理"])
    page.heading("委员履职")
    page.table(tables["委员履职"], size_pt=SMALL_PT + 1.5)
    page.heading("履职成果")
    page.table(tables["履职成果"], size_pt=SMALL_PT + 1.5)
    return page.doc


def export_year_docx(report: YearReport, fonts: OfficialFonts, path: Path) -> Path:
    return write_file(path, lambda temp: build_year_docx(report, fonts).save(temp))
