"""年评比 of rooms: consultations vs target, reception days, attendance rate, on-time follow-ups."""

from datetime import date, datetime

from app.models import Activity, Attendance, FollowUp, Reception, Room
from app.services.points.rooms import room_ranking


def test_room_ranking(db):
    with db.write() as s:
        good = Room(
            name="青石村委员联络室", target_consultations_per_year=2, target_receptions_per_month=1
        )
        weak = Room(name="镇委员联络室", target_consultations_per_year=4)
        idle = Room(name="园区委员工作室")
        s.add_all([good, weak, idle])
        s.flush()
        from app.models import Member

        m1, m2 = Member(name="甲"), Member(name="乙")
        s.add_all([m1, m2])
        s.flush()
        for month, kind in ((3, "协商议事会"), (5, "微协商"), (6, "调研视察")):
            act = Activity(
                activity_type=kind,
                title="t",
                room_id=good.id,
                status="已召开",
                start_at=datetime(2024, month, 1),
            )
            act.attendances += [
                Attendance(member_id=m1.id, status="出席"),
                Attendance(member_id=m2.id, status="请假"),
            ]
            act.follow_ups.append(
                FollowUp(
                    content="x",
                    status="已办结",
                    due_on=date(2024, 9, 1),
                    feedback_on=date(2024, 8, 1),
                )
            )
            s.add(act)
        late = Activity(
            activity_type="协商议事会",
            title="t",
            room_id=weak.id,
            status="已召开",
            start_at=datetime(2024, 4, 1),
        )
        late.attendances.append(Attendance(member_id=m1.id, status="出席"))
        late.follow_ups += [
            FollowUp(
                content="晚", status="已办结", due_on=date(2024, 5, 1), feedback_on=date(2024, 6, 1)
            ),
            FollowUp(content="未", status="办理中", due_on=date(2024, 5, 1)),
        ]
        s.add(late)
        s.add(
            Activity(
                activity_type="协商议事会",
                title="未开",
                room_id=weak.id,
                start_at=datetime(2024, 12, 1),
            )
        )  # 筹备中: not counted
        for day in range(1, 13):
            s.add(Reception(visit_on=date(2024, day, 3), request="r", room_id=good.id))
    scores = {s.name: s for s in room_ranking(db, 2024)}
    g, w, i = scores["青石村委员联络室"], scores["镇委员联络室"], scores["园区委员工作室"]
    assert (g.activities, g.consultations, g.meets_target) == (3, 2, True)
    assert g.reception_days == 12 and g.reception_target == 12
    assert g.attendance_rate == 0.5 and (g.closed_on_time, g.follow_ups) == (3, 3)
    assert g.score == 40 + 20 + 10 + 20 and g.rank == 1
    assert (w.consultations, w.meets_target, w.activities) == (1, False, 1)
    assert (w.closed_on_time, w.follow_ups) == (0, 2) and w.on_time_rate == 0
    assert w.score == 10 + 0 + 20 + 0 and w.rank == 2
    assert i.attendance_rate is None and i.score == 0 and i.rank == 3
