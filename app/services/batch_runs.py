"""Batch runs: every example of a dataset (or of one split) through two or more models, with a
concurrency limit, each answer stored as it arrives; then the pairs go to the annotator and the
judgements come back as a win-rate.

``run_batch`` is resumable: it makes exactly the calls that have no stored output (failed ones are
tried again), so cancelling it (cancel its task) loses nothing and running it again finishes the
job. A target that cannot connect or whose calls fail stores the plain reason per call; the other
targets go on. Async and Qt-free: database work runs through ``project.db``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import orjson
import sqlite_utils

from app.formats import winrate
from app.formats.prices import PriceTable
from app.i18n import _
from app.models.connection import ConnectionProfile
from app.services import providers
from app.services.chat import ChatTarget, complete_chat
from app.services.datasets import dataset_kind
from app.store import annotation_repo, batch_repo, batch_results_repo
from app.store.batch_prompts import NO_PROMPT_ERROR, prompt_of
from app.store.batch_repo import BatchProgress, BatchTarget, RunInfo, create_run, list_runs, run_info
from app.store.batch_results_repo import ResultRow, TargetResult, results
from app.store.tx import transaction

if TYPE_CHECKING:
    from app.services.projects import Project

__all__ = [
    "BatchProgress", "BatchTarget", "ResultRow", "RunInfo", "TargetResult", "ClientFor", "create_run", "list_runs",
    "prompt_of", "results", "run_info", "run_batch", "send_run_to_queue", "run_win_rate", "source_of",
]

log = logging.getLogger(__name__)

# client_for(profile_id) -> (SDK client, its profile); raises with a plain message when it cannot
ClientFor = Callable[[str], Awaitable[tuple[Any, ConnectionProfile]]]
PAGE = 200  # examples read from the project at a time


def source_of(run_id: int) -> str:
    """The ``source`` of the comparisons a run sends to the annotator."""
    return f"batch:{run_id}"


def _parse(data: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


class _Tally:
    """The run's counters, kept in step with what is stored."""

    def __init__(self, info: RunInfo, states: dict[tuple[int, int], bool]) -> None:
        self.total, self.done, self.failed = info.total, info.done, info.failed
        self.states = states

    def record(self, key: tuple[int, int], ok: bool) -> None:
        before = self.states.get(key)
        if before is False:
            self.failed -= 1
        self.states[key] = ok
        if ok:
            self.done += 1
        else:
            self.failed += 1

    def progress(self) -> BatchProgress:
        return BatchProgress(self.total, self.done, self.failed)


async def _connect(targets: list[BatchTarget], client_for: ClientFor) -> dict[str, tuple[Any, Any] | str]:
    """profile id -> (client, profile), or the plain reason it could not connect."""
    out: dict[str, tuple[Any, Any] | str] = {}
    for target in targets:
        if target.profile_id in out:
            continue
        try:
            out[target.profile_id] = await client_for(target.profile_id)
        except Exception as exc:  # NotConnected, a keyring failure, a deleted connection…
            out[target.profile_id] = str(exc) or _("Could not connect ({error}).").format(error=type(exc).__name__)
    return out


async def _call(
    project: Project,
    run_id: int,
    example_id: int,
    index: int,
    target: BatchTarget,
    prompt: list[dict],
    connection: tuple[Any, Any] | str,
    prices: PriceTable | None,
    not_ready_wait: float,
) -> bool:
    """One call, its result stored; True when it produced an output."""
    if isinstance(connection, str):
        output, error, stats = None, connection, None
    else:
        client, profile = connection
        try:
            answer = await complete_chat(
                client, ChatTarget(profile, target.model, target.base_model), prompt, target.params,
                prices=prices, not_ready_wait=not_ready_wait,
            )
            stats = answer.stats
            output, error = (answer.text, None) if answer.error is None else (None, answer.error.message)
        except Exception as exc:  # complete_chat returns provider failures; anything else is still one call
            log.warning("batch run %s: call for example %s failed: %r", run_id, example_id, exc)
            output, error, stats = None, providers.map_error(exc, profile, operation="chat").message, None
    # Shielded: once the answer is here it is written even when the run is being cancelled.
    await asyncio.shield(
        project.db.write(batch_results_repo.store_result, run_id, example_id, index, prompt, output, error, stats)
    )
    return output is not None


