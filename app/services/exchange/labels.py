"""Field names as the clerk calls them, for the 修改 column of the preview: the audit log's
names (app.services.audit) and a few a package adds."""

from __future__ import annotations

from app.services.audit import FIELD_NAMES

_EXTRA = {
    "origin_id": "归属",
    "room_id": "联络室",
    "member_id": "委员",
    "activity_id": "所属活动",
    "topic_id": "议题",
    "seq": "序号",
    "summary": "摘要",
    "end_at": "结束时间",
    "leave_reason": "请假事由",
    "visit_on": "接待日期",
    "request": "诉求",
    "handling": "处理方式",
    "raised_on": "提出日期",
    "submitted_on": "报送日期",
    "is_filed": "立案",
    "assigned_on": "交办日期",
    "feedback_on": "反馈日期",
    "cap": "上限",
    "category": "类别",
}
_BY_KIND = {
    "member": {"name": "姓名", "status": "在任/离任"},
    "attendance": {"status": "出席情况"},
    "activity": {"summary": "活动情况"},
}


def field_label(kind: str, column: str) -> str:
    return (
        _BY_KIND.get(kind, {}).get(column)
        or _EXTRA.get(column)
        or FIELD_NAMES.get(column)
        or column
    )
