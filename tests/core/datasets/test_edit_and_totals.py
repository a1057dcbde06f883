"""Editing one example re-checks only it; the dataset totals follow from stored numbers."""

from __future__ import annotations

import app.formats.pipeline as pipeline
from app.services import datasets
from app.services.importing import ImportRequest, run_import
from app.store import datasets_repo
from tests.core.datasets.conftest import read, sft, write_jsonl


def test_editing_one_example_rechecks_it_alone_and_updates_search(project, tmp_path, monkeypatch):
    path = tmp_path / "d.jsonl"
    write_jsonl(path, [sft(i) for i in range(60)])
    ds = run_import(project, ImportRequest(path)).dataset_id
    ex_id = read(project, datasets_repo.example_ids, ds)[7]
    calls = []
    real = pipeline.check_example
    monkeypatch.setattr(pipeline, "check_example", lambda *a, **k: calls.append(1) or real(*a, **k))

    edited = sft(7, answer="Clause nine governs the deposit.")
    edited["messages"][1]["content"] = "Who keeps the deposit?"
    findings = project.db.submit_write(datasets.update_example, ex_id, edited).result()
    assert calls == [1] and findings == []  # only the edited example was checked
    assert read(project, datasets_repo.search, ds, "number 7") == []  # the old text left the index
    assert read(project, datasets_repo.search, ds, "deposit nine") == [ex_id]

    edited["messages"].pop()  # now there is no answer at all
    findings = project.db.submit_write(datasets.update_example, ex_id, edited).result()
    assert [f.code for f in findings] == ["no_assistant_message"]
    assert findings[0].line == 8  # still named by its line in the imported file
    status = read(
        project, lambda db: db.conn.execute("SELECT status, turns FROM examples WHERE id=?", (ex_id,)).fetchone()
    )
    assert status == ("error", 2)
    assert read(project, datasets_repo.search, ds, "deposit nine") == []
    assert read(project, datasets_repo.search, ds, "deposit") == [ex_id]


def test_totals_come_from_stored_numbers_and_match_a_fresh_check(project, tmp_path):
    path = tmp_path / "d.jsonl"
    objs = [sft(i) for i in range(30)] + [sft(3)]  # one exact duplicate of line 4
    write_jsonl(path, objs)
    result = run_import(project, ImportRequest(path, model="gpt-4.1-mini-2025-04-14"))
    findings, stats = read(project, datasets.dataset_totals, result.dataset_id)
    assert (
        {f.code for f in findings}
        == {f.code for f in result.report.dataset_findings}
        == {"few_examples", "duplicate_example"}
    )
    assert stats.tokens.total == result.report.stats.tokens.total
    assert stats.examples == 31 and stats.epochs == 3


def test_a_dataset_that_is_gone_is_a_lookup_error_not_a_crash(project):
    # The Datasets view reads the overview of the shown dataset in a worker; when the user opened
    # another project meanwhile, the id no longer exists there and the view must just drop the result.
    import pytest

    from app.services.dataset_overview import overview_of_file

    with pytest.raises(LookupError):
        overview_of_file(str(project.path), 987654, None, None)