async def run_batch(
    project: Project,
    run_id: int,
    client_for: ClientFor,
    *,
    on_progress: Callable[[BatchProgress], None] | None = None,
    prices: PriceTable | None = None,
    not_ready_wait: float = 30.0,
) -> BatchProgress:
    """Run (or resume) a batch run and return where it ended.

    Examples go in dataset order, each through every target; at most ``concurrency`` calls are in
    flight at once. Calls with a stored output are skipped, failed ones tried again; examples with
    no user message fail with a plain reason. ``on_progress`` is called once at the start (what was
    already done) and after each stored result. The run's status is 'running' meanwhile, then
    'done' when every call has an output, else 'stopped' (also when cancelled: ``CancelledError``
    propagates after the status is written). Raises ValueError when the run's dataset was deleted.
    """
    info = await project.db.read(batch_repo.run_info, run_id)
    if info.dataset_id is None:
        raise ValueError(_("The dataset of this run was deleted, so the run cannot go on."))
    kind = await project.db.read(dataset_kind, info.dataset_id)
    tally = _Tally(info, await project.db.read(batch_results_repo.call_states, run_id))
    await project.db.write(batch_repo.set_status, run_id, "running", info.total)

    def report() -> None:
        if on_progress is not None:
            on_progress(tally.progress())

    report()
    sem = asyncio.Semaphore(info.concurrency)
    tasks: set[asyncio.Task[None]] = set()
    broken: list[BaseException] = []

    async def one(example_id: int, index: int, prompt: list[dict], connection: tuple[Any, Any] | str) -> None:
        try:
            ok = await _call(project, run_id, example_id, index, info.targets[index], prompt, connection, prices,
                             not_ready_wait)
            tally.record((example_id, index), ok)
            report()
        except Exception as exc:  # a database failure: stop the run rather than lose results silently
            broken.append(exc)
        finally:
            sem.release()

    try:
        connections = await _connect(info.targets, client_for)
        after = -1
        while not broken:
            page = await project.db.read(batch_results_repo.examples_page, info.dataset_id, info.split, after, PAGE)
            if not page:
                break
            after = page[-1][1]
            for example_id, _position, data in page:
                prompt = prompt_of(_parse(data), kind)
                for index, target in enumerate(info.targets):
                    key = (example_id, index)
                    if tally.states.get(key) is True or broken:
                        continue
                    if prompt is None:
                        await project.db.write(batch_results_repo.store_result, run_id, example_id, index, None,
                                               None, _(NO_PROMPT_ERROR))
                        tally.record(key, False)
                        report()
                        continue
                    await sem.acquire()
                    task = asyncio.create_task(one(example_id, index, prompt, connections[target.profile_id]))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.wait(set(tasks))
        if broken:
            raise broken[0]
    except BaseException:
        for task in tasks:
            task.cancel()
        await _mark_stopped(project, run_id, set(tasks))
        raise
    final = tally.progress()
    status = "done" if final.done >= final.total else "stopped"
    await project.db.write(batch_repo.set_status, run_id, status)
    return final


async def _mark_stopped(project: Project, run_id: int, tasks: set[asyncio.Task[None]]) -> None:
    try:
        stop = project.db.submit_write(batch_repo.set_status, run_id, "stopped")
    except RuntimeError:  # the project is closed already: the next open marks the run stopped
        return
    try:
        if tasks:
            await asyncio.wait(tasks)
        await asyncio.wrap_future(stop)
    except asyncio.CancelledError:
        pass  # cancelled again while tidying up: the status write is queued all the same


# --- to the annotator and back ------------------------------------------------------------------


def _messages_of(context: str) -> Any:
    try:
        data = orjson.loads(context)
    except orjson.JSONDecodeError:
        return None
    return data.get("messages") if isinstance(data, dict) else data


def _key(messages: Any, models: list[str]) -> tuple[bytes, frozenset[str]]:
    return orjson.dumps(messages, option=orjson.OPT_SORT_KEYS), frozenset(models)


def _sent(db: sqlite_utils.Database, queue_id: int, run_id: int) -> Counter[tuple[bytes, frozenset[str]]]:
    """What the run already sent to the queue: (context, candidate models) -> how many times."""
    rows = db.conn.execute(
        "SELECT c.id, c.context, k.model FROM comparisons c LEFT JOIN candidates k ON k.comparison_id = c.id"
        " WHERE c.queue_id = ? AND c.source = ? ORDER BY c.id",
        (queue_id, source_of(run_id)),
    ).fetchall()
    by_comparison: dict[int, tuple[str, list[str]]] = {}
    for comparison_id, context, model in rows:
        by_comparison.setdefault(comparison_id, (context, []))[1].append(model or "")
    return Counter(_key(_messages_of(context), models) for context, models in by_comparison.values())


