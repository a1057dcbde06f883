"""Fixtures every core test may use: a real project file on disk, opened as the app opens it."""

from __future__ import annotations

import pytest

from app.services.projects import open_project_sync
from app.store.project_file import create_project


@pytest.fixture
def project(tmp_path):
    """A new project file in the test's folder, open (closed again after the test)."""
    path = tmp_path / "data.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()
