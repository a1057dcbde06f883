"""Network faults seen through the real views: the Jobs view's Refresh, the launch wizard's "Start
training" and a Playground send, each under six faults, one subtest each: a timeout, a connection
reset (mid-stream for the Playground), a 503, a 429 asking to wait five minutes, an HTML page instead
of the API, a name that does not resolve.

For each: a 10 ms QTimer records how long the GUI thread goes without turning while the fault plays
out (the longest gap must stay under 200 ms), the banner / the wizard's result / the pane shows the
plain message, nothing local is lost (the cached jobs, the dataset, the words already streamed), and
once the fault is gone the same action works, without a second job.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid

import openai._base_client as sdk_base
import pytest
from PySide6.QtCore import QTimer

from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import jobs_api, providers, uploads
from app.services.importing import ImportRequest, run_import
from app.store import datasets_repo, jobs_repo
from tests.core.datasets.conftest import sft, write_jsonl
from tests.hardening.test_network_faults import LINE, assert_plain
from tests.ui import conftest as ui_test_bed
from tests.ui.conftest import until
from tests.ui.jobs_support import MODEL, jobs_view_fixture  # noqa: F401 - the "view" fixture
from tests.ui.playground_support import MINI, all_done, answer_of, playground_fixture, set_models, type_and_send
from ui.jobs.launch_wizard import RESULT

# The UI test bed's fixtures (tests/ui/conftest.py does not reach this folder), registered by name.
globals().update({name: getattr(ui_test_bed, name) for name in ("qloop", "arun", "ctx", "window")})

_ = playground_fixture  # the "pg" fixture
MAX_STALL = 0.2  # seconds the GUI thread may go without turning
CLIENT_TIMEOUT = 0.2
PERSISTENT = 60
DNS = "https://nonexistent.invalid/v1"

# fault -> (what the server does, words the message must contain)
FAULTS = {
    "timeout": ({"delay": 0.4}, "did not answer in time"),
    "reset": ({"drop": True}, "broke off"),
    "503": ({"status": 503}, "error 503"),
    "429_wait_5_minutes": ({"status": 429, "headers": {"retry-after": "300"}}, "try again after"),
    "garbage": ({"garbage": True}, "not like an OpenAI-compatible API"),
    "dns": (None, "could not be found"),
}


class StallProbe:
    """A 10 ms QTimer on the GUI thread; ``longest`` is the longest time between two ticks."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def __enter__(self) -> StallProbe:
        self.last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.stop()
        self._tick()  # the stretch up to the end counts too

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)

    def check(self) -> None:
        assert self.gaps, "the probe never ran"
        assert self.longest < MAX_STALL, f"the GUI thread stalled {self.longest * 1000:.0f} ms"


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """Short timeouts and pauses (the number of tries stays): clients from the pool time out quickly."""
    monkeypatch.setattr(sdk_base, "INITIAL_RETRY_DELAY", 0.01)
    monkeypatch.setattr(sdk_base, "MAX_RETRY_DELAY", 0.05)
    monkeypatch.setattr(uploads, "BACKOFF", 0.01)
    monkeypatch.setattr(jobs_api, "DEFAULT_BACKOFF", 0.01)
    build = providers.build_client
    monkeypatch.setattr(providers, "build_client",
                        lambda profile, key, **kw: build(profile, key, **{**kw, "timeout": CLIENT_TIMEOUT}))


async def connect(ctx, standin) -> ConnectionProfile:
    """The stand-in as the active connection, its key in the (test) keyring."""
    profile = ConnectionProfile(name="Stand-in", base_url=standin.base_url)
    ctx.settings.upsert_connection(profile)
    ctx.settings.active_connection = profile.id
    await run_blocking(keystore.set_key, profile.id, standin.api_key)
    ctx.settings_changed.emit()
    return profile


def break_it(ctx, standin, profile, fault: str, path: str) -> None:
    inject, _words = FAULTS[fault]
    if inject is None:
        ctx.settings.upsert_connection(dataclasses.replace(profile, base_url=DNS))
    else:
        standin.inject(path=path, times=PERSISTENT, **inject)


def mend_it(ctx, standin, profile) -> None:
    standin.clear_faults()
    ctx.settings.upsert_connection(profile)


def check_message(text: str, fault: str) -> None:
    assert FAULTS[fault][1] in text, text
    assert_plain(text)


def test_jobs_view_refresh(window, view, ctx, arun, standin, subtests):
    async def scenario():
        profile = await connect(ctx, standin)
        file_id = standin.ft.add_file("lease.jsonl", "fine-tune", LINE * 4)["id"]
        await jobs_api.create_job(ctx.clients.get(profile, standin.api_key), profile, model=MODEL,
                                  training_file=file_id, method="supervised", client_request_id=uuid.uuid4().hex)
        window.sidebar.setCurrentRow(2)  # the Jobs view, as the user sees it
        await view.refresh()
        cached = [r.id for r in view.model.rows]
        assert len(cached) == 1 and view.banner.isHidden()
        for fault in FAULTS:
            with subtests.test(fault=fault):
                break_it(ctx, standin, profile, fault, "/fine_tuning/jobs")
                with StallProbe() as probe:
                    view.refresh_action.trigger()
                    await until(lambda: view.banner.isVisible(), timeout=8, what="the banner")
                probe.check()
                check_message(view.banner.message.text(), fault)
                assert [r.id for r in view.model.rows] == cached  # the cached list stays
                assert len(await ctx.project.db.read(jobs_repo.list_jobs)) == 1

                mend_it(ctx, standin, profile)
                await view.refresh()
                assert view.banner.isHidden() and [r.id for r in view.model.rows] == cached
                assert len(standin.ft.jobs) == 1

    arun(scenario(), timeout=40)


