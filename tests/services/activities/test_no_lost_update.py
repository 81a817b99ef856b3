"""Two clerks save one activity: the second save, made from what they read before the first, is
refused with a Chinese message naming what changed, and the first clerk's change stays. On
SQLite and (LIAISON_DESK_TEST_DB_URL) on PostgreSQL alike; the two-process test runs the second
clerk as a real separate program."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from app.errors import StaleRecordError
from app.models import Activity, Member
from app.services.activities.editing import get_activity, save_activity
from app.services.activities.records import ActivityDraft, AttendanceLine, FollowUpLine
from app.storage import open_database
from tests import server_db

ROOT = Path(__file__).resolve().parents[3]


def _new_activity(db) -> int:
    return save_activity(
        db,
        ActivityDraft(
            title="关于停车难的协商议事会", start_at=datetime(2025, 5, 6, 9), place="村委会"
        ),
    )


def _stored(db, activity_id: int) -> tuple[str, str, int]:
    with db.read() as session:
        row = session.get(Activity, activity_id)
        return row.title, row.place, row.version


def test_the_second_of_two_saves_from_one_reading_is_refused(db):
    activity_id = _new_activity(db)
    first, second = get_activity(db, activity_id), get_activity(db, activity_id)
    db.actor = "张三（县政协-王芳的电脑）"  # the other clerk
    before = datetime.now()
    save_activity(db, replace(first, title="关于停车难的协商议事会（第二次）"))
    with pytest.raises(StaleRecordError) as refused:
        save_activity(db, replace(second, place="党群服务中心"))
    after = datetime.now()
    message = refused.value.message
    said = re.match(
        r"这条履职活动在您打开之后已被 张三（县政协-王芳的电脑） 于 (\d\d:\d\d) 修改，", message
    )
    assert said and said.group(1) in {f"{before:%H:%M}", f"{after:%H:%M}"}
    assert "改动了：名称。" in message
    assert "重新载入" in refused.value.message
    assert refused.value.table == "activity" and refused.value.record_id == activity_id
    assert _stored(db, activity_id) == ("关于停车难的协商议事会（第二次）", "村委会", 2)
    # reloaded, the same change goes through
    again = get_activity(db, activity_id)
    save_activity(db, replace(again, place="党群服务中心"))
    assert _stored(db, activity_id) == ("关于停车难的协商议事会（第二次）", "党群服务中心", 3)


CLERK = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from app.errors import UserError
    from app.services.activities.editing import get_activity, save_activity
    from app.storage import open_database

    db = open_database(sys.argv[1])
    draft = get_activity(db, int(sys.argv[2]))
    print("opened", flush=True)
    sys.stdin.readline()  # the other clerk saves meanwhile
    try:
        save_activity(db, replace(draft, place="镇政府会议室"))
    except UserError as exc:
        print(exc.message, flush=True)
        sys.exit(2)
    finally:
        db.dispose()
    print("saved", flush=True)
    """
)


def test_two_processes_editing_one_activity(db, db_path):
    activity_id = _new_activity(db)
    clerk = subprocess.Popen(
        [sys.executable, "-c", CLERK, str(db_path), str(activity_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert clerk.stdout.readline().strip() == "opened"
        save_activity(db, replace(get_activity(db, activity_id), title="改期后的协商议事会"))
        out, _err = clerk.communicate("go\n", timeout=60)
    finally:
        if clerk.poll() is None:
            clerk.kill()
    assert clerk.returncode == 2
    assert "这条履职活动在您打开之后已被" in out and "改动了：名称" in out
    assert _stored(db, activity_id) == ("改期后的协商议事会", "村委会", 2)


@pytest.mark.skipif(server_db.server_url() is None, reason="a race only a server lets happen")
def test_a_save_racing_past_the_check_is_caught_by_the_version_column(db, db_path):
    """Both clerks read version 1; the other commits first; this save's UPDATE … WHERE
    version = 1 then matches nothing. (SQLite's BEGIN IMMEDIATE makes this race impossible.)"""
    activity_id = _new_activity(db)
    other = open_database(db_path)
    other.actor = "张三（县政协-王芳的电脑）"
    try:
        with pytest.raises(
            StaleRecordError,
            match="这条履职活动在您保存的同时已被 张三（县政协-王芳的电脑） 于 .* 修改，改动了：名称。",
        ):
            with db.write() as session:
                row = session.get(Activity, activity_id)  # version 1, no lock held
                with other.write() as theirs:
                    theirs.get(Activity, activity_id).title = "先保存的"
                row.place = "后保存的地点"
    finally:
        other.dispose()
    assert _stored(db, activity_id) == ("先保存的", "村委会", 2)


def test_a_change_of_the_attendance_alone_refuses_a_stale_save_of_the_activity(db):
    """Only the 出席 marks changed: the activity's version still moves, so a save from the
    older reading cannot write the old marks back; the message names the part."""
    with db.write() as session:
        member = Member(name="周秀英")
        session.add(member)
        session.flush()
        member_id = member.id
    activity_id = save_activity(
        db,
        ActivityDraft(
            title="读书会",
            start_at=datetime(2025, 5, 6, 9),
            attendances=[AttendanceLine(member_id, "周秀英", "")],
        ),
    )
    first, second = get_activity(db, activity_id), get_activity(db, activity_id)
    leave = replace(first.attendances[0], status="请假", leave_reason="出差")
    save_activity(db, replace(first, attendances=[leave]))
    assert _stored(db, activity_id)[2] == 2
    with pytest.raises(StaleRecordError, match="改动了：出席委员。"):
        save_activity(db, replace(second, place="党群服务中心"))
    stored = get_activity(db, activity_id)
    assert [(a.status, a.leave_reason) for a in stored.attendances] == [("请假", "出差")]
    assert stored.place == ""


def test_a_locked_years_follow_up_is_still_edited_in_the_activity_editor(db):
    """跟踪落实 goes on after the year's 定稿: a part that the lock allows to change (成果办理)
    does not raise the locked activity's version (its UPDATE would be refused)."""
    from app.services.points.engine import lock_year
    from tests.services.points_builders import att_rule, rule_set

    rule_set(db, 2023, [att_rule("A", 10)])
    activity_id = save_activity(
        db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2023, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    lock_year(db, 2023)
    read = get_activity(db, activity_id)
    done = replace(read.follow_ups[0], result="已增设 40 个车位")
    save_activity(db, replace(read, follow_ups=[done]))
    stored = get_activity(db, activity_id)
    assert stored.follow_ups[0].result == "已增设 40 个车位"
    assert stored.version == read.version  # the locked record itself is unchanged
