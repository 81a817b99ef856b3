"""The activity area's integrity checks (run by 检查数据库完整性 / ``main.py check``)."""

from __future__ import annotations

from sqlalchemy import select

from app.db import Database
from app.models import Activity, Attachment, Attendance, FollowUp, Member
from app.services.activities import attachments
from app.services.check_problems import CheckProblem


def check_activities(db: Database) -> list[CheckProblem]:
    """Attachments whose copy is gone, 请假 with no 事由, deadlines before the assignment date."""
    problems: list[CheckProblem] = []
    with db.read() as session:
        for title, original, stored in session.execute(
            select(Activity.title, Attachment.original_name, Attachment.stored_name).join(
                Activity, Activity.id == Attachment.activity_id
            )
        ):
            if not attachments.stored_path(stored).is_file():
                problems.append(
                    CheckProblem("附件", f"活动“{title}”的附件“{original}”在附件文件夹中找不到。")
                )
        for title, name in session.execute(
            select(Activity.title, Member.name)
            .join(Attendance, Attendance.activity_id == Activity.id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.status == "请假", Attendance.leave_reason.is_(None))
        ):
            problems.append(CheckProblem("参加人员", f"活动“{title}”中{name}请假但未填写事由。"))
        for title, content in session.execute(
            select(Activity.title, FollowUp.content)
            .join(Activity, Activity.id == FollowUp.activity_id)
            .where(FollowUp.due_on < FollowUp.assigned_on)
        ):
            problems.append(
                CheckProblem(
                    "成果办理", f"活动“{title}”的建议“{content[:20]}”办理时限早于交办日期。"
                )
            )
    return problems
