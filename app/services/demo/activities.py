"""Demo generator, part two: 履职活动 with attendance, 列席人员, 发言记录, 协商意见, 成果办理,
and the 议题 each consultation settles (with its dated status trail)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from app.models import (
    Activity,
    Attendance,
    FollowUp,
    GuestAttendee,
    Opinion,
    Speech,
    Topic,
    TopicStatusChange,
)
from app.models.vocab import ACTIVITY_TYPES, TOPIC_SOURCES
from app.services.demo import words as data
from app.services.demo.people import DemoRows, Person, RoomInfo, Scale, person_name

TYPE_WEIGHTS = (20, 12, 12, 6, 12, 14, 10, 8, 3, 3)  # in ACTIVITY_TYPES order
CONSULTING = ("协商议事会", "微协商", "民主监督")


class ActivityMaker:
    """Makes one room-year of activities at a time; ``today`` splits held from planned."""

    def __init__(
        self, rows: DemoRows, rng: random.Random, today: date, used_names: set[str]
    ) -> None:
        self.rows = rows
        self.rng = rng
        self.today = today
        self.used_names = used_names
        self.staff = data.LIAISON_STAFF

    # --- topics -------------------------------------------------------------------------------
    def topic(
        self,
        room: RoomInfo,
        issue: tuple[str, str, str, str, str],
        raised_on: date,
        trail: list[tuple[str, date]],
        reception_id: int | None = None,
        source: str | None = None,
        reason: str | None = None,
    ) -> int:
        rng = self.rng
        source = source or rng.choice(TOPIC_SOURCES)
        member = rng.choice(room.members)
        raised_by, raised_by_member = {
            "党委政府点题": (f"{room.town}镇党委", None),
            "委员荐题": (member.name, member.id),
            "群众出题": (f"{room.place}村民" if room.place.endswith("村") else "居民代表", None),
            "网格征题": (f"第{rng.randrange(1, 9)}网格网格员", None),
            "社会公开征集": ("公开征集", None),
            "上级交办": ("县政协", None),
        }[source]
        title = f"{room.place}{issue[0]}" if room.place.endswith(("村", "社区")) else issue[0]
        topic_id = self.rows.add(
            Topic,
            title=title,
            description=f"{room.place}{issue[0]}问题群众反映较多，属于“小切口”民生事项，"
            f"拟由{room.name}组织委员调研后协商。",
            source=source,
            raised_by=raised_by,
            raised_by_member_id=raised_by_member,
            raised_on=raised_on,
            status=trail[-1][0],
            rejection_reason=reason,
            taken_by_member_id=member.id if trail[-1][0] != "待筛选" else None,
            room_id=room.id,
            reception_id=reception_id,
        )
        previous = None
        for status, changed_on in trail:
            self.rows.add(
                TopicStatusChange,
                topic_id=topic_id,
                from_status=previous,
                to_status=status,
                changed_on=changed_on,
                note=reason if status == "不予立项" else None,
            )
            previous = status
        return topic_id

    def pending_topic(self, room: RoomInfo, year: int) -> None:
        """A topic still in the pool (or turned down), not yet consulted on."""
        rng = self.rng
        raised = min(date(year, rng.randrange(1, 13), rng.randrange(1, 28)), self.today)
        steps = rng.choice((1, 2, 3, 4))
        names = ("待筛选", "报党委审核", "已立项")
        trail = [(names[i], raised + timedelta(days=7 * i)) for i in range(min(steps, 3))]
        reason = None
        if steps == 4:
            trail = [("待筛选", raised), ("不予立项", raised + timedelta(days=10))]
            reason = "该事项已列入县级专项规划统一实施，不再单独协商。"
        self.topic(room, rng.choice(data.issues_for(room.place)), raised, trail, reason=reason)

    # --- activities ---------------------------------------------------------------------------
    def room_year(self, room: RoomInfo, year: int, scale: Scale, all_types: bool) -> None:
        rng = self.rng
        count = int(scale.activities_per_room_year) + (
            rng.random() < scale.activities_per_room_year % 1
        )
        types = list(ACTIVITY_TYPES) if all_types else []
        types += rng.choices(ACTIVITY_TYPES, TYPE_WEIGHTS, k=max(0, count - len(types)))
        days = sorted(rng.sample(range(1, 360), len(types)))
        for kind, day in zip(types, days, strict=True):
            start = datetime(year, 1, 1) + timedelta(days=day, hours=rng.choice((9, 14, 15)))
            if start.minute == 0 and rng.random() < 0.3:
                start += timedelta(minutes=30)
            self.activity(room, kind, start)
        if rng.random() < 0.8:
            self.pending_topic(room, year)

    def activity(self, room: RoomInfo, kind: str, start: datetime) -> None:
        rng = self.rng
        held = start.date() < self.today
        issue = rng.choice(data.issues_for(room.place))
        topic_id = None
        if kind in CONSULTING:
            raised = start.date() - timedelta(days=rng.randrange(25, 70))
            trail = [
                ("待筛选", raised),
                ("报党委审核", raised + timedelta(days=7)),
                ("已立项", raised + timedelta(days=14)),
            ]
            if held:
                trail.append(("已协商", start.date()))
            topic_id = self.topic(room, issue, raised, trail, source=None)
        title = self._title(room, kind, issue)
        if held:
            status = "已归档" if (self.today - start.date()).days > 60 else "已召开"
        else:
            status = "筹备中"
        host = room.members[0].name if room.members else room.host_name
        activity_id = self.rows.add(
            Activity,
            activity_type=kind,
            title=title,
            room_id=room.id,
            topic_id=topic_id,
            start_at=start,
            end_at=start + timedelta(hours=2),
            place=f"{room.name}会议室" if rng.random() < 0.7 else self._site(room),
            form=rng.choices(("线下", "线上", "线上+线下"), (85, 5, 10))[0],
            venue_kind="会场" if rng.random() < 0.7 else "现场",
            host=host,
            recorder=rng.choice(self.staff),
            status=status,
            plan=f"围绕“{issue[0]}”，{room.name}组织驻室委员开展活动，邀请{issue[2]}负责人列席。"
            if kind in CONSULTING
            else None,
            research=f"会前委员分组走访{room.place}群众，召开座谈会听取意见，"
            f"梳理出{issue[0]}方面的突出问题。"
            if kind in CONSULTING and held
            else None,
            summary=f"{title}顺利开展，委员积极参与。" if held else None,
            results_reported_on=start.date() + timedelta(days=7)
            if kind in CONSULTING and held
            else None,
        )
        if not held:
            # The editor lists the room's members as 应到 (status 出席 until the meeting).
            for person in room.members:
                self.rows.add(
                    Attendance,
                    activity_id=activity_id,
                    member_id=person.id,
                    status="出席",
                    leave_reason=None,
                    arrived_late=False,
                    left_early=False,
                )
            return
        attending = self._attendance(activity_id, room)
        if kind in CONSULTING:
            self._minutes(activity_id, room, issue, start.date(), attending, topic_id)

    def _site(self, room: RoomInfo) -> str:
        if room.place.endswith(("村", "社区")):
            return f"{room.place}{self.rng.choice(('村民广场', '党群服务中心', '项目现场'))}"
        return f"{room.town}镇{self.rng.choice(('集镇', '人民路', '便民服务中心'))}"

    def _title(self, room: RoomInfo, kind: str, issue: tuple[str, str, str, str, str]) -> str:
        rng = self.rng
        place = room.place
        return {
            "协商议事会": f"关于{place}{issue[0]}的协商议事会",
            "微协商": f"“有事好商量”{issue[0]}微协商",
            "调研视察": f"{place}{issue[0]}情况调研视察",
            "民主监督": f"{issue[0]}项目推进情况民主监督",
            "学习培训·读书": rng.choice(data.STUDY_TITLES),
            "接待群众·走访": f"委员进{place}走访群众",
            "政策宣讲": rng.choice(data.PUBLICITY_TITLES),
            "为民办实事": rng.choice(data.SERVICE_TITLES),
            "界别活动": rng.choice(data.SECTOR_TITLES),
            "其他": rng.choice(data.OTHER_TITLES),
        }[kind]

    def _attendance(self, activity_id: int, room: RoomInfo) -> list[Person]:
        rng = self.rng
        attending = []
        for person in room.members:
            roll = rng.random()
            status = "出席" if roll < 0.85 else ("请假" if roll < 0.95 else "缺席")
            self.rows.add(
                Attendance,
                activity_id=activity_id,
                member_id=person.id,
                status=status,
                leave_reason=rng.choice(data.LEAVE_REASONS) if status == "请假" else None,
                arrived_late=status == "出席" and rng.random() < 0.03,
                left_early=False,
            )
            if status == "出席":
                attending.append(person)
        return attending

    def _minutes(
        self,
        activity_id: int,
        room: RoomInfo,
        issue: tuple[str, str, str, str, str],
        held_on: date,
        attending: list[Person],
        topic_id: int | None,
    ) -> None:
        rng = self.rng
        _issue, _category, dept, county_dept, _where = issue
        guests = [
            (
                person_name(rng, self.used_names)[0],
                f"{room.town}{dept}{rng.choice(data.GUEST_ROLES)}",
            ),
            (
                person_name(rng, self.used_names)[0],
                f"{room.place}{rng.choice(data.RESIDENT_ROLES)}",
            ),
        ]
        if rng.random() < 0.4:
            guests.append(
                (
                    person_name(rng, self.used_names)[0],
                    f"{county_dept}{rng.choice(data.GUEST_ROLES)}",
                )
            )
        for seq, (name, unit) in enumerate(guests, 1):
            self.rows.add(GuestAttendee, activity_id=activity_id, seq=seq, name=name, unit=unit)
        speakers = rng.sample(attending, min(len(attending), rng.randrange(2, 5)))
        for seq, person in enumerate(speakers, 1):
            opening = rng.choice(data.SPEECH_OPENINGS).format(dept=f"{room.town}{dept}")
            body = rng.choice(data.SPEECH_BODIES).format(issue=issue[0])
            self.rows.add(
                Speech,
                activity_id=activity_id,
                seq=seq,
                speaker=person.name,
                member_id=person.id,
                summary=opening + body,
            )
        self.rows.add(
            Speech,
            activity_id=activity_id,
            seq=len(speakers) + 1,
            speaker=f"{guests[0][0]}（{guests[0][1]}）",
            member_id=None,
            summary=f"感谢委员们的意见建议，{dept}将认真研究，尽快拿出落实方案。",
        )
        all_closed = True
        for seq, template in enumerate(rng.sample(data.OPINION_TEMPLATES, rng.randrange(2, 5)), 1):
            content = template.format(dept=f"{room.town}{dept}", place=room.place, issue=issue[0])
            opinion_id = self.rows.add(Opinion, activity_id=activity_id, seq=seq, content=content)
            all_closed &= self._follow_up(activity_id, opinion_id, content, room, dept, held_on)
        if topic_id is not None and all_closed:
            self.rows.add(
                TopicStatusChange,
                topic_id=topic_id,
                from_status="已协商",
                to_status="已办结",
                changed_on=min(held_on + timedelta(days=120), self.today),
                note="协商成果全部办结并反馈。",
            )
            self._close_topic(topic_id)

    def _close_topic(self, topic_id: int) -> None:
        self.rows.set_value(Topic, topic_id, "status", "已办结")

    def _follow_up(
        self,
        activity_id: int,
        opinion_id: int,
        content: str,
        room: RoomInfo,
        dept: str,
        held_on: date,
    ) -> bool:
        """One 协商成果办理 line; returns whether it is closed."""
        rng = self.rng
        assigned = held_on + timedelta(days=rng.randrange(3, 10))
        due = assigned + timedelta(days=rng.choice((30, 60, 90)))
        age = (self.today - held_on).days
        unit = f"{room.town}{dept}"
        if age > 150 and rng.random() < 0.9:
            status = rng.choices(("已办结", "已采纳", "未采纳"), (60, 30, 10))[0]
        elif assigned >= self.today:
            status = "待交办"
        else:
            status = rng.choice(("办理中", "办理中", "已办结"))
        closed = status not in ("待交办", "办理中")
        feedback = min(due - timedelta(days=rng.randrange(0, 20)), self.today) if closed else None
        self.rows.add(
            FollowUp,
            activity_id=activity_id,
            opinion_id=opinion_id,
            content=content,
            handling_unit=unit,
            assigned_on=assigned if status != "待交办" else None,
            due_on=due,
            status=status,
            result=rng.choice(data.RESULT_TEXTS) if closed else None,
            feedback_on=feedback,
            evaluation=rng.choices(("满意", "基本满意", "不满意"), (70, 25, 5))[0]
            if closed
            else None,
        )
        return closed
