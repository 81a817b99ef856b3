"""Demo generator, part three: 接待来访 (some anonymous, some turned into topics) and 履职成果
(提案 joint with co-proposers, 社情民意 adopted at levels, 批示, 调研报告, 宣讲, 办实事)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.models import Reception, ReceptionMember, Submission, SubmissionAuthor
from app.models.vocab import RECEPTION_HANDLINGS
from app.services.demo import words as data
from app.services.demo.activities import ActivityMaker
from app.services.demo.people import DemoRows, Person, RoomInfo, person_name


def _day(rng: random.Random, year: int, today: date) -> date | None:
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return day if day < today else None


def receptions(maker: ActivityMaker, room: RoomInfo, year: int, per_month: float) -> None:
    rows, rng, today = maker.rows, maker.rng, maker.today
    count = int(per_month * 12) + (rng.random() < (per_month * 12) % 1)
    for _ in range(count):
        visit_on = _day(rng, year, today)
        if visit_on is None or not room.members:
            continue
        issue = rng.choice(data.issues_for(room.place))
        anonymous = rng.random() < 0.25
        handling = rng.choices(RECEPTION_HANDLINGS, (45, 30, 12, 13))[0]
        dept = f"{room.town}{issue[2]}"
        reception_id = rows.add(
            Reception,
            visit_on=visit_on,
            room_id=room.id,
            resident_name=None if anonymous else person_name(rng, maker.used_names)[0],
            resident_contact=None
            if anonymous
            else f"1{rng.randrange(3, 9)}{rng.randrange(10**9):09d}",
            request=rng.choice(data.RECEPTION_REQUESTS).format(place=room.place, issue=issue[0]),
            category=issue[1],
            handling=handling,
            result=data.RECEPTION_RESULTS[handling].format(dept=dept),
        )
        for person in rng.sample(room.members, min(len(room.members), rng.choice((1, 1, 2)))):
            rows.add(ReceptionMember, reception_id=reception_id, member_id=person.id)
        if handling == "纳入议题库":
            trail = [("待筛选", visit_on)]
            if visit_on + timedelta(days=10) < today:
                trail.append(("报党委审核", visit_on + timedelta(days=10)))
            maker.topic(room, issue, visit_on, trail, reception_id=reception_id, source="群众出题")


def submissions(
    rows: DemoRows, rng: random.Random, person: Person, peers: list[Person], year: int, today: date
) -> None:
    """One member's 履职成果 of one year."""

    def add(kind: str, title: str, **extra: object) -> int | None:
        day = _day(rng, year, today)
        if day is None:
            return None
        values: dict[str, object] = {
            "is_filed": False,
            "is_key": False,
            "is_excellent": False,
            "adopted_level": None,
            "has_instruction": False,
            "instruction_note": None,
            "beneficiary": None,
            "activity_id": None,
            "converted_from_id": None,
            "content": None,
        }
        values.update(extra)
        submission_id = rows.add(Submission, kind=kind, title=title, submitted_on=day, **values)
        rows.add(
            SubmissionAuthor, submission_id=submission_id, member_id=person.id, role="主笔", seq=0
        )
        return submission_id

    town = person.town
    for _ in range(rng.choice((0, 1, 1, 1, 2))):
        issue = rng.choice(data.ISSUES)
        filed = rng.random() < 0.6
        sid = add(
            "提案",
            f"关于加快推进{town}镇{issue[0]}的提案",
            content=f"{town}镇{issue[0]}问题较为突出，建议{issue[3]}加大支持力度。",
            is_filed=filed,
            is_key=filed and rng.random() < 0.15,
            is_excellent=filed and rng.random() < 0.08,
        )
        if sid is not None and rng.random() < 0.3:
            others = [p for p in peers if p.id != person.id]
            for seq, co in enumerate(rng.sample(others, min(len(others), rng.randrange(1, 4))), 1):
                rows.add(SubmissionAuthor, submission_id=sid, member_id=co.id, role="联名", seq=seq)
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        issue = rng.choice(data.ISSUES)
        level = rng.choices((None, "县", "市", "省"), (55, 30, 12, 3))[0]
        instruction = level is not None and rng.random() < 0.2
        add(
            "社情民意",
            f"关于{issue[0]}的几点建议",
            content=f"群众反映{issue[0]}方面存在困难，建议相关部门予以关注。",
            adopted_level=level,
            has_instruction=instruction,
            instruction_note=f"{level}领导作出批示" if instruction else None,
        )
    if rng.random() < 0.35:
        issue = rng.choice(data.ISSUES)
        add("调研报告", f"关于{town}镇{issue[0]}情况的调研报告")
    for _ in range(rng.choice((0, 1, 1, 2))):
        add("宣讲", rng.choice(data.PUBLICITY_TITLES), beneficiary=f"{town}镇群众")
    for _ in range(rng.choice((0, 1, 1, 2))):
        title = rng.choice(data.SERVICE_TITLES)
        add("办实事", title, beneficiary=title.removeprefix("为").split("开展")[0][:20])
