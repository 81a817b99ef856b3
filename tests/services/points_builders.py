"""Small builders for points tests: records made with db.write() and the models."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.models import (
    Activity,
    Attendance,
    Member,
    Reception,
    ReceptionMember,
    Room,
    RoomMember,
    Sector,
    Submission,
    SubmissionAuthor,
)
from app.services.points.rules import RuleData, RuleSetData, save_rule_set

FOUR_GRADES = [
    {"name": "优秀", "min": 90},
    {"name": "良好", "min": 80},
    {"name": "合格", "min": 60},
    {"name": "不合格", "min": None, "passing": False},
]


def members(db, *names: str, sector: str = "民盟", room: str | None = "青石村委员联络室"):
    ids = []
    with db.write() as s:
        sector_id = s.scalar(select(Sector.id).where(Sector.name == sector))
        room_row = None
        if room:
            room_row = s.scalar(select(Room).where(Room.name == room))
            if room_row is None:
                room_row = Room(name=room)
                s.add(room_row)
                s.flush()
        for name in names:
            m = Member(name=name, sector_id=sector_id)
            s.add(m)
            s.flush()
            if room_row is not None:
                s.add(RoomMember(room_id=room_row.id, member_id=m.id))
            ids.append(m.id)
    return ids


def activity(db, when, attendance: dict, *, kind="协商议事会", title="协商会", status="已召开"):
    """attendance: {member_id: "出席" | "请假" | "缺席" | ("出席", late, early)}."""
    with db.write() as s:
        start = when if isinstance(when, datetime) else datetime(when.year, when.month, when.day, 9)
        a = Activity(activity_type=kind, title=title, start_at=start, status=status)
        for mid, value in attendance.items():
            st, late, early = (value, False, False) if isinstance(value, str) else value
            a.attendances.append(
                Attendance(member_id=mid, status=st, arrived_late=late, left_early=early)
            )
        s.add(a)
        s.flush()
        return a.id


def submission(db, kind, day, authors, *, title="关于改善农村道路的建议", **flags):
    """authors: member ids, the first is 主笔."""
    with db.write() as s:
        sub = Submission(kind=kind, title=title, submitted_on=day, **flags)
        for seq, mid in enumerate(authors):
            sub.authors.append(
                SubmissionAuthor(member_id=mid, role="主笔" if seq == 0 else "联名", seq=seq)
            )
        s.add(sub)
        s.flush()
        return sub.id


def reception(db, day, member_ids, request="反映小区路灯不亮"):
    with db.write() as s:
        r = Reception(visit_on=day, request=request)
        for mid in member_ids:
            r.receivers.append(ReceptionMember(member_id=mid))
        s.add(r)
        s.flush()
        return r.id


def rule_set(db, year, rules, **kwargs):
    kwargs.setdefault("grades", FOUR_GRADES)
    data = RuleSetData(year=year, name=f"{year}年度积分规则", rules=rules, **kwargs)
    save_rule_set(db, data)
    return data


def att_rule(
    code,
    points,
    status="出席",
    *,
    cat="活动",
    types=None,
    cap=None,
    counting="per_event",
    title=None,
    flag=None,
):
    params = {"activity_types": types or [], "status": status}
    if title:
        params["title_contains"] = title
    if flag:
        params["flag"] = flag
    return RuleData(code, f"规则{code}", cat, points, counting, cap, "attendance", params)


def sub_rule(
    code,
    points,
    kind="提案",
    stage="提交",
    *,
    cat=None,
    share="每人全额",
    co=None,
    levels=None,
    counting="per_item",
    cap=None,
):
    params = {"kind": kind, "stage": stage, "share": share}
    if co is not None:
        params["co_points"] = co
    if levels:
        params["levels"] = levels
    return RuleData(code, f"规则{code}", cat or kind, points, counting, cap, "submission", params)


D = date
