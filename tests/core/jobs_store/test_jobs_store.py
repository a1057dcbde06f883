"""Project-side storage of training jobs: the v5 migration, frozen dataset versions, creation
requests, the job cache, events, metrics and checkpoints — on real project files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from app.services import dataset_admin as admin
from app.services import dataset_organise as organise
from app.services import dataset_versions as versions
from app.services.datasets import update_example
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store import job_progress_repo as progress
from app.store import jobs_repo as jobs
from app.store import migrations
from app.store.project_file import create_project
from tests.core.datasets.conftest import read, sft, write_jsonl

V5_TABLES = {"dataset_versions", "jobs", "job_events", "job_checkpoints", "job_requests"}


def write(project, fn, *args, **kwargs):
    return project.db.submit_write(lambda db: fn(db, *args, **kwargs)).result()


def tables(project) -> set[str]:
    return {r[0] for r in read(project, lambda db: db.conn.execute("SELECT name FROM sqlite_master").fetchall())}


@pytest.fixture
def opened(tmp_path):
    """Open (and at teardown close) projects; ``opened(path)`` reopens one after a "crash"."""
    projects = []

    def open_(path=None):
        if path is None:
            path = tmp_path / "data.ftproj"
            create_project(path)
        projects.append(open_project_sync(path))
        return projects[-1]

    yield open_
    for p in projects:
        if p.db is not None:
            p._close_sync()


@pytest.fixture
def project(opened):
    return opened()


def crash_and_reopen(opened, project):
    """Close without any goodbye (the tables are all the next start sees) and open again."""
    project._close_sync()
    project.db = None
    return opened(project.path)


@pytest.fixture
def dataset(project, tmp_path):
    path = tmp_path / "contracts.jsonl"
    write_jsonl(path, [sft(i) for i in range(6)])
    return run_import(project, ImportRequest(path, name="Contracts")).dataset_id


def job(job_id="ftjob-1", status="running", request_id=None, **extra):
    obj = {
        "id": job_id,
        "object": "fine_tuning.job",
        "status": status,
        "model": "gpt-4.1-mini-2025-04-14",
        "created_at": 1_700_000_000,
        "fine_tuned_model": None,
        "finished_at": None,
        "trained_tokens": None,
        "error": None,
        "method": {"type": "supervised"},
    }
    if request_id:
        obj["metadata"] = {"app_request_id": request_id}
    obj.update(extra)
    return obj


def metrics_event(n, step, **data):
    return {
        "id": f"ftevent-{n}",
        "created_at": 1_700_000_000 + n,
        "level": "info",
        "type": "metrics",
        "message": f"Step {step}",
        "data": {"step": step, **data},
    }


# --- migration ----------------------------------------------------------------------------------


def test_fresh_project_has_the_jobs_schema(project):
    assert read(project, lambda db: db.conn.execute("PRAGMA user_version").fetchone()[0]) == migrations.SCHEMA_VERSION
    assert tables(project) >= V5_TABLES


def test_a_v4_project_is_migrated_on_open(tmp_path, monkeypatch):
    path = tmp_path / "old.ftproj"
    with monkeypatch.context() as m:  # create the project as the previous version did
        m.setattr(migrations, "SCHEMA_VERSION", 4)
        create_project(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'jobs'").fetchone() is None
    conn.close()
    p = open_project_sync(path)
    try:
        assert read(p, lambda db: db.conn.execute("PRAGMA user_version").fetchone()[0]) == migrations.SCHEMA_VERSION
        assert tables(p) >= V5_TABLES
    finally:
        p._close_sync()


# --- frozen dataset versions --------------------------------------------------------------------


def test_freezing_gives_the_export_bytes_once_and_survives_edits_and_deletion(project, dataset, tmp_path):
    v = write(project, versions.freeze_dataset, dataset)
    admin_path = tmp_path / "export.jsonl"
    read(project, admin.export_dataset, dataset, admin_path)
    exported = admin_path.read_bytes()
    assert read(project, versions.version_bytes, v.id) == exported
    assert (v.sha256, v.examples, v.bytes) == (hashlib.sha256(exported).hexdigest(), 6, len(exported))
    assert (v.dataset_id, v.dataset_name, v.kind) == (dataset, "Contracts", "sft")
    assert write(project, versions.freeze_dataset, dataset) == v  # same content: stored once
    assert len(read(project, versions.list_versions)) == 1

    first = read(
        project,
        lambda db: db.conn.execute(
            "SELECT id FROM examples WHERE dataset_id = ? ORDER BY position", (dataset,)
        ).fetchone()[0],
    )
    write(project, update_example, first, sft(0, answer="Changed: the landlord pays."))
    v2 = write(project, versions.freeze_dataset, dataset)
    assert v2.id != v.id
    assert read(project, versions.version_bytes, v.id) == exported  # the frozen one did not change

    write(project, admin.delete_dataset, dataset)
    kept = {x.id: x for x in read(project, versions.list_versions)}
    assert set(kept) == {v.id, v2.id} and kept[v.id].dataset_id is None
    out = tmp_path / "out" / "v.jsonl"
    out.parent.mkdir()
    assert read(project, versions.write_version, v.id, out) == len(exported)
    assert out.read_bytes() == exported


def test_freezing_one_split_and_refusing_nothing(project, dataset, tmp_path):
    ids = read(
        project,
        lambda db: [
            r[0] for r in db.conn.execute("SELECT id FROM examples WHERE dataset_id = ? ORDER BY position", (dataset,))
        ],
    )
    write(project, organise.set_split, ids[4:], "validation")
    train = write(project, versions.freeze_dataset, dataset, split="train")
    valid = write(project, versions.freeze_dataset, dataset, split="validation")
    path = tmp_path / "valid.jsonl"
    read(project, lambda db: admin.export_dataset(db, dataset, path, split="validation"))
    assert read(project, versions.version_bytes, valid.id) == path.read_bytes()
    assert (train.examples, valid.examples) == (4, 2)
    write(project, organise.set_split, ids[4:], "train")
    with pytest.raises(ValueError):
        write(project, versions.freeze_dataset, dataset, split="validation")
    with pytest.raises(LookupError):
        write(project, versions.freeze_dataset, 999)


# --- requests and jobs --------------------------------------------------------------------------


def test_request_attach_upsert_links_the_job_to_its_versions(project, dataset):
    v = write(project, versions.freeze_dataset, dataset)
    write(project, jobs.record_request, "req-1", "work", {"model": "gpt-4.1-mini"}, v.id, None)
    assert [r.client_request_id for r in read(project, jobs.pending_requests)] == ["req-1"]
    write(project, jobs.attach_job, "req-1", "ftjob-1")
    assert read(project, jobs.pending_requests) == []
    row = write(project, jobs.upsert_job, "work", job(request_id="req-1"))
    assert (row.client_request_id, row.training_version_id, row.validation_version_id) == ("req-1", v.id, None)
    assert (row.method, row.base_model, row.status, row.active) == (
        "supervised",
        "gpt-4.1-mini-2025-04-14",
        "running",
        True,
    )
    # Without metadata (an older job object), the attached request still links it.
    write(project, jobs.record_request, "req-2", "work", {}, v.id, v.id)
    write(project, jobs.attach_job, "req-2", "ftjob-2")
    row2 = write(project, jobs.upsert_job, "work", job("ftjob-2", status="queued"))
    assert (row2.client_request_id, row2.training_version_id, row2.validation_version_id) == ("req-2", v.id, v.id)
    with pytest.raises(LookupError):
        write(project, jobs.attach_job, "nope", "ftjob-3")


def test_pending_request_after_a_crash_is_resolved_by_the_job_metadata(opened, project, dataset):
    v = write(project, versions.freeze_dataset, dataset)
    write(project, jobs.record_request, "req-9", "work", {"model": "m", "suffix": "x"}, v.id, None)
    p = crash_and_reopen(opened, project)  # before the provider's answer was stored
    (pending,) = read(p, jobs.pending_requests)
    assert (pending.payload, pending.training_version_id) == ({"model": "m", "suffix": "x"}, v.id)
    # Recovery: the provider's job list shows a job carrying our request id.
    row = write(p, jobs.upsert_job, "work", job("ftjob-9", request_id="req-9"))
    assert row.training_version_id == v.id
    assert read(p, jobs.pending_requests) == []


def test_upsert_is_tolerant_of_paused_unknown_keys_and_missing_fields(project):
    row = write(project, jobs.upsert_job, "work", job(status="paused", shiny_new_field={"a": 1}, method=None))
    assert (row.status, row.active, row.method) == ("paused", True, None)
    assert row.job()["shiny_new_field"] == {"a": 1}
    row = write(
        project,
        jobs.upsert_job,
        "work",
        {"id": "ftjob-1", "status": "failed", "error": {"code": "invalid_file", "message": "Bad line 3"}},
    )
    assert (row.status, row.error_code, row.error_message, row.error_param) == (
        "failed",
        "invalid_file",
        "Bad line 3",
        None,
    )
    assert row.created_at == 1_700_000_000 and row.base_model == "gpt-4.1-mini-2025-04-14"  # kept
    row = write(project, jobs.upsert_job, "work", {"id": "ftjob-x", "status": "some_future_state"})
    assert (row.status, row.active, row.created_at) == ("some_future_state", False, None)
    with pytest.raises(ValueError):
        write(project, jobs.upsert_job, "work", {"status": "running"})


def test_active_jobs_and_list_jobs_offline_after_reopening(opened, project):
    statuses = ["validating_files", "queued", "running", "paused", "succeeded", "failed", "cancelled"]
    for n, status in enumerate(statuses):
        write(project, jobs.upsert_job, "work" if n % 2 else "home", job(f"ftjob-{n}", status, created_at=1000 + n))
    assert [j.id for j in read(project, jobs.active_jobs)] == ["ftjob-3", "ftjob-2", "ftjob-1", "ftjob-0"]
    p = crash_and_reopen(opened, project)
    assert [j.id for j in read(p, jobs.list_jobs)] == [f"ftjob-{n}" for n in reversed(range(7))]
    assert [j.id for j in read(p, jobs.list_jobs, "work")] == ["ftjob-5", "ftjob-3", "ftjob-1"]
    assert read(p, jobs.get_job, "ftjob-4").status == "succeeded"


# --- events, metrics, checkpoints ---------------------------------------------------------------


def test_events_are_idempotent_and_newest_first(project):
    write(project, jobs.upsert_job, "work", job())
    batch = [
        {"id": "ftevent-2", "created_at": 2, "level": "info", "type": "message", "message": "Started"},
        {"id": "ftevent-1", "created_at": 1, "level": "info", "type": "message", "message": "Queued"},
    ]
    assert write(project, progress.add_events, "ftjob-1", batch) == 2
    more = [
        {
            "id": "ftevent-3",
            "created_at": 3,
            "level": "warn",
            "type": "moderation_checks",
            "message": "x",
            "data": {"a": 1},
        },
        *batch,
        {"message": "no id"},
    ]
    assert write(project, progress.add_events, "ftjob-1", more) == 1
    assert write(project, progress.add_events, "ftjob-1", []) == 0
    got = read(project, progress.events, "ftjob-1")
    assert [e.event_id for e in got] == ["ftevent-3", "ftevent-2", "ftevent-1"]
    assert got[0].data == {"a": 1} and got[1].data is None
    assert [e.event_id for e in read(project, progress.events, "ftjob-1", 1)] == ["ftevent-3"]


def test_metrics_series_by_step(project):
    write(project, jobs.upsert_job, "work", job())
    evs = [
        metrics_event(3, 3, train_loss=0.5, valid_loss=0.7, train_mean_token_accuracy=0.8),
        metrics_event(1, 1, train_loss=1.5, train_mean_token_accuracy=0.5),
        metrics_event(2, 2, train_loss=1.0, full_valid_loss=0.9, full_valid_mean_token_accuracy=0.6),
        metrics_event(4, 4, train_mean_reward=0.4, scores={"train_reward_mean": 0.4, "valid_reward_mean": 0.6}),
        metrics_event(5, 5, train_loss="n/a", valid_loss=float("nan"), extra=True),
        {"id": "ftevent-6", "created_at": 1_700_000_006, "type": "message", "message": "hi", "data": {"step": 9}},
    ]
    write(project, progress.add_events, "ftjob-1", evs)
    series = read(project, progress.metrics_series, "ftjob-1")
    assert series["train_loss"] == [(1, 1.5), (2, 1.0), (3, 0.5)]
    assert series["valid_loss"] == [(3, 0.7)]
    assert series["full_valid_loss"] == [(2, 0.9)]
    assert series["train_mean_token_accuracy"] == [(1, 0.5), (3, 0.8)]
    assert series["full_valid_mean_token_accuracy"] == [(2, 0.6)]
    assert series["train_mean_reward"] == [(4, 0.4)]
    assert series["valid_reward_mean"] == [(4, 0.6)]
    assert "valid_mean_token_accuracy" not in series and "extra" not in series


def test_checkpoints_upsert_and_order(project):
    write(project, jobs.upsert_job, "work", job())
    cps = [
        {
            "id": "ftckpt-a",
            "created_at": 10,
            "fine_tuned_model_checkpoint": "ft:m:ckpt-step-100",
            "step_number": 100,
            "metrics": {"step": 100, "train_loss": 0.3},
        },
        {
            "id": "ftckpt-b",
            "created_at": 20,
            "fine_tuned_model_checkpoint": "ft:m:ckpt-step-200",
            "step_number": 200,
            "metrics": {"step": 200, "train_loss": 0.2},
        },
    ]
    write(project, progress.upsert_checkpoints, "ftjob-1", cps)
    write(project, progress.upsert_checkpoints, "ftjob-1", [{**cps[0], "metrics": {"step": 100, "train_loss": 0.25}}])
    got = read(project, progress.checkpoints, "ftjob-1")
    assert [(c.checkpoint_id, c.step, c.model) for c in got] == [
        ("ftckpt-b", 200, "ft:m:ckpt-step-200"),
        ("ftckpt-a", 100, "ft:m:ckpt-step-100"),
    ]
    assert got[1].metrics == {"step": 100, "train_loss": 0.25}
