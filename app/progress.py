"""The progress-report type slow work takes, defined below every layer that reports.

``app.ui.common.tasks.Progress`` (the progress dialog's reporter) is one; the command line
passes none.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """``step(done, total, text)``: ``done`` of ``total`` finished; may raise to cancel."""

    def step(self, done: int, total: int, text: str = "") -> None: ...


class NoProgress:
    """A Progress that reports nowhere, for work whose caller passed none."""

    def step(self, done: int, total: int, text: str = "") -> None:
        pass
