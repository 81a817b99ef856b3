from datetime import date

from app.services.activities.consultation_steps import compute_steps
from app.services.activities.records import (
    ActivityDraft,
    AttendanceLine,
    FollowUpLine,
    OpinionLine,
)


def test_empty_consultation_is_at_step_one():
    progress = compute_steps(ActivityDraft(title="x"))
    assert progress.reached == 0
    assert progress.current.name == "选准议题"
    assert [s.done for s in progress.steps] == [False] * 7


def test_each_step_follows_the_record():
    draft = ActivityDraft(title="x", topic_id=1)
    assert compute_steps(draft).reached == 1
    draft.plan = "方案"
    assert compute_steps(draft).reached == 2
    draft.research = "走访了 30 户"
    assert compute_steps(draft).reached == 3
    draft.status = "已召开"
    assert compute_steps(draft).reached == 3  # nobody marked 出席 yet
    draft.attendances = [AttendanceLine(1, "张明", status="出席")]
    assert compute_steps(draft).reached == 4
    draft.opinions = [OpinionLine("增设车位")]
    assert compute_steps(draft).reached == 4  # not yet 报送
    draft.results_reported_on = date(2025, 3, 10)
    assert compute_steps(draft).reached == 5
    draft.follow_ups = [FollowUpLine("增设车位"), FollowUpLine("划线")]
    assert compute_steps(draft).reached == 5
    for item in draft.follow_ups:
        item.status = "办理中"
    progress = compute_steps(draft)
    assert progress.reached == 6 and progress.current.name == "反馈评议"
    for item in draft.follow_ups:
        item.status, item.feedback_on, item.evaluation = "已办结", date(2025, 5, 1), "满意"
    draft.follow_ups[1].evaluation = ""
    assert compute_steps(draft).reached == 6
    draft.follow_ups[1].evaluation = "基本满意"
    progress = compute_steps(draft)
    assert progress.reached == 7 and progress.current is None
    assert progress.label == "七步已全部完成"


def test_steps_are_judged_each_on_its_own():
    draft = ActivityDraft(title="x", plan="方案", research="调研")
    progress = compute_steps(draft)
    assert progress.reached == 0
    assert [s.done for s in progress.steps][:3] == [False, True, True]
