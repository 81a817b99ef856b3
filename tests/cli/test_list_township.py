"""``list KIND --township NAME`` at the county, for every kind ``list`` knows: only that unit's
rows (本单位's own name gives the county's own), an unknown name is one Chinese line, exit 2."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.cli import main
from app.cli.core import LIST_NAMES
from app.imports.package_file import read_package
from app.models import Activity, Member, Room, Topic
from app.services.exchange import identity
from app.services.exchange.importing import import_package
from app.storage import open_database
from tests.services.exchange.builders import export_package


def records(db, town: str) -> None:
    with db.write() as s:
        s.add(Room(name=f"{town}联络室"))
        s.add(Topic(title=f"{town}村道硬化", raised_on=date(2026, 3, 1)))
        s.add(Member(name=f"{town}委员", gender="女", birth_month="1975-03"))
        s.add(
            Activity(activity_type="调研视察", title=f"{town}调研", start_at=datetime(2026, 5, 1))
        )


@pytest.fixture
def county(tmp_path):
    path = tmp_path / "county.db"
    db = open_database(path)
    identity.set_identity(db, "县政协", "county")
    records(db, "县里")
    for town in ("桃园镇", "李家镇"):
        town_db = open_database(tmp_path / f"{town}.db")
        identity.set_identity(town_db, town, "township")
        records(town_db, town)
        export_package(town_db, tmp_path / f"{town}.ldpkg")
        town_db.dispose()
        import_package(db, read_package(tmp_path / f"{town}.ldpkg"))
    db.dispose()
    return path


SHOWN_NAME = {"rooms": 1, "members": 1, "topics": 2, "activities": 3}  # column of each kind


def test_every_list_kind_is_covered():
    assert set(SHOWN_NAME) == set(LIST_NAMES)


@pytest.mark.parametrize(("kind", "column"), SHOWN_NAME.items())
def test_each_kind_lists_only_that_township(capsys, county, kind, column):
    for name, expected in (("桃园镇", "桃园镇"), ("李家镇", "李家镇"), ("县政协", "县里")):
        code = main(["--db", str(county), "list", kind, "--township", name])
        out = capsys.readouterr().out
        assert code == 0
        shown = [line.split("\t")[column] for line in out.splitlines()[1:]]
        assert len(shown) == 1 and shown[0].startswith(expected), (kind, name, shown)


@pytest.mark.parametrize("kind", LIST_NAMES)
def test_every_kind_refuses_an_unknown_township(capsys, county, kind):
    code = main(["--db", str(county), "list", kind, "--township", "王家镇"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        "错误：没有来自“王家镇”的数据。已导入的单位：李家镇、桃园镇。"
    ]
