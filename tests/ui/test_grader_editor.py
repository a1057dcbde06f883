"""The grader editor as a user drives it: build each grader type in the forms, edit the JSON and see
the forms follow, broken JSON named by line and column, the data check on an RFT dataset, scoring
here, trying on the stand-in, import/export of a grader file, and saving to the project."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.formats.model import Kind, Severity
from app.runtime.threads import run_blocking
from app.services.importing import ImportRequest, run_import
from app.store import graders_repo
from tests.core.datasets.conftest import write_jsonl
from tests.ui.conftest import until
from tests.ui.jobs_support import connect
from ui.graders.dialog import GraderEditorDialog
from ui.graders.editor import GraderEditor
from ui.graders.multi_form import MultiForm

QUESTIONS = [("What is the capital of France?", "Paris"), ("Largest planet?", "Jupiter"),
             ("Chemical symbol of gold?", "Au")]


def rft(with_reference: bool) -> list[dict]:
    out = []
    for question, answer in QUESTIONS:
        line = {"messages": [{"role": "user", "content": question}], "topic": "quiz"}
        if with_reference:
            line["reference_answer"] = answer
        out.append(line)
    return out


async def rft_dataset(ctx, tmp_path, *, with_reference: bool, name: str = "quiz") -> int:
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, rft(with_reference))
    result = await run_blocking(run_import, ctx.project, ImportRequest(path, name=name, kind=Kind.RFT))
    return result.dataset_id


def choose_type(forms, kind: str) -> None:
    """Pick a grader type in a type chooser as a user does (the ``activated`` signal)."""
    at = forms.type_box.findData(kind)
    forms.type_box.setCurrentIndex(at)
    forms.type_box.activated.emit(at)


def type_into(widget, text: str) -> None:
    widget.clear()
    QTest.keyClicks(widget, text)


@pytest.fixture
def editor(qtbot):
    e = GraderEditor(None)
    qtbot.addWidget(e)
    e.resize(760, 640)
    e.show()
    return e


def test_each_simple_type_is_built_through_its_form(editor):
    forms = editor.forms
    type_into(forms.form("string_check").name, "exact city")
    f = forms.form("string_check")
    f.reference.edit.setText("{{item.answer}}")
    f.operation.setCurrentIndex(f.operation.findData("ilike"))
    assert editor.grader() == {"type": "string_check", "name": "exact city", "input": "{{sample.output_text}}",
                               "reference": "{{item.answer}}", "operation": "ilike"}
    assert json.loads(editor.json_view.text()) == editor.grader()

    choose_type(forms, "text_similarity")
    g = editor.grader()
    assert g["type"] == "text_similarity" and g["name"] == "exact city"
    assert g["reference"] == "{{item.answer}}"  # carried over from the comparison
    f = forms.form("text_similarity")
    f.metric.setCurrentIndex(f.metric.findData("rouge_l"))
    assert editor.grader()["evaluation_metric"] == "rouge_l"
    f.metric.setCurrentIndex(f.metric.findData("cosine"))
    assert any("fine-tuning" in p.message or "cosine" in p.message for p in editor.problems())

    choose_type(forms, "python")
    f = forms.form("python")
    assert "def grade(sample" in f.source.toPlainText()
    f.source.setPlainText("def grade(sample, item):\n    return 0.5\n")
    f.image_tag.setText("")
    QTest.keyClicks(f.image_tag, "2025-05-08")
    assert editor.grader() == {"type": "python", "name": "exact city",
                               "source": "def grade(sample, item):\n    return 0.5\n", "image_tag": "2025-05-08"}
    assert not [p for p in editor.problems() if p.severity is Severity.ERROR]

    choose_type(forms, "score_model")
    f = forms.form("score_model")
    f.model.setCurrentText("gpt-4.1-2025-04-14")
    f.high.setValue(10)
    f.temperature.setValue(0.2)
    f.seed.setValue(7)
    f.messages.add_button.click()
    f.messages.rows[-1].content.setPlainText("Grade {{sample.output_text}}")
    g = editor.grader()
    assert g["model"] == "gpt-4.1-2025-04-14" and g["range"] == [0, 10]
    assert g["sampling_params"] == {"temperature": 0.2, "seed": 7}
    assert g["input"][-1] == {"role": "user", "content": "Grade {{sample.output_text}}"}
    f.temperature.setValue(f.temperature.minimum())  # back to "default": the key goes away
    assert "temperature" not in editor.grader()["sampling_params"]
    f.model.setCurrentText("o3-2025-04-16")
    f.effort.setCurrentIndex(f.effort.findData("high"))
    assert editor.grader()["sampling_params"]["reasoning_effort"] == "high"
    choose_type(forms, "python")  # coming back to a type brings back what was typed there
    assert editor.grader()["source"] == "def grade(sample, item):\n    return 0.5\n"


def test_multi_with_a_label_grader_and_a_formula(editor):
    forms = editor.forms
    choose_type(forms, "multi")
    multi = forms.form("multi")
    assert isinstance(multi, MultiForm)
    while multi.subs:  # start from an empty combination
        multi.list.setCurrentRow(0)
        multi.remove_current()
    multi.formula.clear()
    assert editor.grader()["graders"] == {}
    assert multi.empty.isVisibleTo(multi)
    multi.add_sub("string_check")
    multi.add_sub("label_model")
    assert [k for k, _ in multi.subs] == ["exact", "label"]
    assert multi.formula.text() == "exact"
    labels = multi.sub_forms.form("label_model").labels
    type_into(labels.labels, "right, half, wrong")
    labels.passing.item(0).setCheckState(Qt.CheckState.Checked)
    labels.passing.item(1).setCheckState(Qt.CheckState.Checked)
    type_into(multi.key, "judge")  # rename: the formula follows
    type_into(multi.formula, "0.5 * exact + 0.5 * judge")
    g = editor.grader()
    assert list(g["graders"]) == ["exact", "judge"]
    assert g["graders"]["judge"]["type"] == "label_model" and g["graders"]["judge"]["name"] == "judge"
    assert g["graders"]["judge"]["labels"] == ["right", "half", "wrong"]
    assert g["graders"]["judge"]["passing_labels"] == ["right", "half"]
    assert g["calculate_output"] == "0.5 * exact + 0.5 * judge"
    assert not [p for p in editor.problems() if p.severity is Severity.ERROR]
    type_into(multi.key, "2bad")
    assert multi.key_problem.isVisibleTo(multi) and "digit" in multi.key_problem.text()
    assert list(editor.grader()["graders"]) == ["exact", "judge"]
    type_into(multi.formula, "exact + nobody")
    assert any(p.severity is Severity.ERROR and "nobody" in p.message for p in editor.problems())


def test_json_edits_move_the_forms_and_broken_json_keeps_the_last_good_grader(editor):
    good = {"type": "text_similarity", "name": "close", "input": "{{sample.output_text}}",
            "reference": "{{item.summary}}", "evaluation_metric": "bleu", "pass_threshold": 0.5}
    editor.json_view.set_text(json.dumps(good))
    assert editor.forms.current_kind() == "text_similarity"
    f = editor.forms.form("text_similarity")
    assert f.reference.text() == "{{item.summary}}" and f.metric.currentData() == "bleu"
    f.metric.setCurrentIndex(f.metric.findData("gleu"))  # a form edit keeps the key it does not show
    assert editor.grader() == {**good, "evaluation_metric": "gleu"}
    assert json.loads(editor.json_view.text())["evaluation_metric"] == "gleu"

    editor.json_view.set_text('{\n  "type": "string_check",\n  "name": oops\n}')
    assert "line 3, column 11" in editor.json_view.error
    assert editor.json_view.status.isVisibleTo(editor.json_view)
    assert editor.grader()["evaluation_metric"] == "gleu"  # the last good one
    assert editor.forms.current_kind() == "text_similarity"
    assert any("Not valid JSON at line 3" in editor.checks.item(i).text() for i in range(editor.checks.count()))
    editor.json_view.set_text("[1, 2]")
    assert "JSON object" in editor.json_view.error
    editor.json_view.set_text(json.dumps({**good, "name": "fixed"}))
    assert editor.json_view.error == "" and editor.forms.form("text_similarity").name.text() == "fixed"


def test_data_check_names_the_missing_field(ctx, arun, qtbot, tmp_path):
    async def scenario():
        await ctx.open_startup_project()
        dataset = await rft_dataset(ctx, tmp_path, with_reference=False)
        editor = GraderEditor(ctx)
        qtbot.addWidget(editor)
        editor.set_dataset(dataset)
        await until(lambda: editor.data_state == "done", what="data check")
        lines = [editor.checks.item(i).text() for i in range(editor.checks.count())]
        assert any("item.reference_answer is missing in 3 of 3 examples" in line and "Error" in line
                   for line in lines), lines
        assert any(p.code == "template_field_missing" and p.severity is Severity.ERROR for p in editor.problems())
        await until(lambda: editor.catalog.fields == ["topic"], what="fields offered")
        f = editor.forms.form("string_check")
        f.reference.edit.setText("{{item.topic}}")  # a field every example has
        await until(lambda: editor.data_state == "done" and not any(
            p.code == "template_field_missing" for p in editor.problems()), what="check again")
        assert "Every field the grader reads is in all 3 examples" in editor.checks.item(
            editor.checks.count() - 1).text()
        editor.shutdown()

    arun(scenario())


def test_score_here_and_try_on_the_stand_in(ctx, arun, qtbot, tmp_path, standin):
    async def scenario():
        await ctx.open_startup_project()
        dataset = await rft_dataset(ctx, tmp_path, with_reference=True)
        await connect(ctx, standin)
        dialog = GraderEditorDialog(ctx, dataset_id=dataset)
        qtbot.addWidget(dialog)
        dialog.show()
        trial = dialog.trial
        await until(lambda: trial.example_id is not None, what="example loaded")
        assert "item.reference_answer: Paris" in trial.example_text.toPlainText()
        assert "Stand-in" in trial.remote_button.text()
        dialog.editor.set_grader({"type": "string_check", "name": "city", "input": "{{sample.output_text}}",
                                  "reference": "{{item.reference_answer}}", "operation": "ilike"})
        trial.set_grader(dialog.editor.grader())
        trial.answer.setPlainText("It is PARIS.")
        trial.score_here()
        await until(lambda: trial.last_local is not None, what="local score")
        assert trial.last_local.score == 1.0 and trial.result_title.text() == "Score: 1"
        # fuzzy_match is rapidfuzz's Indel ratio: "Pariss" vs "Paris" = 1 - 1/11 = 0.909…
        dialog.editor.set_grader({"type": "text_similarity", "name": "close", "input": "{{sample.output_text}}",
                                  "reference": "{{item.reference_answer}}", "evaluation_metric": "fuzzy_match"})
        trial.set_grader(dialog.editor.grader())
        trial.answer.setPlainText("Pariss")
        trial.last_local = None
        trial.score_here()
        await until(lambda: trial.last_local is not None, what="fuzzy score")
        assert trial.last_local.score == pytest.approx(10 / 11)
        assert trial.result_title.text() == "Score: 0.909"
        trial.index.setValue(2)  # Jupiter
        await until(lambda: "Jupiter" in trial.example_text.toPlainText(), what="second example")
        trial.answer.setPlainText("Jupiter")
        trial.try_remote()
        await until(lambda: trial.last_remote is not None and not trial.busy, what="remote run")
        assert trial.last_remote.reward == pytest.approx(1.0)
        assert trial.result_title.text() == "Score: 1"
        assert "accepted" in trial.result_text.text()
        trial.set_grader({"type": "python", "name": "code",
                          "source": "def grade(sample, item):\n    raise ValueError('no score for you')\n"})
        trial.last_remote = None
        trial.try_remote()
        await until(lambda: trial.last_remote is not None and not trial.busy, what="python run")
        text = trial.result_text.text()
        assert "Your Python grader raised an error" in text and "no score for you" in text
        assert "Traceback" not in text
        dialog.dirty = False

    arun(scenario(), timeout=20)


def test_import_export_round_trip_and_save_then_reopen(ctx, arun, qtbot, tmp_path):
    grader = {"type": "multi", "name": "mix", "calculate_output": "0.7 * exact + 0.3 * near",
              "graders": {"exact": {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
                                    "reference": "{{item.reference_answer}}", "operation": "eq"},
                          "near": {"type": "text_similarity", "name": "near", "input": "{{sample.output_text}}",
                                   "reference": "{{item.reference_answer}}", "evaluation_metric": "fuzzy_match"}}}

    async def scenario():
        await ctx.open_startup_project()
        source = tmp_path / "job.json"
        source.write_text(json.dumps({"method": {"type": "reinforcement", "reinforcement": {"grader": grader}}}),
                          encoding="utf-8")
        dialog = GraderEditorDialog(ctx)
        qtbot.addWidget(dialog)
        assert await dialog.import_file(str(source))
        assert dialog.editor.grader() == grader and dialog.name.text() == "mix"
        assert dialog.editor.forms.current_kind() == "multi"
        out = tmp_path / "out" / "mix.json"
        out.parent.mkdir()
        assert await dialog.export_file(str(out))
        assert json.loads(out.read_text(encoding="utf-8")) == grader
        assert await dialog.import_file(str(out)) and dialog.editor.grader() == grader
        bad = tmp_path / "bad.json"
        bad.write_text('{"type": ', encoding="utf-8")
        assert not await dialog.import_file(str(bad))
        assert "not valid JSON (line 1" in dialog.message.text()
        assert dialog.editor.grader() == grader
        saved = []
        dialog.saved.connect(saved.append)
        dialog.name.setText("Mixed score")
        grader_id = await dialog.save_now()
        assert saved == [grader_id]
        stored = await ctx.project.db.read(graders_repo.get_grader, grader_id)
        assert stored.name == "Mixed score" and stored.grader == grader
        other = GraderEditorDialog(ctx, grader_id)
        qtbot.addWidget(other)
        await until(lambda: other.name.text() == "Mixed score", what="reopened")
        assert other.editor.grader() == grader
        assert [k for k, _ in other.editor.forms.form("multi").subs] == ["exact", "near"]
        other.name.setText("Mixed score")
        taken = GraderEditorDialog(ctx)
        qtbot.addWidget(taken)
        taken.name.setText("Mixed score")
        assert await taken.save_now() is None
        assert "already a grader named" in taken.message.text()
        for d in (dialog, other, taken):
            d.dirty = False  # qtbot closes them after the test

    arun(scenario())


def test_reward_preview_over_a_batch_run_flags_a_flat_grader(ctx, arun, qtbot, tmp_path):
    from app.store import batch_repo, batch_results_repo, datasets_repo
    from app.store.batch_repo import BatchTarget

    def make_run(db, dataset_id: int) -> int:
        run = batch_repo.create_run(db, "quiz run", dataset_id, None, [BatchTarget("mini", "p", "gpt-4.1-mini")], 2)
        for example_id, (_q, answer) in zip(datasets_repo.example_ids(db, dataset_id), QUESTIONS, strict=True):
            batch_results_repo.store_result(db, run, example_id, 0, None, answer.lower(), None)
        return run

    async def scenario():
        await ctx.open_startup_project()
        dataset = await rft_dataset(ctx, tmp_path, with_reference=True)
        await ctx.project.db.write(make_run, dataset)
        dialog = GraderEditorDialog(ctx, dataset_id=dataset, grader={
            "type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "operation": "ilike"})
        qtbot.addWidget(dialog)
        trial = dialog.trial
        preview = trial.preview
        await until(lambda: preview.target() == 0 and trial.example_id is not None, what="run listed")
        trial.use_run_answer.click()
        await until(lambda: trial.answer.toPlainText() == "paris", what="the run's answer")
        preview.start()
        await until(lambda: preview.last is not None and preview.task is None, what="preview done")
        assert preview.histogram.counts[-1] == 3
        assert "Every answer scored 1" in preview.summary.text() and "Warning" in preview.summary.text()
        f = dialog.editor.forms.form("string_check")  # only "paris" itself passes now: a spread
        f.operation.setCurrentIndex(f.operation.findData("eq"))
        dialog.editor.set_grader({**dialog.editor.grader(), "reference": "paris"})
        trial.set_grader(dialog.editor.grader())
        preview.last = None
        preview.start()
        await until(lambda: preview.last is not None and preview.task is None, what="second preview")
        assert preview.histogram.counts[0] == 2 and preview.histogram.counts[-1] == 1
        assert "Warning" not in preview.summary.text() and "3 answers scored" in preview.summary.text()
        dialog.dirty = False

    arun(scenario())
