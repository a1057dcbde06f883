"""``finetune-studio jobs …``: the real console script in a subprocess against the stand-in server."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from app.models.connection import ConnectionProfile
from app.services import jobs_api, providers, uploads
from tests.core.datasets.conftest import sft, write_jsonl

SCRIPT = Path(sys.executable).with_name("finetune-studio")
MODEL = "gpt-4.1-mini-2025-04-14"


def start(server, *args: str, key: bool = True) -> subprocess.Popen:
    """Start the command (several may run at once: each spends a second importing the SDK)."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    if key:
        env["OPENAI_API_KEY"] = server.api_key
    return subprocess.Popen(
        [str(SCRIPT), "jobs", *args, "--base-url", server.base_url, "--timeout", "10"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
    )


def finish(proc: subprocess.Popen, timeout: float = 30) -> subprocess.CompletedProcess:
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run(server, *args: str, key: bool = True) -> subprocess.CompletedProcess:
    return finish(start(server, *args, key=key))


def new_job(server, train: Path) -> str:
    """A job made in-process (faster than another subprocess; launching itself is tested above)."""

    async def make() -> str:
        profile = ConnectionProfile(name="Work", base_url=server.base_url)
        client = providers.build_client(profile, server.api_key, timeout=5.0)
        try:
            file_id = await uploads.upload_training_file(client, profile, train)
            job = await jobs_api.create_job(client, profile, model=MODEL, training_file=file_id,
                                            method="supervised", client_request_id=uuid.uuid4().hex)
            return job.id
        finally:
            await client.close()

    return asyncio.run(make())


def test_launch_starts_exactly_one_job(standin, train):
    done = run(standin, "launch", str(train), "--method", "sft", "--model", MODEL, "--yes", "--json",
               "--suffix", "law", "--n-epochs", "2")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # --json: stdout holds the one object, the rest goes to stderr
    assert result["started"] and list(standin.ft.jobs) == [result["id"]]
    job = standin.ft.jobs[result["id"]].obj
    assert job["metadata"]["app_request_id"] == result["request_id"]
    assert standin.ft.contents[job["training_file"]] == train.read_bytes()
    assert "epochs: 2 (chosen)" in done.stderr and "cost:" in done.stderr


def test_file_with_errors_exits_1_before_any_upload(standin, tmp_path):
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, [sft(i) for i in range(11)] + [{"messages": [{"role": "user", "content": "no answer"}]}])
    done = run(standin, "launch", str(path), "--method", "sft", "--model", MODEL, "--yes")
    assert done.returncode == 1
    assert "error" in done.stdout and "line 12" in done.stdout and "Nothing was uploaded" in done.stdout
    assert not standin.requests


def test_no_confirmation_without_a_terminal_exits_2(standin, train):
    done = run(standin, "launch", str(train), "--method", "sft", "--model", MODEL)
    assert done.returncode == 2 and "--yes" in done.stderr
    assert not standin.requests


def test_usage_errors_exit_2(standin, train):
    done = run(standin, "launch", str(train), "--method", "sft", "--model", MODEL, "--yes", key=False)
    assert done.returncode == 2 and "OPENAI_API_KEY" in done.stderr
    done = run(standin, "launch", str(train), "--method", "rft", "--model", MODEL, "--yes")
    assert done.returncode == 2 and "--grader" in done.stderr
    assert not standin.requests


def test_refusal_exits_1_with_the_wind_down_message(standin, train):
    standin.ft_refuse = {"status": 403, "message": "This organization is not entitled to create fine-tuning jobs."}
    done = run(standin, "launch", str(train), "--method", "sft", "--model", MODEL, "--yes")
    assert done.returncode == 1
    assert "2027-01-06" in done.stderr and "Traceback" not in done.stderr
    assert "12 SFT examples" in done.stdout and "billable tokens" in done.stdout  # the readable estimate
    assert not standin.ft.jobs


def test_list_show_follow_and_cancel(standin, train):
    first = new_job(standin, train)
    second = new_job(standin, train)
    listing = start(standin, "list", "--json")
    following = start(standin, "show", first, "--follow", "--interval", "0.05")
    cancelling = start(standin, "cancel", second)
    listed = finish(listing)
    assert listed.returncode == 0, listed.stderr
    assert [j["id"] for j in json.loads(listed.stdout)] == [second, first]

    followed = finish(following)
    assert followed.returncode == 0, followed.stderr
    out = followed.stdout
    assert "status: running" in out and "status: succeeded" in out
    assert "metrics step 3/3" in out and "train_loss=" in out
    assert "trained model: ft:" in out

    cancelled = finish(cancelling)
    assert cancelled.returncode == 0 and f"{second}: cancelled" in cancelled.stdout
    pausing = start(standin, "pause", second)
    missing = finish(start(standin, "show", "ftjob-nope", "--follow", "--interval", "0.05"))
    assert missing.returncode == 1 and "not found" in missing.stderr
    again = finish(pausing)  # a cancelled job cannot pause: the provider's plain message
    assert again.returncode == 1 and "Traceback" not in again.stderr and again.stderr.strip()
