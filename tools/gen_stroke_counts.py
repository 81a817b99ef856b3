"""Generate resources/stroke_counts.txt from the Unicode Unihan database (kTotalStrokes).

Source: the Unicode Character Database's Unihan_IRGSources.txt (Unicode 15.0, as shipped by
Debian's ``unicode-data`` package at /usr/share/unicode/Unihan_IRGSources.txt.bz2, or the file
from https://www.unicode.org/Public/UCD/latest/ucd/Unihan.zip). kTotalStrokes gives the stroke
count of the zh-Hans form first (a second value, when present, is the zh-Hant form): we keep the
first. Only the CJK Unified Ideographs block and Extension A are kept — every surname in use.

Output: one line per stroke count, ``N<TAB>characters with N strokes``.
Run: python tools/gen_stroke_counts.py [path/to/Unihan_IRGSources.txt(.bz2)]
"""

from __future__ import annotations

import bz2
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_SOURCE = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
OUT = Path(__file__).resolve().parent.parent / "resources" / "stroke_counts.txt"
BLOCKS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))


def main(source: Path) -> None:
    opener = bz2.open if source.suffix == ".bz2" else open
    by_count: dict[int, list[str]] = defaultdict(list)
    with opener(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\tkTotalStrokes\t" not in line:
                continue
            code, _field, value = line.rstrip("\n").split("\t")
            point = int(code[2:], 16)
            if any(lo <= point <= hi for lo, hi in BLOCKS):
                by_count[int(value.split()[0])].append(chr(point))
    lines = [
        f"# Unihan kTotalStrokes (zh-Hans value), from {source.name}; tools/gen_stroke_counts.py"
    ]
    lines += [f"{n}\t{''.join(sorted(chars))}" for n, chars in sorted(by_count.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(c) for c in by_count.values())} characters → {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
