"""姓氏笔画 order, the order official rosters use, and pinyin keys for searching names.

Names are compared character by character (domain.md, 姓氏笔画 order): fewer strokes first; equal
counts by the classes of successive strokes in the order 横 竖 撇 点 折 (《GB13000.1 字符集汉字字序
（笔画序）规范》); characters that still tie keep the order worked out by tools/gen_stroke_keys.py
(finer shapes, a hand table, code point); a shorter name before a longer one with the same leading
characters. The data — Unihan kTotalStrokes and cnchar-order's stroke table — is generated into
resources/stroke_keys.txt. 复姓 (欧阳, 司马…) are ordered by their first character, as rosters do.
"""

from __future__ import annotations

from functools import lru_cache

from app.paths import resources_dir
from app.services.members.pinyin import lazy_pinyin

STROKE_FILE = resources_dir() / "stroke_keys.txt"
UNKNOWN_STROKES = 99  # letters, digits and rare characters sort after every Han character
UNKNOWN_SHAPES = "9"  # a character with a count but no stroke shapes follows those with shapes

CharKey = tuple[int, str, int]

# Surnames read differently from the character's everyday reading (for pinyin search).
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
def _stroke_table() -> dict[str, CharKey]:
    """Character → (stroke count, stroke classes as digits 1–5, place among its ties)."""
    table: dict[str, CharKey] = {}
    for line in STROKE_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        shapes, chars = line.split("\t")
        if shapes.startswith("="):
            count = int(shapes[1:])
            for char in chars:
                table[char] = (count, UNKNOWN_SHAPES, ord(char))
        else:
            for place, char in enumerate(chars):
                table[char] = (len(shapes), shapes, place)
    return table


def char_key(char: str) -> CharKey:
    return _stroke_table().get(char, (UNKNOWN_STROKES, UNKNOWN_SHAPES, ord(char)))


def stroke_count(char: str) -> int:
    """Total strokes of one character (Unihan kTotalStrokes); unknown characters sort last."""
    return char_key(char)[0]


def stroke_shapes(char: str) -> str:
    """The character's strokes as 横 1 竖 2 撇 3 点 4 折 5 ("" when the table lacks it)."""
    shapes = char_key(char)[1]
    return "" if shapes == UNKNOWN_SHAPES else shapes


@lru_cache(maxsize=8192)
def _readings(name: str) -> tuple[str, ...]:
    """Pinyin per character (cached: the 委员 page asks for every name on each refresh)."""
    readings = lazy_pinyin(name, errors=lambda chars: list(chars))
    if name and name[0] in SURNAME_READINGS and len(readings) == len(name):
        readings[0] = SURNAME_READINGS[name[0]]
    return tuple(readings)


@lru_cache(maxsize=8192)
def name_sort_key(name: str) -> tuple[CharKey, ...]:
    """Key that orders names by 姓氏笔画, character by character (a prefix sorts first); cached,
    as a county ranking sorts 400 names each time."""
    return tuple(char_key(c) for c in "".join(name.split()))


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
    if not query.isascii():
        return False  # Chinese typed: the name itself must hold it, no pinyin to look up
    initials, full = pinyin_keys(name)
    return query in initials or query in full
