"""The annotator's dialogs: importing comparisons (good part kept, bad lines listed), exporting
judgements to a DPO dataset (figures first), merging a colleague's copy (and refusing a file that is
no project, leaving it untouched), and generating answers against the stand-in server (cost shown
before Start, a failing model reported, Stop and Resume)."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time

import orjson
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

from app.formats.model import Kind
from app.runtime.threads import run_blocking
from app.services import annotation_judging as judging
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store import annotation_repo, datasets_repo
from app.store.errors import ProjectError
from app.store.project_file import create_project, inspect_project
from tests.core.datasets.conftest import sft, write_jsonl
from tests.ui.annotate_support import fill_queue
from tests.ui.conftest import until
from tests.ui.jobs_support import connect
from ui.annotate.export_dialog import ExportDialog
from ui.annotate.generate_dialog import GenerateDialog
from ui.annotate.import_dialog import ImportComparisonsDialog
from ui.annotate.merge_dialog import MergeDialog

GOOD_MODEL = "gpt-4.1-mini-2025-04-14"
MISSING = "gpt-nonexistent-2099"  # not in the stand-in's model list: 404 model_not_found


def pair(i: int) -> dict:
    return {"input": {"messages": [{"role": "user", "content": f"Who repairs the roof in lease {i}?"}]},
            "preferred_output": [{"role": "assistant", "content": f"The landlord ({i})."}],
            "non_preferred_output": [{"role": "assistant", "content": f"The tenant ({i})."}]}


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dialog(qtbot, cls, *args):
    d = cls(*args)
    qtbot.addWidget(d)
    d.open()
    return d


# --- import ---------------------------------------------------------------------------------------


def test_import_keeps_the_good_part_and_lists_every_bad_line(ctx, arun, qtbot, tmp_path):
    path = tmp_path / "lease pairs.jsonl"
    lines = [json.dumps(pair(0)), "{not json", json.dumps(pair(1)),
             json.dumps({"prompt": "Who pays?", "answers": ["only one"]}), json.dumps(pair(2))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def scenario():
        await ctx.open_startup_project()
        dlg = dialog(qtbot, ImportComparisonsDialog, ctx, None)
        got: list[int] = []
        dlg.imported.connect(got.append)
        assert not dlg.import_button.isEnabled()  # no file yet
        dlg.file_row.set_path(str(path))
        assert dlg.queue_name() == "lease pairs"  # the file's name until one is typed
        dlg.queue_combo.setEditText("Contracts")
        assert dlg.import_button.isEnabled() and dlg.import_button.isDefault()
        dlg.import_button.click()
        await until(lambda: got, what="imported")
        text = dlg.report.text.text()
        assert text == "Added 3 comparisons to “Contracts”. 2 lines skipped:"
        messages = dlg.report.messages()
        assert len(messages) == 2
        assert messages[0].startswith("Line 2") and messages[1].startswith("Line 4")
        assert "only one answer" in messages[1]
        assert dlg.report.table.isVisibleTo(dlg)
        items = await ctx.project.db.read(annotation_repo.queue_items, got[0])
        assert len(items) == 3

        # Again into the same queue: nothing is added twice, and the hint says it is an existing queue.
        await until(lambda: dlg.queues, what="queues listed")
        dlg.queue_combo.setEditText("Contracts")
        assert "Adds to this queue (3 comparisons now)" in dlg.queue_hint.text()
        dlg.import_button.click()
        await until(lambda: len(got) == 2, what="second import")
        assert dlg.report.text.text().startswith("Added 0 comparisons to “Contracts”. 3 were already in the queue")

        # A file with nothing usable: the reason, the lines, and no queue made.
        bad = tmp_path / "bad.jsonl"
        bad.write_text("{oops\n", encoding="utf-8")
        dlg.file_row.set_path(str(bad))
        dlg.queue_combo.setEditText("Nothing")
        dlg.import_button.click()
        await until(lambda: dlg.report.text.text().startswith("No comparison could be read"), what="failure")
        assert dlg.report.messages() and len(got) == 2
        assert await ctx.project.db.read(annotation_repo.queue_by_name, "Nothing") is None
        QTest.keyClick(dlg, Qt.Key.Key_Escape)
        assert not dlg.isVisible()

    arun(scenario())


# --- export ---------------------------------------------------------------------------------------


def judged_queue(db) -> int:
    """Seven items: three wins (one rewritten), a tie, a skip, both bad, and one where ana and ben disagree."""
    queue = fill_queue(db, n=7, name="Leases")
    ids = annotation_repo.queue_items(db, queue)
    judging.judge(db, ids[0], "ana", "win", "left")
    judging.judge(db, ids[1], "ana", "win", "right")
    judging.judge(db, ids[2], "ana", "win", "left", rewrite="The landlord pays, see clause 2.")
    judging.judge(db, ids[3], "ana", "tie")
    judging.judge(db, ids[4], "ana", "skip")
    judging.judge(db, ids[5], "ana", "both_bad")
    judging.judge(db, ids[6], "ana", "win", "left")
    judging.judge(db, ids[6], "ben", "win", "right")
    return queue


def test_export_shows_the_figures_first_then_makes_the_dpo_dataset(ctx, arun, qtbot):
    async def scenario():
        await ctx.open_startup_project()
        queue = await ctx.project.db.write(judged_queue)
        dlg = dialog(qtbot, ExportDialog, ctx, queue, None)
        got: list[int] = []
        dlg.exported.connect(got.append)
        await until(lambda: dlg.figures is not None, what="figures")
        assert dlg.figures_label.text() == (
            "3 pairs will be exported; 1 tie and 1 skip left out; 1 item judged both bad without a rewrite "
            "(item 6) — rewrite it first to include it; 1 item where annotators disagree (item 7) — left out; "
            "settle it, or export one annotator's judgements.")
        assert dlg.name_edit.text() == "Leases preferences"
        names = [dlg.annotator_combo.itemText(i) for i in range(dlg.annotator_combo.count())]
        assert names == ["Everyone", "Only ana", "Only ben"]

        dlg.annotator_combo.setCurrentIndex(1)  # only ana's: the disagreement is gone
        await until(lambda: dlg.figures_label.text().startswith("4 pairs"), what="ana's figures")
        dlg.annotator_combo.setCurrentIndex(0)
        await until(lambda: dlg.figures_label.text().startswith("3 pairs"), what="everyone's figures")
        assert dlg.export_button.isEnabled() and dlg.export_button.isDefault()
        dlg.export_button.click()
        await until(lambda: got, what="exported")
        assert dlg.report.text.text() == "Exported 3 pairs to the new DPO dataset “Leases preferences”."
        infos = {d.id: d for d in await ctx.project.db.read(datasets_repo.list_datasets)}
        made = infos[got[0]]
        assert (made.name, made.kind, made.examples) == ("Leases preferences", Kind.DPO, 3)
        rows = [orjson.loads(r) for r in await ctx.project.db.read(
            lambda db: list(datasets_repo.iter_example_data(db, got[0])))]
        assert rows[2]["preferred_output"][0]["content"] == "The landlord pays, see clause 2."
        assert all(r["input"]["messages"][-1]["role"] == "user" for r in rows)

    arun(scenario())


def test_export_of_a_queue_without_a_pair_says_why_and_cannot_start(ctx, arun, qtbot):
    async def scenario():
        await ctx.open_startup_project()
        queue = await ctx.project.db.write(lambda db: fill_queue(db, n=2, name="Fresh"))
        dlg = dialog(qtbot, ExportDialog, ctx, queue, None)
        await until(lambda: dlg.figures is not None, what="figures")
        assert dlg.figures_label.text() == "No pair can be exported yet."
        assert not dlg.export_button.isEnabled()
        assert "judge some items" in dlg.export_button.toolTip()

    arun(scenario())


# --- merge ----------------------------------------------------------------------------------------


def test_merge_from_a_colleagues_copy_and_refusing_a_file_that_is_no_project(ctx, arun, qtbot, tmp_path):
    mine, theirs = tmp_path / "mine.ftproj", tmp_path / "colleague.ftproj"
    create_project(mine)
    p = open_project_sync(mine)
    queue = p.db.submit_write(lambda db: fill_queue(db, n=5, name="Leases")).result()
    ids = p.db.submit_read(annotation_repo.queue_items, queue).result()
    for cid in ids[:3]:
        p.db.submit_write(judging.judge, cid, "ana", "win", "left").result()
    p._close_sync()
    shutil.copy(mine, theirs)
    q = open_project_sync(theirs)
    for cid in ids[3:]:
        q.db.submit_write(judging.judge, cid, "ben", "tie").result()
    q._close_sync()
    before = sha256(theirs)
    not_a_project = tmp_path / "notes.ftproj"
    not_a_project.write_bytes(b"These are my notes, not a project.\n")
    notes_before = sha256(not_a_project)

    async def scenario():
        await ctx.open_project(mine)
        dlg = dialog(qtbot, MergeDialog, ctx, None)
        got: list[str] = []
        dlg.merged.connect(got.append)
        assert not dlg.merge_button.isEnabled()
        dlg.file_row.set_path(str(theirs))
        assert dlg.merge_button.isEnabled() and dlg.merge_button.isDefault()
        dlg.merge_button.click()
        await until(lambda: got, what="merged")
        assert got[0] == "Added 2 judgements; 3 already here."
        assert dlg.report.text.text() == got[0]
        assert (dlg.result.judgements, dlg.result.unchanged) == (2, 3)
        done = await ctx.project.db.read(judging.progress, queue, "ana")
        assert done.by_annotator == {"ana": 3, "ben": 2}
        assert sha256(theirs) == before

        dlg.merge_button.click()  # again: nothing new
        await until(lambda: len(got) == 2, what="merged again")
        assert got[1] == "Nothing new: its 5 judgements are already here (or newer ones are)."

        dlg.file_row.set_path(str(not_a_project))
        dlg.merge_button.click()
        try:
            inspect_project(not_a_project)
        except ProjectError as exc:
            expected = str(exc)
        await until(lambda: expected in dlg.report.text.text(), what="the refusal")
        assert dlg.report.text.text().endswith("Nothing was changed.")
        assert len(got) == 2
        assert sha256(not_a_project) == notes_before
        QTest.keyClick(dlg, Qt.Key.Key_Escape)
        assert not dlg.isVisible()

    arun(scenario())


# --- generate -------------------------------------------------------------------------------------


async def lease_dataset(ctx, tmp_path, n: int = 3) -> int:
    path = tmp_path / "lease.jsonl"
    write_jsonl(path, [sft(i) for i in range(n)])
    return (await run_blocking(run_import, ctx.project, ImportRequest(path, name="lease"))).dataset_id


def focus_order(start, stop) -> list:
    """The widgets Tab visits after ``start`` until ``stop`` (not the editors inside combos and spin boxes)."""
    out, w = [], start.nextInFocusChain()
    while w is not stop:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w.parent(), QComboBox | QAbstractSpinBox):
            out.append(w)
        w = w.nextInFocusChain()
    return out


def test_generate_shows_the_cost_first_fills_the_queue_and_reports_a_failing_model(
        ctx, arun, qtbot, standin, tmp_path):
    async def scenario():
        await connect(ctx, standin)
        await ctx.open_startup_project()
        await lease_dataset(ctx, tmp_path)
        dlg = dialog(qtbot, GenerateDialog, ctx, None)
        got: list[int] = []
        dlg.generated.connect(got.append)
        await until(lambda: dlg.dataset_combo.count() == 1, what="datasets listed")
        assert dlg.samples.minimum() == 2  # one setting: two answers of it at least
        dlg.settings.rows[0].model_combo.setEditText(GOOD_MODEL)
        second = dlg.settings.add_setting()
        second.model_combo.setEditText(MISSING)
        assert dlg.samples.value() == 1 and dlg.samples.minimum() == 1
        assert focus_order(dlg.settings.rows[0].remove_button, dlg.settings.add_button) == [
            second.profile_combo, second.model_combo, second.temperature, second.remove_button]
        dlg.samples.setValue(2)
        assert dlg.queue_name() == "lease answers"
        await until(dlg.start_button.isEnabled, what="the estimate")
        plan = dlg.plan_label.text()
        assert plan.startswith("About 12 calls (3 prompts × 4 answers) · ")
        assert f"no price known for {MISSING}" in plan
        assert "$" in plan or "less than" in plan
        assert not standin.requests_to("/chat/completions")  # nothing is spent before Start
        await until(lambda: GOOD_MODEL in [second.model_combo.itemText(i) for i in range(second.model_combo.count())],
                    what="models listed")
        assert second.model() == MISSING  # the list does not replace what was typed

        dlg.start_button.click()
        await until(lambda: got, timeout=10, what="generated")
        assert dlg.progress_label.text() == "6 of 12 calls answered · 6 failed"
        text = dlg.report.text.text()
        assert text.startswith("Added 3 comparisons to “lease answers”.")
        assert f"{MISSING} · #1: 3 calls failed — " in text and f"{MISSING} · #2: 3 calls failed" in text
        assert "does not exist" in text
        assert dlg.resume_button.isEnabled()  # the failed calls can be tried again
        items = await ctx.project.db.read(annotation_repo.queue_items, got[0])
        assert len(items) == 3
        comp = await ctx.project.db.read(annotation_repo.comparison, items[0])
        assert [c.model for c in comp.candidates] == [f"{GOOD_MODEL} · #1", f"{GOOD_MODEL} · #2"]

    arun(scenario(), timeout=20)


def test_generate_stop_keeps_the_answers_and_resume_finishes_the_same_run(ctx, arun, qtbot, standin, tmp_path):
    lock = threading.Lock()

    def slow(_request) -> str:
        with lock:
            time.sleep(0.05)
        return "An answer."

    standin.reply_text = slow

    async def scenario():
        await connect(ctx, standin)
        await ctx.open_startup_project()
        await lease_dataset(ctx, tmp_path, n=2)
        prompts = tmp_path / "questions.txt"
        prompts.write_text("Who repairs the roof?\nWho pays the tax?\n\n", encoding="utf-8")
        dlg = dialog(qtbot, GenerateDialog, ctx, None)
        got: list[int] = []
        dlg.generated.connect(got.append)
        await until(lambda: dlg.dataset_combo.count() == 1, what="datasets listed")
        await dlg.use_prompt_list(str(prompts))  # what the file dialog's choice starts
        assert dlg.source_note.text() == "The prompts of “questions.txt” are now the dataset “questions”."
        assert dlg.dataset_combo.currentText() == "questions (2 examples)"
        assert dlg.queue_name() == "questions answers"
        dlg.settings.rows[0].model_combo.setEditText(GOOD_MODEL)
        dlg.concurrency.setValue(1)
        await until(dlg.start_button.isEnabled, what="the estimate")
        dlg.start_button.click()
        await until(lambda: dlg.last_progress is not None and dlg.last_progress.done >= 1, what="some answers")
        QTest.keyClick(dlg, Qt.Key.Key_Escape)  # Esc while running stops first; the dialog stays
        await until(dlg.resume_button.isEnabled, what="stopped")
        assert dlg.isVisible() and not got
        assert dlg.report.text.text().startswith("Stopped after ")
        run_id = dlg.run_id
        assert len(standin.requests_to("/chat/completions")) < 4

        dlg.resume_button.click()
        await until(lambda: got, timeout=10, what="generated")
        assert dlg.run_id == run_id
        # Only what had no answer was asked again: at most the one call in flight when Stop was pressed.
        assert 4 <= len(standin.requests_to("/chat/completions")) <= 5
        assert (dlg.last_progress.done, dlg.last_progress.failed) == (4, 0)
        assert dlg.report.text.text() == "Added 2 comparisons to “questions answers”."
        assert not dlg.resume_button.isEnabled()

    arun(scenario(), timeout=20)
