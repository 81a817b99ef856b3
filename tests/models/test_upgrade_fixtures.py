"""Every released schema revision has a fixture database; each must upgrade to head intact."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Activity, Member
from app.services.safety import backup
from app.storage import head_revision, open_database

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("schema_*.db"))


def test_there_is_a_fixture_per_release():
    assert FIXTURES, "tests/fixtures/schema_*.db missing"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_upgrades_to_head_with_data_kept(fixture, tmp_path, app_home):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    backups = tmp_path / "backups"
    db = open_database(path, before_upgrade=backup.upgrade_backup(backups))
    try:
        with db.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == head_revision()
        with db.read() as s:
            member = s.scalar(select(Member).where(Member.name == "周秀英"))
            assert member is not None and member.phone == "13912345678"
            assert s.scalar(select(Activity)).attendances[0].member_id == member.id
    finally:
        db.dispose()
    revision = fixture.stem.removeprefix("schema_")
    if revision != head_revision():
        assert any(backups.glob("*.db")), "no backup was made before the upgrade"
