"""The same demo seed on SQLite and on PostgreSQL lists, scores and ranks identically, and the
exported 统计表 (履职积分统计表, 年度工作统计) hold the same cells: the county office's server shows
what a township's file shows. Names in 姓氏笔画 order come from the stored stroke keys on both,
never from a collation. Run when LIAISON_DESK_TEST_DB_URL points at a server
(scripts/start-test-postgres)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

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
TABLES = (("export", "points", "--year", "2025"), ("export", "yearly", "--year", "2025"))


def _cells(path: Path) -> dict[str, list[tuple]]:
    """Every cell of every sheet, as openpyxl reads it back."""
    book = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _outputs(capsys, db: str, folder: Path) -> dict[tuple[str, ...], object]:
    assert main(["--db", db, "demo", "--seed", "7"]) == 0
    capsys.readouterr()
    outputs: dict[tuple[str, ...], object] = {}
    for command in COMMANDS:
        code = main(["--db", db, *command])
        out, err = capsys.readouterr()
        assert code == 0, err
        outputs[command] = out
    folder.mkdir()
    for command in TABLES:
        path = folder / f"{command[1]}.xlsx"
        assert main(["--db", db, *command, "--out", str(path)]) == 0, capsys.readouterr().err
        capsys.readouterr()
        outputs[command] = _cells(path)
    return outputs


def test_same_seed_same_lists_and_ranking_on_both_engines(capsys, tmp_path, db_path):
    on_sqlite = _outputs(capsys, str(tmp_path / "township.db"), tmp_path / "file")
    on_server = _outputs(capsys, str(db_path), tmp_path / "server")
    assert str(db_path).startswith("postgresql://")
    assert len(str(on_sqlite[("points", "rank", "--year", "2025")]).splitlines()) > 30
    points_table = on_sqlite[TABLES[0]]
    assert isinstance(points_table, dict) and sum(len(rows) for rows in points_table.values()) > 30
    for command in (*COMMANDS, *TABLES):
        assert on_server[command] == on_sqlite[command], command
