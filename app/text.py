"""What text may be stored and written: no control characters, no invisible marks.

A name pasted from a web page or a chat can carry a zero-width space or a right-to-left mark
("测\u200b甲" looks like 测甲 and would become a second member beside him); a cell copied out of
another program can carry C0 control characters, which Word and Excel files cannot hold at all.
``clean_stored_text`` is applied to every text column on every ORM insert and update
(app.models.base) and by the field parsers; ``xml_safe`` is the last guard when a document is
written, for text that reached the database another way.
"""

from __future__ import annotations

import re

# Zero-width space/joiners, word joiner, BOM, soft hyphen, and the bidi marks and overrides.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# C0 controls except tab and line feed, DEL, and the C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What XML 1.0 (and so .docx and .xlsx) cannot hold.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_stored_text(text: str) -> str:
    """``text`` without invisible marks and control characters; CR LF and CR become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", INVISIBLE.sub("", text))


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)
