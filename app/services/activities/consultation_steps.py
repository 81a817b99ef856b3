"""Where a consultation stands in the 协商在一线 seven steps, computed from its record.

A pure function of the ``ActivityDraft`` so the editor can redraw the indicator as the user types.
Each step is judged on its own, by what the record shows:

1. 选准议题           — the activity is linked to a topic of the 议题库.
2. 制定工作方案       — the 工作方案 text is filled in.
3. 开展深入调研       — the 调研情况 text is filled in (不调研不协商).
4. 召开协商会         — status is 已召开 or 已归档 and at least one member is marked 出席.
5. 形成协商成果并报送 — at least one 协商意见 is recorded and the 报送日期 is set.
6. 跟踪落实           — at least one 成果办理 item exists and none is still 待交办.
7. 反馈评议           — every 成果办理 item is closed (not 待交办/办理中) with a 反馈日期 and a
                        群众评议.

``reached`` counts the leading steps that are done; the step after them is the current one.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models.vocab import CONSULTATION_STEPS, CONSULTATION_TYPES, FOLLOW_UP_OPEN_STATUSES
from app.services.activities.held import HELD_STATUSES
from app.services.activities.records import ActivityDraft


@dataclass(frozen=True)
class StepState:
    number: int
    name: str
    done: bool
    hint: str  # what the record needs for this step, shown as a tooltip


@dataclass(frozen=True)
class StepProgress:
    steps: tuple[StepState, ...]
    reached: int  # leading steps done (0–7)

    @property
    def current(self) -> StepState | None:
        """The first step not yet done, or None when all seven are done."""
        return self.steps[self.reached] if self.reached < len(self.steps) else None

    @property
    def label(self) -> str:
        if self.current is None:
            return "七步已全部完成"
        return f"已完成 {self.reached}/7 步，当前：{self.current.name}"


def is_consultation(activity_type: str) -> bool:
    return activity_type in CONSULTATION_TYPES


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def compute_steps(draft: ActivityDraft) -> StepProgress:
    follow_ups = draft.follow_ups
    checks = (
        (draft.topic_id is not None, "在“基本信息”中选择议题库中的议题"),
        (not _blank(draft.plan), "在“方案与调研”中填写工作方案"),
        (not _blank(draft.research), "在“方案与调研”中填写调研情况"),
        (
            draft.status in HELD_STATUSES and any(a.status == "出席" for a in draft.attendances),
            "状态改为“已召开”，并在“参加人员”中标记出席委员",
        ),
        (
            bool(draft.opinions) and draft.results_reported_on is not None,
            "录入协商意见，并在“成果办理”中填写成果报送日期",
        ),
        (
            bool(follow_ups) and all(f.status != "待交办" for f in follow_ups),
            "在“成果办理”中交办每一条建议",
        ),
        (
            bool(follow_ups)
            and all(
                f.status not in FOLLOW_UP_OPEN_STATUSES
                and f.feedback_on is not None
                and not _blank(f.evaluation)
                for f in follow_ups
            ),
            "每条建议办结后填写反馈日期和群众评议",
        ),
    )
    steps = tuple(
        StepState(i + 1, name, done, hint)
        for i, (name, (done, hint)) in enumerate(zip(CONSULTATION_STEPS, checks, strict=True))
    )
    reached = 0
    for step in steps:
        if not step.done:
            break
        reached += 1
    return StepProgress(steps, reached)
