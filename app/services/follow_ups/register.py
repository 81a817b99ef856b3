"""督办台账: the suggestions the 督办 board lists under a filter, with the day the list was made
(days overdue count to it), ready for the .xlsx writer and the print preview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.db import Database
from app.errors import ValidationError
from app.models.vocab import FOLLOW_UP_STATUSES
from app.services.exchange.identity import unit_name
from app.services.follow_ups.board import BoardFilter, BoardRow, board

HEADERS = (
    "序号",
    "联络室",
    "活动日期",
    "协商成果（建议）",
    "承办单位",
    "交办日期",
    "办理时限",
    "办理状态",
    "逾期天数",
    "办理结果（反馈）",
    "反馈日期",
    "群众评议",
)


@dataclass(frozen=True)
class FollowUpRegister:
    org_name: str
    today: date
    flt: BoardFilter
    rows: list[BoardRow]

    @property
    def title(self) -> str:
        year = f"{self.flt.year}年" if self.flt.year else ""
        return f"{self.org_name}{year}协商成果督办台账"

    @property
    def scope(self) -> str:
        """What the list holds, as the line under the title says it."""
        parts = [f"{self.flt.year}年活动形成的成果" if self.flt.year else "全部年度"]
        if self.flt.status:
            parts.append(f"办理状态：{self.flt.status}")
        elif not self.flt.include_closed:
            parts.append("未办结")
        if self.flt.overdue_only:
            parts.append("仅逾期")
        overdue = sum(r.overdue for r in self.rows)
        return (
            f"{'，'.join(parts)}；共 {len(self.rows)} 项，其中逾期 {overdue} 项；"
            f"制表日期 {self.today:%Y年%m月%d日}"
        )

    def days_overdue(self, row: BoardRow) -> int | None:
        return (self.today - row.due_on).days if row.overdue and row.due_on else None

    def cells(self, index: int, row: BoardRow) -> list[object]:
        """One printed line: dates as dates, 逾期天数 a number (empty when not overdue)."""
        return [
            index,
            row.room_name,
            row.activity_date,
            row.content,
            row.handling_unit,
            row.assigned_on or "",
            row.due_on or "",
            row.status,
            self.days_overdue(row) or "",
            row.result,
            row.feedback_on or "",
            row.evaluation,
        ]


def load_register(db: Database, flt: BoardFilter, today: date | None = None) -> FollowUpRegister:
    if flt.status and flt.status not in FOLLOW_UP_STATUSES:
        names = "、".join(FOLLOW_UP_STATUSES)
        raise ValidationError(f"办理状态“{flt.status}”不正确，可选：{names}。", "status")
    today = today or date.today()
    return FollowUpRegister(unit_name(db), today, flt, board(db, today, flt=flt))
