from datetime import date, datetime

from app.cli import main
from app.models import (
    Activity,
    Attachment,
    Attendance,
    FollowUp,
    Member,
    Opinion,
    PointEntry,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)
from app.services.safety.integrity import run_checks


def _good_data(db, app_home):
    with db.write() as session:
        member = Member(name="张三")
        gone = Member(name="李四", status="离任", left_on=date(2025, 6, 30))
        session.add_all([member, gone])
        session.flush()
        activity = Activity(
            activity_type="协商议事会", title="停车难协商", start_at=datetime(2025, 5, 1)
        )
        activity.attendances = [
            Attendance(member_id=member.id, status="出席"),
            Attendance(member_id=gone.id, status="出席"),  # before leaving: fine
        ]
        opinion = Opinion(seq=1, content="增设停车位")
        activity.opinions = [opinion]
        session.add(activity)
        session.flush()
        activity.follow_ups = [FollowUp(opinion_id=opinion.id, content="增设停车位")]
        submission = Submission(kind="提案", title="关于停车的提案", submitted_on=date(2025, 3, 1))
        submission.authors = [SubmissionAuthor(member_id=member.id)]
        topic = Topic(title="停车难", raised_on=date(2025, 1, 1), status="已立项")
        topic.status_changes = [
            TopicStatusChange(from_status="待筛选", to_status="已立项", changed_on=date(2025, 1, 2))
        ]
        session.add_all([submission, topic])
        session.flush()
        session.add(
            PointEntry(
                year=2025,
                member_id=member.id,
                category="会议",
                points=5,
                source_kind="attendance",
                source_id=activity.attendances[0].id,
                description="出席停车难协商",
            )
        )
        (app_home / "attachments").mkdir(parents=True, exist_ok=True)
        (app_home / "attachments" / "a1.jpg").write_bytes(b"jpg")
        activity.attachments = [Attachment(original_name="现场.jpg", stored_name="a1.jpg")]
    return member, gone, activity


def test_consistent_data_passes(db, app_home):
    _good_data(db, app_home)
    assert run_checks(db) == []


def test_each_inconsistency_is_reported_in_chinese(db, app_home):
    member, gone, activity = _good_data(db, app_home)
    with db.write() as session:
        late = Activity(activity_type="微协商", title="秋季协商", start_at=datetime(2025, 9, 1))
        late.attendances = [Attendance(member_id=gone.id, status="出席")]
        other = Activity(activity_type="微协商", title="另一次", start_at=datetime(2025, 9, 2))
        other.opinions = [Opinion(seq=1, content="别的意见")]
        session.add_all([late, other])
        session.flush()
        session.add(
            FollowUp(activity_id=activity.id, opinion_id=other.opinions[0].id, content="错挂的事项")
        )
        session.add(
            PointEntry(
                year=2025,
                member_id=member.id,
                category="提案",
                points=10,
                source_kind="submission",
                source_id=999,
                description="提交提案",
            )
        )
        session.add(Submission(kind="社情民意", title="无名信息", submitted_on=date(2025, 4, 1)))
        topic = session.query(Topic).one()
        topic.status = "已办结"
    (app_home / "attachments" / "a1.jpg").unlink()
    areas = {p.area: p.message for p in run_checks(db)}
    assert "李四" in areas["出席记录"] and "已离任" in areas["出席记录"]
    assert "所依据的履职成果已不存在" in areas["履职积分"]
    assert "属于另一次活动" in areas["成果办理"]
    assert "最近一次状态变更记为“已立项”" in areas["议题库"]
    assert "没有作者" in areas["履职成果"]
    assert "现场.jpg" in areas["附件"] and "找不到" in areas["附件"]


def test_cli_check_exits_2_with_chinese_report(db, db_path, app_home, capsys):
    _good_data(db, app_home)
    (app_home / "attachments" / "a1.jpg").unlink()
    db.dispose()
    assert main(["--db", str(db_path), "check"]) == 2
    out = capsys.readouterr().out
    assert "【附件】" in out and "共发现 1 个问题" in out


def test_long_lists_are_cut(db, app_home):
    with db.write() as session:
        session.add_all(
            Submission(kind="提案", title=f"提案{i}", submitted_on=date(2025, 1, 1))
            for i in range(30)
        )
    problems = run_checks(db)
    assert len(problems) == 21 and "另有 10 条" in problems[-1].message
