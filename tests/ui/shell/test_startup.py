"""Start-up: the window frame is on screen before the database layer loads; the database is
opened in the first turn of the event loop and the last page is then built."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.shell.app import WindowStart
from app.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
HEAVY = ("sqlalchemy", "alembic", "openpyxl", "docx", "pypinyin", "app.cli", "app.ui.shell.home_page")

def first_turn():
    window = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"][0]
    loaded = [m for m in HEAVY if m in sys.modules]
    print("shown", window.isVisible(), "loaded", ",".join(loaded) or "-")
    def ready():
        print("ready", window.page_stack.currentWidget().objectName(), window.nav_list.isEnabled())
        sys.stdout.flush()
        os._exit(0)
    window.ready.connect(ready)

QTimer.singleShot(0, first_turn)
import main
sys.exit(main.main(["--db", sys.argv[1]]))
"""


def test_window_is_shown_before_the_database_layer_loads(db_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(tmp_path / "home"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    lines = out.stdout.splitlines()
    assert lines[0] == "shown True loaded -", out.stderr
    assert lines[1] == "ready home_page True", out.stderr


def test_frame_waits_for_the_database_then_shows_the_last_page(qtbot, ui_ctx):
    ui_ctx.settings.setValue("window/last_page", "members_page")
    frame = MainWindow(settings=ui_ctx.settings, db_path=ui_ctx.db.path)
    qtbot.addWidget(frame)
    frame.show()
    assert not frame.nav_list.isEnabled()
    assert frame.statusBar().currentMessage() == "正在打开数据库…"
    assert not frame.backup_to_action.isEnabled()
    assert frame.pages == {}
    with qtbot.waitSignal(frame.ready):
        frame.attach(ui_ctx)
    assert frame.nav_list.isEnabled() and frame.backup_to_action.isEnabled()
    assert frame.page_stack.currentWidget().objectName() == "members_page"
    assert frame.nav_list.currentItem().text() == "委员"


def test_second_step_opens_the_database_and_a_failure_ends_with_a_message(
    qtbot, qsettings, tmp_path, monkeypatch
):
    shown, codes = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QApplication, "exit", lambda code=0: codes.append(code))

    good = MainWindow(settings=qsettings, db_path=tmp_path / "new.db")
    qtbot.addWidget(good)
    start = WindowStart(good, tmp_path / "new.db", str(tmp_path / "new.db"))
    start.run()
    try:
        assert good.ctx is not None and good.pages
        assert (tmp_path / "new.db").exists()
    finally:
        start.finish()
        good.lock_guard.detach()

    folder = tmp_path / "a_folder.db"
    folder.mkdir()
    bad = MainWindow(settings=qsettings, db_path=folder)
    qtbot.addWidget(bad)
    bad.show()
    failing = WindowStart(bad, folder, str(folder))
    failing.run()
    failing.finish()
    assert codes == [2]
    assert "文件夹" in shown[0]
    assert bad.ctx is None and not bad.isVisible()


def test_window_arguments_are_recognised_without_the_command_parser():
    import main

    assert main.window_db_arg([]) == (True, None)
    assert main.window_db_arg(["--db", "县.db"]) == (True, "县.db")
    assert main.window_db_arg(["--db=县.db"]) == (True, "县.db")
    assert main.window_db_arg(["--db", "县.db", "check"]) == (False, None)
    assert main.window_db_arg(["check"]) == (False, None)


def test_damage_found_by_the_worker_check_offers_the_backup_over_the_frame(
    qtbot, tmp_path, qsettings, monkeypatch
):
    from app.db_file import PreflightThread
    from app.models import Member
    from app.ui.safety import startup as safety_startup
    from tests.damaged_db import damaged_database_with_backup

    path = damaged_database_with_backup(tmp_path / "x.db", "张三")
    offered = []
    monkeypatch.setattr(
        safety_startup,
        "ask_restore_latest",
        lambda parent, message, _latest: offered.append((parent, message)) or True,
    )
    frame = MainWindow(settings=qsettings, db_path=path)
    qtbot.addWidget(frame)
    frame.show()
    checks = PreflightThread(path)
    checks.start()
    start = WindowStart(frame, path, str(path), checks)
    start.run()
    try:
        assert offered[0][0] is frame and "已损坏" in offered[0][1]
        with frame.ctx.db.read() as session:
            assert [m.name for m in session.query(Member)] == ["张三"]
    finally:
        start.finish()
        frame.lock_guard.detach()


def test_page_libraries_load_in_the_background():
    code = (
        "import sys; from app.ui.shell.preload import start_preloading; "
        "before = [m for m in ('pypinyin', 'openpyxl', 'docx') if m in sys.modules]; "
        "start_preloading().join(); "
        "print(before, all(m in sys.modules for m in ('pypinyin', 'openpyxl', 'docx')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[] True"


def test_exit_at_ends_the_program_at_the_frame_or_when_ready(tmp_path):
    """benchmarks/bundle_startup.py times the installed bundle from outside: LIAISON_DESK_EXIT_AT
    ends it once the frame is painted (the database not opened yet: a new file is not made) or
    once it is ready (the database made and opened)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(tmp_path / "home"))
    for point, made in (("frame", False), ("ready", True)):
        db = tmp_path / f"{point}.db"
        out = subprocess.run(
            [sys.executable, "main.py", "--db", str(db)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=dict(env, LIAISON_DESK_EXIT_AT=point),
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert db.exists() == made
