"""委员联络室工作台: no command opens the window; a command runs on the command line."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.cli import build_parser
    from app.cli import main as cli_main

    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.app import run_gui

        return run_gui(args.db)
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
