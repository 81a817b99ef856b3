"""Township and county databases for the package tests: demo townships with identities (made
once per test session and copied), a small county roster, and hostile copies of a package."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Activity, Attendance, Member, Sector
from app.services.activities.held import HELD_STATUSES
from app.services.demo.generate import load_demo
from app.services.exchange import identity
from app.storage import open_database

TODAY = date(2026, 6, 30)
YEAR = TODAY.year
TOWNS = {"桃园镇": 1, "李家镇": 2}


@pytest.fixture(scope="session")
def township_templates(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("townships")
    made = {}
    for name, seed in TOWNS.items():
        path = folder / f"{name}.db"
        db = open_database(path)
        try:
            load_demo(db, "township", seed=seed, today=TODAY)
            identity.set_identity(db, name, "township")
        finally:
            db.dispose()
        made[name] = path
    return made


def copy_db(template: Path, folder: Path) -> Path:
    target = folder / template.name
    shutil.copy(template, target)
    return target


def make_county(path: Path, roster: list[dict]) -> Path:
    """A county database with identity 县政协 and ``roster`` as its own members."""
    db = open_database(path)
    try:
        identity.set_identity(db, "县政协", "county")
        with db.write() as s:
            sector = s.scalar(select(Sector.id).where(Sector.name == "农工党"))
            for person in roster:
                s.add(Member(sector_id=sector, **person))
    finally:
        db.dispose()
    return path


def first_members(path: Path, count: int) -> list[dict]:
    """The first members of a township, as a county roster would type them (other phones)."""
    db = open_database(path)
    try:
        with db.read() as s:
            rows = s.scalars(select(Member).order_by(Member.id).limit(count)).all()
            return [
                {
                    "name": m.name,
                    "birth_month": m.birth_month,
                    "gender": m.gender,
                    "phone": "0551-1234567",
                }
                for m in rows
            ]
    finally:
        db.dispose()


def attend_everything_this_year(path: Path, member_name: str) -> int:
    """The member attends every held activity of YEAR in that database; returns how many."""
    db = open_database(path)
    try:
        with db.write() as s:
            member = s.scalar(select(Member.id).where(Member.name == member_name))
            held = s.scalars(
                select(Activity.id).where(
                    Activity.status.in_(HELD_STATUSES),
                    Activity.start_at >= datetime(YEAR, 1, 1),
                    Activity.start_at < datetime(YEAR + 1, 1, 1),
                )
            ).all()
            for activity_id in held:
                s.add(Attendance(activity_id=activity_id, member_id=member, status="出席"))
            return len(held)
    finally:
        db.dispose()


def count(path: Path, model) -> int:
    db = open_database(path)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(model))
    finally:
        db.dispose()


def rewrite_zip(source: Path, target: Path, change) -> Path:
    """Copy a package entry by entry; ``change(name, blob)`` returns the new blob or None to drop."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = change(info.filename, zin.read(info.filename))
            if blob is not None:
                zout.writestr(info.filename, blob)
    return target


def export_package(db, out, *, with_attachments=False):
    """package export as the window and the command line run it (the snapshot, the file)."""
    from app.exports.package_file import write_package
    from app.services.exchange.export import export_package as export

    return export(db, out, write_package, with_attachments=with_attachments)
