"""``demo``: fill a database with the seeded 示例数据."""

from __future__ import annotations

import argparse

from app.cli.context import CliContext
from app.services.demo import clear as demo_clear
from app.services.demo import generate as demo


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    parser = verbs.add_parser("demo", help="载入示例数据（仅用于空数据库）")
    parser.add_argument(
        "--scale",
        choices=sorted(demo.SCALES),
        default="township",
        help="township：乡镇规模（约 40 名委员、6 个联络室、2 年）；"
        "county：县级规模（400 名委员、320 个联络室、10 年）",
    )
    parser.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
    parser.add_argument(
        "--force", action="store_true", help="数据库已有委员时仍然载入（会与现有记录混在一起）"
    )
    parser.add_argument(
        "--clear",
        action="store_true",
        help="清空先前载入的示例数据（先自动备份；保留界别、检查项和设置），以便开始正式使用",
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.clear:
        removed = demo_clear.clear_demo(ctx.database())
        ctx.print(f"已清空示例数据：删除 {removed} 名委员及其全部记录，界别、检查项和设置保留。")
        return 0
    summary = demo.load_demo(ctx.database(), args.scale, seed=args.seed, force=args.force)
    for line in summary.lines():
        ctx.print(line)
    return 0
