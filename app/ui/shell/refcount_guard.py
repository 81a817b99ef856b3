"""A guard against a crash in PySide6 6.12 on Python 3.11.

Measured here (PySide6 / shiboken6 6.12.0, CPython 3.11.7): every Qt method that returns ``void``
hands Python a ``None`` without taking a reference to it, so each call such as
``label.setText(…)`` or ``app.processEvents()`` lowers None's reference count by one. After a few
thousand calls (a long working session, or scrolling a long list) the count reaches zero and the
interpreter aborts with "Fatal Python error: none_dealloc". Python 3.12 made None immortal, which
hides the bug there; on 3.11 we make None's count so large that it can never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 ≈ 10**12 leaked references: centuries of clicking.
HEADROOM = 1 << 40


def none_leak_per_call() -> int:
    """How many references to None one void Qt call loses (0 on a fixed PySide6)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return round((before - sys.getrefcount(None)) / 100)


def guard_none() -> bool:
    """Give None enough references to survive the leak; returns whether it was needed."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > HEADROOM:
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    refcount.value += HEADROOM
    return True
