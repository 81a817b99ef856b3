import time

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Setting
from app.services import audit
from app.services.safety import app_lock


def test_password_is_stored_as_salted_scrypt_hash_only(db):
    started = time.monotonic()
    app_lock.set_password(db, "正确的密码123", "正确的密码123", 5)
    assert time.monotonic() - started < 10
    with db.read() as session:
        stored = session.scalar(select(Setting).where(Setting.key == app_lock.KEY_HASH)).value
    assert stored["n"] == 2**17 and stored["r"] == 8 and stored["p"] == 1
    assert "正确的密码" not in str(stored) and len(bytes.fromhex(stored["salt"])) == 16
    assert app_lock.verify(db, "正确的密码123")
    assert not app_lock.verify(db, "错误的密码123")
    assert app_lock.lock_settings(db) == app_lock.LockSettings(True, 5)


def test_same_password_gets_different_salt(db, monkeypatch):
    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    app_lock.set_password(db, "abcdef", "abcdef", 5)
    first = app_lock.settings.get(db, app_lock.KEY_HASH)
    app_lock.set_password(db, "abcdef", "abcdef", 5)
    assert app_lock.settings.get(db, app_lock.KEY_HASH)["salt"] != first["salt"]


def test_rules_and_clearing(db, monkeypatch):
    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    with pytest.raises(ValidationError, match="至少"):
        app_lock.set_password(db, "abc", "abc", 5)
    with pytest.raises(ValidationError, match="不一致"):
        app_lock.set_password(db, "abcdef", "abcdeg", 5)
    app_lock.set_password(db, "abcdef", "abcdef", 5)
    with pytest.raises(ValidationError, match="不正确"):
        app_lock.clear_password(db, "wrong!")
    app_lock.clear_password(db, "abcdef")
    assert not app_lock.lock_settings(db).enabled
    assert app_lock.verify(db, "anything")


def test_audit_viewer_rows_and_export_record(db):
    from app.models import Member

    with db.write() as session:
        session.add(Member(name="张三", phone="13812345678"))
    audit.record_export(db, "委员名册（含完整电话）", 1, "委员名册.xlsx")
    rows = audit.list_entries(db, limit=2)
    assert rows[0].action == "导出" and "委员名册.xlsx" in rows[0].summary
    assert rows[1].action == "新增" and rows[1].table == "委员"
    assert all(r.table == "委员" for r in audit.list_entries(db, table="member"))
    with db.write() as session:
        session.query(Member).one().phone = "13900000000"
    assert audit.list_entries(db, limit=1)[0].summary == "字段：联系电话"


def test_full_phone_roster_export_is_audited_masked_is_not(db, tmp_path):
    from app.exports.roster import export_roster
    from app.models import Member
    from app.services.members.roster import load_roster, record_roster_export

    def export(out, mask_phones=False):  # what the CLI verb and the 导出 panel do
        count = export_roster(load_roster(db), out, mask_phones=mask_phones)
        record_roster_export(db, count, out, mask_phones=mask_phones)

    with db.write() as session:
        session.add(Member(name="张三", phone="13812345678"))
    export(tmp_path / "公示.xlsx", mask_phones=True)
    assert not [r for r in audit.list_entries(db) if r.action == "导出"]
    export(tmp_path / "名册.xlsx")
    exports = [r for r in audit.list_entries(db) if r.action == "导出"]
    assert len(exports) == 1 and "名册.xlsx" in exports[0].summary and "1 条" in exports[0].summary
    assert "13812345678" not in exports[0].summary


def test_audit_times_are_shown_in_local_time(db):
    import os
    import time as time_module
    from datetime import datetime

    from app.models import Member

    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time_module.tzset()
    try:
        with db.write() as session:
            session.add(Member(name="张三"))
        shown = audit.list_entries(db, limit=1)[0].at
        assert abs((shown - datetime.now()).total_seconds()) < 120
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time_module.tzset()
