"""Generating candidates for the annotator: every prompt of a dataset (or of a prompt list) sent to
1–N model settings, and every prompt with two or more answers made a comparison.

It is a batch run underneath (``app.services.batch_runs``): the same concurrency limit, progress,
cancel and resume, and the same per-call errors. A generation therefore survives a cancel or a
closed app: pass the run id to :func:`generate` again and only the missing calls are made. The
comparisons carry ALL of an example's answers (the judge sees two at a time); each candidate's
``model`` is its setting's label, hidden from the judge until after the judgement. Making those
comparisons from the run's answers is ``annotation_generate_queue``'s.

The expected cost is shown before anything is spent (:func:`plan_generation`): prompt tokens are
counted offline with the same recipe the chat uses for its own estimate, the answer length is a
guess, and the prices are ``chat_models.chat_cost``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import sqlite_utils

from app.formats.chat_models import chat_cost
from app.formats.encoding import iter_lines
from app.formats.model import Finding, Kind, Record
from app.formats.pipeline import check_records
from app.formats.prices import PriceTable
from app.formats.tokens import TokenizerUnavailable, count_example
from app.i18n import _
from app.services.annotation_generate_queue import send_run_to_queue_all
from app.services.batch_runs import BatchProgress, BatchTarget, ClientFor, run_batch
from app.services.dataset_admin import unique_name
from app.services.datasets import dataset_kind
from app.store import batch_prompts, batch_repo, batch_results_repo, datasets_repo
from app.store.tx import transaction

if TYPE_CHECKING:
    from app.services.projects import Project

DEFAULT_ANSWER_TOKENS = 400


# --- settings -----------------------------------------------------------------------------------


def setting_label(target: BatchTarget) -> str:
    """A short name for a setting: its label, else its model and what was set ("gpt-4.1-mini · 0.7")."""
    if target.label.strip():
        return target.label.strip()
    parts = [target.model]
    params = target.params
    if params.temperature is not None:
        parts.append(f"{params.temperature:g}")
    if params.top_p is not None:
        parts.append(f"top P {params.top_p:g}")
    if params.reasoning_effort:
        parts.append(params.reasoning_effort)
    return " · ".join(parts)


def generation_targets(settings: list[BatchTarget], samples_per_setting: int) -> list[BatchTarget]:
    """The batch targets of a generation: each setting ``samples_per_setting`` times, with unique
    labels ("gpt-4.1-mini · 0.7 · #2"). A setting without a label gets one from its model and
    parameters. With one setting, ``samples_per_setting`` must be 2 or more (two answers of the
    same model); a sample after the first with a fixed seed gets the next seed, so the answers can
    differ. ``ValueError`` with a plain message when there would be fewer than two answers per prompt.
    """
    if not settings:
        raise ValueError(_("Choose at least one model setting."))
    if samples_per_setting < 1:
        raise ValueError(_("Ask for at least one answer per setting."))
    if len(settings) * samples_per_setting < 2:
        raise ValueError(_("With one model setting, ask for at least two answers per prompt: a comparison needs two."))
    bases: list[str] = []
    for target in settings:
        base = setting_label(target)
        n = 2
        name = base
        while name in bases:
            name = f"{base} ({n})"
            n += 1
        bases.append(name)
    out: list[BatchTarget] = []
    for target, base in zip(settings, bases, strict=True):
        for k in range(samples_per_setting):
            params = target.params
            if k and params.seed is not None:
                params = dataclasses.replace(params, seed=params.seed + k)
            label = f"{base} · #{k + 1}" if samples_per_setting > 1 else base
            out.append(dataclasses.replace(target, label=label, params=params))
    return out


# --- the cost before starting -------------------------------------------------------------------


@dataclass(frozen=True)
class GenerationPlan:
    """What a generation will do: ``prompts`` examples with a user message, ``calls`` requests in
    all, ``prompt_tokens`` sent over all calls (counted offline), ``cost_usd`` the expected cost of
    the settings with a known price (None when none has one), ``unpriced`` the models without."""

    prompts: int
    calls: int
    prompt_tokens: int
    cost_usd: float | None
    unpriced: list[str]


def _prompt_tokens(prompt: list[dict[str, Any]]) -> int:
    try:
        return count_example({"messages": prompt}, Kind.SFT).total
    except TokenizerUnavailable:  # no vocabulary: a rough figure beats none (4 characters a token)
        return sum(len(str(m.get("content") or "")) for m in prompt) // 4 + 3 + 4 * len(prompt)


def plan_generation(
    db: sqlite_utils.Database,
    dataset_id: int,
    split: str | None,
    targets: list[BatchTarget],
    *,
    max_completion_tokens_guess: int = DEFAULT_ANSWER_TOKENS,
    prices: PriceTable | None = None,
) -> GenerationPlan:
    """The expected size and cost of a generation (for the reader thread).

    Each call costs its prompt's tokens (the cookbook recipe, as the chat counts them) plus the
    guessed answer length: ``max_completion_tokens_guess``, or the setting's own answer limit when
    that is smaller. Examples without a user message make no call.
    """
    kind = dataset_kind(db, dataset_id)
    prompts = tokens = 0
    after = -1
    while page := batch_results_repo.examples_page(db, dataset_id, split, after, 500):
        after = page[-1][1]
        for _id, _position, data in page:
            prompt = batch_prompts.prompt_of(orjson.loads(data), kind)
            if prompt is not None:
                prompts += 1
                tokens += _prompt_tokens(prompt)
    cost: float | None = None
    unpriced: list[str] = []
    for target in targets:
        limit = target.params.max_completion_tokens
        answer = min(max_completion_tokens_guess, limit) if limit else max_completion_tokens_guess
        model = target.base_model or target.model
        one = chat_cost(model, tokens, prompts * answer, prices)
        if one is None:
            if model not in unpriced:
                unpriced.append(model)
        else:
            cost = (cost or 0.0) + one
    if not targets or not prompts:
        cost = 0.0
    return GenerationPlan(prompts, prompts * len(targets), tokens * len(targets), cost, unpriced)


# --- running, and what failed -------------------------------------------------------------------


def create_generation_run(
    db: sqlite_utils.Database, queue_name: str, dataset_id: int, split: str | None, targets: list[BatchTarget],
    concurrency: int = 4,
) -> int:
    """Store a new generation run (not started); returns its id, for :func:`generate`'s ``run_id``."""
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    if len(targets) < 2:
        raise ValueError(_("A generation needs at least two answers per prompt: add a setting or ask for more "
                           "samples."))
    title = _("Answers for “{name}”").format(name=name)
    return batch_repo.create_run(db, title, dataset_id, split, targets, concurrency)


