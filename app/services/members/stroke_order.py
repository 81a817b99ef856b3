"""姓氏笔画 order, the order official rosters use, and pinyin keys for searching names.

Stroke counts come from the Unicode Unihan database (kTotalStrokes, zh-Hans value), generated
into resources/stroke_counts.txt by tools/gen_stroke_counts.py. Names are compared character
by character: stroke count first, then — for characters with the same count — pinyin (Unihan has
no 笔顺 data), then the character itself so that one surname stays together.
复姓 (欧阳, 司马…) are ordered by their first character, as most rosters do.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from app.paths import resources_dir
from app.services.members.pinyin import lazy_pinyin

STROKE_FILE = resources_dir() / "stroke_counts.txt"
UNKNOWN_STROKES = 99  # letters, digits and rare characters sort after every Han character

# Surnames read differently from the character's everyday reading (for pinyin search/ties).
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "缪": "miao",
    "覃": "qin",
    "尉": "yu",
    "乐": "yue",
    "翟": "zhai",
    "召": "shao",
    "长": "chang",
    "柏": "bai",
    "沈": "shen",
    "隗": "wei",
    "宓": "mi",
    "秘": "bi",
    "种": "chong",
    "车": "che",
    "任": "ren",
    "繁": "po",
}


@lru_cache(maxsize=1)
def _stroke_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in STROKE_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        count, chars = line.split("\t")
        n = int(count)
        for char in chars:
            table[char] = n
    return table


def stroke_count(char: str) -> int:
    """Total strokes of one character (Unihan kTotalStrokes); unknown characters sort last."""
    return _stroke_table().get(char, UNKNOWN_STROKES)


@lru_cache(maxsize=8192)
def _readings(name: str) -> tuple[str, ...]:
    """Pinyin per character (cached: the 委员 page asks for every name on each refresh)."""
    readings = lazy_pinyin(name, errors=lambda chars: list(chars))
    if name and name[0] in SURNAME_READINGS and len(readings) == len(name):
        readings[0] = SURNAME_READINGS[name[0]]
    return tuple(readings)


def name_sort_key(name: str) -> tuple:
    """Key that orders names by 姓氏笔画: per character (strokes, pinyin, character)."""
    name = "".join(name.split())
    readings: Sequence[str] = _readings(name)
    if len(readings) != len(name):
        readings = [lazy_pinyin(c)[0] for c in name]
    return tuple((stroke_count(c), r, c) for c, r in zip(name, readings, strict=True))


def sort_by_strokes(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) of a name, lower case: 王丽华 → ("wlh", "wanglihua")."""
    readings = _readings("".join(name.split()))
    return "".join(r[:1] for r in readings).lower(), "".join(readings).lower()


def matches(name: str, query: str) -> bool:
    """Search by name or pinyin: 王丽 / wlh / wanglh all find 王丽华."""
    query = "".join(query.split()).lower()
    if not query:
        return True
    if query in name:
        return True
    initials, full = pinyin_keys(name)
    return query in initials or query in full
