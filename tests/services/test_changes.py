"""Changes: what a user action changed, merged and compared with what a page shows."""

import pytest

from app.services.changes import NOTHING, Changes
from app.services.members import sectors
from app.services.rooms import registry as rooms


def test_merging_keeps_every_area_of_both():
    merged = Changes(members=True) | Changes(rooms=True, members=True)
    assert merged == Changes(members=True, rooms=True)
    assert merged.areas() == ("rooms", "members")


def test_nothing_is_false_and_all_is_every_area():
    assert not NOTHING and not Changes()
    assert Changes(points=True)
    assert Changes.all().areas() == Changes.area_names()


def test_touches_only_what_a_page_shows():
    shown = Changes(points=True, members=True)
    assert Changes(members=True, settings=True).touches(shown)
    assert not Changes(settings=True, security=True).touches(shown)
    assert not NOTHING.touches(Changes.all())


def test_of_names_areas_and_refuses_unknown_ones():
    assert Changes.of("topics", "receptions") == Changes(topics=True, receptions=True)
    with pytest.raises(ValueError, match="everything"):
        Changes.of("everything")


def test_services_that_change_data_say_what_they_changed(db):
    sector_id = sectors.list_sectors(db)[0].id
    assert sectors.rename_sector(db, sector_id, "新界别") == Changes(sectors=True, members=True)
    room_id = rooms.save_room(db, None, rooms.RoomInput(name="青石村委员联络室"))
    assert rooms.delete_room(db, room_id) == Changes(rooms=True)
