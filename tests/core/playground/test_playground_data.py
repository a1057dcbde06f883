"""From the Playground into datasets and annotation queues, on a real project file."""

from __future__ import annotations

import orjson
import pytest

from app.formats.model import Kind, Severity
from app.services import playground_data as data
from app.services.dataset_edits import delete_examples
from app.store import annotation_repo
from app.store.annotation_repo import CandidateIn
from app.store.datasets_repo import create_dataset, example_ids, list_datasets, search
from tests.core.datasets.conftest import read

MESSAGES = [
    {"role": "system", "content": "You are a careful clerk."},
    {"role": "user", "content": "Can the landlord keep the deposit?"},
]


def write(proj, fn, *args):
    return proj.db.submit_write(fn, *args).result()


def example_row(proj, example_id):
    return read(
        proj,
        lambda db: db.conn.execute(
            "SELECT dataset_id, position, data, status, findings, tokens FROM examples WHERE id = ?", (example_id,)
        ).fetchone(),
    )


def test_example_builders_copy_the_conversation():
    sft = data.sft_example(MESSAGES, "Only for damage.")
    assert sft == {"messages": [*MESSAGES, {"role": "assistant", "content": "Only for damage."}]}
    sft["messages"][0]["content"] = "changed"
    assert MESSAGES[0]["content"] == "You are a careful clerk."
    assert data.dpo_example(MESSAGES, "good", "bad") == {
        "input": {"messages": MESSAGES},
        "preferred_output": [{"role": "assistant", "content": "good"}],
        "non_preferred_output": [{"role": "assistant", "content": "bad"}],
    }


def test_save_sft_example_goes_through_the_normal_path(project):
    ds = write(project, create_dataset, "Lease", Kind.SFT)
    example_id, findings = write(project, data.save_sft_example, ds, MESSAGES, "Only for damage beyond wear.")
    dataset_id, position, text, status, stored_findings, tokens = example_row(project, example_id)
    assert dataset_id == ds and position == 0 and tokens > 0
    assert orjson.loads(text) == data.sft_example(MESSAGES, "Only for damage beyond wear.")
    assert findings == [] and status == "ok" and stored_findings == ""
    assert read(project, search, ds, "deposit") == [example_id]  # indexed like any edited example
    assert read(project, list_datasets)[0].examples == 1

    # An empty answer is saved but flagged, as the editor would flag it.
    second, findings = write(project, data.save_sft_example, ds, MESSAGES, "")
    assert [f.code for f in findings] == ["empty_content"] and findings[0].severity is Severity.WARNING
    assert example_row(project, second)[3] == "warning"
    assert read(project, example_ids, ds) == [example_id, second]
    write(project, delete_examples, [second])  # undo works as for any added example
    assert read(project, example_ids, ds) == [example_id]


def test_save_dpo_example(project):
    ds = write(project, create_dataset, "Prefs", Kind.DPO)
    example_id, findings = write(project, data.save_dpo_example, ds, MESSAGES, "Only for damage.", "Always.")
    _, _, text, status, _, _ = example_row(project, example_id)
    assert orjson.loads(text) == {
        "input": {"messages": MESSAGES},
        "preferred_output": [{"role": "assistant", "content": "Only for damage."}],
        "non_preferred_output": [{"role": "assistant", "content": "Always."}],
    }
    assert status in ("ok", "warning") and not any(f.severity is Severity.ERROR for f in findings)


def test_wrong_kind_is_refused_plainly(project):
    sft = write(project, create_dataset, "Lease", Kind.SFT)
    dpo = write(project, create_dataset, "Prefs", Kind.DPO)
    with pytest.raises(ValueError, match="“Prefs” is a DPO dataset.*Choose an SFT dataset"):
        write(project, data.save_sft_example, dpo, MESSAGES, "answer")
    with pytest.raises(ValueError, match="“Lease” is an SFT dataset.*Choose a DPO dataset"):
        write(project, data.save_dpo_example, sft, MESSAGES, "a", "b")
    with pytest.raises(LookupError):
        write(project, data.save_sft_example, 999, MESSAGES, "answer")
    assert [d.examples for d in read(project, list_datasets)] == [0, 0]


def test_send_to_queue_creates_then_reuses_the_queue(project):
    candidates = [
        CandidateIn({"role": "assistant", "content": "Only for damage."}, "gpt-4o-mini", "p1", {"temperature": 0.7}),
        CandidateIn({"role": "assistant", "content": "Always."}, "ft:gpt-4o-mini:acme::x", "p1"),
    ]
    queue_id, first = write(project, data.send_to_queue, "Lease review", MESSAGES, candidates)
    again_id, second = write(project, data.send_to_queue, "Lease review", MESSAGES, candidates, "batch:2")
    assert again_id == queue_id and second != first
    assert read(project, annotation_repo.queue_items, queue_id) == [first, second]
    got = read(project, annotation_repo.comparison, first)
    assert got.context == MESSAGES and got.source == "playground"
    assert [(c.model, c.profile_id, c.content["content"]) for c in got.candidates] == [
        ("gpt-4o-mini", "p1", "Only for damage."),
        ("ft:gpt-4o-mini:acme::x", "p1", "Always."),
    ]
    assert got.candidates[0].params == {"temperature": 0.7}
    assert read(project, annotation_repo.comparison, second).source == "batch:2"

    # A failure stores nothing, not even the new queue.
    with pytest.raises(ValueError):
        write(project, data.send_to_queue, "New queue", MESSAGES, candidates[:1])
    assert read(project, annotation_repo.queue_by_name, "New queue") is None
