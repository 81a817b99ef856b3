"""Every test gets a fresh database in tmp_path, built the way production builds it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from app.storage import open_database
from tests import server_db


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app data folder points at tmp_path: tests never touch real user data."""
    home = tmp_path / "home"
    monkeypatch.setenv("LIAISON_DESK_HOME", str(home))
    return home


def pytest_collection_modifyitems(config, items):
    if server_db.server_url() is None:
        return
    skip = pytest.mark.skip(reason="SQLite only (LIAISON_DESK_TEST_DB_URL is set)")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def server_databases():
    url = server_db.server_url()
    if url is None:
        yield None
        return
    made = server_db.ServerDatabases(url)
    yield made
    made.close()


@pytest.fixture
def db_path(tmp_path: Path, server_databases):
    """The test's database: a file in tmp_path, or (LIAISON_DESK_TEST_DB_URL set) the URL of a
    fresh database on the server, migrated and seeded as open_database would have."""
    if server_databases is None:
        yield tmp_path / "test.db"
        return
    yield server_databases.fresh()


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def qsettings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ui_ctx(qapp, db, qsettings):
    from app.ui.shell.app import setup_application
    from app.ui.shell.context import DataBus, UiContext

    setup_application(qapp)
    return UiContext(db=db, bus=DataBus(), settings=qsettings)


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(request, monkeypatch):
    """A message box nobody expected would block the run forever: fail the test instead.

    Tests that expect one monkeypatch the static method themselves (their patch wins)."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind):
        def show(_parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected QMessageBox.{kind}: {title}: {text}")

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))
