"""Pytest fixtures for the stand-in OpenAI server (load with ``pytest_plugins = ["tests.standin.fixtures"]``).

* ``standin``: a fresh, started ``StandinServer`` per test, stopped afterwards.
* ``standin_session``: one server for the whole session; it is ``reset()`` before each use through
  ``standin_shared``, which is what tests should request when they want the shared one.

Both fail the test at teardown if a route handler crashed, since that is a bug in the stand-in, not in
the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.standin.server import StandinServer


def _check_no_handler_errors(server: StandinServer) -> None:
    problems = server.errors
    if problems:
        pytest.fail(f"the stand-in server's route handlers raised: {problems!r}", pytrace=False)


@pytest.fixture
def standin() -> Iterator[StandinServer]:
    """A started stand-in OpenAI server for one test; see ``StandinServer`` for knobs and ``inject``."""
    server = StandinServer().start()
    try:
        yield server
        _check_no_handler_errors(server)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def standin_session() -> Iterator[StandinServer]:
    """One stand-in server for the whole session (not reset; prefer ``standin_shared``)."""
    server = StandinServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def standin_shared(standin_session: StandinServer) -> Iterator[StandinServer]:
    """The session-wide stand-in server, reset to defaults for this test (cheaper than ``standin``)."""
    standin_session.reset()
    yield standin_session
    _check_no_handler_errors(standin_session)
    standin_session.reset()
