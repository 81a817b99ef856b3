"""示例数据: fill a database with realistic, reproducible records (same seed → same data).

Township scale ≈ 40 members, 6 rooms, 2 years; county scale = 400 members, 320 rooms, 10 years
(≈ 40,000 activities, > 400,000 attendance rows). Everything goes in through bulk inserts in one
transaction, so the county database takes seconds, and a failure leaves the file untouched.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from app.db import Database
from app.db_server import sync_id_sequences
from app.errors import UserError
from app.models import (
    Activity,
    Attendance,
    ChecklistItem,
    Entity,
    FollowUp,
    Member,
    PointEntry,
    PointRuleSet,
    Reception,
    Room,
    Sector,
    Submission,
    Topic,
)
from app.progress import NoProgress, Progress
from app.services.demo import clear as demo_clear
from app.services.demo import words as data
from app.services.demo.activities import ActivityMaker
from app.services.demo.people import (
    TABLE_ORDER,
    DemoRows,
    Scale,
    drop_leavers,
    make_members,
    make_rooms,
    place_names,
    retire_some,
)
from app.services.demo.records import receptions, submissions

SCALES = {
    "township": Scale("township", towns=1, rooms=6, members=40, years=2),
    "county": Scale(
        "county", towns=16, rooms=320, members=400, years=10, receptions_per_room_month=0.45
    ),
}
DEMO_RULE_TABLE = "yanbian_2022"  # start from zero: grades spread from 优秀 to 不合格 on demo data
SCALE_LABELS = {"township": "乡镇规模", "county": "县级规模"}


class DemoNameClash(UserError):
    """The seed's names meet existing records (the command line names --seed)."""


class RealDataPresent(UserError):
    """The database holds members already (the command line names --db and --force)."""


def township_times(factor: int) -> Scale:
    """``factor`` townships of one county, two years: for measuring how cost grows."""
    return Scale(f"township×{factor}", towns=factor, rooms=6 * factor, members=40 * factor, years=2)


@dataclass(frozen=True)
class DemoSummary:
    scale: str
    seed: int
    seconds: float
    counts: dict[str, int]

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"已载入{SCALE_LABELS.get(self.scale, self.scale)}示例数据（随机种子 {self.seed}），"
            f"用时 {self.seconds:.1f} 秒：",
            f"  委员 {c['members']} 名，联络室 {c['rooms']} 个，议题 {c['topics']} 个，"
            f"履职活动 {c['activities']} 次，",
            f"  出席记录 {c['attendance']} 条，成果办理 {c['follow_ups']} 项，"
            f"履职成果 {c['submissions']} 件，接待来访 {c['receptions']} 次，"
            + (
                f"积分记录 {c['point_entries']} 条。"
                if c["point_entries"]
                else "未计算积分（可在“积分”页选择规则后重新计算）。"
            ),
        ]


def has_members(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(Member)).scalar_one() > 0


def load_demo(
    db: Database,
    scale: str | Scale = "township",
    seed: int = 1,
    progress: Progress | None = None,
    *,
    force: bool = False,
    today: date | None = None,
    points: bool | None = None,
) -> DemoSummary:
    """Fill ``db`` with demo records. Refuses a database that already has members unless
    ``force``. ``today`` splits held activities from planned ones (default: the real date).
    ``points`` (default: only for small scales) also installs the shipped 延边 rule table for
    each demo year that has none and runs 重新计算, so the 积分 page shows a ranking."""
    if isinstance(scale, str):
        if scale not in SCALES:
            raise UserError(
                f"未知的示例数据规模“{scale}”，可选：township（乡镇）、county（县级）。"
            )
        plan = SCALES[scale]
    else:
        plan = scale
    today = today or date.today()
    started = time.perf_counter()
    report = progress if progress is not None else NoProgress()
    try:
        rows = _load(db, plan, seed, force, today, report)
    except IntegrityError as exc:
        raise DemoNameClash(
            "示例数据与数据库中已有的记录重名（例如联络室名称），未载入任何数据。"
            "请换一个随机种子，或在新的数据库文件中载入示例数据。"
        ) from exc
    with_points = points if points is not None else plan.members <= 200
    if with_points:
        report.step(95, 100, "正在计算履职积分…")
        rows.counts[PointEntry] = _points(db, today.year - plan.years + 1, today.year)
    report.step(100, 100, "完成")
    counts = {
        "members": rows.counts[Member],
        "rooms": rows.counts[Room],
        "topics": rows.counts[Topic],
        "activities": rows.counts[Activity],
        "attendance": rows.counts[Attendance],
        "follow_ups": rows.counts[FollowUp],
        "submissions": rows.counts[Submission],
        "receptions": rows.counts[Reception],
        "point_entries": rows.counts[PointEntry],
    }
    return DemoSummary(plan.name, seed, time.perf_counter() - started, counts)


