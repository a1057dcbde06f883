"""The batch runs panel against the stand-in server: a run where one model fails (its cells marked,
the other model's answers shown), Stop then Resume without repeating finished calls, and the
annotator round trip ending in the win-rate line."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from app.formats.winrate import win_rate
from app.runtime.threads import run_blocking
from app.services.importing import ImportRequest, run_import
from app.store import annotation_repo
from app.store.batch_repo import BatchTarget
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.conftest import until
from tests.ui.jobs_support import MODEL, connect
from ui.playground.batch_panel import BatchRunPanel
from ui.playground.batch_results_model import BatchResultsTableModel

OTHER = "gpt-4o-mini-2024-07-18"
CHAT = "/chat/completions"


@pytest.fixture
def setup(ctx, arun, tmp_path, standin_shared, qtbot):
    """A project with a 6-example SFT dataset, a connection to the stand-in and the panel showing."""

    def make(examples: int = 6) -> BatchRunPanel:
        arun(ctx.open_startup_project())
        path = tmp_path / "lease.jsonl"
        write_jsonl(path, [sft(i) for i in range(examples)])
        arun(run_blocking(run_import, ctx.project, ImportRequest(path, name="lease")))
        profile = arun(connect(ctx, standin_shared))
        panel = BatchRunPanel(ctx)
        qtbot.addWidget(panel)
        panel.resize(1200, 700)
        panel.show()
        panel.profile = profile
        return panel

    return make


async def start(panel, targets, *, concurrency: int = 4) -> None:
    panel.set_targets(targets)
    await until(lambda: panel.setup.dataset_id() is not None, what="datasets listed")
    panel.setup.split_combo.setCurrentIndex(0)  # all examples
    panel.setup.concurrency.setValue(concurrency)
    panel.setup.start_button.click()
    await until(lambda: panel.run is not None and panel.running_id == panel.run.id, what="run started")


def finished(panel, status: str = "done") -> bool:
    return panel.running_id is None and panel.run is not None and panel.run.status == status


def test_a_run_where_one_model_fails_marks_its_cells_and_shows_the_other_answers(setup, arun, qtmodeltester):
    panel = setup()
    targets = [BatchTarget("Model A", panel.profile.id, MODEL), BatchTarget("Model B", panel.profile.id, "gpt-gone")]

    async def scenario():
        await until(lambda: panel.setup.dataset_id() is not None, what="datasets listed")
        panel.setup.split_combo.setCurrentIndex(0)
        panel.set_targets(targets)
        await until(lambda: "About 12 calls (6 examples × 2 models)" in panel.setup.plan_label.text(), what="plan")
        await start(panel, targets)
        await until(lambda: finished(panel, "stopped"), what="run ended")

    arun(scenario(), timeout=15)
    assert panel.progress_label.text() == "6 of 12 calls answered · 6 failed"
    assert panel.progress.value() == panel.progress.maximum() == 12
    model = panel.model
    assert model.rowCount() == 6 and model.labels == ["Model A", "Model B"]
    a, b = BatchResultsTableModel.FIXED, BatchResultsTableModel.FIXED + 1
    assert model.headerData(a, Qt.Orientation.Horizontal) == "Model A"
    for row in range(6):
        assert model.data(model.index(row, 0)) == f"Question number {row} about the lease"
        assert model.data(model.index(row, 1)) == f"Answer number {row}: the tenant pays."
        assert model.rows[row].results[0].output and model.data(model.index(row, a)) != "⚠ failed"
        assert model.data(model.index(row, b)) == "⚠ failed"
        tip = model.data(model.index(row, b), Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith("Failed: ") and "Traceback" not in tip and len(tip) > len("Failed: ") + 10
    assert panel.resume_button.isEnabled()  # failed calls can be tried again
    qtmodeltester.check(model, force_py=True)


def test_stop_then_resume_finishes_without_repeating_finished_calls(setup, arun, standin_shared):
    panel = setup(8)

    def slow(request):
        time.sleep(0.04)
        return f"Answer of {request.model}"

    standin_shared.reply_text = slow
    targets = [BatchTarget("Model A", panel.profile.id, MODEL), BatchTarget("Model B", panel.profile.id, OTHER)]
    seen: dict[str, int] = {}

    async def scenario():
        await start(panel, targets, concurrency=1)
        await until(lambda: panel.progress.value() >= 4, what="some answers")
        panel.stop_button.click()
        await until(lambda: finished(panel, "stopped"), what="stopped")
        seen["done"] = panel.run.done
        seen["requests"] = len(standin_shared.requests_to(CHAT))
        assert 4 <= panel.run.done < 16 and panel.run.failed == 0
        assert panel.resume_button.isEnabled() and not panel.stop_button.isEnabled()
        panel.resume_button.click()
        await until(lambda: finished(panel, "done"), timeout=8, what="finished")

    arun(scenario(), timeout=15)
    assert len(standin_shared.requests_to(CHAT)) - seen["requests"] == 16 - seen["done"]
    assert panel.progress_label.text() == "16 of 16 calls answered · 0 failed"
    assert not panel.resume_button.isEnabled()
    cells = [panel.model.data(panel.model.index(r, c)) for r in range(8) for c in (2, 3)]
    assert cells == [f"Answer of {m}" for _ in range(8) for m in (MODEL, OTHER)]


def expected_line(a: str, b: str, wins: int, losses: int, ties: int) -> str:
    r = win_rate(wins, losses, ties)
    return (f"{a} beats {b} in {round(r.rate * 100)}% of judged comparisons (95% CI {round(r.low * 100)}–"
            f"{round(r.high * 100)}%; judged: {r.n}, ties: {ties})")


def test_send_to_the_annotator_then_judgements_give_the_win_rate(setup, arun):
    panel = setup(10)
    targets = [BatchTarget("Model A", panel.profile.id, MODEL), BatchTarget("Model B", panel.profile.id, OTHER)]
    project = panel.ctx.project

    async def judge(verdicts: list[str]) -> None:
        queue_id = panel.judgement.run.queue_id
        ids = await project.db.read(annotation_repo.queue_items, queue_id)
        for cid, verdict in zip(ids, verdicts, strict=False):
            comparison = await project.db.read(annotation_repo.comparison, cid)
            slot = {c.model: c.slot for c in comparison.candidates}
            winner = {"a": slot["Model A"], "b": slot["Model B"]}.get(verdict)
            await project.db.write(annotation_repo.add_judgement, cid, "expert", "tie" if verdict == "tie" else "win",
                                   slot["Model B"], slot["Model A"], winner)

    async def scenario():
        await start(panel, targets)
        await until(lambda: finished(panel), what="run done")
        assert "Send the run to the annotator" in panel.judgement.win_label.text()
        panel.judgement.queue_edit.setText("Lease check")
        panel.judgement.send_button.click()
        await until(lambda: panel.judgement.sent_text, what="sent")
        assert panel.judgement.sent_text == "Sent 10 comparisons to the queue “Lease check”."
        assert "No judgements yet." in panel.judgement.win_label.text()
        await judge(["a"] * 6 + ["b"] * 2 + ["tie"] * 2)
        panel.judgement.refresh_button.click()
        expected = expected_line("Model A", "Model B", 6, 2, 2)
        await until(lambda: panel.judgement.win_label.text() == expected, what="win-rate line")
        panel.judgement.a_combo.setCurrentIndex(1)
        panel.judgement.b_combo.setCurrentIndex(0)
        flipped = expected_line("Model B", "Model A", 2, 6, 2)
        await until(lambda: panel.judgement.win_label.text() == flipped, what="flipped pair")
        # Shown again (e.g. back from the annotator): the line is read afresh.
        panel.hide()
        await judge(["b"] * 10)  # the expert changed their mind on every comparison
        panel.show()
        await until(lambda: panel.judgement.win_label.text() == expected_line("Model B", "Model A", 10, 0, 0),
                    what="refreshed when shown")

    arun(scenario(), timeout=15)
