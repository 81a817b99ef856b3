"""Start-up of what the clerk runs: the PyInstaller bundle against the venv (issue 18: time to the
window frame ≤ 1.5× the venv's), on a real X display (Xvfb, QT_QPA_PLATFORM=xcb).

Each start is a whole process timed from outside, the venv's and the bundle's runs taking turns
(on a shared machine the load changes between two blocks of runs); medians of wall and of user +
system CPU time. The program ends itself at the point measured when LIAISON_DESK_EXIT_AT is set
(app/ui/shell/app.py) —
``frame``: the window frame has been painted; ``ready``: the database is open and the first page
shown. Both open the county database on their second start of the day (the daily backup and the
full quick_check are made once beforehand, as every later start that day finds them).

    python benchmarks/bundle_startup.py --db county.db [--bundle dist/liaison-desk/liaison-desk]
                                        [--runs 10]

Runs itself under xvfb-run when no display is set. Writes its block into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cli_startup import write_block  # noqa: E402

BEGIN, END = "<!-- bundle_startup:begin -->", "<!-- bundle_startup:end -->"
TARGET = 1.5  # frame: bundle ≤ 1.5× venv
VENV, BUNDLE = "源码（venv）", "安装版（PyInstaller）"


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole run."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, timeout=120)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]}: {done.stderr.decode(errors='replace')}")
    cpu = after.children_user - before.children_user
    return wall, cpu + after.children_system - before.children_system


def interleaved(runs: dict[str, tuple[list[str], dict[str, str]]], n: int) -> dict[str, dict]:
    """Each command ``n`` times (after one warm-up each), taking turns; median wall and CPU."""
    names = list(runs)
    for name in names:
        once(*runs[name])
    walls: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n):
        for name in names if i % 2 == 0 else reversed(names):
            wall, cpu = once(*runs[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {
        name: {
            "wall": statistics.median(walls[name]),
            "spread": (min(walls[name]), max(walls[name])),
            "cpu": statistics.median(cpus[name]),
        }
        for name in names
    }


def _cell(r: dict) -> str:
    low, high = r["spread"]
    return f"{r['wall'] * 1000:.0f} ms（{low * 1000:.0f}–{high * 1000:.0f}；CPU {r['cpu'] * 1000:.0f} ms）"


def run(db: Path, bundle: Path, runs: int, home: Path) -> list[str]:
    env = dict(os.environ, LIAISON_DESK_HOME=str(home), QT_QPA_PLATFORM="xcb")
    venv_env = dict(env, PYTHONPATH=str(ROOT))
    venv = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]
    frozen = [str(bundle), "--db", str(db)]
    # The day's first open: daily backup and full quick_check, made once before timing.
    subprocess.run([*venv, "list", "rooms"], env=venv_env, check=True, capture_output=True)
    time.sleep(3.5)  # a file changed less than 3 s before its check is checked at every open
    subprocess.run([*venv, "list", "rooms"], env=venv_env, check=True, capture_output=True)
    rows = []
    for point, name in (
        ("frame", "窗口框架画出"),
        ("ready", "窗口可用（数据库已打开、首页已显示）"),
    ):
        m = interleaved(
            {
                VENV: (venv, dict(venv_env, LIAISON_DESK_EXIT_AT=point)),
                BUNDLE: (frozen, dict(env, LIAISON_DESK_EXIT_AT=point)),
            },
            runs,
        )
        v, b = m[VENV], m[BUNDLE]
        wall, cpu = b["wall"] / v["wall"], b["cpu"] / v["cpu"]
        target = f"≤ {TARGET}×" if point == "frame" else "（未定）"
        verdict = ("达标" if wall <= TARGET else "未达标") if point == "frame" else "—"
        rows.append(
            f"| {name} | {_cell(v)} | {_cell(b)} | {wall:.2f}×（CPU {cpu:.2f}×） "
            f"| {target} | {verdict} |"
        )
        print(rows[-1], flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    size = sum(f.stat().st_size for f in bundle.parent.rglob("*") if f.is_file())
    return [
        BEGIN,
        "### 安装版与源码的启动（`python benchmarks/bundle_startup.py`）",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}，Xvfb 1366×768，QT_QPA_PLATFORM=xcb，源码与安装版轮流各 "
        f"{runs} 次（各先预热 1 次），取中位数（括号内为最快–最慢），县级数据库 "
        f"{db.stat().st_size / 1024 / 1024:.0f} MB（当天第二次起的启动），安装版目录 "
        f"{size / 1024 / 1024:.0f} MB；测量结束时 1 分钟平均负载 {load:.1f}（{os.cpu_count()} 核）。"
        "每次是一个完整进程，从启动到该时刻（LIAISON_DESK_EXIT_AT）。",
        "",
        "| 时刻 | 源码（venv） | 安装版（PyInstaller onedir） | 安装版 / 源码（墙钟） | 目标 | 结论 |",
        "|---|---|---|---|---|---|",
        *rows,
        END,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, required=True, help="县级数据库（benchmarks/fixtures.py）"
    )
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist/liaison-desk/liaison-desk")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        screen = ["-s", "-screen 0 1366x768x24"]
        return subprocess.call(["xvfb-run", "-a", *screen, sys.executable, *sys.argv])
    if not args.bundle.exists():
        raise SystemExit(f"没有安装版 {args.bundle}：先运行 bash packaging/build")
    with tempfile.TemporaryDirectory() as home:
        block = run(args.db.resolve(), args.bundle.resolve(), args.runs, Path(home))
    print("\n".join(block))
    write_block(block, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
