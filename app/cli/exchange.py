"""identity set / show: who this database is, for township → county packages."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext

# The keys of app.services.exchange.identity.LEVELS (a test keeps them equal).
LEVEL_NAMES = ("county", "township")


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    ident = verbs.add_parser("identity", help="本单位（乡镇或县）的名称和层级")
    what = ident.add_subparsers(dest="what", metavar="操作", required=True)
    setter = what.add_parser("set", help="设置本单位")
    setter.add_argument("--name", required=True, help="单位名称，如 桃园镇")
    setter.add_argument("--level", required=True, choices=LEVEL_NAMES)
    setter.set_defaults(handler=run_set)
    shower = what.add_parser("show", help="显示本单位")
    shower.set_defaults(handler=run_show)


def run_set(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.exchange import identity

    ident = identity.set_identity(ctx.database(), args.name, args.level)
    ctx.print(f"本单位：{ident.name}（{ident.level_label}），标识 {ident.sender_id}")
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.exchange import identity

    ident = identity.get_identity(ctx.database(exclusive=False))
    if ident is None:
        ctx.print("尚未设置本单位。")
        return 0
    ctx.print(f"本单位：{ident.name}（{ident.level_label}），标识 {ident.sender_id}")
    return 0
