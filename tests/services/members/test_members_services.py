from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.models import Activity, Attendance, PointEntry, Submission, SubmissionAuthor
from app.services.members import sectors
from app.services.members.registry import (
    MemberHasRecordsError,
    MemberInput,
    create_member,
    delete_member,
    get_member,
    list_members,
    member_detail,
    set_left,
    update_member,
)
from app.services.members.stroke_order import matches, name_sort_key, stroke_count
from app.services.rooms import checklist
from app.services.rooms import registry as rooms


def test_stroke_counts_come_from_unihan():
    assert [stroke_count(c) for c in "丁王李张欧赵"] == [2, 4, 7, 7, 8, 9]
    names = ["赵敏", "欧阳明", "王一", "丁一", "王丽华", "张三", "李四"]
    assert sorted(names, key=name_sort_key) == [
        "丁一",
        "王一",
        "王丽华",
        "李四",
        "张三",
        "欧阳明",
        "赵敏",
    ]


def test_pinyin_search():
    assert matches("王丽华", "wlh") and matches("王丽华", "WLH") and matches("王丽华", "丽华")
    assert matches("王丽华", "wanglihua") and not matches("王丽华", "zs")
    assert matches("曾志伟", "zzw")  # 曾 as a surname reads zeng


def test_validation_messages_in_chinese():
    with pytest.raises(ValidationError, match="姓名：不能为空"):
        create_member_input(name="  ")
    with pytest.raises(ValidationError, match="请选择界别"):
        create_member_input(sector="")
    with pytest.raises(ValidationError, match="联系电话：“138000”不是有效的手机号码或固定电话"):
        create_member_input(phone="138000")
    with pytest.raises(ValidationError, match="出生年月：无法识别"):
        create_member_input(birth_month="七五年")


def create_member_input(**changes):
    from app.services.members.registry import validate

    values = {"name": "王丽华", "sector": "民盟", "phone": "13800001001"}
    values.update(changes)
    return validate(MemberInput(**values))


def test_create_update_and_refuse_duplicates(db):
    member_id = create_member(db, MemberInput(name="王　丽华", sector="民盟", phone="13800001001"))
    row = get_member(db, member_id)
    assert row.name == "王丽华" and row.sector == "民盟" and row.initials == "wlh"
    with pytest.raises(ValidationError, match="已有姓名和联系电话都相同的委员"):
        create_member(db, MemberInput(name="王丽华", sector="民盟", phone="13800001001"))
    update_member(db, member_id, MemberInput(name="王丽华", sector="教育界", phone="0551-12345678"))
    assert get_member(db, member_id).sector == "教育界"
    with pytest.raises(ValidationError, match="未知界别"):
        update_member(db, member_id, MemberInput(name="王丽华", sector="火星界"))


def test_delete_refused_with_records_and_leave_instead(db):
    free = create_member(db, MemberInput(name="李四", sector="民盟"))
    busy = create_member(db, MemberInput(name="王丽华", sector="民盟"))
    room_id = rooms.save_room(
        db, None, rooms.RoomInput(name="镇委员联络室", member_ids=(free, busy))
    )
    with db.write() as s:
        activity = Activity(
            status="已召开",  # held: counted (app.services.activities.held)
            activity_type="协商议事会",
            title="议事",
            room_id=room_id,
            start_at=datetime(date.today().year, 3, 1, 9),
        )
        activity.attendances.append(Attendance(member_id=busy, status="出席"))
        s.add(activity)
    delete_member(db, free)  # no records: goes, and its room seat with it
    assert [m.name for m in list_members(db)] == ["王丽华"]
    assert rooms.get_room(db, room_id).member_names == ("王丽华",)
    with pytest.raises(MemberHasRecordsError, match="出席记录 1 条.*设为“离任”"):
        delete_member(db, busy)
    set_left(db, busy)
    row = get_member(db, busy)
    assert row.status == "离任" and row.left_on == date.today()
    assert list_members(db, active_only=True) == []


def test_member_detail_sums_this_years_points(db):
    year = date.today().year
    member_id = create_member(db, MemberInput(name="王丽华", sector="民盟"))
    rooms.save_room(db, None, rooms.RoomInput(name="青石村委员联络室", member_ids=(member_id,)))
    with db.write() as s:
        activity = Activity(
            status="已召开",  # held: counted (app.services.activities.held)
            activity_type="微协商",
            title="停车难微协商",
            start_at=datetime(year, 4, 2, 9),
        )
        activity.attendances.append(Attendance(member_id=member_id, status="出席"))
        s.add(activity)
        proposal = Submission(
            kind="提案", title="关于垃圾分类的提案", submitted_on=date(year, 1, 5)
        )
        proposal.authors.append(SubmissionAuthor(member_id=member_id, role="主笔"))
        s.add(proposal)
        for y, pts in ((year, 5.0), (year, 10.0), (year - 1, 99.0)):
            s.add(
                PointEntry(
                    year=y,
                    member_id=member_id,
                    category="活动",
                    points=pts,
                    source_kind="manual",
                    description="x",
                )
            )
    detail = member_detail(db, member_id)
    assert detail.rooms == ["青石村委员联络室"]
    assert detail.activities[0][2] == "停车难微协商" and detail.activities[0][3] == "出席"
    assert detail.submissions[0][1:] == ("提案", "关于垃圾分类的提案", "主笔")
    assert detail.points_this_year == 15.0


