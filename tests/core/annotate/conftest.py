"""Fixtures for the annotator's core: a real project file and queues of comparisons in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import annotation_judging as judging
from app.services.projects import Project, open_project_sync
from app.store import annotation_repo as repo
from app.store.annotation_repo import CandidateIn
from app.store.project_file import create_project

SYSTEM = {"role": "system", "content": "You are a careful tenancy lawyer."}


@pytest.fixture
def project(tmp_path):
    p = new_project(tmp_path / "data.ftproj")
    yield p
    p._close_sync()


def new_project(path: Path) -> Project:
    """Create and open a project file at ``path`` (close it with ``_close_sync``)."""
    create_project(path)
    return open_project_sync(path)


def read(project, fn, *args, **kwargs):
    return project.db.submit_read(lambda db: fn(db, *args, **kwargs)).result()


def write(project, fn, *args, **kwargs):
    return project.db.submit_write(lambda db: fn(db, *args, **kwargs)).result()


def context(i: int) -> list[dict]:
    return [SYSTEM, {"role": "user", "content": f"Question {i}: may the landlord enter?"}]


def answer(i: int, slot: int) -> dict:
    """Candidate ``slot`` of comparison ``i``: "A3", "B3", "C3"…"""
    return {"role": "assistant", "content": f"{'ABC'[slot]}{i}"}


def make_queue(
    project, n: int, *, name: str = "Lease", seed: int = 7, models: tuple[str, ...] = ("base", "tuned")
) -> tuple[int, list[int]]:
    """A queue of ``n`` comparisons; comparison ``i`` asks "Question i" and candidate slot ``k``
    (model ``models[k]``) answers "A{i}", "B{i}", …. Returns (queue id, comparison ids)."""

    def run(db):
        queue_id = repo.create_queue(db, name, seed)
        ids = [
            repo.add_comparison(
                db, queue_id, context(i), [CandidateIn(answer(i, k), m) for k, m in enumerate(models)], "test"
            )
            for i in range(n)
        ]
        return queue_id, ids

    return project.db.submit_write(run).result()


def side_of(project, comparison_id: int, slot: int, annotator: str = "ana") -> str:
    """Which side ("left"/"right") candidate ``slot`` is shown on to ``annotator``."""
    item = read(project, judging.load_item, comparison_id, annotator)
    if item.left.slot == slot:
        return "left"
    assert item.right.slot == slot, "that candidate is not shown"
    return "right"


def pick(project, comparison_id: int, slot: int, annotator: str = "ana", **kwargs):
    """``annotator`` judges candidate ``slot`` better (by the side it is shown on)."""
    side = side_of(project, comparison_id, slot, annotator)
    return write(project, judging.judge, comparison_id, annotator, "win", side, **kwargs)
