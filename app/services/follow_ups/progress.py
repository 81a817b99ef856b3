"""Follow-up status follows the data: one rule for the activity editor, the 督办 board and any
other writer. 待交办 with a 承办单位 and a 交办日期 is 办理中; an open item with a 办理结果 and a
反馈日期 is 已办结. A status set by hand past these (已办结, 已采纳, 未采纳) is never moved back."""

from __future__ import annotations

from datetime import date

from app.models.vocab import FOLLOW_UP_OPEN_STATUSES

ASSIGNED, DONE = "办理中", "已办结"


def status_for(
    status: str,
    handling_unit: str | None,
    assigned_on: date | None,
    result: str | None,
    feedback_on: date | None,
) -> str:
    """The status the filled fields call for (the given one when they call for nothing new)."""
    if status not in FOLLOW_UP_OPEN_STATUSES:
        return status
    if (result or "").strip() and feedback_on is not None:
        return DONE
    if status == "待交办" and (handling_unit or "").strip() and assigned_on is not None:
        return ASSIGNED
    return status
