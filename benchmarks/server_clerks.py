"""Ten clerks on one county database on a PostgreSQL server (issue 16): no error, no lost update.

    python benchmarks/server_clerks.py postgresql://user:pw@127.0.0.1:PORT/postgres [--seconds 60]

Makes a fresh database ``liaison_bench_clerks`` on that server (the role needs CREATEDB), loads
the township demo, then runs ``--clerks`` separate processes for ``--seconds``. Each clerk loops:
reads the activity list (a page), opens a random one of 20 activities, adds 1 to the counter kept
in its 地点 field and saves. A save refused as stale (another clerk saved first) is counted and
retried from a fresh read. Afterwards the counters summed over the 20 activities must equal the
saves the clerks counted: any difference is a lost update. Prints save latencies p50/p95 and,
on the same demo data, the county ranking's time on PostgreSQL and on SQLite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HOT = 20  # activities all clerks edit: enough contention to provoke conflicts


def _clerk(url: str, ids: list[int], seconds: float, seed: int, out, blind: bool) -> None:
    from app.errors import StaleRecordError, UserError
    from app.services.activities.activity_list import ActivityFilter, page_activities
    from app.services.activities.editing import get_activity, save_activity
    from app.storage import open_database

    rng = random.Random(seed)
    db = open_database(url)
    saves = stale = errors = reads = 0
    latencies: list[float] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        page_activities(db, ActivityFilter(), limit=50)
        reads += 1
        activity_id = rng.choice(ids)
        draft = get_activity(db, activity_id)
        count = int(draft.place or 0)
        if blind:  # the control: saves as before issue 16, from whatever the row holds now
            draft = replace(draft, version=None)
        started = time.perf_counter()
        try:
            save_activity(db, replace(draft, place=str(count + 1)))
        except StaleRecordError:
            stale += 1
            continue
        except UserError as exc:
            errors += 1
            print(f"clerk {seed}: {exc.message}", file=sys.stderr)
            continue
        latencies.append(time.perf_counter() - started)
        saves += 1
    db.dispose()
    out.put((saves, stale, errors, reads, latencies))


def _median_ms(calls: list, rounds: int) -> list[float]:
    """Median milliseconds of each of ``calls``, run in turn ``rounds`` times: taking turns puts
    both engines under the same load of this shared machine."""
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(rounds):
        for call, spent in zip(calls, times, strict=True):
            started = time.perf_counter()
            call()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) * 1000 for spent in times]


def _compare_ranking(admin, factor: int, year: int) -> None:
    """重新计算 and the ranking read of one year, on the server and on a SQLite file holding the
    same demo data, each the median of calls taking turns with the other engine."""
    import psycopg

    from app.services.demo.generate import load_demo, township_times
    from app.services.points.engine import recalculate
    from app.services.points.ranking import get_ranking
    from app.storage import open_database

    scale = township_times(factor)
    with psycopg.connect(_plain(admin), autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS liaison_bench_rank WITH (FORCE)")
        c.execute("CREATE DATABASE liaison_bench_rank")
    url = admin.set(database="liaison_bench_rank").render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory() as folder:
        dbs = [open_database(url), open_database(Path(folder) / "same.db")]
        for db in dbs:
            load_demo(db, scale, seed=1, points=True)
        recalc = _median_ms([lambda db=db: recalculate(db, year) for db in dbs], 7)
        rankings = [get_ranking(db, year) for db in dbs]
        assert rankings[0] == rankings[1], "the two engines rank differently"
        rank = _median_ms([lambda db=db: get_ranking(db, year) for db in dbs], 41)
        for db in dbs:
            db.dispose()
    with psycopg.connect(_plain(admin), autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS liaison_bench_rank WITH (FORCE)")
    for what, (s, f) in (("重新计算", recalc), ("排名", rank)):
        print(
            f"{scale.name} {year} {what} (median): PostgreSQL {s:.1f} ms, SQLite {f:.1f} ms "
            f"(ratio {s / f:.2f})"
        )


def _plain(admin) -> str:
    return admin.set(drivername="postgresql").render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "server", help="postgresql://… of a database to connect to for CREATE DATABASE"
    )
    parser.add_argument("--clerks", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rank-factor", type=int, default=4, help="township×N for the ranking")
    parser.add_argument(
        "--blind", action="store_true", help="control: clerks do not hand back the version read"
    )
    parser.add_argument(
        "--rank-only", action="store_true", help="only the ranking on both engines (no clerks)"
    )
    args = parser.parse_args()

    import psycopg
    from sqlalchemy import make_url, select

    from app.models import Activity
    from app.services.demo.generate import load_demo
    from app.storage import open_database

    admin = make_url(args.server)
    if args.rank_only:
        _compare_ranking(admin, args.rank_factor, 2025)
        return 0
    with psycopg.connect(_plain(admin), autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS liaison_bench_clerks WITH (FORCE)")
        c.execute("CREATE DATABASE liaison_bench_clerks")
    url = admin.set(database="liaison_bench_clerks").render_as_string(hide_password=False)
    db = open_database(url)
    load_demo(db, "township", seed=1)
    with db.write() as session:
        ids = list(session.scalars(select(Activity.id).order_by(Activity.id).limit(HOT)))
        for row in session.scalars(select(Activity).where(Activity.id.in_(ids))):
            row.place = "0"

    queue: multiprocessing.Queue = multiprocessing.Queue()
    clerks = [
        multiprocessing.Process(target=_clerk, args=(url, ids, args.seconds, n, queue, args.blind))
        for n in range(args.clerks)
    ]
    for p in clerks:
        p.start()
    results = [queue.get() for _ in clerks]
    for p in clerks:
        p.join()
    saves = sum(r[0] for r in results)
    stale = sum(r[1] for r in results)
    errors = sum(r[2] for r in results)
    reads = sum(r[3] for r in results)
    latencies = sorted(x for r in results for x in r[4])
    with db.read() as session:
        stored = sum(
            int(p) for p in session.scalars(select(Activity.place).where(Activity.id.in_(ids)))
        )
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    print(
        f"{args.clerks} clerks × {args.seconds:.0f} s: {saves} saves, {stale} refused as stale, "
        f"{errors} errors, {reads} list reads; counters sum {stored} (lost updates: {saves - stored})"
    )
    print(f"save latency p50 {p50:.0f} ms, p95 {p95:.0f} ms")

    db.dispose()
    with psycopg.connect(_plain(admin), autocommit=True) as c:
        c.execute("DROP DATABASE IF EXISTS liaison_bench_clerks WITH (FORCE)")
    _compare_ranking(admin, args.rank_factor, 2025)
    return 1 if errors or saves != stored else 0


if __name__ == "__main__":
    sys.exit(main())
