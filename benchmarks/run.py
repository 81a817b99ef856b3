"""One command for every benchmark: ``python benchmarks/run.py`` (not collected by pytest).

Builds the county-scale database (timed), runs each benchmark against a baseline measured in the
same run (so a noisy machine shows as noise in both), repeats the core ones at 1×, 4× and 16×
township size, prints a table and writes benchmarks/RESULTS.md (the hand-written analysis below
its "## 分析" heading is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import features  # noqa: E402
from benchmarks.features import Result, Skip, ms  # noqa: E402
from benchmarks.fixtures import build  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
ANALYSIS_HEADING = "## 分析"


def machine() -> dict[str, str]:
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    mem = "?"
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "CPU": f"{cpu}, nproc = {os.cpu_count()}",
        "内存": mem,
        "系统": platform.platform(),
        "Python": platform.python_version(),
        "Qt / PySide6": f"{qVersion()} / {PySide6.__version__}",
        "SQLite / SQLAlchemy": f"{sqlite3.sqlite_version} / {sqlalchemy.__version__}",
    }


def probe(mode: str, db: Path | None = None) -> tuple[float, dict]:
    """Run benchmarks/gui_probe.py in a fresh process: seconds until its report, and the report."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=home)
        # An installed app starts from compiled .pyc files (pip writes them); with this set,
        # every probe would compile the app's modules from source again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [sys.executable, str(ROOT / "benchmarks" / "gui_probe.py"), mode]
        if db is not None:
            cmd.append(str(db))
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        line = proc.stdout.readline()
        seconds = time.perf_counter() - started
        _out, err = proc.communicate(timeout=600)
    if not line:
        raise RuntimeError(f"probe {mode} failed: {err.strip()[-400:]}")
    return seconds, json.loads(line)


def startup(db: Path, runs: int) -> tuple[float, float, float, float]:
    """Median start-up to the window shown and to the window usable, the empty window, and the
    app's peak RSS; runs interleaved."""
    app_times, ready_times, base_times, rss = [], [], [], 0.0
    for _ in range(runs):
        seconds, _ = probe("baseline")
        base_times.append(seconds)
        seconds, report = probe("startup", db)
        if not report.get("shown"):
            raise RuntimeError(f"main window not shown: {report}")
        app_times.append(seconds)
        seconds, report = probe("ready", db)
        if not report.get("ready"):
            raise RuntimeError(f"main window not ready: {report}")
        ready_times.append(seconds)
        rss = max(rss, report["peak_rss_mb"])
    median = statistics.median
    return median(app_times), median(ready_times), median(base_times), rss


def bench_startup(db: Path, runs: int) -> list[Result]:
    app, ready, base, rss = startup(db, runs)
    ratio = app / base
    return [
        Result(
            "启动到主窗口显示（县级数据库）",
            f"{app:.2f} s",
            f"空 PySide6 窗口 {base:.2f} s",
            ratio,
            "≤ 1.5×",
            ratio <= 1.5,
            f"中位数，各 {runs} 次，offscreen，含解释器启动；窗口先显示，数据库随后打开",
        ),
        Result(
            "启动到窗口可用（数据库已打开、首页已显示）",
            f"{ready:.2f} s（峰值 {rss:.0f} MB）",
            f"空 PySide6 窗口 {base:.2f} s",
            ready / base,
            "（issue 未定目标，供参考）",
            None,
            "含文件快速检查（quick_check，与加载程序并行）和首页统计",
        ),
    ]


def bench_activity_list(db: Path) -> list[Result]:
    _, app = probe("activities", db)
    _, base = probe("activities_baseline", db)
    if "error" in app:
        raise Skip(app["error"])
    first = app["first_rows_ms"] / 1000
    lazy = app["lazy"]
    note = f"{app['model']}：首屏 {app['rows_at_first_show']} 行，" + (
        f"滚到底共取 {app['fetches']} 次" if lazy else "一次载入全部行（无 fetchMore）"
    )
    return [
        Result(
            f"履职活动列表首屏（{app['rows_at_end']} 条）",
            ms(first),
            f"裸 QTableView + 分批 SQL {base['first_rows_ms']:.1f} ms",
            app["first_rows_ms"] / max(base["first_rows_ms"], 0.1),
            "< 300 ms，懒加载",
            first < 0.300 and lazy,
            note,
        ),
        Result(
            "履职活动列表滚到末尾",
            f"{app['scroll_to_end_ms']:.0f} ms",
            f"基线 {base['scroll_to_end_ms']:.0f} ms（{base['fetches']} 次取数）",
            app["scroll_to_end_ms"] / max(base["scroll_to_end_ms"], 0.1),
            "分批取数",
            lazy,
        ),
        Result(
            "整个程序峰值内存（打开窗口并滚动活动列表后）",
            f"{app['peak_rss_mb']:.0f} MB",
            f"基线 {base['peak_rss_mb']:.0f} MB",
            app["peak_rss_mb"] / base["peak_rss_mb"],
            "< 300 MB",
            app["peak_rss_mb"] < 300,
        ),
    ]


