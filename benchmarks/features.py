"""Benchmarks of features other areas deliver. Each looks for its feature on the checked-out code
and raises ``Skip`` with the reason when it is not there yet; each measures a baseline in the same
run so the figure is a ratio."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.models import Activity
from benchmarks.plain_cells import plain_cells


class Skip(Exception):
    """The feature is not on main yet (or cannot be driven); the message says why."""


@dataclass
class Result:
    name: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None
    note: str = ""


def timed(func: Callable[[], object], runs: int = 5) -> float:
    """Median seconds of ``runs`` calls (after one warm-up call)."""
    func()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --- 积分排名 ------------------------------------------------------------------------------------
RANKING_SQL = """
SELECT m.id, m.name, s.name, SUM(p.points) AS total,
       RANK() OVER (ORDER BY SUM(p.points) DESC) AS rank
FROM point_entry p JOIN member m ON m.id = p.member_id LEFT JOIN sector s ON s.id = m.sector_id
WHERE p.year = ? GROUP BY m.id ORDER BY total DESC, m.id
"""


def ranking(db: Database, year: int) -> Result:
    try:
        from app.services.points.ranking import get_ranking  # type: ignore[import-not-found]

        def service() -> object:
            return get_ranking(db, year)

        how = "app.services.points.ranking.get_ranking"
    except ImportError:
        from app.services.listing import list_point_totals

        def service() -> object:
            return list_point_totals(db, year)

        how = "积分引擎未合入 main：用积分页现用的 listing.list_point_totals"
    conn = sqlite3.connect(str(db.path))
    try:
        rows = conn.execute(RANKING_SQL, (year,)).fetchall()
        base = timed(lambda: conn.execute(RANKING_SQL, (year,)).fetchall())
    finally:
        conn.close()
    app = timed(service)
    ratio = app / base
    return Result(
        f"积分排名（{year} 年，{len(rows)} 名委员）",
        ms(app),
        f"手写 SQL {ms(base)}",
        ratio,
        "≤ 1.5×，< 150 ms",
        ratio <= 1.5 and app < 0.150,
        how,
    )


# --- 履职积分统计表 -----------------------------------------------------------------------------
def plain_openpyxl(path: Path, rows: int, cols: int) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([f"列{c}" for c in range(cols)])
    for r in range(rows):
        ws.append([f"委员{r}" if c == 1 else r * c for c in range(cols)])
    wb.save(path)


def _cells(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def stats_export(db: Database, year: int) -> Result:
    try:
        from app.exports.points_xlsx import export_points_xlsx  # type: ignore[import-not-found]
        from app.services.points.statistics import load_points_table
    except ImportError as exc:
        raise Skip("履职积分统计表导出（app/exports/points_xlsx.py）尚未合入 main") from exc
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "统计表.xlsx"
        app = timed(lambda: export_points_xlsx(load_points_table(db, year), out), runs=3)
        sheets = _cells(out)
        base = timed(lambda: plain_cells(Path(tmp) / "plain.xlsx", sheets), runs=3)
    cells = sum(len(rows) * max((len(r) for r in rows), default=0) for rows in sheets.values())
    ratio = app / base
    return Result(
        f"履职积分统计表导出（{year} 年）",
        ms(app),
        f"openpyxl 直接写同样的 {cells} 个单元格 {ms(base)}",
        ratio,
        "≤ 1.5×",
        ratio <= 1.5,
        "、".join(f"{t} {len(r)} 行" for t, r in sheets.items()),
    )


# --- 活动台账 -----------------------------------------------------------------------------------
def ledger(db: Database, year: int) -> Result:
    try:
        from app.exports.ledger import write_ledger  # type: ignore[import-not-found]
        from app.services.documents.meeting_papers import load_ledger  # type: ignore[import-not-found]
    except ImportError as exc:
        raise Skip("活动台账导出尚未合入 main") from exc
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "台账.xlsx"

        def export() -> None:
            write_ledger(out, load_ledger(db, year))

        app = timed(export, runs=3)
        sheets = _cells(out)
        base = timed(lambda: plain_cells(Path(tmp) / "plain.xlsx", sheets), runs=3)
    rows = sum(len(r) for r in sheets.values())
    ratio = app / base
    return Result(
        f"活动台账导出（{year} 年，全县 {len(sheets)} 个联络室）",
        ms(app),
        f"openpyxl 直接写同样的 {rows} 行 {ms(base)}",
        ratio,
        "（issue 未定目标，供参考）",
        None,
        f"{len(sheets)} 张工作表",
    )


# --- 会议纪要 -----------------------------------------------------------------------------------
def plain_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("协商议事会纪要", 0)
    for i in range(40):
        document.add_paragraph(f"第{i}段：委员们围绕议题深入讨论，提出了具体意见和建议。" * 2)
    table = document.add_table(rows=5, cols=4)
    for r in range(5):
        for c in range(4):
            table.cell(r, c).text = f"单元格{r}{c}"
    document.save(path)


def minutes(db: Database) -> list[Result]:
    try:
        from app.exports.minutes import (  # type: ignore[import-not-found]
            minutes_blocks,
            write_minutes,
        )
        from app.exports.official_docx import OfficialFonts  # type: ignore[import-not-found]
        from app.services.documents.meeting_papers import (  # type: ignore[import-not-found]
            font_settings,
            load_minutes,
        )
    except ImportError as exc:
        raise Skip(f"会议纪要导出尚未合入 main（{exc.name} 不存在）") from exc
    with db.read() as session:
        ids = list(
            session.scalars(
                select(Activity.id)
                .where(Activity.activity_type == "协商议事会", Activity.status != "筹备中")
                .order_by(Activity.id)
                .limit(100)
            )
        )
    fonts = OfficialFonts.from_settings(font_settings(db))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def one(activity_id: int) -> None:
            write_minutes(
                folder / f"{activity_id}.docx", minutes_blocks(load_minutes(db, activity_id)), fonts
            )

        base = timed(lambda: plain_docx(folder / "plain.docx"), runs=5)
        warm = timed(lambda: one(ids[0]), runs=20)
        started = time.perf_counter()
        for activity_id in ids:
            one(activity_id)
        batch = time.perf_counter() - started
    return [
        Result(
            "会议纪要导出（单份，预热后）",
            ms(warm),
            f"python-docx 直接写 {ms(base)}",
            warm / base,
            "< 100 ms",
            warm < 0.100,
        ),
        Result(
            f"会议纪要批量导出（{len(ids)} 份）",
            f"{batch:.2f} s",
            f"{len(ids)} × 基线 {len(ids) * base:.2f} s",
            batch / (len(ids) * base),
            "每份 < 100 ms",
            batch / max(len(ids), 1) < 0.100,
        ),
    ]


# --- 委员名册导入 -------------------------------------------------------------------------------
ROSTER_HEADER = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "政治面貌",
    "界别",
    "委员层级",
    "届次",
    "工作单位及职务",
    "联系电话",
    "专长",
)


def write_roster(path: Path, rows: int) -> None:
    """Made the way county offices make them: a title row above the header, phone numbers
    stored as numbers, dates like 1975.03."""
    import random

    from openpyxl import Workbook

    from app.services.demo import words as data
    from app.services.demo.people import person_name

    rng = random.Random(5)
    used: set[str] = set()
    wb = Workbook()
    ws = wb.active
    ws.append(["临川县政协委员名册"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ROSTER_HEADER))
    ws.append(list(ROSTER_HEADER))
    for i in range(rows):
        name, gender = person_name(rng, used)
        unit, titles = rng.choice(data.WORK_UNITS)
        ws.append(
            [
                i + 1,
                name,
                gender,
                "汉族",
                f"{rng.randrange(1960, 1992)}.{rng.randrange(1, 13):02d}",
                "中共党员",
                rng.choice(("中共", "农业界", "教育界", "经济界", "医药卫生界")),
                "县",
                "十届",
                unit.format(town="青石", village="上坝") + rng.choice(titles),
                13800000000 + i,
                rng.choice(data.EXPERTISE),
            ]
        )
    wb.save(path)


def roster_import(make_db: Callable[[Path], Database]) -> Result:
    try:
        from app.imports.roster import import_roster  # type: ignore[import-not-found]
    except ImportError as exc:
        raise Skip("委员名册导入（app/imports/roster.py）尚未合入 main") from exc
    from openpyxl import load_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "名册.xlsx"
        write_roster(path, 2000)

        def plain() -> None:
            wb = load_workbook(path, read_only=True)
            rows = list(wb.active.iter_rows(values_only=True))
            wb.close()
            assert len(rows) == 2002

        base = timed(plain, runs=3)
        db = make_db(Path(tmp) / "roster.db")
        try:
            started = time.perf_counter()
            plan = import_roster(db, path)
            app = time.perf_counter() - started
        finally:
            db.dispose()
    if not getattr(plan, "written", True):
        return Result(
            "委员名册导入（2,000 行）",
            f"{app:.2f} s",
            "",
            None,
            "< 3 s",
            False,
            "未写入：" + getattr(plan, "summary", lambda: "")()[:120],
        )
    return Result(
        "委员名册导入（2,000 行）",
        f"{app:.2f} s",
        f"openpyxl 只读 {ms(base)}",
        app / base,
        "< 3 s",
        app < 3.0,
    )
