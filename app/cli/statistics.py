"""Verbs of the year's figures and the 督办台账: ``export yearly``, ``export quarterly``,
``export followups``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.cli.documents import _suffix  # the same extension check as the other exports

# app.models.vocab.FOLLOW_UP_STATUSES, named here so that --help loads no database library (a test
# keeps them equal).
FOLLOW_UP_STATUS_NAMES = ("待交办", "办理中", "已办结", "已采纳", "未采纳")


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    export = groups["export"]
    yearly = export.add_parser("yearly", help="年度工作统计（.docx 或 .xlsx）")
    yearly.add_argument("--year", type=int, required=True, metavar="Y", help="年度")
    yearly.add_argument("--out", required=True, metavar="F.docx|F.xlsx", help="保存到的文件")
    yearly.set_defaults(handler=run_yearly)

    quarterly = export.add_parser("quarterly", help="季度汇总（.xlsx，含年初至本季度累计）")
    quarterly.add_argument("--year", type=int, required=True, metavar="Y", help="年度")
    quarterly.add_argument(
        "--quarter", type=int, required=True, choices=(1, 2, 3, 4), metavar="Q", help="季度 1—4"
    )
    quarterly.add_argument("--out", required=True, metavar="F.xlsx", help="保存到的文件")
    quarterly.set_defaults(handler=run_quarterly)

    followups = export.add_parser("followups", help="督办台账（.xlsx，逾期事项在前）")
    followups.add_argument("--out", required=True, metavar="F.xlsx", help="保存到的文件")
    followups.add_argument("--year", type=int, metavar="Y", help="只含该年度活动形成的成果")
    followups.add_argument(
        "--status", metavar="S", help=f"只含该办理状态：{'、'.join(FOLLOW_UP_STATUS_NAMES)}"
    )
    followups.add_argument("--overdue", action="store_true", help="只含逾期未办结的事项")
    followups.set_defaults(handler=run_followups)


def run_yearly(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.official_docx import OfficialFonts
    from app.exports.statistics_docx import export_year_docx
    from app.exports.statistics_xlsx import export_year_xlsx
    from app.services.documents.meeting_papers import font_settings
    from app.services.statistics.report import year_report

    out = Path(args.out)
    suffix = _suffix(out, (".docx", ".xlsx"))
    db = ctx.database(exclusive=False)
    report = year_report(db, args.year)
    if suffix == ".docx":
        export_year_docx(report, OfficialFonts.from_settings(font_settings(db)), out)
    else:
        export_year_xlsx(report, out)
    s = report.stats
    ctx.print(
        f"已导出年度工作统计：{out}（履职活动 {s.activities} 次，议题 {s.topics} 个，"
        f"协商成果 {s.follow_ups.total} 项）"
    )
    return 0


def run_quarterly(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.statistics_xlsx import export_quarter_xlsx
    from app.services.statistics.report import quarter_report

    out = Path(args.out)
    _suffix(out, (".xlsx",))
    report = quarter_report(ctx.database(exclusive=False), args.year, args.quarter)
    export_quarter_xlsx(report, out)
    ctx.print(
        f"已导出季度汇总：{out}（本季度履职活动 {report.quarter.activities} 次，"
        f"{report.to_date.period.label}累计 {report.to_date.activities} 次）"
    )
    return 0


def run_followups(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.follow_up_register import export_register
    from app.services.follow_ups.board import BoardFilter
    from app.services.follow_ups.register import load_register

    out = Path(args.out)
    _suffix(out, (".xlsx",))
    flt = BoardFilter(
        include_closed=True, year=args.year, status=args.status, overdue_only=args.overdue
    )
    register = load_register(ctx.database(exclusive=False), flt)
    export_register(register, out)
    overdue = sum(r.overdue for r in register.rows)
    ctx.print(f"已导出督办台账：{out}（{len(register.rows)} 项，其中逾期 {overdue} 项）")
    return 0
