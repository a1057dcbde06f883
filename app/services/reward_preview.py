"""Reward preview: a grader over the answers one model gave in a Playground batch run, to see the
spread of scores before paying for reinforcement fine-tuning.

Each example (the dataset line is the grader's ``item``) is scored with the model's stored answer:
here and offline when ``app.graders.local.score_locally`` can (string checks, most text similarity
metrics, multi over them), else on the provider's grader ``run`` endpoint when a client is given, else
not at all with the note "Needs a connection…". A grader that gives every answer the same score
(all 0, all 1) is flagged by ``reward_spread``: it gives the model nothing to learn from.

Async and Qt-free: database reads go through ``project.db``, local scoring through ``run_blocking``;
cancelling the task cancels the remote calls in flight (``CancelledError`` propagates).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson
import sqlite_utils

from app.formats.model import Severity
from app.graders.local import score_locally
from app.graders.preview import RewardSpread, reward_spread
from app.graders.structure import has_errors, structure_problems
from app.i18n import N_, _
from app.models.connection import ConnectionProfile
from app.runtime.threads import run_blocking
from app.services.graders_api import run_remote
from app.services.provider_errors import ErrorKind, ProviderError
from app.store import batch_repo, batch_results_repo

if TYPE_CHECKING:
    from app.services.projects import Project

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 50
REMOTE_CONCURRENCY = 4  # grader runs in flight at once (model graders take seconds each)
# Failures of one call that say nothing about the next: note them and go on. Every other provider
# failure (a wrong key, an invalid grader, a rate limit…) would fail every call: stop and raise it.
_PASSING_KINDS = frozenset({ErrorKind.TIMEOUT, ErrorKind.SERVER})
NOT_A_TARGET = N_("That model is not part of this batch run.")  # translated with _() where raised

Sample = tuple[int, Any, str]  # (example id, dataset line, the model's answer)
PreviewRow = tuple[int, float | None, str]  # (example id, score or None, note)


def run_samples(db: sqlite_utils.Database, run_id: int, target: int, limit: int = DEFAULT_LIMIT) -> list[Sample]:
    """The first ``limit`` examples (in dataset order) that the run's ``target`` answered, each with its
    dataset line and the answer. Raises LookupError for an unknown run, ValueError for a bad target.
    Examples deleted since the run are left out."""
    info = batch_repo.run_info(db, run_id)
    if not 0 <= target < len(info.targets):
        raise ValueError(_(NOT_A_TARGET))
    answers = batch_results_repo.outputs(db, run_id, target)
    if not answers or limit <= 0:
        return []
    rows = db.conn.execute(
        "SELECT id, data FROM examples WHERE id IN (SELECT value FROM json_each(?)) ORDER BY position, id LIMIT ?",
        (orjson.dumps(sorted(answers)).decode("utf-8"), limit),
    ).fetchall()
    out: list[Sample] = []
    for example_id, data in rows:
        try:
            item = orjson.loads(data)
        except orjson.JSONDecodeError:
            item = None
        out.append((example_id, item, answers[example_id][1]))
    return out


def needs_connection_note(reason: str) -> str:
    """The note of an example that could only be scored remotely, with no connection given."""
    reason = reason.strip().rstrip(".")
    if reason:
        return _("Needs a connection to score ({reason}).").format(reason=reason)
    return _("Needs a connection to score.")


def _score_here(grader: dict, item: Any, answer: str) -> tuple[float | None, str]:
    if not isinstance(item, dict):
        return None, _("This example is not a JSON object, so the grader cannot read it.")
    try:
        local = score_locally(grader, item, answer)
    except Exception as exc:  # noqa: BLE001 - one odd example must not stop the preview
        log.warning("local scoring failed: %r", exc)
        return None, _("Could not score this example here ({kind}: {error}).").format(
            kind=type(exc).__name__, error=exc
        )
    return local.score, local.note


async def preview_rewards(
    project: Project,
    grader: dict,
    run_id: int,
    target: int,
    *,
    limit: int = DEFAULT_LIMIT,
    client: Any = None,
    profile: ConnectionProfile | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[RewardSpread, list[PreviewRow]]:
    """Score ``grader`` on up to ``limit`` answers of ``target`` in batch run ``run_id``.

    Returns the spread of the scores and one (example id, score or None, note) per example, in dataset
    order. ``on_progress(done, total)`` is called at the start and after each example. Remote runs
    (with ``client`` and ``profile``) go a few at a time; a timeout or server error is noted on its
    example, any other ``ProviderError`` stops the preview and is raised. Raises LookupError for an
    unknown run, ValueError for a target that is not part of it and for a grader with structural errors
    (its message names the first one: fix the grader before previewing it).
    """
    problems = await run_blocking(structure_problems, grader)  # parses python source: not on the loop
    if has_errors(problems):
        first = next(f for f in problems if f.severity is Severity.ERROR)
        raise ValueError(_("Fix the grader first: {problem}").format(problem=first.message))
    samples = await project.db.read(run_samples, run_id, target, limit)
    total = len(samples)
    rows: list[PreviewRow | None] = [None] * total
    done = 0

    def finished(index: int, row: PreviewRow) -> None:
        nonlocal done
        rows[index] = row
        done += 1
        if on_progress is not None:
            on_progress(done, total)

    if on_progress is not None:
        on_progress(0, total)
    sem = asyncio.Semaphore(REMOTE_CONCURRENCY)

    async def remote(index: int, example_id: int, item: dict, answer: str) -> None:
        assert profile is not None
        async with sem:
            try:
                result = await run_remote(client, profile, grader, item, answer)
            except ProviderError as err:
                if err.kind not in _PASSING_KINDS:
                    raise
                finished(index, (example_id, None, err.message))
                return
        finished(index, (example_id, result.reward, " ".join(result.errors)))

    tasks: list[asyncio.Task[None]] = []
    try:
        for index, (example_id, item, answer) in enumerate(samples):
            score, note = await run_blocking(_score_here, grader, item, answer)
            if score is not None or not isinstance(item, dict):
                finished(index, (example_id, score, note))
            elif client is None or profile is None:
                finished(index, (example_id, None, needs_connection_note(note)))
            else:
                tasks.append(asyncio.create_task(remote(index, example_id, item, answer)))
        if tasks:
            await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
        raise
    result = [row for row in rows if row is not None]
    spread = reward_spread([score for _id, score, _note in result if score is not None])
    return spread, result
