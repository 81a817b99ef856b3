"""Verbs of the member registry: ``import members`` and ``export roster``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import CliContext
from app.errors import UserError

if TYPE_CHECKING:
    from app.imports.roster import ImportPlan

# app.models.vocab.ROOM_TYPES, named here so that --help loads no database library (a test keeps
# them equal).
ROOM_TYPE_NAMES = ("镇(街道)级", "村(社区)级", "企事业单位", "界别", "特色", "个人")


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    members = groups["import"].add_parser("members", help="从 Excel 名册导入委员")
    members.add_argument("file", metavar="FILE.xlsx", help="县政协发来的委员名册（.xlsx）")
    members.add_argument("--dry-run", action="store_true", help="只预览每行的处理结果，不写入")
    members.add_argument(
        "--add-sectors", action="store_true", help="名册中出现未知界别时自动添加该界别"
    )
    members.add_argument(
        "--room-type",
        action="append",
        default=[],
        metavar="名称=类型",
        help="名册中新联络室的类型（默认按名称推断，如“镇”为镇(街道)级），可多次使用："
        f"{'、'.join(ROOM_TYPE_NAMES)}",
    )
    members.set_defaults(handler=run_import_members)

    roster = groups["export"].add_parser("roster", help="导出委员名册（.xlsx）")
    roster.add_argument("--out", required=True, metavar="F.xlsx", help="保存到的文件")
    roster.add_argument(
        "--mask-phone", action="store_true", help="联系电话打码（如 138****1001），用于张贴公示"
    )
    roster.add_argument("--active-only", action="store_true", help="只导出在任委员")
    roster.set_defaults(handler=run_export_roster)


def print_plan(ctx: CliContext, plan: ImportPlan) -> None:
    from app.imports.roster import REPORT_HEADER

    ctx.print("\t".join(REPORT_HEADER))
    for line in plan.report_lines():
        ctx.print(line)
    if plan.ignored_columns:
        ctx.print(f"未识别、已忽略的列：{'；'.join(plan.ignored_columns)}")
    ctx.print(plan.summary())
    if plan.unknown_sectors:
        ctx.print("如这些界别无误，可加 --add-sectors 同时新增。")


def room_types(pairs: list[str]) -> dict[str, str]:
    """``--room-type 名称=类型`` as a mapping; a type that is none of ROOM_TYPES is refused."""
    chosen = {}
    for pair in pairs:
        name, _sep, room_type = pair.partition("=")
        name, room_type = "".join(name.split()), room_type.strip()
        if not name or room_type not in ROOM_TYPE_NAMES:
            raise UserError(
                f"--room-type “{pair}”应写成 名称=类型，类型为：{'、'.join(ROOM_TYPE_NAMES)}。"
            )
        chosen[name] = room_type
    return chosen


def run_import_members(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.imports.roster import import_roster, preview_roster

    path = Path(args.file)
    types = room_types(args.room_type)
    if args.dry_run:
        plan = preview_roster(
            ctx.database(exclusive=False), path, add_sectors=args.add_sectors, room_types=types
        )
        print_plan(ctx, plan)
        ctx.print("（预览模式：未写入任何数据。）")
        return 2 if plan.has_errors else 0
    plan = import_roster(ctx.database(), path, add_sectors=args.add_sectors, room_types=types)
    print_plan(ctx, plan)
    return 0 if plan.written else 2


def run_export_roster(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.roster import export_roster
    from app.services.members.roster import load_roster, record_roster_export

    out = Path(args.out)
    db = ctx.database(exclusive=False)
    roster = load_roster(db, active_only=args.active_only)
    count = export_roster(roster, out, mask_phones=args.mask_phone)
    record_roster_export(db, count, out, mask_phones=args.mask_phone)
    ctx.print(f"已导出 {count} 名委员到“{out}”。")
    return 0
