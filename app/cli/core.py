"""Verbs of the foundation: ``check`` and ``list``."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext

# The names of app.services.listing.LISTS (a test keeps them equal), known without importing it.
LIST_NAMES = ("activities", "members", "rooms", "topics")


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    check = verbs.add_parser("check", help="检查数据库完整性")
    check.set_defaults(handler=run_check, reads_database=True)

    lister = verbs.add_parser("list", help="列出记录（制表符分隔）")
    lister.add_argument("what", choices=LIST_NAMES, metavar="rooms|members|activities|topics")
    lister.add_argument("--year", type=int, help="只列出该年度的记录")
    lister.add_argument("--township", metavar="NAME", help="只列出该乡镇的记录（县级数据库）")
    lister.set_defaults(handler=run_list, reads_database=True)


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.safety import integrity

    problems = integrity.run_checks(ctx.database(exclusive=False))
    if not problems:
        ctx.print("检查完成：数据库完好，未发现问题。")
        return 0
    for problem in problems:
        ctx.print(f"【{problem.area}】{problem.message}")
    ctx.print(f"共发现 {len(problems)} 个问题。")
    return 2


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import listing

    only = {"township": args.township} if args.township else {}
    table = listing.LISTS[args.what](ctx.database(exclusive=False), year=args.year, **only)
    ctx.print_rows(table.header, table.rows)
    return 0
