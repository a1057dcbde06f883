"""Training jobs from start to finish: check a dataset, freeze it, upload it, start the job, follow it.

The use cases that tie the provider side (``jobs_api``, ``uploads``) to the project side (``jobs_repo``,
``job_progress_repo``, ``dataset_versions``). Every creation is written down (``record_request``) with a
fresh request id BEFORE the provider is asked, and that id travels in the job's metadata, so a crash or a
lost answer never leaves a job the project does not know about (``recover_pending``) and never makes two.

Async and Qt-free: database work runs through ``project.db``, file work off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from app.formats.model import Finding, Kind, Severity
from app.formats.prices import CostEstimate, PriceTable
from app.graders.structure import structure_problems
from app.graders.templates import check_against_examples
from app.i18n import N_, _, ngettext, number
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services import dataset_versions, jobs_api, uploads
from app.services.datasets import dataset_kind, dataset_totals
from app.services.provider_errors import ProviderError
from app.store import graders_repo, job_progress_repo, jobs_repo
from app.store.jobs_repo import JobRow

if TYPE_CHECKING:
    from app.services.projects import Project

log = logging.getLogger(__name__)

METHOD_KIND = {"supervised": Kind.SFT, "dpo": Kind.DPO, "reinforcement": Kind.RFT}
ACTIONS = ("cancel", "pause", "resume")
# A dataset of the wrong kind for the method (translated with _() where used).
_MISMATCH = {
    "supervised": N_("“{name}” holds {kind} examples, but supervised training needs SFT examples. Choose another "
                     "dataset or another method."),
    "dpo": N_("“{name}” holds {kind} examples, but dpo training needs DPO examples. Choose another dataset or "
              "another method."),
    "reinforcement": N_("“{name}” holds {kind} examples, but reinforcement training needs RFT examples. Choose "
                        "another dataset or another method."),
}

# progress(stage, done, total): stage is "upload training file" or "upload validation file"
LaunchProgress = Callable[[str, int, int], None]


class LaunchBlocked(Exception):
    """The plan has errors: nothing was frozen, recorded or sent."""

    def __init__(self, plan: LaunchPlan) -> None:
        self.plan = plan
        super().__init__("; ".join(f.message for f in plan.errors) or _("the launch is blocked"))


@dataclass(frozen=True, kw_only=True)
class LaunchRequest:
    """What the user asked to train: datasets, method, base model and settings (keywords only)."""

    dataset_id: int
    model: str
    method: str = "supervised"  # "supervised" | "dpo" | "reinforcement"
    validation_dataset_id: int | None = None
    hyperparameters: dict[str, Any] | None = None
    suffix: str | None = None
    seed: int | None = None
    metadata: dict[str, str] | None = None
    grader: dict[str, Any] | None = None


@dataclass(frozen=True)
class LaunchPlan:
    """What starting the job would do: its size and cost, and what stands in the way (errors block)."""

    examples: int
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    billable_tokens: int = 0
    epochs: int | None = None
    cost: CostEstimate | None = None
    validation_examples: int = 0

    @property
    def blocked(self) -> bool:
        """True when an error must be fixed before training."""
        return bool(self.errors)


def _error(code: str, message: str) -> Finding:
    return Finding(code, Severity.ERROR, message)


def _n_epochs(hyperparameters: dict[str, Any] | None) -> int | None:
    value = (hyperparameters or {}).get("n_epochs")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _example_errors(db: sqlite_utils.Database, dataset_id: int) -> int:
    row = db.conn.execute(
        "SELECT COUNT(*) FROM examples WHERE dataset_id = ? AND status = 'error'", (dataset_id,)
    ).fetchone()
    return int(row[0])


def _dataset_name(db: sqlite_utils.Database, dataset_id: int) -> str | None:
    row = db.conn.execute("SELECT name FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    return None if row is None else str(row[0])


def _grader_findings(db: sqlite_utils.Database, req: LaunchRequest) -> tuple[list[Finding], list[Finding]]:
    """The grader's own problems and the fields it reads that the RFT examples lack (both datasets):
    a wrong grader wastes every paid training hour, so its errors block the launch like data errors."""
    grader = req.grader or {}
    found = list(structure_problems(grader))
    for dataset_id, on_data in ((req.dataset_id, N_("The grader, on the training data: {message}")),
                                (req.validation_dataset_id, N_("The grader, on the validation data: {message}"))):
        if dataset_id is None:
            continue
        missing, data_findings = check_against_examples(grader, graders_repo.example_items(db, dataset_id))
        found.extend(data_findings)
        for m in missing:
            f = m.finding()
            found.append(replace(f, message=_(on_data).format(message=f.message)))
    return ([f for f in found if f.severity is Severity.ERROR], [f for f in found if f.severity is not Severity.ERROR])


def _plan(db: sqlite_utils.Database, req: LaunchRequest, prices: PriceTable | None) -> LaunchPlan:
    """The plan, computed on a reader thread from the stored numbers (no JSON parsed)."""
    errors: list[Finding] = []
    warnings: list[Finding] = []
    wanted = METHOD_KIND.get(req.method)
    if wanted is None:
        return LaunchPlan(0, [_error("unknown_method", _("There is no training method called “{method}”.").format(
            method=req.method))])
    name = _dataset_name(db, req.dataset_id)
    if name is None:
        return LaunchPlan(0, [_error("no_dataset", _("The training dataset no longer exists."))])
    kind = dataset_kind(db, req.dataset_id)
    if kind is not wanted:
        errors.append(_error("method_mismatch", _(_MISMATCH[req.method]).format(name=name, kind=str(kind).upper())))
    findings, stats = dataset_totals(db, req.dataset_id, model=req.model, prices=prices,
                                     n_epochs=_n_epochs(req.hyperparameters))
    bad = _example_errors(db, req.dataset_id)
    if bad:
        errors.append(_error("examples_with_errors", ngettext(
            "{n} example has errors in “{name}”. Fix or remove it first.",
            "{n} examples have errors in “{name}”. Fix or remove them first.", bad,
        ).format(n=number(bad), name=name)))
    validation_examples = 0
    if req.validation_dataset_id is not None:
        vname = _dataset_name(db, req.validation_dataset_id)
        if vname is None:
            errors.append(_error("no_dataset", _("The validation dataset no longer exists.")))
        else:
            if dataset_kind(db, req.validation_dataset_id) is not kind:
                errors.append(_error("validation_mismatch", _(
                    "The validation dataset “{validation}” holds another kind of examples than “{name}”."
                ).format(validation=vname, name=name)))
            vfindings, vstats = dataset_totals(db, req.validation_dataset_id, model=req.model, purpose="validation")
            findings = [*findings, *vfindings]
            validation_examples = vstats.examples
            vbad = _example_errors(db, req.validation_dataset_id)
            if vbad:
                errors.append(_error("examples_with_errors", ngettext(
                    "{n} example has errors in the validation dataset “{name}”. Fix or remove it first.",
                    "{n} examples have errors in the validation dataset “{name}”. Fix or remove them first.", vbad,
                ).format(n=number(vbad), name=vname)))
    if wanted is Kind.RFT:
        if req.validation_dataset_id is None:
            errors.append(_error("rft_needs_validation", _("Reinforcement fine-tuning needs a validation dataset.")))
        if not req.grader:
            errors.append(_error("rft_needs_grader", _("Reinforcement fine-tuning needs a grader to score answers.")))
        else:
            grader_errors, grader_warnings = _grader_findings(db, req)
            errors.extend(grader_errors)
            warnings.extend(grader_warnings)
    errors.extend(f for f in findings if f.severity is Severity.ERROR)
    warnings.extend(f for f in findings if f.severity is not Severity.ERROR)
    return LaunchPlan(
        examples=stats.examples,
        errors=errors,
        warnings=warnings,
        billable_tokens=stats.billable_tokens,
        epochs=stats.epochs,
        cost=stats.cost,
        validation_examples=validation_examples,
    )


async def plan_launch(project: Project, req: LaunchRequest, *, prices: PriceTable | None = None) -> LaunchPlan:
    """Check a launch without the network: dataset findings, examples with errors, the kind against the
    method (SFT↔supervised, DPO↔dpo, RFT↔reinforcement, which also needs a validation set and a
    grader), and the token and cost estimate."""
    return await project.db.read(_plan, req, prices)


def _file_name(version: dataset_versions.VersionInfo, role: str) -> str:
    """A readable name for the uploaded file (the provider shows it)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", version.dataset_name).strip("-.")[:60] or "dataset"
    return f"{stem}-{role}-v{version.id}.jsonl"


