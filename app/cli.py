"""The command line: ``finetune-studio [--version | --self-test | SUBCOMMAND …]``.

Lives in the core so the headless commands never import Qt; ``ui.main`` hands over to it
for everything but opening the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.i18n import _, ngettext
from app.i18n import setup as setup_language
from app.selftest import CORE_CHECKS, CheckResult, run_checks
from app.version import version_text


def build_parser(language: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the app and its subcommands, in ``language`` (default: the user's, see
    app.i18n)."""
    setup_language(language)  # before any parser exists: argparse translates some texts as it makes one
    p = argparse.ArgumentParser(
        prog="finetune-studio",
        description=_("Finetune Studio: build training data, judge answers, train and compare models. "
                      "Without arguments it opens the app."),
    )
    p.add_argument("--version", action="store_true", help=_("print the version and exit"))
    p.add_argument("--self-test", action="store_true", help=_("check that the installation works, then exit"))
    sub = p.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    from app.cli_data import add_data_commands
    from app.cli_jobs import add_jobs_commands

    add_data_commands(sub)
    add_jobs_commands(sub)
    return p


def self_test(extra: list[Callable[[], CheckResult]] | None = None) -> int:
    """Run the core checks (plus ``extra`` from the UI), print one line each; 0 when all pass."""
    results = run_checks([*CORE_CHECKS, *(extra or [])])
    for r in results:
        print(r.line())
    failed = [r for r in results if not r.ok]
    if failed:
        print(ngettext("self-test FAILED ({n} problem)", "self-test FAILED ({n} problems)", len(failed)).format(
            n=len(failed)))
    else:
        print(_("self-test passed"))
    return 0 if not failed else 1


def split_project_arg(argv: list[str]) -> tuple[list[str], str | None]:
    """``finetune-studio PROJECT.ftproj`` opens a project: take that path out before parsing, so
    it is not mistaken for a subcommand."""
    if argv and not argv[0].startswith("-") and argv[0].endswith(".ftproj"):
        return argv[1:], argv[0]
    return argv, None


def wants_gui(args: argparse.Namespace) -> bool:
    """True when the arguments ask for the window rather than a headless command."""
    return not (args.version or args.self_test or getattr(args, "command", None))


def run(args: argparse.Namespace, extra_checks: list[Callable[[], CheckResult]] | None = None) -> int:
    """Run a headless command and return the exit code."""
    if args.version:
        print(version_text())
        return 0
    if args.self_test:
        return self_test(extra_checks)
    handler = getattr(args, "handler", None)
    if handler is None:
        print(_("nothing to do"), file=sys.stderr)
        return 2
    return int(handler(args))
