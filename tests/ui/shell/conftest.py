"""For the 数据库连接 tests: a server database reached as a role with a password of its own (the
test server's role has its name for password, which no assertion could tell apart), libpq kept
from finding a password by itself, and the window's start-up run as the program runs it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import make_url

from app.db_server import ServerAddress
from app.services.members.registry import MemberInput, create_member
from app.storage import open_database
from tests import server_db

SERVER_MEMBER = "县政协王委员"


class Server:
    def __init__(self, url: str, password: str) -> None:
        self.url = url  # carries the password: for the test's own connections only
        self.password = password
        self.address = ServerAddress.from_url(url)  # what the clerk types (no password)


@pytest.fixture
def no_libpq_password(monkeypatch, tmp_path):
    """libpq finds no password of its own (PGPASSWORD, ~/.pgpass) unless a test gives one."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))


@pytest.fixture
def server(server_databases, no_libpq_password):
    """A migrated database with one member, owned by a role of the test's own."""
    if server_databases is None:
        pytest.skip("no PostgreSQL server (LIAISON_DESK_TEST_DB_URL)")
    tag = uuid.uuid4().hex[:10]
    role, password, name = f"liaison_pw_{tag}", f"pw-{tag}-secret", f"liaison_pw_{tag}"
    admin = server_databases.url
    with server_db._connect(admin) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        conn.execute(f"GRANT {role} TO CURRENT_USER")
        conn.execute(f'CREATE DATABASE "{name}" OWNER {role}')
    url = (
        make_url(admin)
        .set(database=name, username=role, password=password)
        .render_as_string(hide_password=False)
    )
    db = open_database(url)
    create_member(db, MemberInput(name=SERVER_MEMBER, sector="中共"))
    db.dispose()
    yield Server(url, password)
    with server_db._connect(admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def home_settings(app_home: Path) -> QSettings:
    """The window.ini the program reads at start-up (the demo offer already answered)."""
    settings = QSettings(str(app_home / "window.ini"), QSettings.Format.IniFormat)
    settings.setValue("demo/offered", True)
    settings.sync()
    return settings


@pytest.fixture
def session(qapp, app_home, home_settings):
    from app.ui.shell.app import GuiSession, setup_application

    setup_application(qapp)
    made = GuiSession(qapp)
    yield made
    made.close()


class Clerk:
    """Answers the modal windows the program opens, in order, as a clerk at the keyboard does:
    each step waits for the named window to be the active modal one, then acts on it."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, Callable[[QWidget], object]]] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)

    def then(self, name: str, act: Callable[[QWidget], object]) -> Clerk:
        self.steps.append((name, act))
        self.timer.start()
        return self

    @property
    def done(self) -> bool:
        return not self.steps

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if not self.steps or widget is None or not widget.isVisible():
            return
        name, act = self.steps[0]
        if widget.objectName() != name or widget.property("clerk_answered"):
            return
        widget.setProperty("clerk_answered", True)
        self.steps.pop(0)
        if not self.steps:
            self.timer.stop()
        act(widget)


@pytest.fixture
def clerk():
    made = Clerk()
    yield made
    made.timer.stop()
    assert made.done, f"never shown: {[name for name, _act in made.steps]}"
