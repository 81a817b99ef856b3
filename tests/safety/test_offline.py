"""Offline for real: with every socket refused, the app starts, imports, exports and backs up.

A laptop in a township office has no internet. Nothing may try to reach one (fonts, update
checks, telemetry of a library…): any socket creation raises here.
"""

from __future__ import annotations

import argparse
import importlib.util
import socket

import pytest

from app.cli import build_parser, main
from app.ui.shell.main_window import PAGES, MainWindow
from tests.exports.meeting_records import make_meeting
from tests.imports.roster_books import clean_roster


class NoNetwork(OSError):
    pass


@pytest.fixture
def offline(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NoNetwork("网络已被测试禁用")

    class RefusedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", RefusedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)
    return attempts


def test_sockets_really_are_refused(offline):
    with pytest.raises(NoNetwork):
        socket.socket()
    with pytest.raises(NoNetwork):
        socket.create_connection(("example.com", 80))


def test_window_starts_and_every_page_opens_offline(offline, qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    for row in range(len(PAGES)):
        window.nav_list.setCurrentRow(row)
    window.close()
    assert offline == []  # nothing even tried


def test_demo_data_offline(offline, db):
    if importlib.util.find_spec("app.services.demo.generate") is None:
        pytest.skip(
            "app.services.demo.generate does not exist on this branch yet (the demo helper adds it)"
        )
    from app.services.demo import generate as demo

    loader = getattr(demo, "load_demo", None) or getattr(demo, "create_demo", None)
    if loader is None:
        pytest.skip("app.services.demo.generate has no load_demo/create_demo function to call")
    loader(db)
    assert offline == []


def _verbs(parser: argparse.ArgumentParser) -> dict:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


# Each export verb with the arguments that run it on the meeting made below.
EXPORT_RUNS = {
    "roster": lambda m, out: ["--out", str(out / "名册.xlsx")],
    "minutes": lambda m, out: ["--out", str(out / "纪要.docx"), str(m.activity_id)],
    "signin": lambda m, out: ["--out", str(out / "签到表.docx"), str(m.activity_id)],
    "ledger": lambda m, out: ["--year", "2026", "--out", str(out / "台账.xlsx")],
    "points": lambda m, out: ["--year", "2026", "--out", str(out / "积分统计表.xlsx")],
    "archive": lambda m, out: [
        str(m.member_ids[0]),
        "--year",
        "2026",
        "--out",
        str(out / "履职档案.docx"),
    ],
    "yearly": lambda m, out: ["--year", "2026", "--out", str(out / "年度工作统计.docx")],
    "quarterly": lambda m, out: [
        "--year",
        "2026",
        "--quarter",
        "1",
        "--out",
        str(out / "季度汇总.xlsx"),
    ],
    "followups": lambda m, out: ["--out", str(out / "督办台账.xlsx")],
}


def test_import_every_export_and_backup_offline(offline, db, db_path, tmp_path, capsys):
    meeting = make_meeting(db)
    db.dispose()
    base = ["--db", str(db_path)]
    out = tmp_path / "out"
    out.mkdir()
    assert main([*base, "import", "members", str(clean_roster(tmp_path / "名册.xlsx"))]) == 0
    exports = sorted(_verbs(_verbs(build_parser())["export"]))
    assert main([*base, "points", "rules", "load-default", "tongcheng_2019", "--year", "2026"]) == 0
    assert main([*base, "points", "recalc", "--year", "2026"]) == 0
    assert (
        main(
            [*base, "points", "rules", "export", "--year", "2026", "--out", str(out / "规则.xlsx")]
        )
        == 0
    )
    missing = [name for name in exports if name not in EXPORT_RUNS]
    assert not missing, f"add an offline run of these exports to EXPORT_RUNS: {missing}"
    for name in exports:
        assert main([*base, "export", name, *EXPORT_RUNS[name](meeting, out)]) == 0, name
    assert (
        main(
            [*base, "export", "signin", "--out", str(out / "签到表.xlsx"), str(meeting.activity_id)]
        )
        == 0
    )
    assert main([*base, "backup", "--out", str(out / "备份.db")]) == 0
    assert main([*base, "restore", str(out / "备份.db")]) == 0
    assert main([*base, "check"]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(
        ["名册.xlsx", "纪要.docx", "签到表.docx", "签到表.xlsx", "台账.xlsx", "备份.db"]
        + ["积分统计表.xlsx", "履职档案.docx", "规则.xlsx"]
        + ["年度工作统计.docx", "季度汇总.xlsx", "督办台账.xlsx"]
    )
    assert offline == []
    assert "错误" not in capsys.readouterr().err