async def _upload_version(
    project: Project,
    client: Any,
    profile: ConnectionProfile,
    version: dataset_versions.VersionInfo,
    folder: Path,
    role: str,
    progress: LaunchProgress | None,
    cancel: asyncio.Event | None,
) -> str:
    path = folder / _file_name(version, role)
    await project.db.read(dataset_versions.write_version, version.id, path)
    stage = f"upload {role} file"
    report = (lambda done, total: progress(stage, done, total)) if progress else None
    return await uploads.upload_training_file(client, profile, path, progress=report, cancel=cancel)


async def launch(
    project: Project,
    client: Any,
    profile: ConnectionProfile,
    req: LaunchRequest,
    *,
    prices: PriceTable | None = None,
    progress: LaunchProgress | None = None,
    cancel: asyncio.Event | None = None,
) -> JobRow:
    """Start a training job and return its cached row.

    Raises ``LaunchBlocked`` when the plan has errors, ``ProviderError`` when the provider fails or
    refuses (the request then stays recorded, so ``recover_pending`` can still find a job the provider
    may have made), ``asyncio.CancelledError`` when ``cancel`` is set before the job is created.
    """
    plan = await plan_launch(project, req, prices=prices)
    if plan.blocked:
        raise LaunchBlocked(plan)
    train = await project.db.write(dataset_versions.freeze_dataset, req.dataset_id)
    valid = None
    if req.validation_dataset_id is not None:
        valid = await project.db.write(dataset_versions.freeze_dataset, req.validation_dataset_id)
    request_id = uuid.uuid4().hex
    payload = {
        "model": req.model,
        "method": req.method,
        "hyperparameters": req.hyperparameters,
        "suffix": req.suffix,
        "seed": req.seed,
        "metadata": req.metadata,
        "grader": req.grader,
        "dataset_id": req.dataset_id,
        "validation_dataset_id": req.validation_dataset_id,
    }
    await project.db.write(
        jobs_repo.record_request, request_id, profile.id, payload, train.id, valid.id if valid else None
    )
    folder = Path(await run_blocking(tempfile.mkdtemp, prefix="ft-upload-"))
    try:
        training_file = await _upload_version(project, client, profile, train, folder, "training", progress, cancel)
        validation_file = None
        if valid is not None:
            validation_file = await _upload_version(
                project, client, profile, valid, folder, "validation", progress, cancel
            )
    finally:
        await run_blocking(shutil.rmtree, folder, True)
    if cancel is not None and cancel.is_set():
        raise asyncio.CancelledError("launch cancelled")
    info = await jobs_api.create_job(
        client,
        profile,
        model=req.model,
        training_file=training_file,
        validation_file=validation_file,
        method=req.method,
        client_request_id=request_id,
        hyperparameters=req.hyperparameters,
        suffix=req.suffix,
        seed=req.seed,
        metadata={**(req.metadata or {}), jobs_api.REQUEST_ID_KEY: request_id},
        grader=req.grader,
    )
    return await _attach(project, profile, request_id, info)


