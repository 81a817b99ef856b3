"""What another program saved since the window last looked: one cheap query when nothing did,
the areas written when something did, nothing for the program's own saves."""

from __future__ import annotations

from sqlalchemy import event

from app.services import remote_changes
from app.services.members import registry as members
from app.storage import open_database


def _selects(db, call):
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        return call(), seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def test_nothing_changed_is_one_query_and_own_saves_do_not_count(db, db_path):
    marker = remote_changes.latest_marker(db)
    (same, changes), selects = _selects(db, lambda: remote_changes.changes_since(db, marker))
    assert (same, changes.areas(), len(selects)) == (marker, (), 1)

    members.create_member(db, members.MemberInput(name="周秀英", sector="农工党"))
    marker, changes = remote_changes.changes_since(db, marker)
    assert changes.areas() == ()  # this program's own save: the window shows it already
    assert db.own_log_rows == set()  # passed, forgotten

    other = open_database(db_path)
    try:
        members.create_member(other, members.MemberInput(name="李建国", sector="民盟"))
    finally:
        other.dispose()
    marker, changes = remote_changes.changes_since(db, marker)
    assert changes.areas() == ("members", "audit")
    assert remote_changes.changes_since(db, marker)[1].areas() == ()


def test_a_flood_of_changes_reloads_everything(db, db_path, monkeypatch):
    monkeypatch.setattr(remote_changes, "MAX_ROWS", 2)
    marker = remote_changes.latest_marker(db)
    other = open_database(db_path)
    try:
        for name in ("甲", "乙", "丙"):
            members.create_member(other, members.MemberInput(name=name, sector="民盟"))
    finally:
        other.dispose()
    newest, changes = remote_changes.changes_since(db, marker)
    assert changes.rooms and changes.points  # everything, not only members
    assert remote_changes.changes_since(db, newest)[1].areas() == ()
