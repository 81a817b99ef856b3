"""Follow-up status follows the data, in the service: the activity editor, the 督办 board and any
other writer store the same status for the same fields."""

from datetime import date, datetime

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups import board as follow_ups
from app.services.follow_ups.progress import status_for

D = date(2025, 3, 10)


def test_the_rule():
    assert status_for("待交办", "交通局", None, "", None) == "待交办"  # no 交办日期 yet
    assert status_for("待交办", "交通局", D, "", None) == "办理中"
    assert status_for("办理中", "交通局", D, "已增设车位", None) == "办理中"  # no 反馈日期
    assert status_for("办理中", "交通局", D, "已增设车位", D) == "已办结"
    assert status_for("待交办", "", None, "当场解决", D) == "已办结"
    assert status_for("已采纳", "交通局", D, "", None) == "已采纳"  # set by hand: kept
    assert status_for("未采纳", "", None, "不具备条件", D) == "未采纳"


def _stored(db, activity_id):
    db.dispose()
    return {f.content: f.status for f in activities.get_activity(db, activity_id).follow_ups}


def test_saving_an_activity_moves_the_status(db):
    draft = ActivityDraft(
        title="停车难协商",
        start_at=datetime(2025, 3, 1, 9),
        follow_ups=[
            FollowUpLine("增设车位", "交通局", assigned_on=D),
            FollowUpLine("划定停车区", "城管局"),
            FollowUpLine("夜间巡查", "派出所", assigned_on=D, result="已安排", feedback_on=D),
            FollowUpLine("拓宽道路", "住建局", assigned_on=D, status="未采纳"),
        ],
    )
    activity_id = activities.save_activity(db, draft)
    assert _stored(db, activity_id) == {
        "增设车位": "办理中",
        "划定停车区": "待交办",
        "夜间巡查": "已办结",
        "拓宽道路": "未采纳",
    }


def test_editing_on_the_board_moves_the_status(db):
    activity_id = activities.save_activity(
        db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    [item] = follow_ups.board(db, include_closed=True)
    assert item.status == "待交办"
    assert follow_ups.update_follow_up(db, item.id, assigned_on=D).status == "办理中"
    row = follow_ups.update_follow_up(db, item.id, result="已增设 30 个车位", feedback_on=D)
    assert row.status == "已办结"
    assert _stored(db, activity_id) == {"增设车位": "已办结"}
