"""The same demo seed on SQLite and on PostgreSQL lists, scores and ranks identically: the
county office's server shows what a township's file shows. Run when LIAISON_DESK_TEST_DB_URL
points at a server (scripts/start-test-postgres)."""

from __future__ import annotations

import pytest

from app.cli import main
from tests import server_db

pytestmark = pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")

COMMANDS = (
    ("list", "members"),
    ("list", "rooms"),
    ("list", "activities"),
    ("list", "topics"),
    ("list", "activities", "--year", "2025"),
    ("points", "recalc", "--year", "2025"),
    ("points", "rank", "--year", "2025"),
    ("points", "rooms", "--year", "2025"),
)


def _outputs(capsys, db: str) -> dict[tuple[str, ...], str]:
    assert main(["--db", db, "demo", "--seed", "7"]) == 0
    capsys.readouterr()
    outputs = {}
    for command in COMMANDS:
        code = main(["--db", db, *command])
        out, err = capsys.readouterr()
        assert code == 0, err
        outputs[command] = out
    return outputs


def test_same_seed_same_lists_and_ranking_on_both_engines(capsys, tmp_path, db_path):
    on_sqlite = _outputs(capsys, str(tmp_path / "township.db"))
    on_server = _outputs(capsys, str(db_path))
    assert str(db_path).startswith("postgresql://")
    assert len(on_sqlite[("points", "rank", "--year", "2025")].splitlines()) > 30
    for command in COMMANDS:
        assert on_server[command] == on_sqlite[command], command
