"""Issue 15's "Done when", on the command line: two demo townships and a county exchange
packages; the county previews, imports, re-imports harmlessly and ranks over both; a change
shows exactly; tampered and truncated packages are refused; the roster goes down and back
without duplicates."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.models import Activity, Attendance, GuestAttendee, Member, PackageImport, PointEntry
from app.services.points.engine import recalculate
from app.services.points.rules import load_default
from app.storage import open_database
from tests.services.exchange.builders import (
    YEAR,
    attend_everything_this_year,
    copy_db,
    count,
    first_members,
    make_county,
    rewrite_zip,
    township_templates,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.slow


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def table(out: str) -> dict[str, dict[str, int]]:
    """The preview's per-kind table: label → {新增, 修改, 删除, 不变}."""
    lines = out.splitlines()
    start = lines.index("类别\t新增\t修改\t删除\t不变")
    rows = {}
    for line in lines[start + 1 :]:
        cells = line.split("\t")
        if len(cells) != 5:
            break
        rows[cells[0]] = dict(
            zip(("新增", "修改", "删除", "不变"), map(int, cells[1:]), strict=True)
        )
    return rows


def test_round_trip_between_two_townships_and_the_county(
    tmp_path,
    capsys,
    township_templates,  # noqa: F811
):
    taoyuan = copy_db(township_templates["桃园镇"], tmp_path)
    lijia = copy_db(township_templates["李家镇"], tmp_path)
    # The county's roster: two persons 桃园镇 typed from Excel itself, and one new member.
    roster = [
        *first_members(taoyuan, 2),
        {"name": "欧阳县委", "birth_month": "1970-01", "gender": "男"},
    ]
    county = make_county(tmp_path / "county.db", roster)
    db = open_database(county)
    load_default(db, "minhang", YEAR)
    db.dispose()

    # 下发: the county's roster to both townships; 桃园镇's own typed rows are matched.
    down = tmp_path / "down.ldpkg"
    assert run(capsys, "--db", county, "package", "export", "--out", down)[0] == 0
    code, out, _ = run(capsys, "--db", taoyuan, "package", "import", down)
    assert code == 0
    assert out.count("自动匹配") == 2
    assert table(out)["委员"] == {"新增": 1, "修改": 2, "删除": 0, "不变": 0}
    assert run(capsys, "--db", lijia, "package", "import", down)[0] == 0
    assert count(taoyuan, Member) == 41 and count(lijia, Member) == 43

    # The county's new member attends every held meeting of the year in both townships.
    attended = attend_everything_this_year(taoyuan, "欧阳县委")
    attended += attend_everything_this_year(lijia, "欧阳县委")
    assert attended > 10

    # 上报: both townships send; the county previews (nothing written), then imports.
    up1, up2 = tmp_path / "taoyuan-1.ldpkg", tmp_path / "lijia-1.ldpkg"
    assert run(capsys, "--db", taoyuan, "package", "export", "--out", up1)[0] == 0
    assert run(capsys, "--db", lijia, "package", "export", "--out", up2)[0] == 0
    code, out, _ = run(capsys, "--db", county, "package", "import", up1, "--dry-run")
    assert code == 0 and "未写入任何数据" in out
    assert count(county, Activity) == 0
    assert table(out)["履职活动"]["新增"] == count(taoyuan, Activity)
    for package in (up1, up2):
        code, out, _ = run(capsys, "--db", county, "package", "import", package)
        assert code == 0 and "已导入" in out
    members_after = count(county, Member)
    # No duplicates: the three county members stay three rows, whoever sent them back.
    assert members_after == 3 + 38 + 40
    db = open_database(county)
    with db.read() as s:
        names = s.execute(select(Member.name, func.count()).group_by(Member.name)).all()
    assert {n for n, c in names if c > 1} == set()
    assert count(county, Activity) == count(taoyuan, Activity) + count(lijia, Activity)

    # The county picture, township by township.
    code, out, _ = run(capsys, "--db", county, "list", "activities", "--township", "李家镇")
    assert code == 0 and len(out.splitlines()) - 1 == count(lijia, Activity)
    code, out, _ = run(capsys, "--db", county, "list", "members", "--township", "桃园镇")
    assert code == 0 and "欧阳县委" in out and len(out.splitlines()) - 1 == 41
    code, out, _ = run(capsys, "--db", county, "check")
    assert code == 0, out

    # Re-importing the same package changes nothing and says so.
    code, out, _ = run(capsys, "--db", county, "package", "import", up1)
    assert code == 0 and "已导入过，没有变化" in out
    assert count(county, PackageImport) == 2

    # The county ranks over both townships: the member's points come from both.
    recalculate(db, YEAR)
    with db.read() as s:
        ours = s.scalar(select(Member.id).where(Member.name == "欧阳县委"))
        origins = s.scalars(
            select(Activity.origin_id)
            .join(Attendance, Attendance.activity_id == Activity.id)
            .join(
                PointEntry,
                (PointEntry.source_id == Attendance.id) & (PointEntry.source_kind == "attendance"),
            )
            .where(PointEntry.member_id == ours, PointEntry.year == YEAR)
        ).all()
    db.dispose()
    assert len(set(origins)) == 2

    # 桃园镇 changes one title and drops one 列席 person; the county sees exactly that.
    tdb = open_database(taoyuan)
    with tdb.write() as s:
        activity = s.scalar(select(Activity).order_by(Activity.id).limit(1))
        activity.title = "新的标题：村道硬化第二次协商"
        s.delete(s.scalar(select(GuestAttendee).order_by(GuestAttendee.id).limit(1)))
    tdb.dispose()
    up1b = tmp_path / "taoyuan-2.ldpkg"
    assert run(capsys, "--db", taoyuan, "package", "export", "--out", up1b)[0] == 0
    code, out, _ = run(capsys, "--db", county, "package", "import", up1b, "--dry-run")
    changes = {k: v for k, v in table(out).items() if v["新增"] or v["修改"] or v["删除"]}
    assert changes == {
        "履职活动": {"新增": 0, "修改": 1, "删除": 0, "不变": count(taoyuan, Activity) - 1},
        "列席人员": {"新增": 0, "修改": 0, "删除": 1, "不变": count(taoyuan, GuestAttendee)},
    }
    assert "修改 履职活动“新的标题：村道硬化第二次协商”：标题" in out

    # A tampered and a truncated package: one Chinese line, exit 2, nothing written.
    def tamper(name, blob):
        if name == "data/activity.json":
            rows = json.loads(blob)
            rows[0]["title"] = "被改过的标题"
            return json.dumps(rows, ensure_ascii=False).encode()
        return blob

    tampered = rewrite_zip(up1b, tmp_path / "tampered.ldpkg", tamper)
    truncated = tmp_path / "truncated.ldpkg"
    truncated.write_bytes(up1b.read_bytes()[: up1b.stat().st_size // 2])
    for bad, why in ((tampered, "校验值不符"), (truncated, "不完整")):
        code, out, err = run(capsys, "--db", county, "package", "import", bad)
        assert code == 2 and why in err and len(err.strip().splitlines()) == 1
    assert count(county, PackageImport) == 2
    assert count(county, Member) == members_after

    # The newer one imports; the older one is then refused.
    assert run(capsys, "--db", county, "package", "import", up1b)[0] == 0
    code, _, err = run(capsys, "--db", county, "package", "import", up1)
    assert code == 2 and "比已导入的第 2 号旧" in err
    code, out, _ = run(capsys, "--db", county, "package", "list")
    assert [line.split("\t")[:2] for line in out.splitlines()[1:]] == [
        ["桃园镇", "1"],
        ["李家镇", "1"],
        ["桃园镇", "2"],
    ]
    with zipfile.ZipFile(up1b) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["sequence"] == 2 and manifest["sender"]["name"] == "桃园镇"


def test_export_without_identity_is_refused(tmp_path, capsys):
    code, _, err = run(
        capsys, "--db", tmp_path / "t.db", "package", "export", "--out", tmp_path / "x.ldpkg"
    )
    assert code == 2 and "尚未设置本单位" in err
    assert not (tmp_path / "x.ldpkg").exists()
