"""Data packages (issue 15): ``python benchmarks/packages.py`` (not collected by pytest).

A 4×-township database (160 members, 24 rooms, two years) exports its 上报 package; twenty
township packages (the same records under fresh UUIDs and sender ids, as twenty townships would
send) are imported into one county database; then the preview of one more and re-importing an
unchanged one. Baselines measured in the same run: reading the same rows with plain SQL and
zipping their JSON (export), and bulk-inserting the same rows with sqlite3 (import).
Prints the numbers; they are copied into benchmarks/RESULTS.md by hand.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.exports.package_file import write_package  # noqa: E402
from app.imports.package_file import read_package  # noqa: E402
from app.services.demo.generate import load_demo, township_times  # noqa: E402
from app.services.exchange import identity  # noqa: E402
from app.services.exchange.export import export_package as export_with  # noqa: E402
from app.services.exchange.importing import import_package, import_packages, preview_package  # noqa: E402
from app.services.exchange.kinds import UP_KINDS  # noqa: E402
from app.storage import open_database  # noqa: E402

TOWNSHIPS = 20


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def as_township(package, k: int, out: Path) -> Path:
    """The same records as township ``k`` would send them: every UUID mapped, a new sender."""
    space = uuid.UUID(int=k)
    sender = str(uuid.uuid5(space, package.sender_id))

    def remap(value):
        if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
            return str(uuid.uuid5(space, value))
        return value

    parts = {}
    for kind, rows in package.parts.items():
        parts[kind] = []
        for row in rows:
            new = {key: remap(value) for key, value in row.items()}
            new["origin"] = sender if row["origin"] == package.sender_id else row["origin"]
            parts[kind].append(new)
    manifest = {k2: v for k2, v in package.manifest.items() if k2 != "parts"}
    manifest["sender"] = {"name": f"第{k}镇", "level": "township", "id": sender}
    write_package(out, manifest, parts, {})
    return out


def baseline_export(db_path: Path, out: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for kind in UP_KINDS:
            rows = [dict(r) for r in conn.execute(f"SELECT * FROM {kind}")]
            zf.writestr(f"{kind}.json", json.dumps(rows, ensure_ascii=False, default=str))
    conn.close()


def baseline_import(package, target: Path) -> None:
    conn = sqlite3.connect(target)
    for kind in UP_KINDS:
        rows = package.parts.get(kind, [])
        if not rows:
            continue
        columns = sorted(rows[0])
        names = ", ".join('"' + c + '"' for c in columns)
        conn.execute(f"CREATE TABLE IF NOT EXISTS b_{kind} ({names})")
        conn.executemany(
            f"INSERT INTO b_{kind} VALUES ({', '.join('?' for _ in columns)})",
            [
                [json.dumps(r[c]) if isinstance(r[c], (dict, list)) else r[c] for c in columns]
                for r in rows
            ],
        )
    conn.commit()
    conn.close()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ldpkg-bench-"))
    os.environ.setdefault("LIAISON_DESK_HOME", str(folder / "home"))
    town = open_database(folder / "town4x.db")
    load_demo(town, township_times(4), seed=7, today=date(2026, 6, 30))
    identity.set_identity(town, "桃园镇", "township")
    export_s, _ = timed(lambda: export_with(town, folder / "town.ldpkg", write_package))
    base_export_s, _ = timed(lambda: baseline_export(town.path, folder / "base.zip"))
    town.dispose()
    package = read_package(folder / "town.ldpkg")
    rows = sum(len(r) for r in package.parts.values())
    files = [as_township(package, k, folder / f"t{k}.ldpkg") for k in range(1, TOWNSHIPS + 3)]

    county = open_database(folder / "county.db")
    identity.set_identity(county, "县政协", "county")
    import_s, marks = [], [time.perf_counter()]

    def done(_plan) -> None:
        marks.append(time.perf_counter())

    total_s, _ = timed(
        lambda: import_packages(county, [read_package(p) for p in files[:TOWNSHIPS]], done)
    )
    import_s = [b - a for a, b in zip(marks, marks[1:], strict=False)]
    single_s, _ = timed(lambda: import_package(county, read_package(files[TOWNSHIPS])))
    base_import_s, _ = timed(lambda: baseline_import(package, folder / "base.db"))
    preview_s, _plan = timed(lambda: preview_package(county, read_package(files[TOWNSHIPS + 1])))
    reimport_s, again = timed(lambda: import_package(county, read_package(files[0])))
    assert not again.written and not again.has_changes
    county.dispose()
    size = (folder / "town.ldpkg").stat().st_size
    print(f"4× 乡镇数据包：{rows} 条记录，{size / 1024:.0f} KB")
    print(
        f"导出：{export_s:.2f} s（基线 SQL+JSON+zip {base_export_s:.2f} s，{export_s / base_export_s:.2f}×），目标 < 3 s"
    )
    print(
        f"一次导入 {TOWNSHIPS} 个（只备份一次）：共 {total_s:.1f} s（第一个含备份 {import_s[0]:.2f} s，"
        f"最后一个 {import_s[-1]:.2f} s；基线 sqlite3 批量插入一个 {base_import_s:.2f} s），目标 < 60 s"
    )
    print(f"第 {TOWNSHIPS + 1} 个单独导入（含导入前备份）：{single_s:.2f} s")
    print(f"预览一个（县库已有 {TOWNSHIPS} 个乡镇）：{preview_s:.2f} s，目标 < 3 s")
    print(f"重复导入未变化的数据包：{reimport_s:.2f} s，目标 < 2 s")


if __name__ == "__main__":
    main()
