"""Dates and times the way 公文 write them: 2026年3月5日（星期四）9:00—11:30."""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = "一二三四五六日"
CHINESE_NUMBERS = "〇一二三四五六七八九十"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def meeting_time(start: datetime, end: datetime | None) -> str:
    text = f"{chinese_date(start)}（星期{WEEKDAYS[start.weekday()]}）{start:%H:%M}"
    if end is not None and end > start:
        text += (
            f"—{end:%H:%M}" if end.date() == start.date() else f"—{chinese_date(end)}{end:%H:%M}"
        )
    return text


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for numbered 协商意见)."""
    if n <= 10:
        return CHINESE_NUMBERS[n]
    if n < 20:
        return "十" + CHINESE_NUMBERS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        return CHINESE_NUMBERS[tens] + "十" + (CHINESE_NUMBERS[ones] if ones else "")
    return str(n)
