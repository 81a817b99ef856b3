import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app import db as db_module
from app.errors import DatabaseBusyError, UserError
from app.models import AuditLog, Member, Room, RoomMember
from app.storage import open_database


def test_busy_database_is_reported_and_nothing_saved(tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    database = open_database(tmp_path / "x.db")
    other = sqlite3.connect(tmp_path / "x.db", timeout=0.05)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusyError, match="占用"):
            with database.write() as session:
                session.add(Member(name="张三"))
    finally:
        other.rollback()
        other.close()
    with database.read() as session:
        assert session.scalar(select(Member)) is None
    database.dispose()


@pytest.mark.parametrize(
    ("sqlite_message", "expected"),
    [
        ("database or disk is full", "磁盘空间不足"),
        ("attempt to write a readonly database", "只读"),
        ("unable to open database file", "没有写入权限"),
        ("disk I/O error", "磁盘出错"),
        ("database disk image is malformed", "已损坏"),
    ],
)
@pytest.mark.sqlite_only
def test_write_errors_become_chinese_messages(db, sqlite_message, expected):
    with pytest.raises(UserError, match=expected) as info:
        with db.write() as session:
            session.add(Member(name="张三"))
            raise OperationalError("INSERT ...", {}, sqlite3.OperationalError(sqlite_message))
    assert info.value.message.endswith("本次修改未保存。")
    with db.read() as session:
        assert session.scalar(select(Member)) is None


def test_unknown_database_errors_stay_bugs(db):
    with pytest.raises(OperationalError):
        with db.write():
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such column: x"))


@pytest.mark.sqlite_only
def test_message_ignores_sql_parameters(db):
    exc = OperationalError("UPDATE member SET note=?", ("full",), sqlite3.OperationalError("x"))
    assert db_module.explain_sqlite_error(exc, db.path) is None


def test_read_only_folder_at_open_is_user_error(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    open_database(path).dispose()

    def refuse(*args, **kwargs):
        raise OperationalError(
            "PRAGMA", {}, sqlite3.OperationalError("unable to open database file")
        )

    monkeypatch.setattr("app.storage.upgrade", refuse)  # a database on an older schema
    monkeypatch.setattr("app.storage.check_connection", refuse)  # one already current
    with pytest.raises(UserError, match="没有写入权限"):
        open_database(path)
    with pytest.raises(UserError, match="没有写入权限"):
        open_database(tmp_path / "new.db")


def test_permission_denied_at_open_is_user_error(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    open_database(path).dispose()

    def denied(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.db_file.is_sqlite_file", denied)
    with pytest.raises(UserError, match="没有权限"):
        open_database(path)


@pytest.mark.sqlite_only
def test_audit_log_records_what_not_values(db):
    with db.write() as session:
        member = Member(name="张三", phone="13812345678")
        room = Room(name="清河村委员联络室")
        session.add_all([member, room])
        session.flush()
        session.add(RoomMember(room_id=room.id, member_id=member.id))
    with db.write() as session:
        session.get(Member, member.id).phone = "13900000000"
    with db.write() as session:
        session.delete(session.scalar(select(RoomMember)))
    with db.read() as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.table_name != "sector").order_by(AuditLog.id)
        ).all()
        log = [(r.action, r.table_name, r.record_id, r.summary) for r in rows]
    assert ("create", "member", member.id, None) in log
    assert ("create", "room_member", 1, None) in log
    assert ("update", "member", member.id, "字段：phone") in log
    assert log[-1][:2] == ("delete", "room_member")
    dump = "\n".join(sqlite3.connect(db.path).iterdump())
    audit_lines = [line for line in dump.splitlines() if "audit_log" in line]
    assert not any("138123" in line or "张三" in line for line in audit_lines)


def test_audit_rows_roll_back_with_the_action(db):
    with db.read() as session:
        before = len(session.scalars(select(AuditLog)).all())
    with pytest.raises(RuntimeError):
        with db.write() as session:
            session.add(Member(name="张三"))
            session.flush()
            raise RuntimeError("cancel")
    with db.read() as session:
        assert len(session.scalars(select(AuditLog)).all()) == before
