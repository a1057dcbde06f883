"""The sample project: a ready-made project to explore every view without one's own data.

It holds, in English or Brazilian Portuguese (the data files are in :mod:`app.sample_project`):
an SFT dataset of support conversations, a DPO dataset, an annotation queue with the same DPO
questions to judge blind (each answer labelled only "Model A" / "Model B"), an RFT dataset of
customer messages to sort into categories, and a saved grader that scores that RFT dataset.

Everything goes through the normal paths (the import, the annotation and grader stores), so the
sample looks exactly like the user's own work would. Creating it is idempotent: what already exists
under its name is left alone, only what is missing is added. A new sample project is built under a
temporary name and renamed when complete, so a crash never leaves half a sample at the real path.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from app.formats.model import Kind
from app.i18n import normalize_language
from app.services.importing import ImportRequest, run_import
from app.services.projects import Project, open_project_sync
from app.store import annotation_repo, datasets_repo, graders_repo, project_file
from app.store.tx import transaction

log = logging.getLogger(__name__)

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_project"
LANGUAGES = ("en", "pt_BR")
QUEUE_SEED = 20240611  # a fixed left/right order, so every copy of the sample shows the same sides
SOURCE = "sample"  # the comparisons' origin, as the annotator lists it


@dataclass(frozen=True)
class SampleNames:
    """The names the sample project gives its file and its parts, in one language."""

    file_name: str
    project: str
    sft: str
    dpo: str
    rft: str
    queue: str
    grader: str
    models: tuple[str, str]  # the hidden "models" the two answers of each comparison come from


NAMES = {
    "en": SampleNames(
        file_name="Sample project.ftproj",
        project="Sample project — Lumen Agenda support",
        sft="Support answers",
        dpo="Answer preferences",
        rft="Ticket triage",
        queue="Which answer is better?",
        grader="Ticket category",
        models=("Model A", "Model B"),
    ),
    "pt_BR": SampleNames(
        file_name="Projeto de exemplo.ftproj",
        project="Projeto de exemplo — suporte da Lumen Agenda",
        sft="Respostas do suporte",
        dpo="Preferências de resposta",
        rft="Triagem de chamados",
        queue="Qual resposta é melhor?",
        grader="Categoria do chamado",
        models=("Modelo A", "Modelo B"),
    ),
}


def sample_language(language: str | None) -> str:
    """``"pt_BR"`` for any Portuguese tag (``pt-BR``, ``pt_BR.UTF-8``…), else ``"en"``."""
    return normalize_language(language) or "en"


def sample_names(language: str | None) -> SampleNames:
    """The names of the sample project in ``language`` (English for a language we do not ship)."""
    return NAMES[sample_language(language)]


def sample_file(part: str, language: str | None) -> Path:
    """A data file of the sample: ``part`` is ``sft_support``, ``dpo``, ``rft`` (JSONL) or ``grader`` (JSON)."""
    suffix = ".json" if part == "grader" else ".jsonl"
    return SAMPLE_DIR / f"{part}_{sample_language(language)}{suffix}"


def sample_project_path(folder: Path, language: str | None) -> Path:
    """Where the sample project in ``language`` lives inside ``folder`` (the app's data folder)."""
    return Path(folder) / sample_names(language).file_name


def load_grader(language: str | None) -> dict[str, Any]:
    """The sample's grader (the JSON the fine-tuning API takes)."""
    return json.loads(sample_file("grader", language).read_text(encoding="utf-8"))


def sample_comparisons(language: str | None) -> list[tuple[list[dict[str, Any]], list[annotation_repo.CandidateIn]]]:
    """The annotation queue's comparisons, from the DPO file: the conversation so far, and the two
    answers as candidates labelled only "Model A"/"Model B". Which label gets the better answer
    varies (so the blind comparison has something to find out), always the same way."""
    names = sample_names(language)
    out = []
    for i, line in enumerate(sample_file("dpo", language).read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        pair = json.loads(line)
        good, bad = pair["preferred_output"][0], pair["non_preferred_output"][0]
        first, second = (bad, good) if i % 3 == 2 else (good, bad)
        candidates = [annotation_repo.CandidateIn(content=first, model=names.models[0]),
                      annotation_repo.CandidateIn(content=second, model=names.models[1])]
        out.append((pair["input"]["messages"], candidates))
    return out


def _write_queue(db: sqlite_utils.Database, name: str, items: list) -> int:
    """The queue and all its comparisons in one transaction (all or nothing)."""
    with transaction(db.conn):
        queue_id = annotation_repo.create_queue(db, name, seed=QUEUE_SEED)
        for context, candidates in items:
            annotation_repo.add_comparison(db, queue_id, context, candidates, SOURCE)
    return queue_id


def _save_grader(db: sqlite_utils.Database, name: str, grader: dict[str, Any]) -> None:
    if graders_repo.find_grader(db, name) is None:
        graders_repo.save_grader(db, name, grader)


def fill_sample_project(project: Project, language: str | None) -> None:
    """Add to an open project whatever part of the sample it lacks (by name). Blocking: call it from a
    worker thread (the import runs on the project's writer and the worker processes)."""
    lang = sample_language(language)
    names = NAMES[lang]
    existing = {d.name for d in project.db.submit_read(datasets_repo.list_datasets).result()}
    for part, name, kind in (("sft_support", names.sft, Kind.SFT), ("dpo", names.dpo, Kind.DPO),
                             ("rft", names.rft, Kind.RFT)):
        if name not in existing:
            run_import(project, ImportRequest(path=sample_file(part, lang), name=name, kind=kind))
    if project.db.submit_read(annotation_repo.queue_by_name, names.queue).result() is None:
        project.db.submit_write(_write_queue, names.queue, sample_comparisons(lang)).result()
    project.db.submit_write(_save_grader, names.grader, load_grader(lang)).result()


def _discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _checkpoint(db: sqlite_utils.Database) -> None:
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def create_sample_project(path: Path, language: str | None = "en") -> Path:
    """Create the sample project at ``path`` in ``language`` (``"en"``/``"pt_BR"``; others get English)
    and return its resolved path. When ``path`` already holds a project, only what it lacks of the
    sample is added. Blocking (a few seconds at most): call it from a worker thread. Raises
    ``ProjectError`` when ``path`` is not a usable project (e.g. open in another window)."""
    path = Path(path).resolve()
    lang = sample_language(language)
    if path.exists():
        project = open_project_sync(path)
        try:
            fill_sample_project(project, lang)
        finally:
            project._close_sync()
        return path
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    _discard(partial)  # left over from an attempt that was cut short
    project_file.create_project(partial, NAMES[lang].project)
    try:
        project = open_project_sync(partial)
        try:
            fill_sample_project(project, lang)
            # Everything into the main file before it is renamed (the WAL file keeps its old name).
            project.db.submit_write(_checkpoint).result()
        finally:
            project._close_sync()
        partial.replace(path)
        _discard(partial)  # an empty -wal/-shm the closed connections may leave behind
    except BaseException:
        _discard(partial)
        raise
    log.info("created the sample project (%s) at %s", lang, path)
    return path
