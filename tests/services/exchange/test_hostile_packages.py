"""A package read from a USB stick may be foreign, cut short or tampered with: each case is one
Chinese line, exit 2, and nothing written at the county."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import Member, PackageImport, Room, Sector
from app.services.exchange import identity
from app.storage import open_database
from tests.services.exchange.builders import count, export_package, rewrite_zip


@pytest.fixture(scope="module")
def small_package(tmp_path_factory):
    """A township with one member and one room, exported once."""
    folder = tmp_path_factory.mktemp("town")
    db = open_database(folder / "town.db")
    identity.set_identity(db, "桃园镇", "township")
    with db.write() as s:
        sector = s.scalar(select(Sector.id).where(Sector.name == "民盟"))
        s.add_all(
            [
                Member(name="周秀英", gender="女", birth_month="1975-03", sector_id=sector),
                Room(name="青石村委员联络室"),
            ]
        )
    export_package(db, folder / "town.ldpkg")
    db.dispose()
    return folder / "town.ldpkg"


@pytest.fixture
def county(tmp_path):
    path = tmp_path / "county.db"
    db = open_database(path)
    identity.set_identity(db, "县政协", "county")
    db.dispose()
    return path


def manifest_edit(**changes):
    def change(name, blob):
        if name != "manifest.json":
            return blob
        manifest = json.loads(blob)
        manifest.update(changes)
        return json.dumps(manifest).encode()

    return change


def same_size_tamper(name, blob):
    if name == "data/member.json":
        return blob.replace("周秀英".encode(), "周秀华".encode())
    return blob


def add_entry(entry_name, content=b"{}", listed=False):
    def write(source, target):
        rewrite_zip(source, target, lambda n, b: b)
        with zipfile.ZipFile(target, "a") as zf:
            zf.writestr(zipfile.ZipInfo(entry_name), content)
        return target

    return write


def edit(change):
    return lambda source, target: rewrite_zip(source, target, change)


def truncate(source, target):
    target.write_bytes(source.read_bytes()[:-200])
    return target


def corrupt_middle(source, target):
    """Bytes inside a compressed part overwritten: the zip directory is intact."""
    blob = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as zf:
        info = zf.getinfo("data/sector.json")
    start = info.header_offset + 30 + len(info.filename.encode()) + 20
    blob[start : start + 40] = b"\x00" * 40
    target.write_bytes(bytes(blob))
    return target


def text_file(source, target):
    target.write_text("这不是数据包", encoding="utf-8")
    return target


def zip_without_manifest(source, target):
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    return target


def bomb(source, target):
    """2 MB of zeros that compress to a few KB: a zip bomb, not records."""
    rewrite_zip(source, target, lambda n, b: b)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/bomb.json", b"\0" * (2 * 1024 * 1024))
    return target


def bad_value(name, blob):
    if name != "data/member.json":
        return blob
    rows = json.loads(blob)
    rows[0]["is_standing"] = "是"  # a boolean column holding text
    return json.dumps(rows).encode()


CASES = {
    "tampered": (edit(same_size_tamper), "校验值不符"),
    "truncated": (truncate, "不完整"),
    "corrupted inside": (corrupt_middle, "损坏"),
    "foreign text file": (text_file, "不是工作台数据包"),
    "foreign zip": (zip_without_manifest, "缺少清单"),
    "newer format": (edit(manifest_edit(format_version=99)), "较新版本的工作台"),
    "newer schema": (edit(manifest_edit(schema_revision="0099_future")), "较新版本的数据库"),
    "absolute path": (add_entry("/etc/cron.d/x"), "不安全的路径"),
    "dot-dot path": (add_entry("../../outside.json"), "不安全的路径"),
    "drive path": (add_entry("C:/Windows/x.dll"), "不安全的路径"),
    "entry not in the manifest": (add_entry("data/extra.json"), "清单之外"),
    "zip bomb": (bomb, "压缩比异常"),
    "not a sender id": (
        edit(manifest_edit(sender={"name": "x", "level": "township", "id": "1"})),
        "清单不完整",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_package_is_one_line_exit_2_nothing_written(
    case, small_package, county, tmp_path, capsys
):
    make, why = CASES[case]
    bad = make(small_package, tmp_path / f"bad-{case.replace(' ', '-')}.ldpkg")
    assert main(["--db", str(county), "package", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert why in err, err
    assert len(err.strip().splitlines()) == 1
    assert count(county, PackageImport) == 0 and count(county, Member) == 0
    assert not list((tmp_path / "home").rglob("导入前备份*"))


def test_a_value_of_the_wrong_type_is_refused_whole(small_package, county, tmp_path, capsys):
    """The hashes can be made to match: the values are still checked column by column."""
    import hashlib

    changed = rewrite_zip(small_package, tmp_path / "typed.ldpkg", bad_value)
    with zipfile.ZipFile(changed) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(parts["manifest.json"])
    blob = parts["data/member.json"]
    manifest["parts"]["data/member.json"] = {
        "sha256": hashlib.sha256(blob).hexdigest(),
        "size": len(blob),
    }
    rewrite_zip(
        changed,
        changed.with_name("typed2.ldpkg"),
        lambda n, b: json.dumps(manifest).encode() if n == "manifest.json" else b,
    )
    assert (
        main(["--db", str(county), "package", "import", str(changed.with_name("typed2.ldpkg"))])
        == 2
    )
    err = capsys.readouterr().err
    assert "is_standing" in err and "格式" in err
    assert count(county, Member) == 0


def test_a_part_beyond_sane_size_is_refused(small_package, county, capsys, monkeypatch):
    monkeypatch.setattr("app.imports.package_file.MAX_PART_BYTES", 100)
    assert main(["--db", str(county), "package", "import", str(small_package)]) == 2
    assert "超出合理范围" in capsys.readouterr().err
    assert count(county, Member) == 0


def test_a_package_into_the_wrong_level_or_back_home_is_refused(small_package, tmp_path, capsys):
    town = small_package.with_name("town.db")
    assert main(["--db", str(town), "package", "import", str(small_package)]) == 2
    assert "本单位自己导出" in capsys.readouterr().err
    other = tmp_path / "other.db"
    db = open_database(other)
    identity.set_identity(db, "李家镇", "township")
    db.dispose()
    assert main(["--db", str(other), "package", "import", str(small_package)]) == 2
    assert "乡镇数据库只导入县政协下发的数据包" in capsys.readouterr().err


def test_random_damage_is_always_a_user_error_never_a_bug(small_package, tmp_path):
    """Bytes flipped anywhere in the file: read_package refuses with a UserError (or, when the
    damage misses everything it checks, returns the package); nothing else escapes."""
    import random

    from app.errors import UserError
    from app.imports.package_file import read_package

    rng = random.Random(15)
    original = small_package.read_bytes()
    refused = 0
    for n in range(60):
        blob = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        damaged = tmp_path / f"damaged-{n}.ldpkg"
        damaged.write_bytes(bytes(blob))
        try:
            read_package(damaged)
        except UserError:
            refused += 1
    assert refused >= 50
