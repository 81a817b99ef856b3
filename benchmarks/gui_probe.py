"""Run in a fresh process by run.py; prints one JSON line and exits at once (os._exit).

Modes:
  baseline            an empty QMainWindow shown (the floor for start-up)
  startup DB          the app's own start path (run_gui) up to the main window shown
  ready DB            the same up to the window being usable (database open, first page built)
  activities DB       open the window, go to 履职活动, time first rows shown and scrolling to
                      the end (the view fetches more as it reaches the bottom), peak RSS
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    """This process's own peak (VmHWM). ru_maxrss would also count the parent's memory at
    fork time, since Linux carries it across exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(payload: dict) -> None:
    payload["peak_rss_mb"] = round(peak_rss_mb(), 1)
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()
    os._exit(0)


def guard() -> None:
    """The app's own guard against PySide6 6.12's None leak (run_gui installs it too)."""
    from app.ui.shell.refcount_guard import guard_none

    guard_none()


def baseline() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1200, 780)
    window.show()
    QTimer.singleShot(0, lambda: emit({"shown": True}))
    app.exec()


def startup(db: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])

    def shown() -> None:
        windows = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"]
        emit({"shown": bool(windows) and windows[0].isVisible(), "none_refs": none_refs})

    QTimer.singleShot(0, shown)  # fires once run_gui's event loop runs, after window.show()
    from app.ui.shell.app import run_gui

    none_refs = sys.getrefcount(None)

    run_gui(db)
    emit({"shown": False, "error": "run_gui returned before the window was shown"})


def ready(db: str) -> None:
    """The app's start path up to the window being usable: database open, first page built."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])

    def shown() -> None:
        window = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"][0]
        window.ready.connect(
            lambda: QTimer.singleShot(
                0,
                lambda: emit(
                    {"ready": True, "page": window.page_stack.currentWidget().objectName()}
                ),
            )
        )

    QTimer.singleShot(0, shown)
    from app.ui.shell.app import run_gui

    run_gui(db)
    emit({"ready": False, "error": "run_gui returned before the window was ready"})


def _table_view(page):
    from PySide6.QtWidgets import QTableView

    views = [v for v in page.findChildren(QTableView) if v.isVisible()]
    return max(views, key=lambda v: v.model().rowCount() if v.model() else 0) if views else None


def _source(model):
    while hasattr(model, "sourceModel") and model.sourceModel() is not None:
        model = model.sourceModel()
    return model


def activities(db: str) -> None:
    from PySide6.QtCore import QModelIndex, QSettings
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.ui.shell.app import build_window, setup_application

    guard()
    app = QApplication([])
    setup_application(app)
    settings = QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)
    window, _lock = build_window(Path(db), settings)
    window.resize(1200, 780)
    window.show()
    app.processEvents()
    started = time.perf_counter()
    page = window.go_to("activities_page")
    app.processEvents()
    view = _table_view(page)
    first_ms = (time.perf_counter() - started) * 1000
    if view is None:
        emit({"error": "履职活动 page shows no table"})
    source = _source(view.model())
    first_rows = source.rowCount()
    paged = hasattr(source, "pages_read")  # knows its total, reads the pages in view
    lazy = paged or bool(source.canFetchMore(QModelIndex()))
    started = time.perf_counter()
    fetches = 0
    for _ in range(100_000):
        view.scrollToBottom()
        app.processEvents()
        if not source.canFetchMore(QModelIndex()):
            break
        fetches += 1
    view.scrollToBottom()
    app.processEvents()
    if paged:
        fetches = len(source.pages_read)  # the first and the last page, not all between
    scroll_ms = (time.perf_counter() - started) * 1000
    emit(
        {
            "first_rows_ms": round(first_ms, 1),
            "rows_at_first_show": first_rows,
            "lazy": lazy,
            "scroll_to_end_ms": round(scroll_ms, 1),
            "fetches": fetches,
            "rows_at_end": source.rowCount(),
            "model": type(source).__name__,
        }
    )


def pages(db: str) -> None:
    """Seconds each page takes to build at start-up and to refresh when the user opens it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app import paths
    from app.ui.shell import main_window
    from app.ui.shell.app import build_window, setup_application

    guard()
    built: dict[str, float] = {}

    def timed_factory(name, factory):
        def make(ctx, parent):
            started = time.perf_counter()
            page = factory(ctx, parent)
            built[name] = round(time.perf_counter() - started, 3)
            return page

        return make

    main_window.PAGES = tuple(
        (label, name, timed_factory(name, factory)) for label, name, factory in main_window.PAGES
    )
    app = QApplication([])
    setup_application(app)
    settings = QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)
    window, _lock = build_window(Path(db), settings)
    window.show()
    # The window loads pinyin, openpyxl and python-docx in a worker thread once it is ready
    # (app.ui.shell.preload, started by WindowStart); by the time a user clicks a page they are loaded.
    from app.ui.shell.preload import preload_page_libraries

    preload_page_libraries()
    app.processEvents()
    opened: dict[str, float] = {}
    for _label, name, _factory in main_window.PAGES:
        started = time.perf_counter()
        window.go_to(name)
        app.processEvents()
        opened[name] = round(time.perf_counter() - started, 3)
    labels = {name: label for label, name, _f in main_window.PAGES}
    emit({"labels": labels, "built": built, "opened": opened})


