"""Importing files into a project: every good line kept, every bad line named, all or nothing."""

from __future__ import annotations

import threading

import pytest

from app.formats.column_mapping import ColumnMapping
from app.formats.model import Kind
from app.services.dataset_check import CheckCancelled
from app.services.importing import ImportRequest, run_import
from app.store import datasets_repo
from tests.core.datasets.conftest import dump, read, sft, write_jsonl


def test_import_keeps_good_lines_names_bad_ones_and_stores_derived_columns(project, tmp_path):
    path = tmp_path / "contracts.jsonl"
    objs = [sft(i) for i in range(1, 13)]
    objs[4]["messages"].pop()  # line 5 (before the inserted lines shift it): no assistant answer
    write_jsonl(path, objs, extra_lines={3: "{not json", 9: "[1, 2]"})
    result = run_import(project, ImportRequest(path, name="Contracts"))

    lines = {f.line: f.code for f in result.report.problems}
    assert lines[3] == "not_json" and lines[9] == "not_object"
    assert lines[6] == "no_assistant_message"  # the sixth physical line
    infos = read(project, datasets_repo.list_datasets)
    assert [(d.name, d.kind, d.examples, d.errors) for d in infos] == [("Contracts", Kind.SFT, 12, 1)]
    rows = read(
        project,
        lambda db: db.conn.execute(
            "SELECT source_line, turns, tokens > 0, status, preview FROM examples ORDER BY position"
        ).fetchall(),
    )
    assert [r[0] for r in rows] == [1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14]
    assert rows[0][1:] == (3, 1, "ok", "Question number 1 about the lease")
    assert rows[4][3] == "error" and rows[4][1] == 2


def test_search_finds_words_in_any_message_ignoring_accents(project, tmp_path):
    path = tmp_path / "pt.jsonl"
    objs = [sft(i) for i in range(10)] + [sft(99, answer="O inquilino paga a multa rescisória.")]
    write_jsonl(path, objs)
    ds = run_import(project, ImportRequest(path)).dataset_id
    ids = read(project, datasets_repo.search, ds, "rescisoria INQUILINO")
    texts = read(
        project, lambda db: [db.conn.execute("SELECT data FROM examples WHERE id=?", (i,)).fetchone()[0] for i in ids]
    )
    assert len(ids) == 1 and "rescisória" in texts[0]
    assert read(project, datasets_repo.search, ds, "tenant") and not read(project, datasets_repo.search, ds, "landlord")


def test_a_cancelled_import_leaves_the_project_exactly_as_it_was(project, tmp_path):
    first = tmp_path / "first.jsonl"
    write_jsonl(first, [sft(i) for i in range(20)])
    run_import(project, ImportRequest(first))
    before = dump(project)
    big = tmp_path / "big.jsonl"
    write_jsonl(big, [sft(i, answer="x " * 400) for i in range(6000)])  # several chunks
    cancel = threading.Event()
    seen = []

    def progress(done, total):
        seen.append(done)
        if len(seen) == 2:
            cancel.set()

    with pytest.raises(CheckCancelled):
        run_import(project, ImportRequest(big), progress=progress, cancel=cancel)
    assert len(seen) >= 2  # it really was under way
    assert dump(project) == before


def test_a_failing_import_leaves_the_project_exactly_as_it_was(project, tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    write_jsonl(path, [sft(i, answer="y " * 400) for i in range(6000)])
    before = dump(project)
    calls = []
    real = datasets_repo.insert_examples

    def flaky(db, *args):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(db, *args)

    monkeypatch.setattr(datasets_repo, "insert_examples", flaky)
    with pytest.raises(OSError, match="No space left"):
        run_import(project, ImportRequest(path))
    assert dump(project) == before


def test_csv_with_a_column_mapping(project, tmp_path):
    path = tmp_path / "faq.csv"
    rows = ["pergunta,resposta"] + [f'"Como cancelo o pedido {i}?","Pelo site, em Pedidos."' for i in range(12)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = ColumnMapping(user="pergunta", assistant="resposta", system_prompt="Você atende clientes.")
    result = run_import(project, ImportRequest(path, mapping=mapping))
    assert result.report.fmt == "csv" and result.report.examples == 12
    data = read(project, lambda db: db.conn.execute("SELECT data, source_line FROM examples LIMIT 1").fetchone())
    assert '"role":"system","content":"Você atende clientes."' in data[0] and data[1] == 2


def test_an_empty_file_gives_an_empty_dataset_and_says_it_is_too_small(project, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    result = run_import(project, ImportRequest(path, kind=Kind.SFT))
    assert result.report.examples == 0
    assert [f.code for f in result.report.dataset_findings] == ["too_few_examples"]
    assert read(project, datasets_repo.list_datasets)[0].examples == 0


def test_dpo_file_is_detected_and_stored_as_dpo(project, tmp_path):
    path = tmp_path / "prefs.jsonl"
    obj = {
        "input": {"messages": [{"role": "user", "content": "Summarise the clause"}]},
        "preferred_output": [{"role": "assistant", "content": "Short and right."}],
        "non_preferred_output": [{"role": "assistant", "content": "Long and wrong."}],
    }
    write_jsonl(path, [obj] * 10)
    result = run_import(project, ImportRequest(path))
    assert result.report.kind is Kind.DPO
    assert read(project, datasets_repo.list_datasets)[0].kind is Kind.DPO
    assert {f.code for f in result.report.dataset_findings} >= {"duplicate_example"}
