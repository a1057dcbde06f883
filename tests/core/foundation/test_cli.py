"""``finetune-studio --version`` and ``--self-test`` as a user (or CI) runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

EXE = Path(sys.executable).with_name("finetune-studio")


def run(*args, env=None):
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=120, env=env)


def test_version():
    r = run("--version")
    assert r.returncode == 0
    first, second = r.stdout.splitlines()
    assert first == f"Finetune Studio {__version__}"
    assert second.startswith("commit ")  # and the build date, or "run from source"


def test_self_test_passes_here(app_home):
    env = {**os.environ, "FINETUNE_STUDIO_HOME": str(app_home)}
    if os.environ.get("FTS_REAL_KEYRING"):
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
    r = run("--self-test", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "self-test passed" in r.stdout
    for check in ("keyring", "project store", "core modules", "tokenizer", "Qt window"):
        assert f"] {check}:" in r.stdout
    if os.environ.get("FTS_REAL_KEYRING"):
        assert "[ok  ] keyring: backend in use: SecretService" in r.stdout


def test_self_test_fails_and_says_why_when_a_core_module_is_broken(tmp_path, app_home):
    # A sitecustomize that breaks one core module's import, as a frozen build missing a file would.
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\nclass Broken:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'app.redact':\n"
        "            raise ImportError('simulated missing module')\n"
        "sys.meta_path.insert(0, Broken())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "FINETUNE_STUDIO_HOME": str(app_home)}
    r = run("--self-test", env=env)
    assert r.returncode == 1
    assert "FAIL" in r.stdout and "simulated missing module" in r.stdout


@pytest.mark.parametrize("args", [["--no-such-flag"]])
def test_bad_usage_exits_2(args):
    r = run(*args)
    assert r.returncode == 2
    assert "usage:" in r.stderr