def activities_baseline(db: str) -> None:
    """The floor: a bare QTableView over a lazy model reading the same list with sqlite3,
    200 rows per fetch, keyset-paged."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    query = (
        "SELECT a.start_at, a.activity_type, a.title, r.name, a.place, a.status, a.id "
        "FROM activity a LEFT JOIN room r ON r.id = a.room_id "
        "WHERE (a.start_at, a.id) < (?, ?) ORDER BY a.start_at DESC, a.id DESC LIMIT 200"
    )

    class Lazy(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.conn = sqlite3.connect(db)
            self.total = self.conn.execute("SELECT count(*) FROM activity").fetchone()[0]
            self.rows: list[tuple] = []
            self.fetchMore(QModelIndex())

        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()):  # noqa: B008
            return 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.rows[index.row()][index.column()])
            return None

        def canFetchMore(self, parent):
            return len(self.rows) < self.total

        def fetchMore(self, parent):
            key = (self.rows[-1][0], self.rows[-1][6]) if self.rows else ("9999-12-31", 0)
            batch = self.conn.execute(query, key).fetchall()
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(batch) - 1)
            self.rows.extend(batch)
            self.endInsertRows()

    guard()
    app = QApplication([])
    view = QTableView()
    view.resize(1200, 780)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    model = Lazy()
    view.setModel(model)
    app.processEvents()
    first_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    fetches = 0
    while model.canFetchMore(QModelIndex()) and fetches < 100_000:
        view.scrollToBottom()
        app.processEvents()
        fetches += 1
    scroll_ms = (time.perf_counter() - started) * 1000
    emit(
        {
            "first_rows_ms": round(first_ms, 1),
            "rows_at_first_show": 200,
            "lazy": True,
            "scroll_to_end_ms": round(scroll_ms, 1),
            "fetches": fetches,
            "rows_at_end": len(model.rows),
        }
    )


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "baseline":
        baseline()
    elif mode == "startup_refs":
        import app.ui.shell.app  # noqa: F401 - everything the window imports

        emit({"none_refs": sys.getrefcount(None)})
    elif mode == "startup":
        startup(sys.argv[2])
    elif mode == "ready":
        ready(sys.argv[2])
    elif mode == "pages":
        pages(sys.argv[2])
    elif mode == "activities_baseline":
        activities_baseline(sys.argv[2])
    elif mode == "activities":
        activities(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {mode}")
