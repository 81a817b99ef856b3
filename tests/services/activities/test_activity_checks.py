from datetime import date

from app.models import Activity, Attendance, FollowUp
from app.services.activities import attachments
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, AttachmentLine
from app.services.safety import integrity
from tests.services.activity_fixtures import make_room


def test_check_finds_missing_attachment_and_leave_without_reason(db, tmp_path):
    _room, (member_id,) = make_room(db, "甲室", ["张明"])
    photo = tmp_path / "p.png"
    photo.write_bytes(b"png")
    activity_id = activities.save_activity(
        db, ActivityDraft(title="会", attachments=[AttachmentLine("p.png", source_path=str(photo))])
    )
    assert integrity.run_checks(db) == []
    stored = activities.get_activity(db, activity_id).attachments[0].stored_name
    attachments.stored_path(stored).unlink()
    with db.write() as session:  # as an old import might have left it
        session.add(Attendance(activity_id=activity_id, member_id=member_id, status="请假"))
        session.add(
            FollowUp(
                activity_id=activity_id,
                content="修路",
                assigned_on=date(2025, 5, 1),
                due_on=date(2025, 4, 1),
            )
        )
        assert session.get(Activity, activity_id) is not None
    areas = sorted(p.area for p in integrity.run_checks(db))
    assert areas == ["参加人员", "成果办理", "附件"]
