"""Bugs (anything that is not a UserError) are logged with their traceback to the app data folder."""

from __future__ import annotations

import logging
import re
import traceback
from datetime import datetime
from pathlib import Path

from app import paths

LOG_NAME = "liaison-desk.log"
# No personal data in log files: SQL parameters (names, phones…) are dropped, and anything that
# looks like a phone number left in a message is masked (138****1001).
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.S)
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """The traceback text with personal data removed."""
    text = _SQL_PARAMETERS.sub("[parameters: 已隐去]", text)
    text = _PHONE.sub(r"\1****\2", text)
    return _LANDLINE.sub(r"\1****\2", text)


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def log_bug(exc: BaseException) -> Path:
    """Append the traceback of ``exc`` to the log file and return its path."""
    target = log_file()
    text = scrub("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} ===\n{text}")
    logging.getLogger("liaison_desk").debug("bug logged to %s", target)
    return target
