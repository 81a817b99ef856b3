"""Fuzzing the import path (hypothesis): generated workbooks and damaged files go through the safe
reader and the roster importer. Nothing may crash (only UserError), and an import is written
whole or not at all. About 1,300 generated files in all; derandomized so CI is repeatable."""

from __future__ import annotations

import io
import itertools
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from app.errors import UserError
from app.imports import roster as roster_module
from app.imports.roster import NEW, import_roster
from app.imports.xlsx_reader import cell_text, read_workbook
from app.models import Member, Room, RoomMember, Sector
from app.models.vocab import DEFAULT_SECTORS
from app.storage import open_database

pytestmark = pytest.mark.slow  # hypothesis generates hundreds of workbooks

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_counter = itertools.count()

NASTY_TEXT = st.sampled_from(
    [
        "=1+1",
        "+86 138 0000 1001",
        "-",
        "@SUM(A1)",
        "\u3000",
        "　姓　名　",
        "1975.13",
        "1975年3月",
        "197503",
        "13800001001",
        "138 0000 1001",
        "0551-12345678",
        "合计",
        "注：",
        "一、中共（5人）",
        "青石村委员联络室、镇委员联络室",
        "x" * 300,
        "男",
        "女",
        "县",
        "市级",
        "是",
        "离任",
    ]
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40).map(
    lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)
)
CELL = st.one_of(
    st.none(),
    TEXT,
    NASTY_TEXT,
    st.sampled_from(DEFAULT_SECTORS),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.booleans(),
)
HEADERS = st.sampled_from(
    [
        "姓名",
        "姓　名",
        "性别",
        "出生年月",
        "界别",
        "所属界别",
        "委员层级",
        "联系电话",
        "手机号码",
        "工作单位及职务",
        "联络室",
        "状态",
        "是否常委",
        "备注",
        "序号",
        "民族",
        "未知列",
    ]
)


def _save(build) -> bytes:
    wb = Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write(folder: Path, data: bytes, suffix: str = ".xlsx") -> Path:
    path = folder / f"fuzz-{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


@st.composite
def sheets(draw):
    """A workbook of 1–3 sheets of random cells, sometimes with merged cells."""
    count = draw(st.integers(1, 3))
    tables = [draw(st.lists(st.lists(CELL, max_size=8), max_size=12)) for _ in range(count)]
    merges = draw(st.booleans())

    def build(wb):
        for n, rows in enumerate(tables):
            ws = wb.active if n == 0 else wb.create_sheet(f"表{n}")
            for row in rows:
                ws.append(row)
            if merges and ws.max_row >= 2 and ws.max_column >= 2:
                ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=2)

    return tables, merges, _save(build)


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
PLAUSIBLE = {
    "姓名": st.builds(
        lambda a, b: a + b,
        st.sampled_from(SURNAMES),
        st.text("丽华建国伟敏静洋", min_size=1, max_size=2),
    ),
    "性别": st.sampled_from(["男", "女", None]),
    "出生年月": st.one_of(
        st.sampled_from(["1975.03", "1968.11", "1980年5月", "197611", None]),
        st.datetimes(min_value=datetime(1940, 1, 1), max_value=datetime(2000, 1, 1)),
    ),
    "界别": st.sampled_from(DEFAULT_SECTORS),
    "委员层级": st.sampled_from(["县", "市", "省", "市级"]),
    "联系电话": st.integers(13800000000, 13899999999).map(lambda n: str(n) if n % 2 else n),
    "联络室": st.sampled_from(["青石村委员联络室", "镇委员联络室、青石村委员联络室", None]),
    "状态": st.sampled_from(["在任", "离任", None]),
    "是否常委": st.sampled_from(["是", "否", None]),
}
PLAUSIBLE["姓　名"] = PLAUSIBLE["姓名"]
PLAUSIBLE["所属界别"] = PLAUSIBLE["界别"]
PLAUSIBLE["手机号码"] = PLAUSIBLE["联系电话"]


@st.composite
def rosters(draw):
    """A roster-like sheet: optional title rows, a header of known and unknown columns, then
    either plausible rows (a clean import) or rows mixing plausible values and junk."""
    header = draw(st.lists(HEADERS, min_size=1, max_size=8, unique=True))
    clean = draw(st.booleans())
    if (clean or draw(st.booleans())) and "姓名" not in header and "姓　名" not in header:
        header.insert(0, "姓名")
    if clean and not {"界别", "所属界别"} & set(header):
        header.append("界别")
    titles = draw(st.lists(st.one_of(TEXT, NASTY_TEXT), max_size=2))
    if clean:
        row = st.tuples(*(PLAUSIBLE.get(h, st.one_of(st.none(), TEXT)) for h in header)).map(list)
    else:
        row = st.lists(
            st.one_of(CELL, *PLAUSIBLE.values()), min_size=len(header), max_size=len(header)
        )
    rows = draw(st.lists(row, max_size=10))

    def build(wb):
        ws = wb.active
        for title in titles:
            ws.append([title])
        ws.append(header)
        for row in rows:
            ws.append(row)

    return _save(build), len(rows)


