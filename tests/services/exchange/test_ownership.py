"""Rows another unit owns are read-only: the county cannot edit a township's activity (nor add
to it), a township cannot edit the county's member; each refusal names the owner."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.errors import UserError
from app.models import Activity, Attendance, Member
from app.ownership import ForeignRowError
from app.services.activities.editing import delete_activity, get_activity, save_activity
from app.services.members.registry import set_left
from tests.services.exchange.test_import_rules import dbs, send  # noqa: F401  (fixture)


@pytest.fixture
def county_with_taoyuan(dbs, tmp_path):  # noqa: F811
    county = dbs("县政协", "county", [("周秀英", "1975-03", "女")])
    town = dbs("桃园镇", "township")
    with town.write() as s:
        s.add(Activity(activity_type="协商议事会", title="村道", start_at=datetime(2026, 3, 1)))
    send(town, county, tmp_path)
    return county, town


def test_county_cannot_edit_add_to_or_delete_a_township_activity(county_with_taoyuan):
    county, _town = county_with_taoyuan
    with county.read() as s:
        activity_id = s.scalar(select(Activity.id))
        member_id = s.scalar(select(Member.id))
    draft = get_activity(county, activity_id)
    with pytest.raises(ForeignRowError, match="来自桃园镇"):
        save_activity(county, dataclasses.replace(draft, title="县里改的"))
    with pytest.raises(ForeignRowError, match="来自桃园镇"):
        delete_activity(county, activity_id)
    with pytest.raises(ForeignRowError, match="来自桃园镇"), county.write() as s:
        s.add(Attendance(activity_id=activity_id, member_id=member_id))
    with county.read() as s:
        assert s.scalar(select(Activity.title)) == "村道"
        assert s.scalar(select(Attendance.id)) is None


def test_township_cannot_edit_the_county_roster_but_keeps_its_own(county_with_taoyuan, tmp_path):
    county, town = county_with_taoyuan
    send(county, town, tmp_path, "down.ldpkg")
    with town.read() as s:
        member_id = s.scalar(select(Member.id).where(Member.origin_id.is_not(None)))
        activity_id = s.scalar(select(Activity.id))
    with pytest.raises(ForeignRowError, match="来自县政协"):
        set_left(town, member_id)
    with town.write() as s:  # the township's own meeting takes the county's member
        s.add(Attendance(activity_id=activity_id, member_id=member_id))
    with town.read() as s:
        assert s.scalar(select(Attendance.member_id)) == member_id


def test_check_knows_packages_and_lists_filter_by_township(county_with_taoyuan, tmp_path):
    from app.services import listing
    from app.services.safety.integrity import run_checks

    county, _town = county_with_taoyuan
    assert [p for p in run_checks(county) if p.area == "数据包"] == []
    assert len(listing.list_activities(county, township="桃园镇").rows) == 1
    assert listing.list_activities(county, township="县政协").rows == []
    with pytest.raises(UserError, match="没有来自“李家镇”的数据。已导入的单位：桃园镇"):
        listing.list_members(county, township="李家镇")
    with county.write() as s:  # a row naming a unit no package came from
        s.execute(update(Member).values(origin_id="0badc0de-0000-4000-8000-000000000000"))
    problems = [p.message for p in run_checks(county) if p.area == "数据包"]
    assert problems == ["委员有 1 条记录标为来自未知单位（标识 0badc0de…），与已导入的数据包不符"]