async def generate(
    project: Project,
    queue_name: str,
    dataset_id: int,
    split: str | None,
    targets: list[BatchTarget],
    client_for: ClientFor,
    *,
    concurrency: int = 4,
    on_progress: Callable[[BatchProgress], None] | None = None,
    prices: PriceTable | None = None,
    run_id: int | None = None,
    on_run: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Generate the answers and fill the queue; returns (run id, comparisons added).

    Without ``run_id`` a new run is created (``on_run`` gets its id at once, so a cancelled
    generation can be resumed); with it, that run is resumed with its own targets and concurrency
    (``targets``, ``dataset_id``, ``split`` and ``concurrency`` are then ignored) and only the
    calls without an answer are made. Failed calls do not stop the others; afterwards every
    example with two or more answers becomes a comparison (see ``annotation_generate_queue``) and
    :func:`failures` tells what failed. Cancelling propagates ``CancelledError`` after the run is
    marked stopped; nothing is sent to the queue then.
    """
    name = queue_name.strip()
    if not name:
        raise ValueError(_("Give the annotation queue a name."))
    if run_id is None:
        run_id = await project.db.write(create_generation_run, name, dataset_id, split, targets, concurrency)
    if on_run is not None:
        on_run(run_id)
    await run_batch(project, run_id, client_for, on_progress=on_progress, prices=prices)
    _queue_id, added = await project.db.write(send_run_to_queue_all, run_id, name)
    return run_id, added


@dataclass(frozen=True)
class TargetFailure:
    """A setting whose calls failed: how many, and the most common reason in plain words."""

    label: str
    model: str
    failed: int
    message: str


def failures(db: sqlite_utils.Database, run_id: int) -> list[TargetFailure]:
    """The settings of a run with failed calls (in target order), for the report after a generation."""
    info = batch_repo.run_info(db, run_id)
    rows = db.conn.execute(
        "SELECT target, error, COUNT(*) FROM batch_results WHERE run_id = ? AND output IS NULL AND error IS NOT NULL"
        " GROUP BY target, error ORDER BY target, COUNT(*) DESC, error",
        (run_id,),
    ).fetchall()
    out: dict[int, TargetFailure] = {}
    for target, error, count in rows:
        if target >= len(info.targets):
            continue
        if target in out:
            out[target] = dataclasses.replace(out[target], failed=out[target].failed + count)
        else:
            t = info.targets[target]
            out[target] = TargetFailure(t.label, t.model, count, error)
    return [out[t] for t in sorted(out)]


# --- prompt lists -------------------------------------------------------------------------------


def read_prompts(path: Path) -> tuple[list[tuple[int, str]], list[Finding]]:
    """The prompts of a text file: ``([(line where it starts, text)], findings)``.

    When blank lines separate the text, each block between blank lines is one prompt (so a prompt
    may span several lines); otherwise each line is one. Lines that cannot be read as text are
    reported (and their prompt left out); the encoding is handled like the dataset import's.
    """
    lines: list[tuple[int, str | None]] = []
    findings: list[Finding] = []
    for number, text, finding in iter_lines(Path(path)):
        if finding is not None:
            findings.append(finding)
        lines.append((number, text))
    while lines and lines[-1][1] is not None and not lines[-1][1].strip():
        lines.pop()
    start = 0
    while start < len(lines) and lines[start][1] is not None and not lines[start][1].strip():
        start += 1
    body = lines[start:]
    blocks = any(text is not None and not text.strip() for _line, text in body)
    prompts: list[tuple[int, str]] = []
    block: list[tuple[int, str | None]] = []

    def flush() -> None:
        if block and all(t is not None for _line, t in block):
            prompts.append((block[0][0], "\n".join(str(t).rstrip() for _line, t in block).strip()))
        block.clear()

    for number, text in body:
        if number == 0:
            continue
        if text is not None and not text.strip():
            flush()
            continue
        block.append((number, text))
        if not blocks:
            flush()
    flush()
    return [(n, p) for n, p in prompts if p], findings


def prompt_example(prompt: str) -> dict[str, Any]:
    """The example a prompt list holds per prompt: only the user message (valid RFT data)."""
    return {"messages": [{"role": "user", "content": prompt}]}


def prompts_dataset_from_text(db: sqlite_utils.Database, name: str, path: Path) -> int:
    """A new dataset (kind RFT: a prompt alone is a valid RFT example, unlike SFT which needs an
    answer) with one example per prompt of a ``.txt`` file (see :func:`read_prompts`), so a
    generation can run over it; returns its id. The name is made unique. One transaction (for the
    writer thread). ``ValueError`` when the file holds no prompt; lines that cannot be read are
    left out (``read_prompts`` reports them).
    """
    path = Path(path)
    prompts, findings = read_prompts(path)
    if not prompts:
        if findings:
            raise ValueError(_("No prompt was found in “{name}”: write one prompt per line. {problem}").format(
                name=path.name, problem=findings[0].message))
        raise ValueError(_("No prompt was found in “{name}”: write one prompt per line.").format(name=path.name))
    rows = check_records([Record(line, prompt_example(text)) for line, text in prompts], Kind.RFT, None).examples
    with transaction(db.conn):
        dataset_id = datasets_repo.create_dataset(db, unique_name(db, name or path.stem), Kind.RFT,
                                                  source=str(path.resolve()))
        datasets_repo.insert_examples(db, dataset_id, 0, rows)
    return dataset_id
