#!/usr/bin/env python3
"""Build the app's translations: ``.ts`` (sources, in git) → ``.qm`` (build outputs, git-ignored).

    .venv/bin/python tools/build_translations.py            # lrelease each .ts newer than its .qm
    .venv/bin/python tools/build_translations.py --force    # lrelease every .ts
    .venv/bin/python tools/build_translations.py --extract  # lupdate the .ts from the code first

``./dev.sh run`` and ``./dev.sh test`` run the first form before starting; the packaging build runs
``--force``. Besides our ``finetune_studio_<lang>.qm``, Qt's own ``qtbase_<lang>.qm`` (standard
buttons and dialogs, shipped with PySide6) is copied into ``resources/translations/``, so the bundle
needs nothing from PySide6's translations folder.

``--extract`` runs ``pyside6-lupdate`` over every ``.py`` of ``ui/`` and ``app/`` that calls
``tr``/``translate``/``QT_TRANSLATE_NOOP`` and updates each ``resources/translations/*.ts`` in place:
new texts arrive as unfinished, translations of unchanged texts stay, texts gone from the code are
dropped (``-no-obsolete``; a changed text keeps its old translation as an unfinished suggestion).
Without a ``.ts`` yet, ``--extract --new pt_BR`` creates ``finetune_studio_pt_BR.ts``.
``finetune_studio_en.ts`` holds only the English plural forms of texts counted with ``%n``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUE = "finetune_studio"
SOURCE_DIRS = ("ui", "app")
QT_CATALOGUES = ("qtbase",)
SOURCE_LANGUAGE = "en"
# The calls pyside6-lupdate extracts from Python.
TRANSLATABLE = re.compile(r"\btr\(|\btranslate\(|\bQT_TR(ANSLATE)?_NOOP")


def qt_tool(name: str) -> str:
    """The path of Qt's ``lupdate``/``lrelease`` shipped inside PySide6 (what ``pyside6-<name>`` runs)."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (f"{name}.exe" if os.name == "nt" else name)
    if exe.exists():
        return str(exe)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if not found:
        sys.exit(f"error: Qt's {name} not found (is PySide6 installed in this Python? {sys.executable})")
    return found


def source_files() -> list[Path]:
    """Every Python file of the app that asks for a translation, in a stable order."""
    files = []
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if TRANSLATABLE.search(path.read_text(encoding="utf-8")):
                files.append(path)
    return files


def ts_files() -> list[Path]:
    """The catalogues, one per language: ``resources/translations/finetune_studio_<lang>.ts``."""
    return sorted(TRANSLATIONS.glob(f"{CATALOGUE}_*.ts"))


def language_of(ts: Path) -> str:
    """``finetune_studio_pt_BR.ts`` → ``pt_BR``."""
    return ts.stem[len(CATALOGUE) + 1:]


def extract(ts_paths: list[Path], quiet: bool = False) -> None:
    """Run ``pyside6-lupdate`` over the sources into each ``.ts``."""
    files = [str(p.relative_to(ROOT)) for p in source_files()]
    for ts in ts_paths:
        # English is the source language: its catalogue holds only the plural forms of "%n" texts
        # ("1 example" / "2 examples"), everything else is shown as written.
        plural_only = ["-pluralonly"] if language_of(ts) == SOURCE_LANGUAGE else []
        cmd = [qt_tool("lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "absolute", *plural_only,
               "-source-language", SOURCE_LANGUAGE, "-target-language", language_of(ts), *files,
               "-ts", str(ts.relative_to(ROOT))]
        run(cmd, quiet)


def release(ts: Path, quiet: bool = False) -> Path:
    """Run ``pyside6-lrelease`` on one ``.ts``; returns the ``.qm``."""
    qm = ts.with_suffix(".qm")
    run([qt_tool("lrelease"), str(ts.relative_to(ROOT)), "-qm", str(qm.relative_to(ROOT))], quiet)
    return qm


def copy_qt_catalogues(language: str, quiet: bool = False) -> list[Path]:
    """Copy Qt's own ``qtbase_<lang>.qm`` from PySide6 beside ours (when PySide6 has it)."""
    from PySide6.QtCore import QLibraryInfo

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    out = []
    for catalogue in QT_CATALOGUES:
        src, dst = qt_dir / f"{catalogue}_{language}.qm", TRANSLATIONS / f"{catalogue}_{language}.qm"
        if not src.exists():
            print(f"note: PySide6 has no {src.name}; Qt's standard buttons stay in English", file=sys.stderr)
            continue
        if not dst.exists() or dst.stat().st_mtime < src.stat().st_mtime or dst.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dst)
            if not quiet:
                print(f"copied {src} -> {dst.relative_to(ROOT)}")
        out.append(dst)
    return out


def run(cmd: list[str], quiet: bool) -> None:
    """Run a Qt tool from the repository root; its output only when asked or when it fails."""
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"error: {Path(cmd[0]).name} failed (exit {result.returncode})")
    if not quiet:
        sys.stdout.write(result.stdout + result.stderr)


def build(force: bool = False, quiet: bool = False) -> list[Path]:
    """Compile each ``.ts`` whose ``.qm`` is missing or older (all with ``force``) and copy Qt's
    catalogues; returns the ``.qm`` files written."""
    written = []
    for ts in ts_files():
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            written.append(release(ts, quiet))
        if language_of(ts) != SOURCE_LANGUAGE:  # Qt's own texts are written in English
            copy_qt_catalogues(language_of(ts), quiet)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", action="store_true", help="update the .ts files from the code (lupdate) first")
    parser.add_argument("--new", metavar="LANG", help="with --extract: create finetune_studio_LANG.ts")
    parser.add_argument("--force", action="store_true", help="rebuild every .qm even when up to date")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if args.extract:
        targets = ts_files()
        if args.new:
            targets = sorted({*targets, TRANSLATIONS / f"{CATALOGUE}_{args.new}.ts"})
        if not targets:
            sys.exit("error: no .ts yet: use --extract --new pt_BR")
        extract(targets, args.quiet)
    elif args.new:
        parser.error("--new needs --extract")
    written = build(force=args.force or args.extract, quiet=args.quiet)
    if not args.quiet:
        print(f"{len(written)} .qm file(s) built in {TRANSLATIONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
