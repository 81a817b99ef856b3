"""identity set / show and package export / import / list: township → county data packages."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.cli.context import CliContext

if TYPE_CHECKING:
    from app.services.exchange.plan import ImportPlan

SHOWN_PER_KIND = 200  # changed / deleted rows listed per kind before "… 另有 N 条"

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

    package = verbs.add_parser("package", help="数据包：乡镇上报、县政协下发")
    action = package.add_subparsers(dest="what", metavar="操作", required=True)
    exporter = action.add_parser("export", help="导出数据包（本单位全部数据的快照）")
    exporter.add_argument("--out", required=True, metavar="FILE.ldpkg", help="数据包文件")
    exporter.add_argument("--with-attachments", action="store_true", help="同时带上活动附件")
    exporter.set_defaults(handler=run_export)
    importer = action.add_parser("import", help="导入数据包（先列出将新增、修改、删除的记录）")
    importer.add_argument(
        "files", nargs="+", metavar="FILE.ldpkg", help="可一次导入多个（只备份一次）"
    )
    importer.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    importer.set_defaults(handler=run_import)
    lister = action.add_parser("list", help="列出已导入的数据包")
    lister.set_defaults(handler=run_list)
    pending = action.add_parser("pending", help="列出待确认的委员（同名但出生年月或性别不同）")
    pending.set_defaults(handler=run_pending)
    confirm = action.add_parser("confirm", help="确认待确认的委员：是否同一人")
    confirm.add_argument("theirs", type=int, metavar="发来的委员ID")
    confirm.add_argument("ours", type=int, metavar="本单位委员ID")
    answer = confirm.add_mutually_exclusive_group(required=True)
    answer.add_argument("--same", action="store_true", help="是同一人：合并为一条记录")
    answer.add_argument("--different", action="store_true", help="不是同一人：不再询问")
    confirm.set_defaults(handler=run_confirm)


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


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.package_file import write_package
    from app.services.exchange.export import export_package
    from app.services.exchange.kinds import DIRECTIONS

    result = export_package(
        ctx.database(), args.out, write_package, with_attachments=args.with_attachments
    )
    ctx.print(
        f"已导出{DIRECTIONS[result.direction]}数据包：{result.path}"
        f"（{result.sender_name}，第 {result.sequence} 号）"
    )
    ctx.print("，".join(f"{label} {n}" for label, n in result.counts.items()))
    if args.with_attachments:
        ctx.print(f"附件文件 {result.attachments} 个。")
    return 0


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.imports.package_file import read_package
    from app.services.exchange import importing

    db = ctx.database()
    packages = [read_package(f) for f in args.files]  # every file checked before any is used
    if args.dry_run:
        for package in packages:
            print_plan(ctx, importing.preview_package(db, package))
            ctx.print("预览完毕，未写入任何数据（去掉 --dry-run 即导入）。")
        return 0

    def done(plan: ImportPlan) -> None:
        print_plan(ctx, plan)
        if plan.written:
            ctx.print("已导入，全部写入（导入前已自动备份）。")
        else:
            ctx.print(
                f"该数据包（第 {plan.package.sequence} 号）已导入过，没有变化，未作任何修改。"
            )

    importing.import_packages(db, packages, done)
    return 0


def print_plan(ctx: CliContext, plan: ImportPlan) -> None:
    from app.services.exchange.kinds import DIRECTIONS

    package = plan.package
    ctx.print(
        f"数据包：{package.sender_name}{DIRECTIONS[package.direction]}，第 {package.sequence} 号，"
        f"制作于 {package.manifest['created_at'].replace('T', ' ')}"
    )
    if plan.last_sequence is not None:
        ctx.print(f"上次导入：第 {plan.last_sequence} 号")
    ctx.print_rows(
        ("类别", "新增", "修改", "删除", "不变"),
        [(k.label, *(str(n) for n in k.counts.values())) for k in plan.kinds],
    )
    for kind in plan.kinds:
        for what, rows in (("修改", kind.changed), ("删除", kind.deleted)):
            for row in rows[:SHOWN_PER_KIND]:
                fields = f"：{'、'.join(row.fields)}" if row.fields else ""
                ctx.print(f"{what} {kind.label}“{row.title}”{fields}")
            if len(rows) > SHOWN_PER_KIND:
                ctx.print(f"{what} {kind.label}：另有 {len(rows) - SHOWN_PER_KIND} 条")
    for match in plan.matches:
        ctx.print(match.describe())


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.exchange import history

    records = history.list_imports(ctx.database(exclusive=False))
    if not records:
        ctx.print("尚未导入任何数据包。")
        return 0
    ctx.print_rows(
        ("来自", "序号", "制作时间", "导入时间", "新增", "修改", "删除", "文件"),
        [
            (
                r.sender_name,
                str(r.sequence),
                r.package_created_at.strftime("%Y-%m-%d %H:%M"),
                r.imported_at.strftime("%Y-%m-%d %H:%M"),
                *(str(r.totals.get(w, 0)) for w in ("新增", "修改", "删除")),
                r.file_name,
            )
            for r in records
        ],
    )
    return 0


def run_pending(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.exchange import same_person

    pairs = same_person.pending_pairs(ctx.database(exclusive=False))
    if not pairs:
        ctx.print("没有待确认的委员。")
        return 0
    ctx.print_rows(
        ("发来的委员ID", "本单位委员ID", "姓名", "发来的", "本单位的"),
        [(str(p.theirs_id), str(p.ours_id), p.name, p.theirs, p.ours) for p in pairs],
    )
    ctx.print(
        "确认后运行：package confirm 发来的委员ID 本单位委员ID --same（同一人）或 --different"
    )
    return 0


def run_confirm(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.exchange import same_person

    db = ctx.database()
    if args.same:
        same_person.same_person(db, args.theirs, args.ours)
        ctx.print("已合并为同一位委员（合并后请重新计算积分）。")
    else:
        same_person.not_same_person(db, args.theirs, args.ours)
        ctx.print("已记为两个人，不再询问。")
    return 0
