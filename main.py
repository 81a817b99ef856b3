"""委员联络室工作台: no command opens the window; a command runs on the command line."""

from __future__ import annotations

import sys


def window_db_arg(argv: list[str]) -> tuple[bool, str | None]:
    """(opens the window, --db value) for ``[]``, ``--db PATH`` and ``--db=PATH``; anything else
    is a command for the command line. Decided without argparse so that opening the window does
    not load every command's module first."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return True, argv[0][5:]
    return False, None


def main(argv: list[str]) -> int:
    window, db = window_db_arg(argv)
    if window:
        from app.ui.shell.app import run_gui

        return run_gui(db)
    from app.cli import build_parser
    from app.cli import main as cli_main

    args = build_parser().parse_args(argv)
    if args.command == "self-test":  # the window's checks too: above both the CLI and the UI
        from app.self_test import run_self_test

        return run_self_test()
    if args.command is None:  # e.g. `--db PATH` spelled another way argparse accepts
        from app.ui.shell.app import run_gui

        return run_gui(args.db)
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
