"""Every window fits the screen it opens on (a 1366×768 or 1024×768 township laptop).

``ScreenFit`` is installed on the application once: when any top-level window is about to be
shown, a size asked for in code (``resize(980, 720)``) or restored from a saved geometry (taken
on a larger screen) is shrunk to the screen's available area — the part the task bar leaves —
and the window is moved so that its title bar and its buttons are on the screen. Dialogs whose
content is longer than a small screen scroll or split instead of growing (their own modules).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# What a window manager's frame adds around a window before the frame is known (title bar, borders).
FRAME_ALLOWANCE = QSize(8, 32)
# Below this available size the main window opens maximised instead of at its default size.
SMALL_SCREEN = QSize(1280, 800)


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_extra(window: QWidget) -> QSize:
    extra = window.frameGeometry().size() - window.geometry().size()
    if extra.width() <= 0 and extra.height() <= 0:
        return FRAME_ALLOWANCE
    return extra


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move a top-level window so that all of it, frame included, is on its screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available_area(window)
    extra = _frame_extra(window)
    max_w = max(area.width() - extra.width(), 100)
    max_h = max(area.height() - extra.height(), 100)
    size = window.size()
    if size.width() > max_w or size.height() > max_h:
        window.resize(min(size.width(), max_w), min(size.height(), max_h))
    frame = window.frameGeometry()
    width = window.width() + extra.width()
    height = window.height() + extra.height()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - width)
    y = min(max(frame.y(), area.y()), area.y() + area.height() - height)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def is_small_screen(widget: QWidget) -> bool:
    area = available_area(widget).size()
    return area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()


class ScreenFit(QObject):
    """Fits every top-level window to its screen as it is shown (installed on the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not watched.property("screen_fitted")
        ):
            # Once per window: a clerk who then drags it larger keeps the size they chose.
            watched.setProperty("screen_fitted", True)
            fit_to_screen(watched)
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    existing = app.findChild(ScreenFit)
    if existing is not None:
        return existing
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    return fit