def _load(
    db: Database, plan: Scale, seed: int, force: bool, today: date, report: Progress
) -> DemoRows:
    """The one write transaction: refuse real data, then generate and bulk-insert."""
    with db.write() as session:
        if not force and session.scalar(select(func.count()).select_from(Member)):
            raise RealDataPresent(
                "该数据库中已有委员记录，不能载入示例数据（以免与真实数据混在一起）。"
                "请在新的数据库文件中载入示例数据。"
            )
        sectors = {name: sid for name, sid in session.execute(select(Sector.name, Sector.id))}
        checklist = list(
            session.scalars(
                select(ChecklistItem.id)
                .where(ChecklistItem.computed.is_(None), ChecklistItem.is_active.is_(True))
                .order_by(ChecklistItem.sort_order)
            )
        )
        if not sectors:
            raise UserError("界别列表为空，请先在“设置”中添加界别后再载入示例数据。")
        first_ids = {
            model: (session.scalar(select(func.max(model.id))) or 0) + 1 for model in TABLE_ORDER
        }

        def sink(model: type[Entity], rows: list[dict[str, object]]) -> None:
            session.execute(insert(model.__table__), rows)

        origin = demo_clear.uuid_maker(demo_clear.new_origin(session))
        rows = DemoRows(first_ids, sink, new_uuid=origin)
        _generate(rows, random.Random(seed), plan, sectors, checklist, today, report)
        report.step(90, 100, "正在写入数据库…")
        rows.flush()
        sync_id_sequences(session.connection(), [m.__tablename__ for m in TABLE_ORDER])
        demo_clear.mark_loaded(session)
    return rows


def _points(db: Database, first_year: int, last_year: int) -> int:
    """The shipped rule table for each year without one, then 重新计算; returns entries made."""
    from app.services.points.engine import recalculate
    from app.services.points.rules import load_default, rule_set_years

    have = set(rule_set_years(db))
    made = 0
    for year in range(first_year, last_year + 1):
        if year not in have:
            load_default(db, DEMO_RULE_TABLE, year)
            with db.write() as session:
                demo_clear.record_rule_set(
                    session,
                    session.scalars(
                        select(PointRuleSet.uuid).where(PointRuleSet.year == year)
                    ).one(),
                )
        made += recalculate(db, year).entries
    return made


def _generate(
    rows: DemoRows,
    rng: random.Random,
    scale: Scale,
    sectors: dict[str, int],
    checklist: list[int],
    today: date,
    report: Progress,
) -> None:
    end_year = today.year
    years = list(range(end_year - scale.years + 1, end_year + 1))
    towns = rng.sample(data.TOWN_PREFIXES, scale.towns)
    used_places: set[str] = set()
    villages = {
        town: place_names(rng, max(4, scale.rooms // scale.towns), used_places) for town in towns
    }
    used_names: set[str] = set()
    report.step(0, 100, "正在生成委员和联络室…")
    people = make_members(rows, rng, scale, towns, villages, sectors, end_year, used_names)
    rooms = make_rooms(rows, rng, scale, towns, villages, people, checklist, end_year, used_names)
    gone = set()
    if len(years) > 1:
        gone = retire_some(rows, rng, rooms, people, date(years[0], 12, 31))
    maker = ActivityMaker(rows, rng, today, used_names)
    total = len(years) * len(rooms)
    done = 0
    for year in years:
        if year == years[0] + 1:
            drop_leavers(rooms, people, gone)
        for index, room in enumerate(rooms):
            maker.room_year(room, year, scale, all_types=index == 0)
            receptions(maker, room, year, scale.receptions_per_room_month)
            done += 1
            if done % 50 == 0:
                report.step(5 + 80 * done // total, 100, f"正在生成 {year} 年的履职活动…")
                rows.maybe_flush()
        for persons in people.values():
            for person in persons:
                submissions(rows, rng, person, persons, year, today)
        rows.maybe_flush()
