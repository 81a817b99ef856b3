"""Fuzzing the command line with hostile workbooks (issue 14), by family: malformed XML parts,
huge ranges, non-finite numbers, control characters and invisible characters, through
``import members`` and ``points rules import``.

The property, for every generated file: the command succeeds, or it exits 2 with exactly one
Chinese line on stderr (a roster with row errors prints its table on stdout instead) — never the
bug path, never a traceback — and a refused file changes nothing. Imported names hold no control
or invisible character, and 测\u200b甲 stays the member 测甲 (no second member). Derandomized;
``LIAISON_FUZZ_EXAMPLES`` sets the examples per family and test (default 60). The counts per
family are printed (``-s``) and reported with ``--hypothesis-show-statistics``.
"""

from __future__ import annotations

import html
import itertools
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli import main
from app.models import Member, PointRule, PointRuleSet, Room, RoomMember
from app.storage import open_database
from app.text import CONTROL, INVISIBLE
from tests.imports.test_hostile_workbooks import rewrite_sheet
from tests.imports.test_import_fuzz import GOOD, RULE_SHEET

pytestmark = pytest.mark.slow  # hundreds of files through the command line

EXAMPLES = int(os.environ.get("LIAISON_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    derandomize=True,
    print_blob=False,
    deadline=None,
    database=None,
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SHEET = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
_counter = itertools.count()
TALLY: dict[str, Counter] = {}  # family → tried, passed, refused, imported


def _parts(data: bytes) -> list[str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]


# --- the families ------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "<", ">", "&", "&bogus;", "&#0;", "&#x1;", "]]>", '"', "'", "</row>", "<row>", "</c>",
        '<c r="A1">', "<v>", "</v>", "<is><t>x</t></is>", '<mergeCell ref="A1:B2"/>',
        '<!DOCTYPE x [<!ENTITY e "eeeeeeee">]>', '<?xml version="1.0"?>', "\x00", "\ufffe",
        "<sheetData/>", "</worksheet>", 'xmlns="urn:x"',
    ]
)  # fmt: skip


@st.composite
def malformed_xml(draw, base: bytes) -> bytes:
    """One XML part of ``base`` cut short, with a fragment inserted, or a closing tag removed."""
    part = draw(st.sampled_from(_parts(base)))
    how = draw(st.sampled_from(["cut", "insert", "drop-close", "junk-attribute"]))
    event(f"malformed XML: {how}")

    def change(s: str) -> str:
        at = draw(st.integers(0, len(s)))
        if how == "cut":
            return s[:at]
        if how == "insert":
            return s[:at] + draw(FRAGMENTS) + s[at:]
        if how == "drop-close":
            closes = [m.start() for m in re.finditer(r"</[^>]+>", s)]
            if not closes:
                return s[:at]
            i = draw(st.sampled_from(closes))
            return s[:i] + s[s.index(">", i) + 1 :]
        attrs = [m.span(1) for m in re.finditer(r'="([^"]*)"', s)]
        if not attrs:
            return s + draw(FRAGMENTS)
        start, end = draw(st.sampled_from(attrs))
        return s[:start] + draw(st.sampled_from(["", "-1", "ZZZ0", "A0:B-1", "9" * 30])) + s[end:]

    return rewrite_sheet(base, part, change)


COLUMN = st.integers(1, 16384).map(get_column_letter)
ROW = st.integers(1, 1_048_576)
FAR_ROW = st.integers(1, 4_000_000_000)


