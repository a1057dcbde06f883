"""Test hygiene for the whole suite: Qt offscreen, app folders in a temp dir, an in-memory
keyring unless a test asks for the real one."""

from __future__ import annotations

import os

# Before anything can import Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# Tests read English texts unless they choose a language themselves (a developer's terminal may be
# set to Portuguese; the app and the CLI would then answer in Portuguese).
os.environ["LANGUAGE"] = "en"

import keyring  # noqa: E402
import pytest  # noqa: E402

from tests.memory_keyring import MemoryKeyring  # noqa: E402

pytest_plugins = ["tests.standin.fixtures"]


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    """Every test gets its own data, settings and log folders."""
    home = tmp_path / "fts-home"
    monkeypatch.setenv("FINETUNE_STUDIO_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring(request):
    """An in-memory keyring for every test except those marked ``real_keyring``."""
    from app.secrets import keystore

    keystore.clear_cache()
    previous = keyring.get_keyring()
    if request.node.get_closest_marker("real_keyring"):
        yield None
    else:
        kr = MemoryKeyring()
        keyring.set_keyring(kr)
        yield kr
    keyring.set_keyring(previous)
    keystore.clear_cache()
