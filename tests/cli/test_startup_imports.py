"""The command line starts quickly because it loads only what the verb needs: ``--help`` no
database library at all, ``list`` no Alembic, pinyin, Excel, Word or Qt. Timings live in
benchmarks/cli_startup.py; these tests check the cause, which does not depend on the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import core, demo, exchange, members, statistics
from app.models.vocab import FOLLOW_UP_STATUSES, ROOM_TYPES
from app.services import listing
from app.services.demo import generate
from app.services.exchange import identity

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "pypinyin", "PySide6", "openpyxl", "docx")
PROBE = """
import sys
import main
try:
    code = main.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("\\nMODELS", *sorted(n for n in sys.modules if n.startswith("app.models.")))
print("LOADED", *sorted({name.split(".")[0] for name in sys.modules}))
"""


def probe(*args: str, home: Path) -> tuple[list[str], list[str]]:
    """(top-level packages, app.models.* modules) loaded by ``main.py *args``."""
    env = dict(os.environ, LIAISON_DESK_HOME=str(home), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    models, loaded = result.stdout.rstrip("\n").splitlines()[-2:]
    assert models.startswith("MODELS") and loaded.startswith("LOADED")
    return loaded.split()[1:], [m.removeprefix("app.models.") for m in models.split()[1:]]


def loaded_by(*args: str, home: Path) -> list[str]:
    return probe(*args, home=home)[0]


def heavy_loaded(*args: str, home: Path) -> list[str]:
    return [name for name in loaded_by(*args, home=home) if name in HEAVY]


def test_help_loads_no_database_excel_word_pinyin_or_qt(tmp_path):
    assert heavy_loaded("--help", home=tmp_path / "home") == []


def test_version_loads_nothing_heavy(tmp_path):
    assert heavy_loaded("--version", home=tmp_path / "home") == []


def test_list_rooms_loads_sqlalchemy_only(tmp_path, db, db_path):
    db.dispose()  # an existing database at the current revision: no migration to run
    loaded = heavy_loaded("--db", str(db_path), "list", "rooms", home=tmp_path / "home")
    assert loaded == ["sqlalchemy"]


def test_list_rooms_builds_only_the_models_it_shows(tmp_path, db, db_path):
    """Building every table's class costs ~0.2 s; the rooms list needs rooms and members (and
    the settings and package history that every open reads)."""
    db.dispose()
    models = probe("--db", str(db_path), "list", "rooms", home=tmp_path / "home")[1]
    assert models == ["base", "exchange", "people", "rooms", "system", "vocab"]


def test_the_command_lines_choices_are_the_services_names():
    """The parser knows these names without importing the services (a test keeps them equal)."""
    assert core.LIST_NAMES == tuple(sorted(listing.LISTS))
    assert demo.SCALE_NAMES == tuple(sorted(generate.SCALES))
    assert exchange.LEVEL_NAMES == tuple(sorted(identity.LEVELS))
    assert statistics.FOLLOW_UP_STATUS_NAMES == FOLLOW_UP_STATUSES
    assert members.ROOM_TYPE_NAMES == ROOM_TYPES
