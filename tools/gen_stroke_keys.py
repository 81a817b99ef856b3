"""Generate resources/stroke_keys.txt: per character its stroke count and stroke shapes (笔顺),
the data of the 姓氏笔画 order (app/services/members/stroke_order.py).

Sources (both permissively licensed; notices in resources/stroke_keys.LICENSE.txt):
- Stroke counts: Unihan kTotalStrokes (zh-Hans value, the first one), from Debian's
  ``unicode-data`` package (/usr/share/unicode/Unihan_IRGSources.txt.bz2, Unicode 15.0), or
  Unihan.zip from the Unicode Character Database. CJK Unified Ideographs and Extension A.
- Stroke shapes: the stroke-order table of the MIT-licensed npm package ``cnchar-order``
  (3.2.6; 6,939 characters, one letter per stroke). Get it with ``npm pack cnchar-order`` and
  unpack it; the table is the ``orders`` JSON inside cnchar.order.min.js.

The five shape classes of 《GB13000.1 字符集汉字字序（笔画序）规范》 are 横 1 竖 2 撇 3 点 4 折 5:
提 counts as 横, 竖钩 as 竖, 捺 and the left 点 as 点, every stroke that turns as 折.
Characters with the same count and classes are ordered by their strokes' finer shapes (平笔
before 折笔 of the same class: 竖 before 竖钩, so 干 before 于), then by tools/stroke_ties.txt
(pairs the data cannot tell apart, such as 田/由, or shapes the table gets wrong, such as 八),
then by code point. A character whose table length disagrees with Unihan keeps only its count.

Output lines: ``SHAPES<TAB>characters`` (the count is the number of digits; characters of one
line in their tie order) and ``=COUNT<TAB>characters`` for characters with a count only.
Run: python tools/gen_stroke_keys.py UNIHAN_IRGSources.txt.bz2 PATH/TO/cnchar-order/package
"""

from __future__ import annotations

import bz2
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "stroke_keys.txt"
TIES = Path(__file__).resolve().parent / "stroke_ties.txt"
BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))

# cnchar letter → (GB class 1–5, finer rank inside the class: 平笔 first, then 折笔 by the
# order of the 折笔 list: 横-led, 竖-led, then the hooks, 撇-led).
LETTERS = {
    "j": (1, 0),  # 横
    "i": (1, 1),  # 提
    "f": (2, 0),  # 竖
    "g": (2, 1),  # 竖钩
    "s": (3, 0),  # 撇
    "k": (4, 0),  # 点
    "d": (4, 1),  # 左点
    "l": (4, 2),  # 捺
    "c": (5, 0),  # 横折
    "e": (5, 1),  # 横撇 / 横钩
    "r": (5, 2),  # 横折钩
    "p": (5, 3),  # 横折提
    "v": (5, 4),  # 横折折 / 横折弯
    "q": (5, 5),  # 横折折折
    "a": (5, 6),  # 横折折撇
    "w": (5, 7),  # 横折折折钩 / 横撇弯钩
    "o": (5, 8),  # 横斜钩
    "b": (5, 9),  # 竖弯 / 竖折
    "h": (5, 10),  # 竖提
    "x": (5, 11),  # 竖折撇 / 竖折折
    "u": (5, 12),  # 竖弯钩
    "z": (5, 13),  # 竖折折钩
    "t": (5, 14),  # 弯钩
    "y": (5, 15),  # 斜钩 / 卧钩
    "n": (5, 16),  # 撇折
    "m": (5, 17),  # 撇点
}


def unihan_counts(source: Path) -> dict[str, int]:
    opener = bz2.open if source.suffix == ".bz2" else open
    counts: dict[str, int] = {}
    with opener(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\tkTotalStrokes\t" not in line:
                continue
            code, _field, value = line.rstrip("\n").split("\t")
            point = int(code[2:], 16)
            if any(lo <= point <= hi for lo, hi in BLOCKS):
                counts[chr(point)] = int(value.split()[0])
    return counts


def cnchar_orders(package: Path) -> dict[str, str]:
    """The ``orders`` table: the first JSON.parse('{"一":"j",…}') literal of the bundle."""
    text = (package / "cnchar.order.min.js").read_text(encoding="utf-8")
    match = re.search(r"JSON\.parse\('(\{\"一\":.*?\})'\)", text)
    if match is None:
        raise SystemExit("cnchar.order.min.js: the orders table was not found")
    return json.loads(match.group(1))


def read_ties() -> list[str]:
    lines = TIES.read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def build(counts: dict[str, int], orders: dict[str, str]) -> tuple[list[str], list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    finer: dict[str, tuple[int, ...]] = {}
    count_only: dict[int, list[str]] = defaultdict(list)
    dropped = []
    for char, count in counts.items():
        letters = orders.get(char, "")
        if letters and len(letters) == count and all(c in LETTERS for c in letters):
            shapes = "".join(str(LETTERS[c][0]) for c in letters)
            groups[shapes].append(char)
            finer[char] = tuple(LETTERS[c][1] for c in letters)
        else:
            if letters:
                dropped.append(char)
            count_only[count].append(char)
    for chars in groups.values():
        chars.sort(key=lambda c: (finer[c], ord(c)))
    for tie in read_ties():
        shapes = {s for s, chars in groups.items() if any(c in chars for c in tie)}
        if len(shapes) != 1:
            raise SystemExit(f"stroke_ties.txt: {tie} are not in one stroke group")
        chars = groups[shapes.pop()]
        slots = sorted(chars.index(c) for c in tie)
        for slot, char in zip(slots, tie, strict=True):
            chars[slot] = char
    lines = [
        f"{s}\t{''.join(c)}" for s, c in sorted(groups.items(), key=lambda g: (len(g[0]), g[0]))
    ]
    lines += [f"={n}\t{''.join(sorted(c))}" for n, c in sorted(count_only.items())]
    return lines, dropped


def main(unihan: Path, package: Path) -> None:
    counts = unihan_counts(unihan)
    lines, dropped = build(counts, cnchar_orders(package))
    header = [
        "# 姓氏笔画 keys: SHAPES<TAB>chars (横1 竖2 撇3 点4 折5, chars in tie order) or",
        "# =COUNT<TAB>chars (count only). Generated by tools/gen_stroke_keys.py from Unihan",
        "# kTotalStrokes and cnchar-order's stroke table; see stroke_keys.LICENSE.txt.",
    ]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    shaped = sum(len(line.split("\t")[1]) for line in lines if not line.startswith("="))
    print(f"{len(counts)} characters, {shaped} with stroke shapes; count only where the table")
    print(f"and Unihan disagree: {''.join(dropped)} → {OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
