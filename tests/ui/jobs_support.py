"""Shared set-up of the Jobs tests: the Jobs view with fast polling, a connection to the stand-in."""

from __future__ import annotations

import pytest

from app.models.connection import ConnectionProfile
from app.secrets import keystore

MODEL = "gpt-4.1-mini-2025-04-14"


@pytest.fixture(name="view")
def jobs_view_fixture(window):
    """The Jobs view, polling every 50 ms."""
    v = window.pages.widget(2)
    v.poll_interval = v.backoff = 0.05
    return v


async def connect(ctx, standin) -> ConnectionProfile:
    """Make a connection to the stand-in the active one, its key in the (test) keyring."""
    profile = ConnectionProfile(name="Stand-in", base_url=standin.base_url)
    ctx.settings.upsert_connection(profile)
    ctx.settings.active_connection = profile.id
    keystore.set_key(profile.id, standin.api_key)
    return profile
