"""A year whose point entries are not current (other rules loaded, records edited since 重新计算)
is recalculated before its 统计表 or ranking goes out; the 积分 page says the ranking is out of
date and offers the button; a 定稿 year keeps its frozen figures."""

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.cli import main
from app.services.points import engine, ranking
from app.services.points.rules import load_default
from tests.services.points_builders import activity, members, submission
from tests.ui.points.test_points_page import make_page

Y = 2024


@pytest.fixture
def data(db):
    """Three members scored by 桐城 rules, then 闵行 rules loaded without 重新计算."""
    a, b, c = members(db, "王丽华", "李建国", "张敏")
    load_default(db, "tongcheng_2019", Y)
    activity(db, date(Y, 1, 8), {a: "出席", b: "出席", c: "缺席"}, kind="其他", title="全体会议")
    activity(db, date(Y, 3, 1), {a: "出席", b: "出席"}, kind="微协商")
    submission(db, "提案", date(Y, 3, 2), [a], is_filed=True)
    engine.recalculate(db, Y)
    old = {row.name: row.total for row in ranking.get_ranking(db, Y).rows}
    load_default(db, "minhang", Y)
    return old


def _totals_in(path) -> dict[str, float]:
    ws = load_workbook(path)["履职积分统计表"]
    header_row = next(r for r in ws.iter_rows(values_only=True) if r and "总分" in r)
    name_col, total_col = header_row.index("姓名"), header_row.index("总分")
    return {
        r[name_col]: float(r[total_col])
        for r in ws.iter_rows(values_only=True)
        if r and r[name_col] in ("王丽华", "李建国", "张敏")
    }


def _current_totals(db) -> dict[str, float]:
    """What 重新计算 under the rules now loaded gives (the reference)."""
    engine.recalculate(db, Y)
    return {row.name: row.total for row in ranking.get_ranking(db, Y).rows}


def test_export_points_on_the_command_line_recalculates_first(data, db, db_path, tmp_path, capsys):
    out = tmp_path / "统计表.xlsx"
    args = ["--db", str(db_path), "export", "points", "--year", str(Y), "--out", str(out)]
    assert main(args) == 0
    assert "已先按当前规则重新计算" in capsys.readouterr().out
    exported = _totals_in(out)
    assert exported != data  # not the 桐城 totals of the last 重新计算
    assert exported == _current_totals(db)
    assert main(args) == 0  # current now: no second recalculation, no note
    assert "重新计算" not in capsys.readouterr().out


def test_points_rank_recalculates_first_and_says_so_on_stderr(data, db, db_path, capsys):
    assert main(["--db", str(db_path), "points", "rank", "--year", str(Y)]) == 0
    captured = capsys.readouterr()
    assert "已先按当前规则重新计算" in captured.err
    lines = captured.out.splitlines()
    header = lines[0].split("\t")
    ranked = {
        line.split("\t")[1]: float(line.split("\t")[header.index("总分")]) for line in lines[1:]
    }
    assert ranked == _current_totals(db)


def test_a_locked_year_exports_its_frozen_figures(db, db_path, tmp_path, capsys):
    (a,) = members(db, "王丽华")
    load_default(db, "tongcheng_2019", Y)
    activity(db, date(Y, 1, 8), {a: "出席"}, kind="其他", title="全体会议")
    engine.lock_year(db, Y)
    frozen = {row.name: row.total for row in ranking.get_ranking(db, Y).rows}
    out = tmp_path / "定稿.xlsx"
    assert (
        main(["--db", str(db_path), "export", "points", "--year", str(Y), "--out", str(out)]) == 0
    )
    assert "重新计算" not in capsys.readouterr().out
    assert _totals_in(out) == frozen


def test_page_shows_the_ranking_is_out_of_date_and_the_export_button_recalculates(
    qtbot, ui_ctx, data, tmp_path, monkeypatch
):
    page = make_page(qtbot, ui_ctx)
    banner = page.stale_banner
    assert banner.isVisible()
    assert banner.text_label.text().startswith("排名已过期，请重新计算")
    assert banner.recalc_button.isVisible() and banner.recalc_button.isEnabled()
    out = tmp_path / "统计表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出统计表" in page.status_label.text(), timeout=20000)
    assert "已先按当前规则重新计算" in page.status_label.text()
    assert not banner.isVisible()
    exported = _totals_in(out)
    assert exported != data
    assert exported == _current_totals(ui_ctx.db)


def test_the_banner_button_recalculates(qtbot, ui_ctx, data):
    page = make_page(qtbot, ui_ctx)
    assert page.stale_banner.isVisible()
    qtbot.mouseClick(page.stale_banner.recalc_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.stale_banner.isVisible(), timeout=20000)
    assert "重新计算完成" in page.status_label.text()
    shown = {r.name: r.total for r in page.ranking.rows}
    assert shown != data and shown == _current_totals(ui_ctx.db)


def test_batch_archives_recalculate_first(qtbot, ui_ctx, data, tmp_path, monkeypatch):
    from docx import Document

    page = make_page(qtbot, ui_ctx)
    assert page.stale_banner.isVisible()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(page.archives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出 3 份" in page.status_label.text(), timeout=20000)
    assert "已先按当前规则重新计算" in page.status_label.text()
    assert not page.stale_banner.isVisible()
    current = _current_totals(ui_ctx.db)
    (wang,) = tmp_path.glob("*王丽华*.docx")
    text = "\n".join(p.text for p in Document(str(wang)).paragraphs)
    assert f"{current['王丽华']:g} 分" in text
