"""How fast the command line answers: ``--help``, ``--version``, ``list rooms`` and
``list activities`` on the county database (targets: --help < 0.3 s, list rooms < 0.6 s,
list activities < 2 s), each against the bare interpreter's start, optionally also for another
checkout (``--compare /path/to/old/checkout``: the before of a before → after).

Uses hyperfine (apt-get install hyperfine) when it is on PATH, else a loop of its own (median).
Writes its block into benchmarks/RESULTS.md after the 分析 heading, which benchmarks/run.py keeps.

    python benchmarks/cli_startup.py [--db county.db] [--runs 10] [--compare DIR]
                                     [--bundle dist/liaison-desk/liaison-desk]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- cli_startup:begin -->", "<!-- cli_startup:end -->"
TARGETS = {"--help": 0.3, "list rooms": 0.6, "list activities": 2.0}


def commands(checkout: Path, db: Path) -> dict[str, list[str]]:
    main = [sys.executable, str(checkout / "main.py")]
    return {
        "python -c pass（解释器启动）": [sys.executable, "-c", "pass"],
        "--help": [*main, "--help"],
        "--version": [*main, "--version"],
        "list rooms": [*main, "--db", str(db), "list", "rooms"],
        "list activities": [*main, "--db", str(db), "list", "activities"],
    }


def measure(argv: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Mean and σ of the wall time, mean user and system CPU time, in seconds."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                ["hyperfine", "-N", "-w", "2", "-r", str(runs), "--export-json", out.name, "--"]
                + [subprocess.list2cmdline(argv)],
                env=env,
                check=True,
                capture_output=True,
            )
            r = json.loads(Path(out.name).read_text())["results"][0]
        return {
            "mean": r["mean"],
            "stddev": r["stddev"] or 0.0,
            "user": r["user"],
            "sys": r["system"],
        }
    walls, users, syss = [], [], []
    for i in range(runs + 2):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = os.times()
        if i >= 2:  # two warm-up runs, as with hyperfine
            walls.append(wall)
            users.append(after.children_user - before.children_user)
            syss.append(after.children_system - before.children_system)
    return {
        "mean": statistics.median(walls),
        "stddev": statistics.pstdev(walls),
        "user": statistics.mean(users),
        "sys": statistics.mean(syss),
    }


def county_db(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from benchmarks.fixtures import build

    return build(folder / "county.db", "county").path


def bundle_commands(program: Path, db: Path) -> dict[str, list[str]]:
    return {
        "--help": [str(program), "--help"],
        "--version": [str(program), "--version"],
        "list rooms": [str(program), "--db", str(db), "list", "rooms"],
        "list activities": [str(program), "--db", str(db), "list", "activities"],
    }


def run(db: Path, runs: int, compare: Path | None, bundle: Path | None) -> list[str]:
    rows = []
    home = tempfile.mkdtemp(prefix="cli-startup-home-")
    versions = [("之前", compare, None), ("现在", ROOT, None), ("安装版", None, bundle)]
    for label, checkout, program in versions:
        if checkout is None and program is None:
            continue
        env = dict(os.environ, PYTHONPATH=str(checkout or ""), LIAISON_DESK_HOME=home)
        todo = commands(checkout, db) if checkout else bundle_commands(program, db)
        # The day's first open of a database makes its automatic backup: not part of start-up.
        subprocess.run(todo["list rooms"], env=env, check=True, capture_output=True)
        for name, argv in todo.items():
            if label == "之前" and name.startswith("python -c"):
                continue
            if subprocess.run(argv, env=env, capture_output=True).returncode != 0:
                rows.append(f"| {label} | {name} | （该版本没有这个命令） | | | | |")
                continue
            m = measure(argv, env, runs)
            target = TARGETS.get(name)
            verdict = "" if target is None else ("达标" if m["mean"] < target else "未达标")
            rows.append(
                f"| {label} | {name} | {m['mean'] * 1000:.0f} ± {m['stddev'] * 1000:.0f} ms "
                f"| {m['user'] * 1000:.0f} ms | {m['sys'] * 1000:.0f} ms "
                f"| {'' if target is None else f'< {target} s'} | {verdict} |"
            )
            print(rows[-1], flush=True)
    shutil.rmtree(home, ignore_errors=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    tool = "hyperfine -N（2 次预热）" if shutil.which("hyperfine") else "自带循环（中位数）"
    return [
        BEGIN,
        "### 命令行启动（`python benchmarks/cli_startup.py`）",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}，{tool}，每项 {runs} 次，县级数据库 "
        f"{db.stat().st_size / 1024 / 1024:.0f} MB，测量开始时 1 分钟平均负载 {load:.1f}"
        f"（{os.cpu_count()} 核）。负载高时墙钟时间不可比，用户/系统 CPU 时间更稳定。",
        "",
        "| 版本 | 命令 | 墙钟（平均 ± σ） | 用户 CPU | 系统 CPU | 目标 | 结论 |",
        "|---|---|---|---|---|---|---|",
        *rows,
        END,
    ]


def write_block(block: list[str], begin: str = BEGIN, end: str = END) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    new = "\n".join(block)
    if begin in text and end in text:
        text = text[: text.index(begin)] + new + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="县级数据库（默认新建一个，约 15 秒）")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--compare", type=Path, help="另一份检出（改动之前）的根目录")
    parser.add_argument("--bundle", type=Path, help="安装版程序，如 dist/liaison-desk/liaison-desk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or county_db(Path(folder))
        write_block(run(db, args.runs, args.compare, args.bundle))
    print(f"已写入 {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
