"""``export points`` on the command line against plain openpyxl (issue 18: its own work ≤ 1.5×).

    its own work = `main.py --db county.db export points --year Y --out F`
                   − the command's start on the same database (`main.py --db county.db list rooms`:
                     interpreter, parser, SQLAlchemy, opening the file; its query of 320 rows is
                     counted as start, which flatters the export by ~1 %)
    plain openpyxl = `plain_cells.py cells.pickle out.xlsx` (import openpyxl, write the very cells
                     the export wrote, one sheet each, no styles, save)
                   − `plain_cells.py cells.pickle` (interpreter and reading the cells only)

Each is timed with hyperfine (else a loop of its own), wall and user+system CPU; the ratio is
given for both. Writes its block into benchmarks/RESULTS.md.

    python benchmarks/cli_export.py --db county.db [--year 2025] [--runs 5] [--checkout DIR]
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cli_startup import measure, write_block  # noqa: E402
from benchmarks.features import _cells  # noqa: E402

BEGIN, END = "<!-- cli_export:begin -->", "<!-- cli_export:end -->"
TARGET = 1.5


def run(db: Path, year: int, runs: int, folder: Path, checkout: Path = ROOT) -> list[str]:
    home = folder / "home"
    env = dict(os.environ, PYTHONPATH=str(checkout), LIAISON_DESK_HOME=str(home))
    main = [sys.executable, str(checkout / "main.py"), "--db", str(db)]
    out = folder / "统计表.xlsx"
    export = [*main, "export", "points", "--year", str(year), "--out", str(out)]
    start = [*main, "list", "rooms"]
    # The day's first open makes the daily backup and the full quick_check: not the export's work.
    subprocess.run(start, env=env, check=True, capture_output=True)
    time.sleep(3.5)  # a file written less than 3 s ago gets the full check at every open
    subprocess.run(export, env=env, check=True, capture_output=True)
    sheets = _cells(out)
    cells = sum(len(r) * max((len(x) for x in r), default=0) for r in sheets.values())
    pickled = folder / "cells.pickle"
    pickled.write_bytes(pickle.dumps(sheets))
    script = ROOT / "benchmarks" / "plain_cells.py"
    plain = [sys.executable, str(script), str(pickled), str(folder / "plain.xlsx")]
    load_only = [sys.executable, str(script), str(pickled)]
    m = {
        name: measure(argv, env, runs)
        for name, argv in (
            ("export", export),
            ("start", start),
            ("plain", plain),
            ("load", load_only),
        )
    }

    def cpu(name: str) -> float:
        return m[name]["user"] + m[name]["sys"]

    own_wall = m["export"]["mean"] - m["start"]["mean"]
    base_wall = m["plain"]["mean"] - m["load"]["mean"]
    own_cpu, base_cpu = cpu("export") - cpu("start"), cpu("plain") - cpu("load")
    ratio_wall, ratio_cpu = own_wall / base_wall, own_cpu / base_cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    def row(label: str, name: str) -> str:
        r = m[name]
        return (
            f"| {label} | {r['mean']:.2f} ± {r['stddev']:.2f} s | {cpu(name):.2f} s |"
            f" {r['user']:.2f} s | {r['sys']:.2f} s |"
        )

    verdict = "达标" if ratio_cpu <= TARGET else "未达标"
    return [
        BEGIN,
        "### 命令行导出履职积分统计表（`python benchmarks/cli_export.py`）",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}，县级数据库 {db.stat().st_size / 1024 / 1024:.0f} MB，"
        f"{year} 年，闵行规则；每项 {runs} 次；测量结束时 1 分钟平均负载 {load:.1f}"
        f"（{os.cpu_count()} 核）。导出 {len(sheets)} 张工作表、{cells} 个单元格"
        f"（{'、'.join(f'{t} {len(r)} 行' for t, r in sheets.items())}）。",
        "",
        "| 命令 | 墙钟（平均 ± σ） | CPU（用户+系统） | 用户 | 系统 |",
        "|---|---|---|---|---|",
        row("`export points`", "export"),
        row("命令启动（同一数据库上的 `list rooms`）", "start"),
        row("openpyxl 直接写同样的单元格（含载入 openpyxl）", "plain"),
        row("同一脚本只读入单元格", "load"),
        "",
        f"**导出自身的工作**：CPU {own_cpu:.2f} s，墙钟 {own_wall:.2f} s；"
        f"**openpyxl 直接写**：CPU {base_cpu:.2f} s，墙钟 {base_wall:.2f} s。"
        f"比值 CPU **{ratio_cpu:.2f}×**，墙钟 {ratio_wall:.2f}×（目标 ≤ {TARGET}×，"
        f"以 CPU 为准）：{verdict}。",
        END,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, required=True, help="县级数据库（benchmarks/fixtures.py）"
    )
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--checkout", type=Path, help="测另一份检出（如改动之前），不写入 RESULTS.md"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        block = run(args.db.resolve(), args.year, args.runs, Path(folder), args.checkout or ROOT)
    print("\n".join(block))
    if args.checkout is None:
        write_block(block, BEGIN, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
