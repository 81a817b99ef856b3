"""委员 and 联络室: a save from a form filled before another clerk's save is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.errors import StaleRecordError
from app.models import Member, Room
from app.services.members import registry as members
from app.services.rooms import registry as rooms


def test_a_stale_member_save_is_refused(db):
    member_id = members.create_member(db, members.MemberInput(name="周秀英", sector="农工党"))
    read = members.get_member(db, member_id)
    members.update_member(
        db,
        member_id,
        replace(members.MemberInput(name="周秀英", sector="农工党"), phone="13912345678"),
        read.version,
    )
    with pytest.raises(StaleRecordError, match="这条委员信息在您打开之后已被.*修改.*联系电话"):
        members.update_member(
            db,
            member_id,
            members.MemberInput(name="周秀英", sector="农工党", work_unit="青石镇卫生院院长"),
            read.version,
        )
    with db.read() as session:
        stored = session.get(Member, member_id)
        assert (stored.phone, stored.work_unit, stored.version) == ("13912345678", None, 2)


def test_a_stale_room_save_is_refused(db):
    room_id = rooms.save_room(db, None, rooms.RoomInput(name="青石村委员联络室"))
    read = rooms.get_room(db, room_id)
    rooms.save_room(
        db, room_id, rooms.RoomInput(name="青石村委员联络室", address="村委会二楼"), read.version
    )
    with pytest.raises(StaleRecordError, match="这条联络室信息在您打开之后已被.*修改.*地址"):
        rooms.save_room(db, room_id, rooms.RoomInput(name="青石村联络室"), read.version)
    with db.read() as session:
        stored = session.get(Room, room_id)
        assert (stored.name, stored.address) == ("青石村委员联络室", "村委会二楼")
