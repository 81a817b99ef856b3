"""What differs between the oldest PySide6 the program admits (6.8.0.x: the last wheels for ARM64
machines with glibc 2.31, see tools/check_wheels.py) and the newest.

QSortFilterProxyModel.beginFilterChange/endFilterChange(direction) came with Qt 6.9/6.10; before
them, ``invalidateRowsFilter`` after the change does the same for a rows-only filter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QSortFilterProxyModel


@contextmanager
def rows_filter_change(proxy: QSortFilterProxyModel) -> Iterator[None]:
    """``with rows_filter_change(self): self.query = text`` — the proxy refilters its rows."""
    if hasattr(proxy, "beginFilterChange") and hasattr(QSortFilterProxyModel, "Direction"):
        proxy.beginFilterChange()
        yield
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        yield
        proxy.invalidateRowsFilter()
