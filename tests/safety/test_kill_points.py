"""Kills at chosen points of a schema upgrade, a restore and a backup (issue 14).

Each case forks a child that runs the operation with a profiler counting the calls into C that
touch files or SQLite (connect, execute, backup, commit, replace, unlink, open, write…) and kills
itself with SIGKILL at the Nth one; N runs over the whole operation (a dry run counts the calls
first). After every kill ``check`` must pass on the database, and its data must be wholly the
old or wholly the new.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.models import Member
from app.services.safety import backup, restore
from app.storage import open_database
from tests.services.safety.test_hostile_files import read_only_folder

assert read_only_folder  # a fixture, shared with tests/services/safety

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="os.fork and SIGKILL exist on POSIX only"),
]

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema_0001_initial.db"
POINTS = int(os.environ.get("LIAISON_KILL_POINTS", "30"))  # kills per family
WATCHED = {
    "connect", "execute", "executescript", "executemany", "commit", "backup", "close",
    "replace", "rename", "unlink", "open", "write", "flush", "fsync", "copyfile", "mkdir",
}  # fmt: skip


def _hot(path: Path) -> bool:
    """Whether a kill now would leave a journal or WAL that SQLite must recover at next open."""
    for side in ("-journal", "-wal"):
        try:
            if os.stat(str(path) + side).st_size > 0:
                return True
        except OSError:
            pass
    return False


def _run_counting(
    action: Callable[[], object], kill_at: int | None, hot: tuple[Path, list[int]] | None = None
) -> int:
    """Run ``action`` counting watched C calls; SIGKILL ourselves at call ``kill_at``. With
    ``hot`` = (database, list), note in the list each call at which a kill would leave a hot
    journal or WAL beside the database."""
    seen = 0

    def profile(frame, event, arg):  # noqa: ANN001, ANN202
        nonlocal seen
        if event == "c_call" and getattr(arg, "__name__", "") in WATCHED:
            seen += 1
            if seen == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            if hot is not None and _hot(hot[0]):
                hot[1].append(seen)

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return seen


def _in_child(
    action: Callable[[], object], kill_at: int | None, hot_beside: Path | None = None
) -> tuple[bool, int, list[int]]:
    """(killed, calls counted, calls at which a kill leaves a hot journal beside
    ``hot_beside``) of ``action`` run in a forked child."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        code = 3
        try:
            os.close(read_end)
            hot: list[int] = []
            seen = _run_counting(action, kill_at, (hot_beside, hot) if hot_beside else None)
            os.write(write_end, " ".join(map(str, [seen, *hot])).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 64):
        data += chunk
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True, 0, []
    assert os.WEXITSTATUS(status) == 0, "the operation failed in the child"
    seen, *hot = map(int, data.split())
    return False, seen, hot