@st.composite
def damaged(draw, base: bytes):
    """``base`` with bytes overwritten, cut short, or a part of the package rewritten."""
    data = bytearray(base)
    how = draw(st.sampled_from(["flip", "truncate", "part"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 20))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    with zipfile.ZipFile(io.BytesIO(base)) as src:
        names = src.namelist()
        victim = draw(st.sampled_from(names))
        junk = draw(st.binary(max_size=200))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for name in names:
                dst.writestr(name, junk if name == victim else src.read(name))
    return out.getvalue()


def _good_roster() -> bytes:
    def build(wb):
        ws = wb.active
        ws.append(["姓名", "性别", "界别", "联系电话", "联络室"])
        ws.append(["王丽华", "女", "民盟", "13800001001", "青石村委员联络室"])
        ws.append(["李建国", "男", "中共", 13800001002, None])

    return _save(build)


GOOD = _good_roster()


def _snapshot(db) -> tuple:
    with db.read() as session:
        return (
            tuple(session.execute(select(Member.id, Member.name, Member.phone, Member.sector_id))),
            tuple(session.execute(select(RoomMember.room_id, RoomMember.member_id))),
            tuple(session.execute(select(Room.id, Room.name))),
            tuple(session.execute(select(Sector.id, Sector.name))),
        )


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    yield db
    db.dispose()


# --- the safe reader -------------------------------------------------------------------------


@settings(FUZZ, max_examples=400)
@given(book=sheets())
def test_reader_reads_any_generated_workbook(tmp_path, book):
    tables, merged, data = book
    try:
        read = read_workbook(_write(tmp_path, data))
    except UserError:
        return
    assert len(read) == len(tables)
    for written, sheet in zip(tables, read, strict=True):
        assert len(sheet.rows) <= max(len(written), 1)
        if merged:
            continue  # cells hidden under a merge are dropped by Excel and openpyxl alike
        for row_in, row_out in zip(written, sheet.rows, strict=False):
            for value_in, value_out in zip(row_in, row_out, strict=False):
                if isinstance(value_in, str) and value_in and not value_in.startswith("="):
                    assert cell_text(value_out) == cell_text(value_in)


@settings(FUZZ, max_examples=300)
@given(data=damaged(GOOD))
def test_reader_on_damaged_files_only_raises_user_error(tmp_path, data):
    try:
        read_workbook(_write(tmp_path, data))
    except UserError as exc:
        assert exc.message and "Traceback" not in exc.message


# --- the roster importer ---------------------------------------------------------------------


def _import_whole_or_nothing(db, path: Path) -> None:
    before = _snapshot(db)
    try:
        plan = import_roster(db, path, add_sectors=True)
    except UserError:
        event("refused with a UserError")
        assert _snapshot(db) == before
        return
    event("written" if plan.written else ("row errors" if plan.has_errors else "nothing to write"))
    after = _snapshot(db)
    if not plan.written:
        assert after == before
    else:
        assert not plan.has_errors
        assert len(after[0]) - len(before[0]) == plan.count(NEW)


@settings(FUZZ, max_examples=400)
@given(book=rosters())
def test_roster_import_of_generated_rosters(tmp_path, fuzz_db, book):
    data, _rows = book
    _import_whole_or_nothing(fuzz_db, _write(tmp_path, data))


@settings(FUZZ, max_examples=200)
@given(data=damaged(GOOD))
def test_roster_import_of_damaged_files(tmp_path, fuzz_db, data):
    _import_whole_or_nothing(fuzz_db, _write(tmp_path, data))


@settings(FUZZ, max_examples=60)
@given(book=rosters(), fail_at=st.integers(1, 15))
def test_failure_mid_import_leaves_nothing_half_written(
    tmp_path, fuzz_db, monkeypatch, book, fail_at
):
    """A crash at the n-th flush of the import's transaction rolls the whole import back."""
    data, _rows = book
    path = _write(tmp_path, data)
    before = _snapshot(fuzz_db)
    real_apply = roster_module._apply
    calls = itertools.count(1)

    def failing_apply(session, plan, progress=None):
        real_flush = session.flush

        def flush(*args, **kwargs):
            if next(calls) == fail_at:
                raise RuntimeError("模拟断电")
            return real_flush(*args, **kwargs)

        session.flush = flush
        try:
            real_apply(session, plan, progress)
        finally:
            session.flush = real_flush

    with monkeypatch.context() as patch:
        patch.setattr(roster_module, "_apply", failing_apply)
        try:
            plan = import_roster(fuzz_db, path, add_sectors=True)
        except (UserError, RuntimeError):
            assert _snapshot(fuzz_db) == before
            return
    # the failing flush was never reached (few rows): the import is complete or absent
    after = _snapshot(fuzz_db)
    assert len(after[0]) - len(before[0]) == (plan.count(NEW) if plan.written else 0)


# --- the point-rule sheet importer -----------------------------------------------------------


def _rule_sheet() -> bytes:
    import tempfile

    from app.exports.rules_sheet import write_rule_workbook
    from app.services.points import rules

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "r.db")
        try:
            data = rules.load_default(db, "tongcheng_2019", 2026)
        finally:
            db.dispose()
        return write_rule_workbook(data, Path(folder) / "r.xlsx").read_bytes()


RULE_SHEET = _rule_sheet()


@settings(FUZZ, max_examples=200)
@given(data=damaged(RULE_SHEET))
def test_rule_sheet_reader_on_damaged_files_only_raises_user_error(tmp_path, data):
    from app.imports.rules_sheet import read_rule_workbook

    try:
        read_rule_workbook(_write(tmp_path, data), 2026)
    except UserError as exc:
        assert exc.message