def test_launch_wizard_start(window, view, ctx, arun, standin, tmp_path, subtests):
    from tests.ui.test_launch_wizard import to_confirmation

    async def launch_under(fault, profile, dataset_id):
        jobs_before = len(standin.ft.jobs)
        wiz = await to_confirmation(view, dataset_id)
        break_it(ctx, standin, profile, fault, "/fine_tuning/jobs")
        with StallProbe() as probe:
            wiz.start()
            await until(lambda: wiz.pages.currentIndex() == RESULT, timeout=10, what="the result")
        probe.check()
        text = wiz.result_text.text()
        assert text.startswith("The job was not started: ")
        check_message(text, fault)
        assert wiz.job_id is None and wiz.back_button.isVisible()
        examples = await ctx.project.db.read(datasets_repo.example_ids, dataset_id)
        assert len(examples) == 10  # the data is untouched
        assert len(standin.ft.jobs) <= jobs_before + 1  # a job made after the client gave up, at most

        mend_it(ctx, standin, profile)
        await asyncio.sleep(0.4)  # a create the client gave up on finishes on the server
        await view.refresh()  # what the wizard's message says to do: it finds a job made anyway
        if len(standin.ft.jobs) == jobs_before:
            wiz.back()
            await until(lambda: wiz.start_button.isEnabled(), what="the plan again")
            wiz.start()
            await until(lambda: wiz.pages.currentIndex() == RESULT and wiz.job_id, timeout=8,
                        what="started")
        assert len(standin.ft.jobs) == jobs_before + 1  # one job, never two
        training = [f for f in standin.ft.files.values() if f["purpose"] == "fine-tune"]
        assert len(training) == 1  # the same data is uploaded once
        newest = next(reversed(standin.ft.jobs))
        await until(lambda: view.model.row_of(newest) >= 0, what="listed")

    async def scenario():
        profile = await connect(ctx, standin)
        path = tmp_path / "lease.jsonl"
        write_jsonl(path, [sft(i) for i in range(10)])
        dataset_id = (await run_blocking(run_import, ctx.project, ImportRequest(path, name="lease"))).dataset_id
        for fault in FAULTS:
            with subtests.test(fault=fault):
                try:
                    await launch_under(fault, profile, dataset_id)
                finally:
                    if view.wizard is not None:
                        view.wizard.close()
                    mend_it(ctx, standin, profile)

    arun(scenario(), timeout=90)


def test_playground_send(pg, ctx, arun, standin_shared, subtests):
    standin_shared.reply_text = "one two three four five six seven eight"
    # The stand-in checks every chunk against the API spec in this process; loading the spec would
    # compete with the GUI thread for the GIL: a stall of the test bed, not of the app.
    standin_shared.validate_chunks = False

    async def scenario():
        await until(lambda: pg.project is not None and not pg.loading, what="the session loaded")
        profile = await connect(ctx, standin_shared)
        set_models(pg, [MINI, MINI], profile)
        for fault in FAULTS:
            with subtests.test(fault=fault):
                if fault == "reset":  # mid-stream: the words before it stay
                    standin_shared.inject(path="/chat/completions", drop_after_chunks=3, times=PERSISTENT)
                else:
                    break_it(ctx, standin_shared, profile, fault, "/chat/completions")
                turns = len(pg.session.turns)
                with StallProbe() as probe:
                    type_and_send(pg, f"Hello under {fault}")
                    await all_done(pg, timeout=8)
                probe.check()
                for i in range(2):
                    answer = answer_of(pg, i)
                    assert answer.error, f"pane {i} did not fail"
                    shown = pg.panes[i].error.text()
                    assert pg.panes[i].error.isVisible() and shown.startswith("✖ Error:")
                    check_message(shown.removeprefix("✖ Error: "), fault)
                    if fault == "reset":
                        assert answer.text == "one two" and "one two" in pg.panes[i].transcript.toPlainText()
                assert pg.message_bar.send_button.isEnabled()

                mend_it(ctx, standin_shared, profile)
                type_and_send(pg, "Again")
                await all_done(pg, timeout=8)
                answers = [(answer_of(pg, i).error, bool(answer_of(pg, i).text)) for i in range(2)]
                assert answers == [(None, True)] * 2
                assert len(pg.session.turns) == turns + 2  # the failed turn is kept in the conversation
                assert pg.session.turns[turns].user == f"Hello under {fault}"

    arun(scenario(), timeout=60)
