"""``finetune-studio --self-test``: prove the installed app has what it needs.

Checks the parts frozen builds tend to lose: keyring backends (found through entry points, i.e.
package metadata), the SQLite project store, every core module (including those the build recorded),
the offline tokenizer, worker processes (``multiprocessing.freeze_support()`` in the entry point) and
the CA certificates provider calls need. The UI adds its Qt checks. Each check yields a line; any
failure → exit 1.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pkgutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import app
from app.i18n import _, ngettext, number


@dataclass(frozen=True)
class CheckResult:
    """One line of the self-test report."""

    name: str
    ok: bool
    detail: str
    warning: bool = False  # works, but the user should know (e.g. no keyring daemon running)

    def line(self) -> str:
        """The line printed for this check."""
        if self.ok and not self.warning:
            text = _("[ok  ] {name}: {detail}")
        elif self.ok:
            text = _("[warn] {name}: {detail}")
        else:
            text = _("[FAIL] {name}: {detail}")
        return text.format(name=self.name, detail=self.detail)


def _native_backend_module() -> str:
    if sys.platform == "darwin":
        return "keyring.backends.macOS"
    if sys.platform == "win32":
        return "keyring.backends.Windows"
    return "keyring.backends.SecretService"


def check_keyring() -> CheckResult:
    """The native keyring backend is present, and say which backend is active."""
    from app.secrets import keystore

    title = _("keyring")
    module = _native_backend_module()
    try:
        importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - report whatever broke
        return CheckResult(title, False, _("native backend {module} missing: {error}").format(module=module, error=exc))
    # keyring finds its backends through entry points, i.e. its package metadata, which a frozen
    # build drops unless told to keep it: then only the "fail" backend remains, silently.
    from importlib.metadata import entry_points

    advertised = {ep.value.split(":")[0] for ep in entry_points(group="keyring.backends")}
    if module not in advertised:
        return CheckResult(
            title, False, _("keyring's entry points do not list {module} (metadata missing?)").format(module=module)
        )
    name = keystore.backend_name()
    if not keystore.is_available():
        return CheckResult(
            title,
            True,
            _("backend code present, but no keyring service is running ({name})").format(name=name),
            warning=True,
        )
    return CheckResult(title, True, _("backend in use: {name}").format(name=name))


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
            return CheckResult(_("project store"), False, _("a value written was not read back"))
    import sqlite3

    return CheckResult(
        _("project store"),
        True,
        _("created, wrote and reopened a project (SQLite {version})").format(version=sqlite3.sqlite_version),
    )


def iter_core_modules() -> Iterator[str]:
    """Names of every module in the ``app`` package, plus those a packaged build recorded at build time
    (walking a frozen package lists only what made it into the bundle, so a lost module would not show)."""
    from app.version import build_info

    seen = {"app"}
    yield "app"
    for info in pkgutil.walk_packages(app.__path__, prefix="app."):
        seen.add(info.name)
        yield info.name
    for name in build_info().modules:
        if name not in seen:
            seen.add(name)
            yield name


def check_core_imports() -> CheckResult:
    """Every core module imports."""
    names = list(iter_core_modules())
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001
            error = f"{type(exc).__name__}: {exc}"
            failed.append(_("{name} failed to import: {error}").format(name=name, error=error))
    if failed:  # all of them: one broken module often hides another
        return CheckResult(_("core modules"), False, "; ".join(failed))
    n = len(names)
    imported = ngettext("{n} module imports", "{n} modules import", n)
    return CheckResult(_("core modules"), True, imported.format(n=number(n)))


def check_tokenizer() -> CheckResult:
    """Token counting works with no network (the o200k_base vocabulary ships with the app)."""
    from app.formats.tokens import count_text

    n = count_text("Hello world, the tenant pays.")
    if n != 7:
        wrong = ngettext(
            "o200k_base counted {n} token where 7 were expected",
            "o200k_base counted {n} tokens where 7 were expected",
            n,
        )
        return CheckResult(_("tokenizer"), False, wrong.format(n=number(n)))
    return CheckResult(_("tokenizer"), True, _("o200k_base loaded offline"))


def _worker_probe(text: str) -> tuple[int, int]:
    """Runs in a spawned worker: the worker's pid and a token count (the tokenizer loads there too)."""
    from app.formats.tokens import count_text

    return os.getpid(), count_text(text)


def check_worker_process() -> CheckResult:
    """A spawned worker process starts and computes, as the import and check pools need.

    In a frozen build the worker is the app's own executable started with ``--multiprocessing-fork``;
    without ``multiprocessing.freeze_support()`` first thing in the entry point it would parse that as
    the app's arguments and exit, and every import would fail with a broken pool.
    """
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        pid, n = pool.submit(_worker_probe, "Hello world, the tenant pays.").result(timeout=120)
    if pid == os.getpid() or n != 7:
        wrong = ngettext("worker answered pid {pid}, {n} token", "worker answered pid {pid}, {n} tokens", n)
        return CheckResult(_("worker process"), False, wrong.format(pid=pid, n=number(n)))
    return CheckResult(_("worker process"), True, _("a spawned worker started and counted tokens"))


def check_tls() -> CheckResult:
    """CA certificates for HTTPS to the provider are found (the SDK's own lookup; a frozen build carries
    OpenSSL from the build machine, whose compiled-in certificate paths may not exist on the user's)."""
    import ssl

    try:
        import httpcore2  # the OpenAI SDK's transport: use exactly its lookup

        ctx = httpcore2.default_ssl_context()
    except ImportError:
        ctx = ssl.create_default_context()
    n = ctx.cert_store_stats().get("x509_ca", 0)
    if n == 0:
        paths = ssl.get_default_verify_paths()
        capath = paths.capath or paths.openssl_capath
        if capath and os.path.isdir(capath) and any(f.endswith(".0") for f in os.listdir(capath)):
            return CheckResult(_("TLS certificates"), True, _("CA certificates in {folder}").format(folder=capath))
        return CheckResult(
            _("TLS certificates"),
            False,
            _(
                "no CA certificates found, so provider calls would fail; install the system's CA certificates "
                "(Debian/Ubuntu: ca-certificates)"
            ),
        )
    loaded = ngettext("{n} CA certificate loaded", "{n} CA certificates loaded", n)
    return CheckResult(_("TLS certificates"), True, loaded.format(n=number(n)))


CORE_CHECKS: list[Callable[[], CheckResult]] = [
    check_keyring,
    check_project_store,
    check_core_imports,
    check_tokenizer,
    check_worker_process,
    check_tls,
]


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