@st.composite
def huge_ranges(draw, base: bytes) -> bytes:
    """Merges up to the whole sheet, rows and cells placed far away, a huge dimension."""
    how = draw(st.sampled_from(["merge", "many-merges", "far-row", "far-cell", "dimension"]))
    event(f"huge range: {how}")
    if how in ("merge", "many-merges"):
        count = 1 if how == "merge" else draw(st.integers(2, 12000))
        refs = [
            f"{draw(COLUMN)}{draw(ROW)}:{draw(COLUMN)}{draw(ROW)}" for _ in range(min(count, 5))
        ]
        refs += [f"A{5 + i}:C{5 + i}" for i in range(count - len(refs))]
        merges = "".join(f'<mergeCell ref="{r}"/>' for r in refs)
        return rewrite_sheet(
            base, SHEET, lambda s: s.replace("</sheetData>", f"</sheetData><mergeCells>{merges}</mergeCells>")
        )  # fmt: skip
    if how == "far-row":
        far = draw(FAR_ROW)
        return rewrite_sheet(
            base,
            SHEET,
            lambda s: s.replace("</sheetData>", f'<row r="{far}"><c r="A{far}" t="inlineStr"><is><t>张三</t></is></c></row></sheetData>'),
        )  # fmt: skip
    if how == "far-cell":
        ref = f"{draw(COLUMN)}{draw(ROW)}"
        return rewrite_sheet(
            base,
            SHEET,
            lambda s: s.replace("</row>", f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>', 1),
        )  # fmt: skip
    ref = f"A1:{draw(COLUMN)}{draw(ROW)}"
    return rewrite_sheet(
        base, SHEET, lambda s: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', s)
    )


NON_FINITE = st.sampled_from(
    ["NaN", "nan", "inf", "-inf", "INF", "Infinity", "-Infinity", "1e309", "-1e309", "1e300",
     "1E+308", "-1.7976931348623157e308", "4.9e-324", "1e-400", "9" * 400, "0x10", "1_000",
     "", " ", "--1", "1e", "∞"]
)  # fmt: skip


@st.composite
def non_finite_numbers(draw, base: bytes) -> bytes:
    """A cell of any sheet of ``base`` holding a non-finite or absurd number, as a number cell
    (what a program other than Excel may write) or as text (what a clerk may type)."""
    part = draw(st.sampled_from([p for p in _parts(base) if p.startswith("xl/worksheets/")]))
    value = draw(NON_FINITE)
    as_number = draw(st.booleans())
    event("non-finite number: " + ("number cell" if as_number else "text cell"))

    def change(s: str) -> str:
        cells = list(re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*?(/>|>.*?</c>)', s))
        if not cells:
            return s
        cell = draw(st.sampled_from(cells))
        ref = cell.group(1)
        new = (
            f'<c r="{ref}" t="n"><v>{value}</v></c>'
            if as_number
            else f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
        )
        return s[: cell.start()] + new + s[cell.end() :]

    return rewrite_sheet(base, part, change)


CONTROLS = st.sampled_from([chr(c) for c in [*range(0, 32), 127, *range(128, 160)]])
INVISIBLES = st.sampled_from(
    list("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
    + list("\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
)


def _xml_text(text: str) -> str:
    """``text`` for an XML text node: markup escaped, controls as character references (those
    XML 1.0 cannot hold make the file malformed, which the readers must refuse cleanly)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"&#x{ord(c):x};" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)


def _sprinkle(draw, text: str, marks) -> str:  # noqa: ANN001
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, draw(marks) if draw(st.booleans()) else f"_x{ord(draw(marks)):04X}_")
    return "".join(chars)


@st.composite
def marked_text(draw, base: bytes, marks, label: str) -> bytes:  # noqa: ANN001
    """Text cells of every sheet (names, units, rooms, rule names) with marks sprinkled in, raw or
    as Excel's _xHHHH_ escapes; a title or header cell now and then too."""
    event(label)

    def mark(m: re.Match) -> str:
        if not draw(st.booleans()):
            return m.group(0)
        text = html.unescape(m.group(2))
        return f"<t{m.group(1)}>{_xml_text(_sprinkle(draw, text, marks))}</t>"

    for part in _parts(base):
        if part.startswith("xl/worksheets/"):
            base = rewrite_sheet(base, part, lambda s: re.sub(r"<t([^>]*)>([^<]*)</t>", mark, s))
    return base


class Book(bytes):
    """A generated file; its repr stays short in hypothesis's report of a failing example."""

    def __repr__(self) -> str:
        return f"<workbook of {len(self)} bytes>"


FAMILIES = {
    "malformed XML parts": malformed_xml,
    "huge ranges": huge_ranges,
    "non-finite numbers": non_finite_numbers,
    "control characters": lambda base: marked_text(base, CONTROLS, "control characters"),
    "invisible characters": lambda base: marked_text(base, INVISIBLES, "invisible characters"),
}


# --- the property --------------------------------------------------------------------------


def _snapshot(session: Session) -> tuple:
    return (
        tuple(session.execute(select(Member.id, Member.name, Member.phone, Member.work_unit))),
        tuple(session.execute(select(RoomMember.room_id, RoomMember.member_id))),
        tuple(session.execute(select(Room.id, Room.name))),
        tuple(session.execute(select(PointRuleSet.year, PointRuleSet.name))),
        session.scalar(select(func.count()).select_from(PointRule)),
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A database already holding GOOD's two members, so a marked copy must match them."""
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good.xlsx"
    good.write_bytes(GOOD)
    path = folder / "hostile.db"
    assert main(["--db", str(path), "import", "members", str(good)]) == 0
    db = open_database(path)
    yield db
    db.dispose()
    for family, n in sorted(TALLY.items()):
        print(
            f"\n{family}: {n['passed']} of {n['tried']} passed "
            f"(refused {n['refused']}, nothing new {n['unchanged']}, imported {n['imported']})"
        )


def _run(db, capsys, family: str, argv: list[str], data: bytes, folder: Path) -> None:  # noqa: ANN001
    tally = TALLY.setdefault(family, Counter())
    tally["tried"] += 1
    path = folder / f"hostile-{next(_counter)}.xlsx"
    path.write_bytes(data)
    with db.read() as session:
        before = _snapshot(session)
        names_before = Counter(session.scalars(select(Member.name)))
    capsys.readouterr()
    code = main(
        ["--db", str(db.path), *argv, str(path), *(["--year", "2030"] if "rules" in argv else [])]
    )
    out, err = capsys.readouterr()
    assert code in (0, 2), err  # 1 is the bug path
    assert "Traceback" not in out + err and "意外错误" not in err
    with db.read() as session:
        after = _snapshot(session)
        names = list(session.scalars(select(Member.name)))
    if code == 2:
        outcome = "unchanged" if "没有需要导入" in out else "refused"  # matched, nothing new
        event(outcome)
        tally[outcome] += 1
        lines = err.splitlines()
        if lines:
            assert (
                len(lines) == 1 and lines[0].startswith("错误：") and re.search("[一-鿿]", lines[0])
            ), err
        else:
            # row errors, or nothing new: the report on stdout says so
            assert "未导入任何数据" in out or "没有需要导入" in out, out
        assert after == before  # nothing written
    else:
        event("imported")
        tally["imported"] += 1
        assert err == ""
    assert not any(CONTROL.search(n) or INVISIBLE.search(n) for n in names)
    if "characters" in family:  # the phone is still there: the same members, no new namesakes
        added = Counter(names) - names_before
        assert not [n for n in added if names_before[n]], added  # 测\u200b甲 is 测甲
    tally["passed"] += 1


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_hostile_rosters(hostile_db, tmp_path, capsys, family):
    @FUZZ
    @given(data=FAMILIES[family](GOOD).map(Book))
    def check(data: bytes) -> None:
        _run(hostile_db, capsys, f"{family} / 名册", ["import", "members"], data, tmp_path)

    check()


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_hostile_rule_sheets(hostile_db, tmp_path, capsys, family):
    @FUZZ
    @given(data=FAMILIES[family](RULE_SHEET).map(Book))
    def check(data: bytes) -> None:
        _run(
            hostile_db,
            capsys,
            f"{family} / 积分规则",
            ["points", "rules", "import"],
            data,
            tmp_path,
        )

    check()
