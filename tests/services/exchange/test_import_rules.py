"""Who owns what after a package: the county's roster and rules taken over at the township, the
same person one member whichever way the roster travelled, doubtful matches listed, and the
year lock holding for imported rows."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.errors import UserError
from app.imports.package_file import read_package
from app.models import (
    Activity,
    Attendance,
    Member,
    MemberLink,
    PackageImport,
    PointRule,
    PointRuleSet,
    Sector,
)
from app.services.exchange import identity
from app.services.exchange.importing import import_package, preview_package
from app.services.exchange.member_match import AUTO, DOUBT
from app.services.points.engine import lock_year
from app.services.points.rules import load_default
from app.storage import open_database
from tests.services.exchange.builders import export_package

YEAR = 2026


def make(path, name, level, people=(), rules=None):
    db = open_database(path)
    identity.set_identity(db, name, level)
    with db.write() as s:
        sector = s.scalar(select(Sector.id).where(Sector.name == "民盟"))
        for person_name, birth, gender in people:
            s.add(Member(name=person_name, birth_month=birth, gender=gender, sector_id=sector))
    if rules:
        load_default(db, rules, YEAR)
    return db


def send(sender, receiver, tmp_path, name="p.ldpkg", dry=False):
    out = tmp_path / name
    export_package(sender, out)
    package = read_package(out)
    return preview_package(receiver, package) if dry else import_package(receiver, package)


def members(db):
    with db.read() as s:
        return sorted(
            (m.name, m.birth_month, m.origin_id is None) for m in s.scalars(select(Member))
        )


def uuid_of(db, name, birth):
    with db.read() as s:
        return s.scalar(select(Member.uuid).where(Member.name == name, Member.birth_month == birth))


@pytest.fixture
def dbs(tmp_path):
    made = []

    def factory(*args, **kwargs):
        db = make(tmp_path / f"{args[0]}.db", *args, **kwargs)
        made.append(db)
        return db

    yield factory
    for db in made:
        db.dispose()


def test_roster_down_takes_over_rules_and_matches_and_back_up_makes_no_duplicates(dbs, tmp_path):
    county = dbs(
        "县政协", "county", [("周秀英", "1975-03", "女"), ("李明", "1980-01", "男")], "minhang"
    )
    town = dbs(
        "桃园镇",
        "township",
        [("周秀英", "1975-03", "女"), ("李明", "1981-02", "男")],
        "yanbian_2022",
    )

    plan = send(county, town, tmp_path, "down.ldpkg")
    assert [(m.how, m.name) for m in plan.matches] == [(AUTO, "周秀英"), (DOUBT, "李明")]
    assert uuid_of(town, "周秀英", "1975-03") == uuid_of(county, "周秀英", "1975-03")
    assert members(town) == [
        ("周秀英", "1975-03", False),
        ("李明", "1980-01", False),  # the county's, not guessed to be the township's
        ("李明", "1981-02", True),
    ]
    with town.read() as s:
        rule_set = s.scalar(select(PointRuleSet).where(PointRuleSet.year == YEAR))
        assert rule_set.origin_id is not None and "闵行" in rule_set.name
        rules = s.scalars(
            select(PointRule.origin_id).where(PointRule.rule_set_id == rule_set.id)
        ).all()
    with county.read() as s:
        county_rules = s.scalar(select(func.count()).select_from(PointRule))
    assert len(rules) == county_rules and all(rules)

    plan = send(town, county, tmp_path, "up.ldpkg")
    # The township sends both 李明: the county's one comes home by UUID, so the other one is a
    # person of the township's (its own doubt was listed there), not a candidate here.
    assert plan.matches == []
    assert members(county) == [
        ("周秀英", "1975-03", True),
        ("李明", "1980-01", True),
        ("李明", "1981-02", False),
    ]
    # Round and round again: still no duplicates.
    send(county, town, tmp_path, "down2.ldpkg")
    send(town, county, tmp_path, "up2.ldpkg")
    assert len(members(county)) == 3 and len(members(town)) == 3


def test_county_links_a_typed_member_then_the_roster_goes_down_and_back(dbs, tmp_path):
    county = dbs("县政协", "county", [("周秀英", "1975-03", "女")])
    town = dbs("桃园镇", "township", [("周秀英", "1975-03", "女")])
    with town.write() as s:
        member = s.scalar(select(Member))
        activity = Activity(
            activity_type="协商议事会", title="村道", start_at=datetime(YEAR, 3, 1), status="已召开"
        )
        activity.attendances.append(Attendance(member_id=member.id))
        s.add(activity)

    plan = send(town, county, tmp_path, "up1.ldpkg")
    assert [(m.how, m.name) for m in plan.matches] == [(AUTO, "周秀英")]
    with county.read() as s:
        ours = s.scalar(select(Member.id))
        assert s.scalar(select(func.count()).select_from(Member)) == 1
        assert s.scalar(select(Attendance.member_id)) == ours
        assert s.scalar(select(MemberLink.member_id)) == ours

    send(county, town, tmp_path, "down.ldpkg")  # the township now has the county's UUID
    plan = send(town, county, tmp_path, "up2.ldpkg")
    assert plan.matches == []
    with county.read() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == 1
        assert s.scalar(select(Attendance.member_id)) == ours


def test_year_lock_holds_for_imported_rows(dbs, tmp_path):
    county = dbs("县政协", "county", rules="minhang")
    lock_year(county, YEAR)
    town = dbs("桃园镇", "township")
    with town.write() as s:
        s.add(Activity(activity_type="协商议事会", title="村道", start_at=datetime(YEAR, 3, 1)))
    with pytest.raises(UserError, match="已定稿"):
        send(town, county, tmp_path)
    with county.read() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 0
        assert s.scalar(select(func.count()).select_from(PackageImport)) == 0


def test_locked_year_rules_are_not_replaced_by_the_county(dbs, tmp_path):
    county = dbs("县政协", "county", rules="minhang")
    town = dbs("桃园镇", "township", rules="yanbian_2022")
    lock_year(town, YEAR)
    with pytest.raises(UserError, match="已定稿"):
        send(county, town, tmp_path)
    with town.read() as s:
        assert s.scalar(select(PointRuleSet.origin_id)) is None


def test_preview_writes_nothing(dbs, tmp_path):
    county = dbs("县政协", "county")
    town = dbs("桃园镇", "township", [("周秀英", "1975-03", "女")])
    plan = send(town, county, tmp_path, dry=True)
    assert not plan.written and plan.has_changes
    assert members(county) == []


def test_a_doubtful_member_is_merged_only_when_a_person_says_so(dbs, tmp_path):
    from app.services.exchange.same_person import not_same_person, pending_pairs, same_person

    county = dbs("县政协", "county", [("李明", "1980-01", "男"), ("王芳", "1970-05", "女")])
    town = dbs("桃园镇", "township", [("李明", "1981-02", "男"), ("王芳", "1971-01", "女")])
    with town.write() as s:
        li = s.scalar(select(Member.id).where(Member.name == "李明"))
        activity = Activity(
            activity_type="协商议事会", title="村道", start_at=datetime(YEAR, 3, 1), status="已召开"
        )
        activity.attendances.append(Attendance(member_id=li))
        s.add(activity)
    plan = send(town, county, tmp_path, "up1.ldpkg")
    assert [(m.how, m.name) for m in plan.matches] == [(DOUBT, "李明"), (DOUBT, "王芳")]
    pairs = {p.name: p for p in pending_pairs(county)}
    assert (
        pairs["李明"].theirs == "1981-02，男，来自桃园镇"
        and pairs["李明"].ours == "1980-01，男，本单位"
    )

    same_person(county, pairs["李明"].theirs_id, pairs["李明"].ours_id)
    not_same_person(county, pairs["王芳"].theirs_id, pairs["王芳"].ours_id)
    assert pending_pairs(county) == []
    with county.read() as s:
        ours = s.scalar(select(Member.id).where(Member.name == "李明"))
        assert s.scalar(select(Attendance.member_id)) == ours
    assert len(members(county)) == 3  # 李明 once, 王芳 twice (two people)

    # The township's next package maps its 李明 onto the county's row: nothing new.
    with town.write() as s:
        s.scalar(select(Activity)).title = "村道（二）"
    plan = send(town, county, tmp_path, "up2.ldpkg")
    assert plan.matches == [] and len(members(county)) == 3
    assert {k.label: k.counts["修改"] for k in plan.kinds if k.counts["修改"]} == {"履职活动": 1}
    with county.read() as s:
        assert s.scalar(select(Attendance.member_id)) == ours


def test_attachments_travel_when_asked(dbs, tmp_path, monkeypatch):
    from app.models import Attachment
    from app.services.activities.attachments import copy_in, stored_path

    town = dbs("桃园镇", "township")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    stored, size = copy_in(photo)
    with town.write() as s:
        activity = Activity(activity_type="协商议事会", title="村道", start_at=datetime(YEAR, 3, 1))
        activity.attachments.append(
            Attachment(original_name="现场.jpg", stored_name=stored, size_bytes=size)
        )
        s.add(activity)
    export_package(town, tmp_path / "without.ldpkg")
    export_package(town, tmp_path / "with.ldpkg", with_attachments=True)
    assert "attachment" not in read_package(tmp_path / "without.ldpkg").parts

    monkeypatch.setenv("LIAISON_DESK_HOME", str(tmp_path / "county-home"))  # another laptop
    county = dbs("县政协", "county")
    import_package(county, read_package(tmp_path / "without.ldpkg"))
    with county.read() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    plan = import_package(county, read_package(tmp_path / "with.ldpkg"))
    assert {k.label: k.counts["新增"] for k in plan.kinds}["附件"] == 1
    assert stored_path(stored).read_bytes() == b"\xff\xd8photo"
    assert str(tmp_path / "county-home") in str(stored_path(stored))


def test_an_attachment_name_leaving_the_folder_is_refused(dbs, tmp_path):
    from app.exports.package_file import write_package

    town = dbs("桃园镇", "township")
    with town.write() as s:
        s.add(Activity(activity_type="协商议事会", title="村道", start_at=datetime(YEAR, 3, 1)))
    export_package(town, tmp_path / "p.ldpkg")
    package = read_package(tmp_path / "p.ldpkg")
    activity = package.parts["activity"][0]["uuid"]
    row = {
        "uuid": "0badc0de-0000-4000-8000-000000000001", "origin": package.sender_id,
        "activity_id": activity, "original_name": "x.jpg", "stored_name": "../../evil.jpg",
        "kind": "照片", "caption": None, "size_bytes": 1,
    }  # fmt: skip
    manifest = {k: v for k, v in package.manifest.items() if k != "parts"}
    write_package(tmp_path / "evil.ldpkg", manifest, {**package.parts, "attachment": [row]}, {})
    county = dbs("县政协", "county")
    with pytest.raises(UserError, match="附件文件名“../../evil.jpg”不安全"):
        import_package(county, read_package(tmp_path / "evil.ldpkg"))
    with county.read() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == 0
