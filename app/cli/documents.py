"""Verbs that file documents: ``export minutes``, ``export signin``, ``export ledger``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.errors import UserError


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    export = groups["export"]
    minutes = export.add_parser("minutes", help="会议纪要（.docx）")
    minutes.add_argument("activity_id", type=int, metavar="ACTIVITY_ID", help="履职活动编号")
    minutes.add_argument("--out", required=True, metavar="F.docx", help="保存到的文件")
    minutes.set_defaults(handler=run_minutes, reads_database=True)

    signin = export.add_parser("signin", help="签到表（.docx 或 .xlsx）")
    signin.add_argument("activity_id", type=int, metavar="ACTIVITY_ID", help="履职活动编号")
    signin.add_argument("--out", required=True, metavar="F.docx|F.xlsx", help="保存到的文件")
    signin.set_defaults(handler=run_signin, reads_database=True)

    ledger = export.add_parser(
        "ledger", help="活动台账（.xlsx：汇总表，有活动的联络室每室一张工作表）"
    )
    ledger.add_argument("--year", type=int, required=True, metavar="Y", help="年度")
    ledger.add_argument("--room", type=int, metavar="ROOM_ID", help="只导出该联络室")
    ledger.add_argument("--out", required=True, metavar="F.xlsx", help="保存到的文件")
    ledger.set_defaults(handler=run_ledger, reads_database=True)


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        names = " 或 ".join(allowed)
        raise UserError(f"文件“{path.name}”的扩展名不正确，请使用 {names}。")
    return suffix


def run_minutes(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.files import write_file
    from app.exports.minutes import minutes_blocks, write_minutes
    from app.exports.official_docx import OfficialFonts
    from app.services.documents import meeting_papers as documents

    out = Path(args.out)
    _suffix(out, (".docx",))
    db = ctx.database(exclusive=False)
    data = documents.load_minutes(db, args.activity_id)
    fonts = OfficialFonts.from_settings(documents.font_settings(db))
    write_file(out, lambda temp: write_minutes(temp, minutes_blocks(data), fonts))
    ctx.print(f"已导出会议纪要：{out}")
    return 0


def run_signin(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.files import write_file
    from app.exports.official_docx import OfficialFonts
    from app.exports.signin import write_signin_docx, write_signin_xlsx
    from app.services.documents import meeting_papers as documents

    out = Path(args.out)
    suffix = _suffix(out, (".docx", ".xlsx"))
    db = ctx.database(exclusive=False)
    data = documents.load_signin(db, args.activity_id)
    if suffix == ".docx":
        fonts = OfficialFonts.from_settings(documents.font_settings(db))
        write_file(out, lambda temp: write_signin_docx(temp, data, fonts))
    else:
        write_file(out, lambda temp: write_signin_xlsx(temp, data))
    ctx.print(f"已导出签到表：{out}")
    return 0


def run_ledger(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.files import write_file
    from app.exports.ledger import write_ledger
    from app.services.documents import meeting_papers as documents

    out = Path(args.out)
    _suffix(out, (".xlsx",))
    data = documents.load_ledger(ctx.database(exclusive=False), args.year, args.room)
    write_file(out, lambda temp: write_ledger(temp, data))
    count = sum(len(room.activities) for room in data.rooms)
    ctx.print(f"已导出活动台账：{out}（{len(data.rooms)} 个联络室，{count} 次活动）")
    return 0
