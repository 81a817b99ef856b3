"""活动台账 (.xlsx): one sheet per room, every activity of the year, ready to print
(A4 landscape, fit to the page width, header repeated on every page, header frozen)."""

from __future__ import annotations

import re
from pathlib import Path

from app.exports.xlsx_common import LINE_HEIGHT_PT, wrapped_lines
from app.exports.xlsx_stream import BODY, CENTRED, Look, StreamBook, StreamSheet
from app.progress import Progress
from app.services.documents.ledger import LedgerActivity, LedgerData

HEADERS = [
    "序号",
    "日期",
    "时间",
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
    "请假委员（事由）",
    "缺席委员",
    "列席人员",
    "活动成效",
    "成果办理情况",
]
# About 187 characters wide: A4 landscape prints it at ~75 %, still readable.
WIDTHS = [4, 11.5, 11, 9, 16, 14, 12, 7, 4, 4, 4, 4, 18, 12, 9, 14, 20, 14]
HEADER_ROW = 2
CENTRED_COLUMNS = {1, 2, 3, 4, 9, 10, 11, 12}  # 序号 日期 时间 活动类型, the four counts
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
UNBORDERED = Look(border=None)


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
        time += f"—{a.end_at:%H:%M}"
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
        "、".join(a.on_leave),
        "、".join(a.absent),
        "、".join(a.guests),
        a.outcome,
        a.follow_up_status,
    ]


def row_height(values: list[object]) -> float:
    return wrapped_lines(values, WIDTHS) * LINE_HEIGHT_PT + 4


def write_ledger(path: Path, data: LedgerData, progress: Progress | None = None) -> None:
    book = StreamBook()
    taken: set[str] = set()
    width = len(HEADERS)
    total = len(data.rooms)
    for done, room in enumerate(data.rooms):
        if progress is not None:
            progress.step(done, total, f"正在写入第 {done + 1} / {total} 个联络室…")
        sheet = _sheet(book, sheet_name(room.room_name, taken), WIDTHS)
        sheet.title(f"{room.room_name}{data.year}年活动台账", width)
        sheet.header(HEADERS, height=30)  # two-line headers such as 请假委员（事由）
        styles = sheet.styles(
            [CENTRED if col in CENTRED_COLUMNS else BODY for col in range(1, width + 1)]
        )
        for i, activity in enumerate(room.activities, start=1):
            values = ledger_row(i, activity)
            sheet.append(values, styles, height=row_height(values))
        if not room.activities:
            sheet.append(["", "本年度无活动记录"], [sheet.style(UNBORDERED)] * 2)
    if not data.rooms:
        sheet = _sheet(book, "活动台账", [])
        sheet.title(f"{data.year}年活动台账", width)
        sheet.header(HEADERS)
    book.save(path)


def _sheet(book: StreamBook, title: str, widths: list[float]) -> StreamSheet:
    return book.sheet(
        title,
        widths=widths,
        header_rows=(HEADER_ROW, HEADER_ROW),
        landscape=True,
        freeze_below=HEADER_ROW,
    )
