"""会议纪要 (.docx) in the GB/T 9704-2012 layout, built from an activity record.

``minutes_blocks`` turns the record into paragraphs (the preview window shows and edits the same
blocks); ``write_minutes`` renders blocks through the shared 公文 builder. Minutes carry no seal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from app.exports import official_geometry as geo
from app.exports.dates import chinese_date, chinese_ordinal, meeting_time
from app.exports.official_docx import Block, OfficialDocument, OfficialFonts, TableBlock
from app.models.vocab import CONSULTATION_TYPES
from app.services.documents.meeting_papers import MinutesData, Person

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十\d]+）|\d+[、.．)）])\s*"
)
FOLLOW_UP_HEADERS = ["序号", "事项", "承办单位", "办理时限"]
FOLLOW_UP_WIDTHS_MM = [14.0, 60.0, 36.0, 46.0]  # = the 156 mm type area


def minutes_title(data: MinutesData) -> str:
    kind = data.activity_type
    suffix = "会议纪要" if kind in CONSULTATION_TYPES else "活动纪要"
    return f"{data.room_name if data.room_name != '未指定联络室' else ''}{kind}{suffix}"


def title_lines(title: str, room_name: str = "") -> str:
    """The title broken only between words when it is longer than one 2号 line: after the room's
    name (“幸福社区“有事好商量”协商议事室 / 协商议事会会议纪要”), else before 会议纪要/活动纪要 —
    never inside a word (“…协商议事 / 会会议纪要”)."""
    limit = geo.TITLE_CHARS_PER_LINE
    if len(title) <= limit:
        return title
    if room_name and title.startswith(room_name) and len(title) - len(room_name) <= limit:
        return f"{room_name}\n{title[len(room_name) :]}"
    for suffix in ("会议纪要", "活动纪要"):
        if title.endswith(suffix) and len(title) - len(suffix) <= limit:
            return f"{title[: -len(suffix)]}\n{suffix}"
    if room_name and title.startswith(room_name):
        return f"{room_name}\n{title[len(room_name) :]}"
    return title


def _names(names: Sequence[str]) -> str:
    return "、".join(names) if names else "无"


def strip_numbering(text: str) -> str:
    """ "1. 加快审批" / "（二）加快审批" / "三、加快审批" → "加快审批": the minutes number them."""
    return _NUMBERING.sub("", text.strip(), count=1)


def minutes_blocks(data: MinutesData) -> list[Block | TableBlock]:
    subject = data.topic_title or data.title
    consultation = data.activity_type in CONSULTATION_TYPES
    blocks: list[Block | TableBlock] = [
        Block("title", title_lines(minutes_title(data), data.room_name), red=True)
    ]
    where = f"在{data.place}" if data.place else ""
    if consultation:
        intro = (
            f"{chinese_date(data.start_at)}，{data.room_name}{where}召开{data.activity_type}，"
            f"围绕“{subject}”开展协商。现将会议主要情况纪要如下："
        )
    else:
        intro = (
            f"{chinese_date(data.start_at)}，{data.room_name}{where}开展{data.activity_type}活动，"
            f"主题为“{subject}”。现将活动主要情况纪要如下："
        )
    blocks.append(Block("body", intro))
    blocks += [
        Block("label", meeting_time(data.start_at, data.end_at), "时间"),
        Block("label", data.place or "无", "地点"),
        Block("label", data.host or "无", "主持人"),
        Block("label", data.recorder or "无", "记录人"),
    ]
    if not data.attendance_after_body:
        blocks += attendance_blocks(data, "label")
    blocks.append(Block("label", subject or "无", "议题" if consultation else "主题"))
    if data.speeches or data.summary:
        blocks.append(Block("heading1", "协商情况" if consultation else "活动情况"))
        if data.summary:
            blocks += [Block("body", line) for line in data.summary.splitlines() if line.strip()]
        blocks += [Block("speech", s.summary, s.speaker) for s in data.speeches]
    opinions = [strip_numbering(text) for text in data.opinions if strip_numbering(text)]
    if opinions:
        blocks.append(Block("heading1", "协商意见" if consultation else "意见建议"))
        lead = "经充分协商，会议形成以下意见：" if consultation else "经讨论，形成以下意见建议："
        blocks.append(Block("body", lead))
        blocks += [
            Block("body", f"{chinese_ordinal(i)}、{text}") for i, text in enumerate(opinions, 1)
        ]
    if data.follow_ups:
        blocks.append(Block("heading1", "落实分工"))
        rows = [
            [str(i), f.content, f.handling_unit, chinese_date(f.due_on) if f.due_on else ""]
            for i, f in enumerate(data.follow_ups, start=1)
        ]
        blocks.append(TableBlock(FOLLOW_UP_HEADERS, rows, FOLLOW_UP_WIDTHS_MM, align_left=[1, 2]))
    if data.attendance_after_body:  # GB/T 9704 §10.3: one blank line below the body
        blocks += [Block("blank"), *attendance_blocks(data, "namelist")]
    return blocks


def attendance_blocks(data: MinutesData, kind: str) -> list[Block]:
    """出席, 请假, 缺席 (only when someone was absent) and 列席, as ``label`` lines in the header
    block or ``namelist`` lines (wrapped lines start under the names) after the body."""

    def people(persons: Sequence[Person]) -> str:
        return _names([f"{p.name}（{p.detail}）" if p.detail else p.name for p in persons])

    blocks = [Block(kind, _names(data.present), "出席"), Block(kind, people(data.on_leave), "请假")]
    if data.absent:
        blocks.append(Block(kind, _names(data.absent), "缺席"))
    blocks.append(Block(kind, people(data.guests), "列席"))
    return blocks


def write_minutes(path: Path, blocks: Sequence[Block | TableBlock], fonts: OfficialFonts) -> None:
    document = OfficialDocument(fonts)
    document.blocks(blocks)
    document.save(path)
