"""文件 → 备份到… on the county's server from a PC without pg_dump: the 整库数据包 is written and the
message says why and how to restore it. Run when LIAISON_DESK_TEST_DB_URL points at a server."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.safety import full_backup
from app.ui.shell.main_window import MainWindow
from tests import server_db

pytestmark = pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")


def test_backup_to_without_pg_dump_writes_the_full_package_and_says_so(
    qtbot, ui_ctx, tmp_path, monkeypatch
):
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))  # this PC has no pg_dump
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: told.append(text))
    chosen = tmp_path / "委员联络室工作台备份.db"  # the name the save dialog proposes
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.backup_to_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    made = tmp_path / "委员联络室工作台备份.ldpkg"
    assert full_backup.is_full_backup(made) and not chosen.exists()
    assert str(made) in told[0]
    assert "本机没有找到 pg_dump，已改为导出整库数据包" in told[0] and "restore" in told[0]