def none_leak() -> Result:
    """PySide6 6.12 on Python 3.11 loses a reference to None on every void Qt call."""
    from app.ui.shell.refcount_guard import none_leak_per_call

    _, report = probe("startup_refs")
    leak = none_leak_per_call()
    return Result(
        "PySide6 每次无返回值调用丢失的 None 引用",
        str(leak),
        target="0",
        ok=leak == 0 or sys.version_info >= (3, 12),
        note=(
            f"启动时 None 的引用数约 {report['none_refs']}：不加保护，约这么多次 Qt 调用后解释器"
            "崩溃（none_dealloc）；app/ui/refcount_guard.py 已在 run_gui 中加保护"
            if leak
            else "无泄漏"
        ),
    )


def bench_pages(db: Path) -> list[Result]:
    """Each page: building it, and the whole first opening (build + refresh + paint)."""
    _, report = probe("pages", db)
    results = []
    for name, label in report["labels"].items():
        built, opened = report["built"].get(name, 0.0), report["opened"].get(name, 0.0)
        results.append(
            Result(
                f"页面“{label}”（县级数据库）",
                f"构造 {built * 1000:.0f} ms，首次打开共 {opened * 1000:.0f} ms",
                target="打开 < 300 ms（参考活动列表的目标）",
                ok=opened < 0.300,
            )
        )
    return results


def guarded(name: str, func) -> list[Result]:
    """Run one benchmark; a missing feature or a failure becomes a row, not a crash."""
    try:
        out = func()
    except Skip as exc:
        print(f"  跳过 {name}：{exc}", flush=True)
        return [Result(name, "跳过", note=str(exc))]
    except Exception as exc:
        print(f"  失败 {name}：{exc!r}", flush=True)
        return [Result(name, "出错", ok=False, note=repr(exc)[:200])]
    results = out if isinstance(out, list) else [out]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        print(f"  {r.name}: {r.value}  [{r.baseline}] {ratio}", flush=True)
    return results


def scaling(folder: Path, factors: list[int], runs: int) -> list[dict]:
    from app.services.demo.generate import township_times
    from app.storage import open_database

    rows = []
    for factor in factors:
        built = build(folder / f"township{factor}.db", township_times(factor))
        app, ready, base, rss = startup(built.path, runs)
        _, listing = probe("activities", built.path)
        db = open_database(built.path)
        try:
            year = built.years[-1]
            rank = features.ranking(db, year)
        finally:
            db.dispose()
        rows.append(
            {
                "factor": factor,
                "members": built.counts["members"],
                "activities": built.counts["activities"],
                "attendance": built.counts["attendance"],
                "generate_s": built.generate_seconds,
                "startup_s": app,
                "startup_ratio": app / base,
                "ready_s": ready,
                "list_ms": listing.get("first_rows_ms", float("nan")),
                "rank": rank.value,
                "rss": max(rss, listing.get("peak_rss_mb", 0)),
            }
        )
        print(f"  ×{factor}: {rows[-1]}", flush=True)
    return rows


def verdict(r: Result) -> str:
    return {True: "达标", False: "未达标", None: "—"}[r.ok]


def table(results: list[Result]) -> list[str]:
    lines = [
        "| 项目 | 测得 | 基线（同一次运行） | 比值 | 目标 | 结论 | 说明 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        lines.append(
            f"| {r.name} | {r.value} | {r.baseline} | {ratio} | {r.target} | {verdict(r)} | {r.note} |"
        )
    return lines


def scaling_table(rows: list[dict]) -> list[str]:
    lines = [
        "| 规模 | 委员 | 活动 | 出席记录 | 生成 | 启动（窗口显示） | 启动比值 | 窗口可用 "
        "| 活动列表首屏 | 积分排名 | 峰值内存 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['factor']}× 乡镇 | {r['members']} | {r['activities']} | {r['attendance']} | "
            f"{r['generate_s']:.2f} s | {r['startup_s']:.2f} s | {r['startup_ratio']:.2f}× | "
            f"{r['ready_s']:.2f} s | "
            f"{r['list_ms']:.0f} ms | {r['rank']} | {r['rss']:.0f} MB |"
        )
    return lines


