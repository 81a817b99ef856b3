"""Demo generator, part one: members, rooms (with convenors, 驻室委员, checklist ticks).

Rows are plain dicts with explicit integer ids, so later parts can point at them without a round
trip to the database; ``DemoRows`` hands them to bulk inserts in foreign-key order.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.models import (
    Activity,
    Attendance,
    Entity,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    Reception,
    ReceptionMember,
    Room,
    RoomChecklistTick,
    RoomMember,
    Speech,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)
from app.services.demo import words as data

# Insert order: a table comes after every table it points at.
TABLE_ORDER: tuple[type[Entity], ...] = (
    Member,
    Room,
    RoomMember,
    RoomChecklistTick,
    Reception,
    ReceptionMember,
    Topic,
    TopicStatusChange,
    Activity,
    Attendance,
    GuestAttendee,
    Speech,
    Opinion,
    FollowUp,
    Submission,
    SubmissionAuthor,
)


@dataclass(frozen=True)
class Scale:
    """How much to make. ``towns`` townships share the rooms; every room gets activities."""

    name: str
    towns: int
    rooms: int
    members: int
    years: int
    activities_per_room_year: float = 12.5
    receptions_per_room_month: float = 1.2


class DemoRows:
    """Buffered rows per table with id counters; ``flush`` empties them through ``sink``."""

    def __init__(
        self,
        first_ids: dict[type[Entity], int],
        sink: Callable[[type[Entity], list[dict[str, object]]], None],
        batch: int = 50_000,
        new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self._new_uuid = new_uuid  # the demo load's namespace (see demo.clear.uuid_maker)
        self._next = dict(first_ids)
        self._rows: dict[type[Entity], list[dict[str, object]]] = defaultdict(list)
        self._pending = 0
        self._sink = sink
        self._batch = batch
        self.counts: dict[type[Entity], int] = defaultdict(int)

    def add(self, model: type[Entity], **values: object) -> int:
        row_id = self._next[model]
        self._next[model] = row_id + 1
        values["id"] = row_id
        values["uuid"] = self._new_uuid()
        self._rows[model].append(values)
        self.counts[model] += 1
        self._pending += 1
        return row_id

    def set_value(self, model: type[Entity], row_id: int, key: str, value: object) -> None:
        """Change a row that is still buffered (the generator only looks back a few rows)."""
        for row in reversed(self._rows[model]):
            if row["id"] == row_id:
                row[key] = value
                return
        raise KeyError(row_id)

    def maybe_flush(self) -> None:
        if self._pending >= self._batch:
            self.flush()

    def flush(self) -> None:
        for model in TABLE_ORDER:
            rows = self._rows.pop(model, None)
            if rows:
                self._sink(model, rows)
        self._pending = 0


@dataclass
class Person:
    id: int
    name: str
    town: str


@dataclass
class RoomInfo:
    id: int
    name: str
    town: str
    place: str  # the village / community / township the room serves
    members: list[Person] = field(default_factory=list)
    host_name: str = ""


def person_name(rng: random.Random, used: set[str]) -> tuple[str, str]:
    """A name not used yet, and its gender."""
    while True:
        gender = "男" if rng.random() < 0.62 else "女"
        pool = data.GIVEN_MALE if gender == "男" else data.GIVEN_FEMALE
        given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.75 else "")
        name = rng.choice(data.SURNAMES) + given
        if name not in used:
            used.add(name)
            return name, gender


def place_names(rng: random.Random, count: int, used: set[str]) -> list[str]:
    """Village (村) and community (社区) names, unique across the county."""
    names: list[str] = []
    while len(names) < count:
        if rng.random() < 0.2:
            name = rng.choice(data.COMMUNITY_NAMES) + "社区"
        else:
            name = rng.choice(data.VILLAGE_FIRST) + rng.choice(data.VILLAGE_SECOND) + "村"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def phone(rng: random.Random) -> str:
    prefix = rng.choice(("13", "15", "18")) + str(rng.randrange(10))
    return prefix + f"{rng.randrange(10**8):08d}"


def _political_status(rng: random.Random, sector: str) -> str:
    fixed = {
        "中共": "中共党员",
        "民革": "民革党员",
        "民盟": "民盟盟员",
        "民建": "民建会员",
        "民进": "民进会员",
        "农工党": "农工党党员",
        "致公党": "致公党党员",
        "九三学社": "九三学社社员",
        "无党派人士": "无党派人士",
        "共青团": "共青团员",
    }
    return fixed.get(sector) or rng.choice(("中共党员", "中共党员", "群众", "群众", "无党派人士"))


SECTOR_WEIGHTS = {
    "中共": 8,
    "农业界": 7,
    "教育界": 6,
    "医药卫生界": 5,
    "经济界": 6,
    "工商联": 3,
    "无党派人士": 3,
    "民盟": 2,
    "民建": 2,
    "民进": 2,
    "九三学社": 1,
    "农工党": 1,
    "妇联": 2,
    "共青团": 1,
    "科技界": 2,
    "文化艺术界": 2,
    "社会福利和社会保障界": 1,
    "少数民族界": 1,
    "特邀": 1,
}


def make_members(
    rows: DemoRows,
    rng: random.Random,
    scale: Scale,
    towns: list[str],
    villages: dict[str, list[str]],
    sectors: dict[str, int],
    end_year: int,
    used_names: set[str],
) -> dict[str, list[Person]]:
    """Members spread over the towns; returns them per town."""
    names = [n for n in SECTOR_WEIGHTS if n in sectors] or list(sectors)
    weights = [SECTOR_WEIGHTS.get(n, 1) for n in names]
    terms = {"县": "十届", "市": "六届", "省": "十三届"}
    per_town: dict[str, list[Person]] = {t: [] for t in towns}
    for i in range(scale.members):
        town = towns[i % len(towns)]
        name, gender = person_name(rng, used_names)
        sector = rng.choices(names, weights)[0]
        level = rng.choices(("县", "市", "省"), (85, 12, 3))[0]
        unit, titles = rng.choice(data.WORK_UNITS)
        unit = unit.format(town=town, village=rng.choice(villages[town]).removesuffix("村"))
        member_id = rows.add(
            Member,
            name=name,
            gender=gender,
            ethnicity=rng.choice(data.ETHNICITIES),
            birth_month=f"{end_year - rng.randrange(34, 66)}-{rng.randrange(1, 13):02d}",  # aged 34–65
            political_status=_political_status(rng, sector),
            sector_id=sectors[sector],
            level=level,
            is_standing=rng.random() < 0.08,
            term=terms[level],
            work_unit=unit + rng.choice(titles),
            phone=phone(rng),
            expertise="、".join(rng.sample(data.EXPERTISE, rng.randrange(1, 3))),
            status="在任",
            left_on=None,
            note=None,
        )
        per_town[town].append(Person(member_id, name, town))
    return per_town


def _room_size(rng: random.Random, scale: Scale, room_type: str, pool: int) -> int:
    if scale.towns == 1 and room_type == "镇(街道)级":
        return min(pool, 14)
    return min(pool, rng.randrange(9, 14) if scale.towns > 1 else rng.randrange(6, 10))


def make_rooms(
    rows: DemoRows,
    rng: random.Random,
    scale: Scale,
    towns: list[str],
    villages: dict[str, list[str]],
    people: dict[str, list[Person]],
    checklist_ids: list[int],
    end_year: int,
    used_names: set[str],
) -> list[RoomInfo]:
    """Per town: one 镇(街道)级 room, one 企事业单位 or 界别 room, the rest 村(社区)级."""
    rooms: list[RoomInfo] = []
    per_town = [scale.rooms // len(towns)] * len(towns)
    for i in range(scale.rooms - sum(per_town)):
        per_town[i] += 1
    for town, count in zip(towns, per_town, strict=True):
        kinds = ["镇(街道)级", rng.choice(("企事业单位", "界别"))] + ["村(社区)级"] * (count - 2)
        kinds = kinds[:count]
        for k, kind in enumerate(kinds):
            if kind == "镇(街道)级":
                place, name = f"{town}镇", f"{town}镇政协委员联络室"
                host = f"{town}镇人民政府"
            elif kind == "企事业单位":
                place, name = f"{town}镇", f"{town}工业园区委员工作室"
                host = f"{town}工业园区管委会"
            elif kind == "界别":
                place, name = f"{town}镇", f"{town}镇教育医卫界别委员工作室"
                host = f"{town}镇中心小学"
            else:
                place = villages[town][(k - 2) % len(villages[town])]
                name, host = f"{place}“有事好商量”协商议事室", f"{place}村（居）民委员会"
                if place.endswith("村"):
                    name = f"{town}镇{place}委员联络室"
            pool = people[town]
            room_members = rng.sample(pool, _room_size(rng, scale, kind, len(pool)))
            convenor_name, _ = person_name(rng, used_names)
            second = room_members[0]
            room_id = rows.add(
                Room,
                name=name,
                room_type=kind,
                address=f"{town}镇{place if place != town + '镇' else '人民路'}",
                host_unit=host,
                first_convenor_name=convenor_name,
                first_convenor_title=(
                    f"{place}{rng.choice(data.CONVENOR_TITLES)}"
                    if kind == "村(社区)级"
                    else f"{town}镇党委副书记"
                ),
                first_convenor_member_id=None,
                second_convenor_member_id=second.id,
                established_on=date(end_year - scale.years - rng.randrange(0, 3), 3, 1),
                door_plate=name,
                wall_rules="委员联络室工作制度、协商议事规则、委员履职积分办法",
                target_consultations_per_year=3,
                target_receptions_per_month=2,
                is_active=True,
                sort_order=len(rooms),
                note=None,
            )
            info = RoomInfo(room_id, name, town, place, room_members, convenor_name)
            rooms.append(info)
            for person in room_members:
                rows.add(RoomMember, room_id=room_id, member_id=person.id, joined_on=None)
            for item_id in checklist_ids:
                rows.add(
                    RoomChecklistTick,
                    room_id=room_id,
                    item_id=item_id,
                    checked=rng.random() < 0.9,
                    note=None,
                )
    _seat_everyone(rows, rooms, people)
    return rooms


def _seat_everyone(rows: DemoRows, rooms: list[RoomInfo], people: dict[str, list[Person]]) -> None:
    """Every member sits in at least one room of their town."""
    for town, persons in people.items():
        town_rooms = [r for r in rooms if r.town == town]
        seated = {p.id for r in town_rooms for p in r.members}
        for i, person in enumerate(p for p in persons if p.id not in seated):
            room = town_rooms[i % len(town_rooms)]
            room.members.append(person)
            rows.add(RoomMember, room_id=room.id, member_id=person.id, joined_on=None)


def retire_some(
    rows: DemoRows,
    rng: random.Random,
    rooms: list[RoomInfo],
    people: dict[str, list[Person]],
    left_on: date,
    share: float = 0.03,
) -> set[int]:
    """A few members leave (离任) at ``left_on``; never a room's 第二召集人. Returns their ids."""
    convenors = {room.members[0].id for room in rooms if room.members}
    candidates = [p for persons in people.values() for p in persons if p.id not in convenors]
    leavers = rng.sample(candidates, min(len(candidates), max(1, round(share * len(candidates)))))
    for person in leavers:
        rows.set_value(Member, person.id, "status", "离任")
        rows.set_value(Member, person.id, "left_on", left_on)
    return {p.id for p in leavers}


def drop_leavers(rooms: list[RoomInfo], people: dict[str, list[Person]], gone: set[int]) -> None:
    """From the year after they left, leavers no longer attend, receive visitors or submit."""
    for room in rooms:
        room.members[:] = [p for p in room.members if p.id not in gone]
    for persons in people.values():
        persons[:] = [p for p in persons if p.id not in gone]