async def _attach(project: Project, profile: ConnectionProfile, request_id: str, info: jobs_api.JobInfo) -> JobRow:
    def run(db: sqlite_utils.Database) -> JobRow:
        jobs_repo.attach_job(db, request_id, info.id)
        return jobs_repo.upsert_job(db, profile.id, info.raw)

    return await project.db.write(run)


async def recover_pending(project: Project, client: Any, profile: ConnectionProfile) -> list[JobRow]:
    """Find the jobs of requests recorded but never answered (a crash or a lost answer during creation)
    and attach them; returns the rows recovered. Requests the provider has no job for stay pending."""
    pending = await project.db.read(jobs_repo.pending_requests)
    out: list[JobRow] = []
    for request in pending:
        if request.profile_id != profile.id:
            continue
        found = await jobs_api.find_job_by_request_id(client, profile, request.client_request_id)
        if found is not None:
            out.append(await _attach(project, profile, request.client_request_id, found))
    return out


async def refresh_jobs(project: Project, client: Any, profile: ConnectionProfile) -> list[JobRow]:
    """Fetch the provider's newest jobs, cache them, and return the cached jobs of this connection."""
    infos = await jobs_api.list_jobs(client, profile)

    def run(db: sqlite_utils.Database) -> list[JobRow]:
        for info in infos:
            jobs_repo.upsert_job(db, profile.id, info.raw)
        return jobs_repo.list_jobs(db, profile.id)

    return await project.db.write(run)