def _members(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(name for (name,) in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()


def _check_passes(path: Path, capsys) -> None:  # noqa: ANN001
    code = main(["--db", str(path), "check"])
    out, err = capsys.readouterr()
    assert code == 0, out + err


def _family(prepare, action, verify, capsys) -> tuple[int, int]:  # noqa: ANN001
    """Kill ``action`` at POINTS spread points; returns (tried, passed)."""
    prepare()
    killed, total, _hot_points = _in_child(action, None)
    assert not killed and total > 0
    points = sorted({1 + (total - 1) * i // (POINTS - 1) for i in range(POINTS)})
    passed = 0
    for point in points:
        prepare()
        _in_child(action, point)
        verify()  # wholly old or wholly new, before anything opens it
        _check_passes(verify.check_path(), capsys)
        verify()
        passed += 1
    print(f"{action.__name__}: {passed} of {len(points)} kills over {total} calls passed")
    return len(points), passed


def _upgrade_case(tmp_path: Path) -> tuple[Path, Callable[[], None], Callable[[], None]]:
    """(database, prepare, upgrade): the 0001 fixture copied fresh, and its upgrade to head."""
    path, folder = tmp_path / "old.db", tmp_path / "bk"

    def prepare() -> None:
        for side in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + side).unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copy(FIXTURE, path)

    def upgrade() -> None:
        open_database(path, before_upgrade=backup.upgrade_backup(folder)).dispose()

    return path, prepare, upgrade


def test_kills_during_a_schema_upgrade(tmp_path, capsys):
    path, prepare, upgrade = _upgrade_case(tmp_path)
    before = _members(FIXTURE)

    def verify() -> None:
        assert _members(path) == before

    verify.check_path = lambda: path
    tried, passed = _family(prepare, upgrade, verify, capsys)
    assert tried == passed >= 20


def _hot_points(tmp_path: Path) -> tuple[Path, Callable[[], None], Callable[[], None], list[int]]:
    path, prepare, upgrade = _upgrade_case(tmp_path)
    prepare()
    upgrade()  # here first: every child then finds Alembic loaded, and counts the same calls
    prepare()
    _killed, _total, hot = _in_child(upgrade, None, hot_beside=path)
    return path, prepare, upgrade, hot


def test_kills_that_leave_a_hot_journal_in_an_upgrade_are_recovered(tmp_path, capsys):
    """The calls of an upgrade at which a kill leaves a hot rollback journal or WAL (the spread
    above missed the journal one): the next start rolls it back by itself, says nothing of
    damage, and the upgrade then runs whole."""
    path, prepare, upgrade, hot = _hot_points(tmp_path)
    assert hot, "no kill point of the upgrade leaves a hot journal"
    sides = set()
    for point in hot:
        prepare()
        assert _in_child(upgrade, point)[0]
        sides |= {s for s in ("-journal", "-wal") if Path(str(path) + s).exists()}
        assert _hot(path)
        assert main(["--db", str(path), "list", "members"]) == 0  # the next start
        out, err = capsys.readouterr()
        assert "周秀英" in out and err == ""
        _check_passes(path, capsys)
        assert _members(path) == _members(FIXTURE)
    assert "-journal" in sides  # the hot rollback journal, not only a WAL
    print(f"hot journal or WAL: {len(hot)} kills at calls {hot} passed")


def test_a_hot_journal_in_a_read_only_folder_says_what_is_wrong(tmp_path, capsys, read_only_folder):
    """Killed mid-upgrade, then the stick is write-protected: the journal cannot be rolled
    back there, and the start says so (not 损坏), changing nothing."""
    path, prepare, upgrade, hot = _hot_points(tmp_path)
    prepare()
    assert _in_child(upgrade, hot[0])[0]
    for side in ("", "-journal", "-wal"):
        if Path(str(path) + side).exists():
            shutil.copy(str(path) + side, read_only_folder.source / (path.name + side))
    read_only_folder()
    stuck = read_only_folder.folder / path.name
    before = {p.name: p.read_bytes() for p in read_only_folder.folder.iterdir()}
    assert main(["--db", str(stuck), "list", "members"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "只读" in err and "-journal" in err
    assert "损坏" not in err
    assert {p.name: p.read_bytes() for p in read_only_folder.folder.iterdir()} == before


def test_kills_during_a_restore(tmp_path, capsys):
    path, saved, folder = tmp_path / "live.db", tmp_path / "saved.db", tmp_path / "bk"
    db = open_database(tmp_path / "seed.db")
    with db.write() as s:
        s.add(Member(name="备份里的委员"))
    backup.make_copy(db.path, saved)
    with db.write() as s:
        s.add(Member(name="当前的委员"))
    db.dispose()
    seed = tmp_path / "seed.db"

    def prepare() -> None:
        for leftover in tmp_path.glob(".~*"):
            leftover.unlink()
        for side in ("", "-journal", "-wal", "-shm"):
            Path(str(path) + side).unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        backup.make_copy(seed, path)

    def restore_it() -> None:
        restore.restore_file(path, saved, folder)

    def verify() -> None:
        assert _members(path) in (["备份里的委员"], ["备份里的委员", "当前的委员"])

    verify.check_path = lambda: path
    tried, passed = _family(prepare, restore_it, verify, capsys)
    assert tried == passed >= 20


def test_kills_during_a_backup(tmp_path, capsys):
    path, folder = tmp_path / "live.db", tmp_path / "bk"
    db = open_database(path)
    with db.write() as s:
        s.add(Member(name="李建国"))
    db.dispose()

    def prepare() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def backup_it() -> None:
        backup.backup_file(path, "导入前备份", folder)

    def verify() -> None:
        assert _members(path) == ["李建国"]
        for info in backup.list_backups(folder):  # a copy with its real name is a whole copy
            assert backup.check_copy(info.path) == []
            assert _members(info.path) == ["李建国"]
        made = backup.backup_file(path, "导入前备份", folder)  # the next backup works
        assert not [
            p for p in folder.glob(".~*") if p.stat().st_mtime < made.stat().st_mtime - 3600
        ]

    verify.check_path = lambda: path
    tried, passed = _family(prepare, backup_it, verify, capsys)
    assert tried == passed >= 20
