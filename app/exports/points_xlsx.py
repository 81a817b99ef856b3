"""履职积分统计表 (.xlsx): the year's ranking, and a second sheet with every entry and its source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill

from app.exports.files import write_file
from app.exports.xlsx_common import LINE_HEIGHT_PT, wrapped_lines
from app.exports.xlsx_stream import BODY, CENTRED, Look, StreamBook
from app.progress import Progress
from app.services.points.ranking import LedgerLine, Ranking
from app.services.points.statistics import PointsTable
from app.text import xml_safe

FAIL_FILL = PatternFill("solid", fgColor="F8CBAD")
MISSING_FILL = PatternFill("solid", fgColor="FFF2CC")
ROOMS_SHOWN = 2  # 所属联络室 names per row; a county member may sit in many rooms
FIXED = ("序号", "姓名", "界别", "所属联络室")
TAIL = ("总分", "排名", "等次")
DETAIL_HEADERS = ("序号", "姓名", "类别", "分值", "计分说明", "来源", "证明材料", "录入人")
CENTRED_NO_WRAP = Look(alignment=Alignment(horizontal="center", vertical="center"))
NOTE = Look(Font(name="宋体", size=10), Alignment(), None)


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def _header_merges(r: Ranking) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col) of the two-row header's merged cells."""
    cats, reqs = r.categories, r.requirement_columns
    tail_start = len(FIXED) + len(cats) + 1
    merges = [
        (2, col, 3, col)
        for col in [*range(1, len(FIXED) + 1), *range(tail_start, tail_start + len(TAIL))]
    ]
    col = len(FIXED) + 1
    groups = [("分项得分", len(cats))]
    names = [name for name, _item in reqs]
    for name in dict.fromkeys(names):
        groups.append((name, names.count(name)))
    for index, (_name, span) in enumerate(groups):
        if span > 1:
            merges.append((2, col, 2, col + span - 1))
        col += span + (len(TAIL) if index == 0 else 0)
    return merges


def short_rooms(rooms: str, most: int = ROOMS_SHOWN) -> str:
    """“甲、乙、丙等5个” when a member sits in more rooms than a row can show in two lines."""
    names = [n for n in rooms.split("、") if n]
    if len(names) <= most:
        return rooms
    return f"{'、'.join(names[:most])}等{len(names)}个"


def _ranking_sheet(book: StreamBook, r: Ranking, title: str) -> None:
    cats, reqs = r.categories, r.requirement_columns
    width = len(FIXED) + len(cats) + len(TAIL) + len(reqs)
    widths = [6, 10, 12, 20, *([9] * len(cats)), 8, 6, 8, *([6] * len(reqs))]
    sheet = book.sheet(
        "履职积分统计表",
        widths=widths,
        header_rows=(1, 3),
        landscape=True,
        freeze_below=3,
    )
    sheet.title(title, width)
    top: list[str | None] = [*FIXED, *(["分项得分"] * len(cats)), *TAIL, *(n for n, _i in reqs)]
    bottom: list[str | None] = [*FIXED, *cats, *TAIL, *(item for _name, item in reqs)]
    merges = _header_merges(r)
    for first_row, first_col, last_row, last_col in merges:
        for row_number in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                if (row_number, col) != (first_row, first_col):
                    (top if row_number == 2 else bottom)[col - 1] = None  # hidden under the merge
    sheet.header(top)
    sheet.header(bottom)
    for merge in merges:
        sheet.merge(*merge)
    styles = {
        fill: sheet.styles(
            [(BODY if col == 4 else CENTRED).filled(fill) for col in range(1, width + 1)]
        )
        for fill in (None, FAIL_FILL, MISSING_FILL)
    }
    for n, row in enumerate(r.rows, start=1):
        checks = ["✓" if c.met else "✗" for c in row.checks]
        values = [
            n,
            row.name,
            row.sector,
            short_rooms(row.rooms),
            *(_num(row.subtotals.get(c, 0.0)) for c in cats),
            _num(row.total),
            row.rank,
            row.grade,
            *checks,
        ]
        fill = FAIL_FILL if not row.passed else MISSING_FILL if not row.requirements_met else None
        lines = wrapped_lines(values, widths)  # several rooms, long 界别 names
        sheet.append(values, styles[fill], height=lines * LINE_HEIGHT_PT + 4 if lines > 1 else None)
    grades = "；".join(r.grades)
    note = (
        f"说明：规则“{r.rule_set_name}”；等次：{grades}；合格线 {r.pass_line:g} 分；"
        if r.pass_line is not None
        else f"说明：规则“{r.rule_set_name}”；"
    )
    note += "✓ 已达到、✗ 未达到；红色底纹为未达合格线，黄色底纹为未达最低要求。"
    if r.locked:
        note += "本年度考核已定稿。"
    sheet.append([], [])  # one empty row between the table and the note
    sheet.append([note], [sheet.style(NOTE)])
    sheet.merge(sheet.row, 1, sheet.row, width)


def _ledger_sheet(book: StreamBook, r: Ranking, ledgers: dict[int, list[LedgerLine]]) -> None:
    sheet = book.sheet(
        "积分明细",
        widths=[6, 10, 10, 8, 60, 20, 18, 10],
        header_rows=(1, 2),
        landscape=True,
        freeze_below=2,
    )
    sheet.title(f"{r.year}年度委员履职积分明细", len(DETAIL_HEADERS))
    sheet.header(DETAIL_HEADERS)
    styles = sheet.styles(
        [CENTRED_NO_WRAP, BODY, CENTRED_NO_WRAP, CENTRED_NO_WRAP, BODY, BODY, BODY, BODY]
    )
    n = 1
    for row in r.rows:
        for line in ledgers.get(row.member_id, []):
            values = [
                n,
                row.name,
                line.category,
                _num(line.points),
                line.description,
                line.source_label,
                line.evidence,
                line.entered_by,
            ]
            lines = max(-(-len(line.description) // 28), -(-len(line.evidence) // 8), 1)
            sheet.append(values, styles, height=15 * lines + 3)
            n += 1


def export_points_xlsx(table: PointsTable, path: Path, progress: Progress | None = None) -> Path:
    """``table`` from ``points.statistics.load_points_table``; ``progress`` (optional) is
    BackgroundTask's Progress."""
    ranking, title = table.ranking, table.title

    def writer(temp: Path) -> None:
        if progress is not None:
            progress.step(1, 2, "正在写入 Excel 文件…")
        book = StreamBook()
        _ranking_sheet(book, ranking, title)
        _ledger_sheet(book, ranking, table.ledgers)
        book.workbook.properties.title = xml_safe(title)
        book.save(temp)

    return write_file(path, writer)


def default_file_name(year: int) -> str:
    return f"{year}年度委员履职积分统计表（{date.today():%Y%m%d}）.xlsx"
