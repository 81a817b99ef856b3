"""The stretch of a year a statistic covers: the year, a quarter, or the year up to a quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ValidationError

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class Period:
    year: int
    first_month: int
    last_month: int
    label: str

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.first_month, 1)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime(self.year + (self.last_month == 12), self.last_month % 12 + 1, 1)

    @property
    def months(self) -> tuple[int, int]:
        return self.first_month, self.last_month

    @property
    def month_numbers(self) -> range:
        return range(self.first_month, self.last_month + 1)

    def holds(self, day: date | datetime) -> bool:
        return day.year == self.year and self.first_month <= day.month <= self.last_month


def check_year(year: int) -> int:
    if not 1949 <= year <= 2200:
        raise ValidationError(f"年度“{year}”不正确。", "year")
    return year


def whole_year(year: int) -> Period:
    return Period(check_year(year), 1, 12, f"{year}年")


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise ValidationError(f"季度应为 1—4，不是“{number}”。", "quarter")
    first = 3 * number - 2
    return Period(check_year(year), first, first + 2, f"{year}年{QUARTER_NAMES[number - 1]}")


def year_to_quarter(year: int, number: int) -> Period:
    last = quarter(year, number).last_month
    return Period(year, 1, last, f"{year}年1—{last}月")
