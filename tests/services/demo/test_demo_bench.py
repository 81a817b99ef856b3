"""The benchmark harness (benchmarks/, not collected by pytest) kept working at township size."""

import json
import os
import subprocess
import sys
from pathlib import Path

from app.storage import open_database
from benchmarks import features
from benchmarks.fixtures import build

ROOT = Path(__file__).resolve().parents[3]


def test_fixture_database_and_ranking_benchmark(tmp_path):
    built = build(tmp_path / "bench.db", "township")
    assert built.counts["members"] == 40
    assert built.counts["point_entries"] > 300
    assert built.years == [built.years[0], built.years[0] + 1]
    db = open_database(built.path)
    try:
        result = features.ranking(db, built.years[0])
    finally:
        db.dispose()
    assert result.ratio is not None and result.ratio > 0
    assert "40 名委员" in result.name


def test_activity_list_probe_reports_rows_and_memory(tmp_path):
    built = build(tmp_path / "bench.db", "township")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(tmp_path / "h"))
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gui_probe.py"), "activities", str(built.path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    report = json.loads(out.splitlines()[0])
    assert report["rows_at_end"] == built.counts["activities"]
    assert 0 < report["peak_rss_mb"] < 1000
