"""Which build this is (``app.version``): ``--version``, the build info a packaged build carries, and
the self-test's use of its module list."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from app import __version__, selftest, version

ROOT = Path(__file__).resolve().parents[3]
EXE = Path(sys.executable).with_name("finetune-studio")


@pytest.fixture
def fresh_build_info(monkeypatch):
    """``build_info()`` computed anew in the test, and again afterwards for the other tests."""
    version.build_info.cache_clear()
    yield
    version.build_info.cache_clear()


def _fake_build_info(monkeypatch, **fields):
    module = types.ModuleType("app._build_info")
    module.__dict__.update(fields)
    monkeypatch.setitem(sys.modules, "app._build_info", module)
    import app

    monkeypatch.setattr(app, "_build_info", module, raising=False)


def test_version_command_prints_version_commit_and_source_run():
    r = subprocess.run([str(EXE), "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.strip().splitlines()
    assert first == f"Finetune Studio {__version__}"
    assert second.startswith("commit ") and second.endswith(", run from source")
    git = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--abbrev=12"],
                         capture_output=True, text=True, check=False)
    if git.returncode == 0:  # a checkout: the commit is git's own description of it
        assert second == f"commit {git.stdout.strip()}, run from source"


def test_pyproject_and_app_agree_on_the_version():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["version"] == __version__


def test_a_packaged_build_reports_its_recorded_commit_and_date(monkeypatch, fresh_build_info):
    _fake_build_info(monkeypatch, COMMIT="abc123def456", BUILD_DATE="2026-11-26 08:40 UTC", MODULES=("app", "app.x"))
    info = version.build_info()
    assert (info.version, info.commit, info.build_date, info.modules) == (
        __version__, "abc123def456", "2026-11-26 08:40 UTC", ("app", "app.x"))
    assert not info.from_source
    assert version.version_text() == f"Finetune Studio {__version__}\ncommit abc123def456, built 2026-11-26 08:40 UTC"


def test_a_frozen_build_without_build_info_says_unknown(monkeypatch, fresh_build_info):
    monkeypatch.setitem(sys.modules, "app._build_info", None)  # import fails
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    info = version.build_info()
    assert info.summary() == "commit unknown, built unknown"


def test_outside_a_checkout_the_commit_is_unknown(tmp_path):
    assert version._git_describe(tmp_path) == "unknown"


def test_write_build_info_writes_what_version_reads(tmp_path, monkeypatch, fresh_build_info):
    spec = importlib.util.spec_from_file_location("write_build_info", ROOT / "packaging" / "write_build_info.py")
    writer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(writer)
    target = tmp_path / "_build_info.py"
    monkeypatch.setattr(writer, "TARGET", target)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764146400")  # 2025-11-26 08:40 UTC
    assert writer.main([]) == 0
    ns: dict = {}
    exec(target.read_text(encoding="utf-8"), ns)  # noqa: S102 - our own generated file
    assert ns["BUILD_DATE"] == "2025-11-26 08:40 UTC"
    assert ns["COMMIT"]
    # The module list is the source tree's: what the self-test walks in a checkout.
    walked = sorted(selftest.iter_core_modules())
    assert list(ns["MODULES"]) == [m for m in walked if m != "app._build_info"]


def test_self_test_imports_modules_recorded_at_build_time(monkeypatch, fresh_build_info):
    # A module the build recorded but the bundle lost: walking the package would not show it.
    _fake_build_info(monkeypatch, COMMIT="x", BUILD_DATE="d", MODULES=("app", "app.lost_in_the_bundle"))
    assert "app.lost_in_the_bundle" in list(selftest.iter_core_modules())
    result = selftest.check_core_imports()
    assert not result.ok and "app.lost_in_the_bundle" in result.detail
