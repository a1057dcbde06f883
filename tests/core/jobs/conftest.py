"""Shared fixtures of the jobs tests: a real project file and an SDK client on the stand-in."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio

from app.models.connection import ConnectionProfile
from app.services import providers
from app.services.projects import open_project_sync
from app.store.project_file import create_project
from tests.core.datasets.conftest import sft, write_jsonl


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "jobs.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


@pytest.fixture
def train(tmp_path) -> Path:
    """A valid 12-example SFT file."""
    path = tmp_path / "train.jsonl"
    write_jsonl(path, [sft(i) for i in range(12)])
    return path


@pytest_asyncio.fixture
async def env(standin):
    """(stand-in server, a connection profile to it, an SDK client for that profile)."""
    profile = ConnectionProfile(name="Work", base_url=standin.base_url)
    client = providers.build_client(profile, standin.api_key, timeout=5.0)
    yield standin, profile, client
    await client.close()
