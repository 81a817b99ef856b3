"""On the command line doubtful members are listed, never guessed; a person confirms them."""

from __future__ import annotations

from app.cli import main
from tests.services.exchange.test_import_rules import dbs, members, send  # noqa: F401


def test_pending_lists_then_confirm_merges(dbs, tmp_path, capsys):  # noqa: F811
    county = dbs("县政协", "county", [("李明", "1980-01", "男")])
    town = dbs("桃园镇", "township", [("李明", "1981-02", "男")])
    send(town, county, tmp_path)
    db = str(county.path)
    county.dispose()
    capsys.readouterr()
    assert main(["--db", db, "package", "pending"]) == 0
    lines = capsys.readouterr().out.splitlines()
    theirs, ours, name, *facts = lines[1].split("\t")
    assert name == "李明" and facts == ["1981-02，男，来自桃园镇", "1980-01，男，本单位"]
    assert main(["--db", db, "package", "confirm", theirs, ours, "--same"]) == 0
    assert main(["--db", db, "package", "pending"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "没有待确认的委员。"
    assert [m[0] for m in members(county)] == ["李明"]
