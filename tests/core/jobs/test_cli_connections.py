"""``finetune-studio jobs`` reaching the provider through a saved connection (key from the real OS
keyring) and through Azure OpenAI's URL scheme, against the stand-in server."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from app.models.connection import ConnectionProfile
from app.paths import app_dirs
from app.secrets import keystore
from app.settings import Settings, save_settings
from tests.core.jobs.test_cli_jobs import SCRIPT, new_job


def cli(*args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    if key:
        env["OPENAI_API_KEY"] = key
    return subprocess.run([str(SCRIPT), "jobs", *args, "--timeout", "10"], env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)


def test_azure_endpoint_lists_jobs_with_the_azure_url_and_key_header(standin, train):
    job_id = new_job(standin, train)
    standin.clear_requests()
    done = cli("list", "--json", "--azure-endpoint", standin.azure_endpoint, key=standin.api_key)
    assert done.returncode == 0, done.stderr
    assert [j["id"] for j in json.loads(done.stdout)] == [job_id]
    calls = standin.requests_to("/fine_tuning/jobs", "GET")
    assert calls and all(c.api == "azure" and c.path.startswith("/openai/") for c in calls)
    assert all(c.headers.get("api-key") == standin.api_key and "api-version" in c.query for c in calls)


@pytest.mark.real_keyring
def test_profile_uses_the_saved_connection_and_its_key_from_the_os_keyring(standin, train):
    if not os.environ.get("FTS_REAL_KEYRING"):
        pytest.fail("needs the Secret Service that ./dev.sh test starts", pytrace=False)
    import keyring
    from keyring.backends import SecretService

    keyring.set_keyring(SecretService.Keyring())
    keystore.clear_cache()
    profile = ConnectionProfile(name="Work account", base_url=standin.base_url)
    settings = Settings()
    settings.upsert_connection(profile)
    save_settings(app_dirs().ensure().settings_file, settings)
    keystore.set_key(profile.id, standin.api_key)
    try:
        job_id = new_job(standin, train)
        done = cli("list", "--json", "--profile", "Work account")  # no OPENAI_API_KEY in its environment
        assert done.returncode == 0, done.stderr
        assert [j["id"] for j in json.loads(done.stdout)] == [job_id]
        assert standin.api_key not in done.stdout + done.stderr

        missing = cli("list", "--profile", "Nobody")
        assert missing.returncode == 2 and "“Work account”" in missing.stderr and "Traceback" not in missing.stderr
    finally:
        keystore.delete_key(profile.id)
