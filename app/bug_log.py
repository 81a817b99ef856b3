"""Bugs (anything that is not a UserError) are logged with their traceback to the app data folder."""

from __future__ import annotations

import logging
import re
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from app import paths

LOG_NAME = "liaison-desk.log"
# No personal data in log files: SQL parameters (names, phones…) are dropped, and anything that
# looks like a phone number left in a message is masked (138****1001).
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.S)
# Mobile numbers however written: 13912345679, +86 139-1234-5679, 0086 139 1234 5670, inside a
# file name (名册_13912345679.xlsx); the separators are kept out of the masked form.
_SEP = r"[-\s.\u2010-\u2015\u3000]?"
_PHONE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)?86{_SEP})?(1[3-9]\d){_SEP}\d{{4}}{_SEP}(\d{{4}})(?!\d)"
)
_LANDLINE = re.compile(
    rf"(?<![\d+])(?:(?:\+|00)?86{_SEP})?\(?(0\d{{2,3}})\)?{_SEP}\d{{3,4}}{_SEP}(\d{{4}})(?!\d)"
)
# Names, units and other record text reach messages between Chinese quotes (委员“张三”…): the
# log keeps the sentence and drops what was quoted.
_QUOTED = re.compile(r"“[^”\n]{1,200}”|「[^」\n]{1,200}」|‘[^’\n]{1,200}’")
# ... and as fields of a record's repr (MemberInput(name='张三', work_unit='某公司')).
_FIELDS = re.compile(
    r"\b(name|work_unit|unit|phone|resident_name|resident_contact|speaker|raised_by|address|"
    r"host_unit|expertise|note|first_convenor_name)=('[^'\n]*'|\"[^\"\n]*\")"
)
# A database URL with its password (postgresql://user:secret@host/…): the password goes.
_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]*@", re.I)
NOT_WRITTEN = "（日志无法写入：磁盘已满或没有写入权限）"


def scrub(text: str) -> str:
    """The traceback text with personal data removed."""
    text = _SQL_PARAMETERS.sub("[parameters: 已隐去]", text)
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    text = _QUOTED.sub("“…”", text)
    text = _FIELDS.sub(r"\1='…'", text)
    text = _PHONE.sub(r"\1****\2", text)
    return _LANDLINE.sub(r"\1-****\2", text)


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def log_bug(exc: BaseException) -> Path | str:
    """Append the traceback of ``exc`` to the log file and return its path. A data folder that
    is full or cannot be written never makes the logger fail itself: the temporary folder is
    tried next, and if nothing can be written the returned text says so."""
    text = scrub("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    entry = f"\n=== {datetime.now().isoformat(timespec='seconds')} ===\n{text}"
    for folder in (paths.log_dir, lambda: Path(tempfile.gettempdir())):
        try:
            target = folder() / LOG_NAME
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(entry)
        except OSError:
            continue
        logging.getLogger("liaison_desk").debug("bug logged to %s", target)
        return target
    return NOT_WRITTEN