def _newest_event_id(db: sqlite_utils.Database, job_id: str) -> str | None:
    # Events of one second tie on created_at, so this may be a slightly older one: then a few known
    # events are fetched again and add_events ignores them. Nothing unseen is ever skipped, because
    # every stored event is older than every event not yet stored.
    newest = job_progress_repo.events(db, job_id, limit=1)
    return newest[0].event_id if newest else None


async def _result_rows(
    project: Project, client: Any, profile: ConnectionProfile, info: jobs_api.JobInfo
) -> list[dict[str, float]]:
    """The rows of a succeeded job's result file, fetched once (empty when stored already or unreadable).

    The events list may miss steps (the provider pages and trims it); the result file has them all.
    A failure here must not fail the poll: the curves from the events still show."""
    if info.status != "succeeded" or not info.result_files:
        return []
    if await project.db.read(job_progress_repo.has_result_metrics, info.id):
        return []
    try:
        return await jobs_api.result_metrics(client, profile, info.result_files[0])
    except ProviderError as exc:
        log.warning("result file of job %s not read: %s", info.id, exc)
        return []


async def poll_job(project: Project, client: Any, profile: ConnectionProfile, job_id: str) -> JobRow:
    """Fetch a job, its events newer than the newest stored one, its checkpoints and, once it has
    succeeded, the per-step rows of its result file (fetched once); store them all."""
    info = await jobs_api.get_job(client, profile, job_id)
    last_seen = await project.db.read(_newest_event_id, job_id)
    events = await jobs_api.new_events(client, profile, job_id, last_seen)
    points = await jobs_api.job_checkpoints(client, profile, job_id)
    event_dicts = [
        {"id": e.id, "created_at": e.created_at, "level": e.level, "type": e.type, "message": e.message,
         "data": e.data or None}
        for e in events
    ]
    point_dicts = [
        {"id": c.id, "step_number": c.step_number, "fine_tuned_model_checkpoint": c.model, "metrics": c.metrics,
         "created_at": c.created_at}
        for c in points
    ]

    result_rows = await _result_rows(project, client, profile, info)

    def run(db: sqlite_utils.Database) -> JobRow:
        jobs_repo.upsert_job(db, profile.id, info.raw)  # first: events and checkpoints belong to a stored job
        job_progress_repo.add_events(db, job_id, event_dicts)
        if point_dicts:
            job_progress_repo.upsert_checkpoints(db, job_id, point_dicts)
        if result_rows:
            job_progress_repo.add_result_metrics(db, job_id, result_rows, info.finished_at)
        row = jobs_repo.get_job(db, job_id)
        assert row is not None
        return row

    return await project.db.write(run)


async def job_action(project: Project, client: Any, profile: ConnectionProfile, job_id: str, action: str) -> JobRow:
    """Cancel, pause or resume a job, then store what the provider answered."""
    calls = {"cancel": jobs_api.cancel_job, "pause": jobs_api.pause_job, "resume": jobs_api.resume_job}
    if action not in calls:
        raise ValueError(f"unknown job action {action!r}")
    info = await calls[action](client, profile, job_id)
    return await project.db.write(jobs_repo.upsert_job, profile.id, info.raw)
