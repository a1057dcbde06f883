"""``finetune-studio``: opens the app, or runs a headless command without importing Qt."""

from __future__ import annotations

import multiprocessing
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``finetune-studio`` command."""
    multiprocessing.freeze_support()  # must come first in a frozen build that spawns workers
    from app.cli import build_parser, run, split_project_arg, wants_gui

    rest, project = split_project_arg(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(rest)
    if not wants_gui(args):
        extra = None
        if args.self_test:
            from ui.qt_check import check_qt_resources, check_qt_window

            extra = [check_qt_window, check_qt_resources]
        return run(args, extra)
    from ui.application import run_app

    return run_app(project)


if __name__ == "__main__":
    sys.exit(main())