def _example_order(db: sqlite_utils.Database, info: RunInfo, ids: set[int]) -> list[int]:
    if info.dataset_id is None:
        return sorted(ids)
    rows = db.conn.execute("SELECT id, position FROM examples WHERE dataset_id = ?", (info.dataset_id,))
    positions = {r[0]: r[1] for r in rows}
    return sorted(ids, key=lambda i: (positions.get(i, float("inf")), i))


def send_run_to_queue(
    db: sqlite_utils.Database, run_id: int, target_a: int, target_b: int, queue_name: str
) -> tuple[int, int]:
    """Send one comparison per example that has outputs from both targets to the annotation queue
    ``queue_name`` (created when new); returns (queue id, comparisons added).

    The context is the prompt that was sent; the candidates are the two outputs, each named by its
    target's label (hidden from the judge). Sending again adds only what was not sent before.
    Examples whose two answers were made from different prompts (edited between runs) are left
    out: their answers cannot be compared fairly. For the writer thread.
    """
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    info = batch_repo.run_info(db, run_id)
    count = len(info.targets)
    if not (0 <= target_a < count and 0 <= target_b < count) or target_a == target_b:
        raise ValueError(_("Choose two different models of the run to compare."))
    a, b = info.targets[target_a], info.targets[target_b]
    outputs_a = batch_results_repo.outputs(db, run_id, target_a)
    outputs_b = batch_results_repo.outputs(db, run_id, target_b)
    with transaction(db.conn):  # all comparisons or none (annotation_repo joins this transaction)
        queue_id = annotation_repo.queue_by_name(db, name)
        if queue_id is None:
            queue_id = annotation_repo.create_queue(db, name)
        already = _sent(db, queue_id, run_id)
        added = 0
        for example_id in _example_order(db, info, set(outputs_a) & set(outputs_b)):
            prompt, answer_a = outputs_a[example_id]
            prompt_b, answer_b = outputs_b[example_id]
            if prompt != prompt_b:
                continue
            key = _key(prompt, [a.label, b.label])
            if already[key] > 0:
                already[key] -= 1
                continue
            candidates = [
                annotation_repo.CandidateIn(
                    content={"role": "assistant", "content": answer}, model=t.label, profile_id=t.profile_id,
                    params=t.params.to_dict(),
                )
                for t, answer in ((a, answer_a), (b, answer_b))
            ]
            annotation_repo.add_comparison(db, queue_id, prompt, candidates, source_of(run_id))
            added += 1
        batch_repo.set_queue(db, run_id, queue_id)
    return queue_id, added


def _compared_labels(db: sqlite_utils.Database, queue_id: int, run_id: int) -> list[str]:
    """The target labels of the run's newest comparison in the queue, first candidate first."""
    row = db.conn.execute(
        "SELECT id FROM comparisons WHERE queue_id = ? AND source = ? ORDER BY id DESC LIMIT 1",
        (queue_id, source_of(run_id)),
    ).fetchone()
    if row is None:
        return []
    return [r[0] for r in db.conn.execute("SELECT model FROM candidates WHERE comparison_id = ? ORDER BY slot", row)]


def run_win_rate(
    db: sqlite_utils.Database, run_id: int, target_a: int | None = None, target_b: int | None = None
) -> winrate.WinRate | None:
    """The win-rate of target A over target B from the judgements in the run's queue (ties count
    half); None when the run was never sent to a queue. Without ``target_a``/``target_b`` the pair
    is the one last sent (A = the first candidate)."""
    info = batch_repo.run_info(db, run_id)
    if info.queue_id is None:
        return None
    if target_a is not None and target_b is not None:
        labels = [info.targets[target_a].label, info.targets[target_b].label]
    else:
        labels = _compared_labels(db, info.queue_id, run_id)
        if len(labels) < 2:
            if len(info.targets) < 2:
                return None
            labels = [info.targets[0].label, info.targets[1].label]
    wins, losses, ties = annotation_repo.model_results(db, labels[0], labels[1], info.queue_id)
    return winrate.win_rate(wins, losses, ties)