def write_results(
    info: dict, county, results: list[Result], scale_rows: list[dict], total: float
) -> None:
    kept = ""
    if RESULTS.exists():
        old = RESULTS.read_text(encoding="utf-8")
        if ANALYSIS_HEADING in old:
            kept = old[old.index(ANALYSIS_HEADING) :]
    c = county.counts
    lines = [
        "# 性能测试结果",
        "",
        f"由 `python benchmarks/run.py` 生成（{time.strftime('%Y-%m-%d %H:%M')}，全程 {total:.0f} 秒）。",
        "每项都与同一次运行中测得的基线相比，以比值为准。",
        "",
        "## 机器",
        "",
        *[f"- {k}：{v}" for k, v in info.items()],
        "",
        "## 县级数据库",
        "",
        f"- 生成用时 **{county.generate_seconds:.1f} s**（目标 < 60 s），积分记录另用 "
        f"{county.points_seconds:.1f} s（{county.points_how}）",
        f"- 委员 {c['members']}，联络室 {c['rooms']}，履职活动 {c['activities']}，出席记录 "
        f"{c['attendance']}，积分记录 {c['point_entries']}，议题 {c['topics']}，成果办理 "
        f"{c['follow_ups']}，履职成果 {c['submissions']}，接待来访 {c['receptions']}",
        f"- 文件大小 {county.path.stat().st_size / 1024 / 1024:.0f} MB",
        "",
        "## 各项测试",
        "",
        *table(results),
        "",
        "## 随规模增长（1× / 4× / 16× 乡镇，两年）",
        "",
        *scaling_table(scale_rows),
        "",
    ]
    RESULTS.write_text(
        "\n".join(lines) + "\n" + (kept or f"{ANALYSIS_HEADING}\n\n（待补充）\n"), encoding="utf-8"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="委员联络室工作台性能测试")
    parser.add_argument("--runs", type=int, default=5, help="启动测试的重复次数（取中位数）")
    parser.add_argument("--keep", metavar="DIR", help="把生成的数据库留在此文件夹")
    parser.add_argument("--no-scaling", action="store_true", help="不做 1×/4×/16× 规模测试")
    parser.add_argument("--no-write", action="store_true", help="不写 RESULTS.md")
    args = parser.parse_args()
    started = time.perf_counter()
    info = machine()
    for k, v in info.items():
        print(f"{k}: {v}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print("生成县级数据库…", flush=True)
        county = build(folder / "county.db", "county")
        print(
            f"  {county.generate_seconds:.1f} s + 积分 {county.points_seconds:.1f} s: {county.counts}"
        )
        from app.storage import open_database

        results = [
            Result(
                "生成县级数据库（示例数据，批量插入）",
                f"{county.generate_seconds:.1f} s",
                target="< 60 s",
                ok=county.generate_seconds < 60,
                note=f"{county.counts['activities']} 次活动，{county.counts['attendance']} 条出席",
            ),
            Result(
                "写入积分记录",
                f"{county.points_seconds:.1f} s（每年 {county.points_seconds / len(county.years):.1f} s）",
                target="与上项合计 < 60 s",
                ok=county.generate_seconds + county.points_seconds < 60,
                note=f"{county.points_how}：{county.counts['point_entries']} 条积分记录",
            ),
        ]
        results += guarded("PySide6 None 引用泄漏", none_leak)
        results += guarded("启动", lambda: bench_startup(county.path, args.runs))
        results += guarded("履职活动列表", lambda: bench_activity_list(county.path))
        results += guarded("各页面", lambda: bench_pages(county.path))
        db = open_database(county.path)
        try:
            year = county.years[-2]  # the last full year
            results += guarded("积分排名", lambda: features.ranking(db, year))
            results += guarded("履职积分统计表导出", lambda: features.stats_export(db, year))
            results += guarded("活动台账导出", lambda: features.ledger(db, year))
            results += guarded("会议纪要导出", lambda: features.minutes(db))
        finally:
            db.dispose()
        results += guarded(
            "委员名册导入（2,000 行）", lambda: features.roster_import(open_database)
        )
        scale_rows = [] if args.no_scaling else scaling(folder, [1, 4, 16], max(3, args.runs // 2))
        total = time.perf_counter() - started
        print()
        print("\n".join(table(results)))
        if scale_rows:
            print()
            print("\n".join(scaling_table(scale_rows)))
        if not args.no_write:
            write_results(info, county, results, scale_rows, total)
            print(f"\n已写入 {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
