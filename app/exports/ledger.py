"""活动台账 (.xlsx): one sheet per room, every activity of the year, ready to print
(A4 landscape, fit to the page width with the text at 9 pt or more, header repeated on every
page, header frozen), and a 汇总 sheet listing every room once."""

from __future__ import annotations

import re
from pathlib import Path

from app.exports.xlsx_common import wrapped_lines
from app.exports.xlsx_stream import BODY, CENTRED, StreamBook, StreamSheet
from app.progress import Progress
from app.services.documents.ledger import LedgerActivity, LedgerData

HEADERS = [
    "序号",
    "日期",
    "起止时间",
    "活动类型",
    "活动名称",
    "议题",
    "地点",
    "主持人",
    "应到",
    "出席",
    "请假",
    "缺席",
    "出席委员",
    "请假、缺席",
    "列席人员",
    "活动成效",
    "成果办理情况",
]
# 163 units (xlsx_common.UNIT_PT each) across 17 columns: A4 landscape fits them at 84 %, so the
# 11 pt text prints at 9.3 pt (LibreOffice; about 9.9 pt in Excel). 187 units over 18 columns
# printed at 6.4 pt. The year is in the title, so a date reads 3月5日; the 起止时间 takes two lines
# (09:00 / 11:30); 请假 and 缺席 share a column; 序号 and the counts stack their two-character
# headers.
WIDTHS = [4, 9.5, 7.5, 9, 15, 13, 11, 7, 4, 4, 4, 4, 17, 13, 13, 15, 13]
DATE_FORMAT = 'm"月"d"日"'
# LibreOffice's stand-in for 宋体 (Noto Sans CJK) takes 16 pt a line at 11 pt; 宋体 itself 14.5.
LINE_PT = 16.1
HEADER_ROW = 2
CENTRED_COLUMNS = {1, 2, 3, 4, 9, 10, 11, 12}  # 序号 日期 时间 活动类型, the four counts
SUMMARY_SHEET = "汇总"
SUMMARY_HEADERS = ["序号", "联络室", "活动次数", "出席人次", "备注"]
SUMMARY_WIDTHS = [6, 40, 10, 10, 34]
NO_ACTIVITY = "本年度无活动记录"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, not starting with '."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip().strip("'") or "联络室"
    candidate = base[:31]
    n = 2
    while candidate.lower() in taken:
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def ledger_row(i: int, a: LedgerActivity) -> list[object]:
    time = f"{a.start_at:%H:%M}"
    if a.end_at is not None and a.end_at.date() == a.start_at.date():
        time += f"\n{a.end_at:%H:%M}"
    away = [f"请假：{'、'.join(a.on_leave)}"] if a.on_leave else []
    if a.absent:
        away.append(f"缺席：{'、'.join(a.absent)}")
    return [
        i,
        a.start_at.date(),
        time,
        a.activity_type,
        a.title,
        a.topic_title,
        a.place,
        a.host,
        a.expected,
        len(a.present),
        len(a.on_leave),
        len(a.absent),
        "、".join(a.present),
        "\n".join(away),
        "、".join(a.guests),
        a.outcome,
        a.follow_up_status,
    ]


def row_height(values: list[object]) -> float:
    return wrapped_lines(values, WIDTHS) * LINE_PT + 4


def write_ledger(path: Path, data: LedgerData, progress: Progress | None = None) -> None:
    """A sheet per room with activities; rooms without any are listed once on the 汇总 sheet,
    which comes first whenever the workbook covers more than one room or an empty one."""
    book = StreamBook()
    taken = {SUMMARY_SHEET.lower()}
    names = {id(room): sheet_name(room.room_name, taken) for room in data.rooms if room.activities}
    if len(data.rooms) > 1 or len(names) < len(data.rooms):
        _summary_sheet(book, data, names)
    width = len(HEADERS)
    total = len(data.rooms)
    for done, room in enumerate(data.rooms):
        if progress is not None:
            progress.step(done, total, f"正在写入第 {done + 1} / {total} 个联络室…")
        if not room.activities:
            continue
        sheet = _sheet(book, names[id(room)], WIDTHS)
        sheet.title(f"{room.room_name}{data.year}年活动台账", width)
        sheet.header(HEADERS, height=30)  # 序号 and the counts take two lines
        styles = sheet.styles(
            [CENTRED if col in CENTRED_COLUMNS else BODY for col in range(1, width + 1)]
        )
        styles[1] = sheet.style(CENTRED, DATE_FORMAT)
        for i, activity in enumerate(room.activities, start=1):
            values = ledger_row(i, activity)
            sheet.append(values, styles, height=row_height(values))
    if not data.rooms:
        sheet = _sheet(book, "活动台账", [])
        sheet.title(f"{data.year}年活动台账", width)
        sheet.header(HEADERS)
    book.save(path)


def _summary_sheet(book: StreamBook, data: LedgerData, names: dict[int, str]) -> None:
    sheet = book.sheet(
        SUMMARY_SHEET,
        widths=SUMMARY_WIDTHS,
        header_rows=(HEADER_ROW, HEADER_ROW),
        freeze_below=HEADER_ROW,
    )
    sheet.title(f"{data.year}年活动台账汇总", len(SUMMARY_HEADERS))
    sheet.header(SUMMARY_HEADERS)
    styles = sheet.styles([CENTRED, BODY, CENTRED, CENTRED, BODY])
    for i, room in enumerate(data.rooms, start=1):
        sheet_ref = names.get(id(room))
        note = f"见工作表“{sheet_ref}”" if sheet_ref else NO_ACTIVITY
        present = sum(len(a.present) for a in room.activities)
        values = [i, room.room_name, len(room.activities), present, note]
        sheet.append(values, styles, height=wrapped_lines(values, SUMMARY_WIDTHS) * LINE_PT + 6)


def _sheet(book: StreamBook, title: str, widths: list[float]) -> StreamSheet:
    return book.sheet(
        title,
        widths=widths,
        header_rows=(HEADER_ROW, HEADER_ROW),
        landscape=True,
        freeze_below=HEADER_ROW,
    )