def test_sector_editor(db):
    names = sectors.sector_names(db)
    assert names[:3] == ["中共", "民革", "民盟"] and len(names) == 28
    new_id = sectors.add_sector(db, "港澳界")
    with pytest.raises(ValidationError, match="已存在"):
        sectors.add_sector(db, "港澳界")
    sectors.rename_sector(db, new_id, "港澳台侨界")
    sectors.move_sector(db, new_id, -100)
    assert sectors.sector_names(db)[0] == "港澳台侨界"
    member_id = create_member(db, MemberInput(name="王丽华", sector="港澳台侨界"))
    with pytest.raises(ValidationError, match="还有 1 名委员，不能删除"):
        sectors.delete_sector(db, new_id)
    target = next(r.id for r in sectors.list_sectors(db) if r.name == "特邀")
    assert sectors.merge_sectors(db, new_id, target) == 1
    assert get_member(db, member_id).sector == "特邀"
    assert "港澳台侨界" not in sectors.sector_names(db)
    empty = sectors.add_sector(db, "临时")
    sectors.delete_sector(db, empty)
    assert "临时" not in sectors.sector_names(db)


def test_room_checklist_computed_and_ticked(db):
    year = date.today().year
    member_id = create_member(db, MemberInput(name="王丽华", sector="民盟"))
    room_id = rooms.save_room(db, None, rooms.RoomInput(name="青石村委员联络室"))
    row = rooms.get_room(db, room_id)
    assert [c.name for c in row.checklist] == [
        "有场地",
        "有门牌",
        "有制度",
        "有召集人",
        "有委员",
        "有活动记录",
    ]
    assert row.checklist_done == 0
    rooms.save_room(
        db,
        room_id,
        rooms.RoomInput(
            name="青石村委员联络室",
            first_convenor_name="张书记",
            second_convenor_member_id=member_id,
            member_ids=(member_id,),
            target_consultations_per_year=4,
        ),
    )
    site = row.checklist[0].item_id
    rooms.set_tick(db, room_id, site, True)
    with db.write() as s:
        s.add(
            Activity(
                status="已召开",  # held: counted (app.services.activities.held)
                activity_type="协商议事会",
                title="议事",
                room_id=room_id,
                start_at=datetime(year, 5, 1, 9),
            )
        )
        for kind, day in (("微协商", 6), ("学习培训·读书", 7)):
            s.add(
                Activity(
                    status="已召开",  # held: counted (app.services.activities.held)
                    activity_type=kind,
                    title=kind,
                    room_id=room_id,
                    start_at=datetime(year, day, 1),
                )
            )
    row = rooms.get_room(db, room_id)
    done = {c.name: c.done for c in row.checklist}
    assert done == {
        "有场地": True,
        "有门牌": False,
        "有制度": False,
        "有召集人": True,
        "有委员": True,
        "有活动记录": True,
    }
    assert (row.first_convenor, row.second_convenor) == ("张书记", "王丽华")
    assert (row.consultations_this_year, row.target_consultations_per_year) == (2, 4)
    assert row.activities_this_year == 3
    with pytest.raises(ValidationError, match="自动判断"):
        rooms.set_tick(db, room_id, row.checklist[3].item_id, True)
    with pytest.raises(ValidationError, match="3 次履职活动记录，不能删除"):
        rooms.delete_room(db, room_id)


def test_checklist_item_editor(db):
    item_id = checklist.add_item(db, "有经费")
    checklist.move_item(db, item_id, -1)
    names = [i.name for i in checklist.list_items(db)]
    assert names[-2:] == ["有经费", "有活动记录"]
    checklist.rename_item(db, item_id, "有工作经费")
    items = {i.name: i for i in checklist.list_items(db)}
    with pytest.raises(ValidationError, match="只能停用"):
        checklist.delete_item(db, items["有委员"].id)
    checklist.set_active(db, items["有委员"].id, False)
    checklist.delete_item(db, items["有工作经费"].id)
    assert [i.name for i in checklist.list_items(db, active_only=True)] == [
        "有场地",
        "有门牌",
        "有制度",
        "有召集人",
        "有活动记录",
    ]


@pytest.mark.parametrize("text", ["1975-03-45", "1975年2月30日", "1975.02.29", "19750345"])
def test_impossible_birth_dates_are_refused(text):
    """Issue 14.13: a whole date must exist, not only its year and month."""
    from app.services.members.fields import parse_birth_month

    with pytest.raises(ValueError, match="不是有效日期"):
        parse_birth_month(text)
    assert parse_birth_month("1976年2月29日") == "1976-02"
