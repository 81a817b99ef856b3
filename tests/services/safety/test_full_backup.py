"""整库数据包 (the server's backup when this PC has no usable pg_dump): every row of every table comes
back into an empty database, on either engine and across them — a server's backup restores into
a file and the other way round — with the 定稿 year still locked and new ids still free."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from app.errors import UserError
from app.models import Base, Member
from app.services.demo.generate import load_demo
from app.services.points import engine
from app.services.points.ranking import get_ranking
from app.services.safety import full_backup
from app.storage import open_database

TODAY = date(2026, 6, 30)


def every_row(db) -> dict[str, list[tuple]]:
    with db.read() as s:
        conn = s.connection()
        return {
            t.name: [tuple(row) for row in conn.execute(select(t).order_by(t.c.id))]
            for t in Base.metadata.sorted_tables
        }


@pytest.fixture
def township(db, tmp_path):
    load_demo(db, "township", seed=3, today=TODAY)
    engine.lock_year(db, 2025)  # a 定稿 year: its triggers must not stop the restore
    return db


@pytest.fixture(params=["file", "server"])
def empty_target(request, tmp_path, server_databases):
    """A database the program has just created: a file, or (with a server) a new database."""
    if request.param == "file":
        target = open_database(tmp_path / "新建.db")
        yield target
        target.dispose()
        return
    if server_databases is None:
        pytest.skip("no PostgreSQL server")
    url = server_databases.create()
    target = open_database(url)
    yield target
    target.dispose()
    server_databases.drop(url)


def test_everything_comes_back_into_an_empty_database(township, empty_target, tmp_path):
    made = full_backup.write_full_backup(township, tmp_path / "整库")
    assert made.name == "整库.ldpkg" and full_backup.is_full_backup(made)
    counts = full_backup.restore_into_empty(empty_target, made)
    assert counts["member"] > 30 and counts["attendance"] > 100
    assert every_row(empty_target) == every_row(township)
    assert get_ranking(empty_target, 2025) == get_ranking(township, 2025)
    with pytest.raises(UserError, match="定稿"):  # the year lock came back with the rows
        engine.add_manual_entry(
            empty_target, year=2025, member_id=counts["member"], points=1, category="其他",
            reason="补录", entered_by="周",
        )  # fmt: skip
    with empty_target.write() as s:  # the ids after the restored ones are free
        s.add(Member(name="新来的委员"))
    with empty_target.read() as s:
        assert s.scalar(select(Member.id).where(Member.name == "新来的委员")) > counts["member"]


def test_a_database_with_records_is_refused_and_left_alone(township, tmp_path):
    made = full_backup.write_full_backup(township, tmp_path / "整库.ldpkg")
    before = every_row(township)
    with pytest.raises(UserError, match="已有数据.*只能恢复到新建的空数据库"):
        full_backup.restore_into_empty(township, made)
    assert every_row(township) == before


def test_a_changed_file_is_refused_before_anything_is_written(township, tmp_path):
    made = full_backup.write_full_backup(township, tmp_path / "整库.ldpkg")
    changed = tmp_path / "改过.ldpkg"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "data/member.json":
                blob = blob.replace("委员".encode(), "会员".encode(), 1) + b" "
            dst.writestr(item, blob)
    target = open_database(tmp_path / "新建.db")
    empty = every_row(target)
    with pytest.raises(UserError, match="校验值不符.*数据库未改动"):
        full_backup.restore_into_empty(target, changed)
    assert every_row(target) == empty
    assert not full_backup.is_full_backup(tmp_path / "新建.db")
    target.dispose()
