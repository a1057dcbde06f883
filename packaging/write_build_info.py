"""Write (or remove) ``app/_build_info.py``: the commit, build date and module list of one build.

    python packaging/write_build_info.py          # before PyInstaller runs
    python packaging/write_build_info.py --remove # after it (the build scripts do both)

Used by every platform's build (Linux, macOS and Windows alike), so the file's format lives in one
place; ``app/version.py`` reads it. The commit is ``git describe --always --dirty`` ("unknown"
outside a checkout); the date honours ``SOURCE_DATE_EPOCH`` (reproducible builds). The module list
is every module of ``app`` in the source tree: the bundle's self-test imports each, so a module
PyInstaller failed to collect is reported instead of crashing in front of a user.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "app" / "_build_info.py"


def commit() -> str:
    """``git describe`` of the checkout, or "unknown"."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--abbrev=12"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else "unknown"


def build_date() -> str:
    """Now, or ``SOURCE_DATE_EPOCH``, as "2026-11-26 08:40 UTC"."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def core_modules() -> list[str]:
    """Every module of the ``app`` package in the source tree (without importing any)."""
    names = ["app"]
    todo = [(ROOT / "app", "app.")]
    while todo:
        path, prefix = todo.pop()
        for info in pkgutil.iter_modules([str(path)], prefix):
            if info.name == "app._build_info":
                continue
            names.append(info.name)
            if info.ispkg:
                todo.append((path / info.name.rsplit(".", 1)[-1], info.name + "."))
    return sorted(names)


def main(argv: list[str]) -> int:
    """Write the file, or remove it with ``--remove``."""
    if "--remove" in argv:
        TARGET.unlink(missing_ok=True)
        return 0
    rev, date, modules = commit(), build_date(), tuple(core_modules())
    TARGET.write_text(
        '"""Written by packaging/write_build_info.py for one build; never committed (see app/version.py)."""\n\n'
        f"COMMIT = {rev!r}\nBUILD_DATE = {date!r}\nMODULES = {modules!r}\n",
        encoding="utf-8",
    )
    print(f"{TARGET}: {rev}, {date}, {len(modules)} core modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
