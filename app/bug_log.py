"""Bugs (anything that is not a UserError) are logged with their traceback to the app data folder."""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path

from app import paths

LOG_NAME = "liaison-desk.log"


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def log_bug(exc: BaseException) -> Path:
    """Append the traceback of ``exc`` to the log file and return its path."""
    target = log_file()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} ===\n{text}")
    logging.getLogger("liaison_desk").debug("bug logged to %s", target)
    return target
