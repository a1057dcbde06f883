"""``finetune-studio --self-test``: prove the installed app has what it needs.

Checks the parts frozen builds tend to lose: keyring backends (found through entry points),
the SQLite project store, every core module. Each check yields a line; any failure → exit 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import app


@dataclass(frozen=True)
class CheckResult:
    """One line of the self-test report."""

    name: str
    ok: bool
    detail: str
    warning: bool = False  # works, but the user should know (e.g. no keyring daemon running)

    def line(self) -> str:
        """The line printed for this check."""
        mark = "ok  " if self.ok and not self.warning else ("warn" if self.ok else "FAIL")
        return f"[{mark}] {self.name}: {self.detail}"


def _native_backend_module() -> str:
    if sys.platform == "darwin":
        return "keyring.backends.macOS"
    if sys.platform == "win32":
        return "keyring.backends.Windows"
    return "keyring.backends.SecretService"


def check_keyring() -> CheckResult:
    """The native keyring backend is present, and say which backend is active."""
    from app.secrets import keystore

    try:
        importlib.import_module(_native_backend_module())
    except Exception as exc:  # noqa: BLE001 - report whatever broke
        return CheckResult("keyring", False, f"native backend {_native_backend_module()} missing: {exc}")
    name = keystore.backend_name()
    if not keystore.is_available():
        return CheckResult(
            "keyring", True, f"backend code present, but no keyring service is running ({name})", warning=True
        )
    return CheckResult("keyring", True, f"backend in use: {name}")


def check_project_store() -> CheckResult:
    """A temporary project can be created, opened, written, closed."""
    from app.services.projects import open_project_sync
    from app.store.project_file import create_project

    with tempfile.TemporaryDirectory(prefix="ftstudio-selftest-") as tmp:
        path = Path(tmp) / "self-test.ftproj"
        create_project(path, "Self-test")
        project = open_project_sync(path)
        try:
            project.db.submit_write(lambda db: db["meta"].upsert({"key": "self_test", "value": "1"}, pk="key")).result()
            value = project.db.submit_read(
                lambda db: db.conn.execute("SELECT value FROM meta WHERE key='self_test'").fetchone()[0]
            ).result()
        finally:
            project._close_sync()
        if value != "1":
            return CheckResult("project store", False, "a value written was not read back")
    import sqlite3

    return CheckResult(
        "project store", True, f"created, wrote and reopened a project (SQLite {sqlite3.sqlite_version})"
    )


def iter_core_modules() -> Iterator[str]:
    """Names of every module in the ``app`` package."""
    yield "app"
    for info in pkgutil.walk_packages(app.__path__, prefix="app."):
        yield info.name


def check_core_imports() -> CheckResult:
    """Every core module imports."""
    names = list(iter_core_modules())
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001
            return CheckResult("core modules", False, f"{name} failed to import: {type(exc).__name__}: {exc}")
    return CheckResult("core modules", True, f"{len(names)} modules import")


def check_tokenizer() -> CheckResult:
    """Token counting works with no network (the o200k_base vocabulary ships with the app)."""
    from app.formats.tokens import count_text

    n = count_text("Hello world, the tenant pays.")
    if n != 7:
        return CheckResult("tokenizer", False, f"o200k_base counted {n} tokens where 7 were expected")
    return CheckResult("tokenizer", True, "o200k_base loaded offline")


CORE_CHECKS: list[Callable[[], CheckResult]] = [check_keyring, check_project_store, check_core_imports, check_tokenizer]


def run_checks(checks: list[Callable[[], CheckResult]]) -> list[CheckResult]:
    """Run each check, turning an unexpected exception into a failed line."""
    out = []
    for check in checks:
        try:
            out.append(check())
        except Exception as exc:  # noqa: BLE001
            name = check.__name__.removeprefix("check_").replace("_", " ")
            out.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}"))
    return out
