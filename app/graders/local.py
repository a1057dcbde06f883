"""Try a grader here, offline and at once, on one example and one answer.

``string_check`` is exact; ``text_similarity`` uses :mod:`app.graders.similarity` (the provider's
figure may differ slightly, and the note says so); ``multi`` combines the sub-graders with
:func:`app.graders.formula_eval.evaluate` when every sub-grader it uses can be computed here. Model graders,
python graders, ``meteor`` and ``cosine`` can only be tried on the provider: their score is None and the
note says why. The app never runs a python grader's code itself.

:func:`score_locally` never raises; NLTK is loaded on first use of BLEU/GLEU, so call it from a worker
thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.formats.model import Severity
from app.graders.formula_eval import evaluate_tree
from app.graders.formula_parser import parse
from app.graders.formula_syntax import FormulaError, used_names
from app.graders.schema import GRADER_TYPES
from app.graders.similarity import LOCAL_METRICS, similarity
from app.graders.structure import has_errors, structure_problems
from app.graders.templates import check_against_examples, make_sample, render
from app.i18n import N_, _, ngettext

# Marked only: translate with _() where used (the language is chosen after import).
APPROXIMATE = N_("Computed locally; the provider's figure may differ slightly.")
REMOTE_ONLY = {
    "score_model": N_("Model graders can only be tried on the provider (the grading model runs there)."),
    "label_model": N_("Model graders can only be tried on the provider (the grading model runs there)."),
    "python": N_("Python graders can only be tried on the provider: the app does not run grader code itself."),
}
METRIC_REMOTE_ONLY = {
    "meteor": N_("METEOR needs WordNet data that the app does not include; try this grader on the provider."),
    "cosine": N_("Cosine similarity needs the provider's embedding model and is only for evals, not fine-tuning."),
}


@dataclass(frozen=True)
class LocalScore:
    """The score computed here (None when it cannot be), the multi grader's sub-scores that could be
    computed, and a plain note: why there is no score, or that it is approximate."""

    score: float | None
    sub_scores: dict[str, float] = field(default_factory=dict)
    note: str = ""


def _string_check(g: dict[str, Any], item: dict, sample: dict) -> LocalScore:
    text = render(g.get("input", ""), item, sample)
    reference = render(g.get("reference", ""), item, sample)
    op = g.get("operation")
    if op == "eq":
        ok = text == reference
    elif op == "ne":
        ok = text != reference
    elif op == "like":
        ok = reference in text
    else:  # ilike; structure_problems has ruled out anything else
        ok = reference.lower() in text.lower()
    return LocalScore(1.0 if ok else 0.0)


def _text_similarity(g: dict[str, Any], item: dict, sample: dict) -> LocalScore:
    metric = g.get("evaluation_metric", "")
    if metric not in LOCAL_METRICS:
        if metric in METRIC_REMOTE_ONLY:
            return LocalScore(None, note=_(METRIC_REMOTE_ONLY[metric]))
        return LocalScore(None, note=_("{metric} is not computed here.").format(metric=metric))
    text = render(g.get("input", ""), item, sample)
    reference = render(g.get("reference", ""), item, sample)
    return LocalScore(similarity(metric, text, reference), note=_(APPROXIMATE))


def _one(g: dict[str, Any], item: dict, sample: dict) -> LocalScore:
    kind = g.get("type")
    if kind == "string_check":
        return _string_check(g, item, sample)
    if kind == "text_similarity":
        return _text_similarity(g, item, sample)
    if kind == "multi":
        return _multi(g, item, sample)
    return LocalScore(None, note=_(REMOTE_ONLY.get(str(kind), N_("This grader cannot be tried here."))))


def _multi(g: dict[str, Any], item: dict, sample: dict) -> LocalScore:
    subs: dict[str, Any] = g.get("graders") or {}
    calc: str = g.get("calculate_output", "")
    try:
        tree = parse(calc)
    except FormulaError as exc:
        return LocalScore(None, note=_("The formula cannot be read: {error}").format(error=exc))
    used = used_names(tree)
    scores: dict[str, float] = {}
    notes: list[str] = []
    missing: list[str] = []
    for name, sub in subs.items():
        result = _one(sub, item, sample)
        if result.score is None:
            if name in used:
                missing.append(name)
                notes.append(f"{name}: {result.note}")
        else:
            scores[name] = result.score
            if result.note and result.note not in notes:
                notes.append(result.note)
    if missing:
        why = ngettext(
            "The formula uses {names}, which cannot be computed here.",
            "The formula uses {names}, which cannot be computed here.",
            len(missing),
        ).format(names=", ".join(missing))
        return LocalScore(None, scores, " ".join([why, *notes]))
    try:
        value = evaluate_tree(tree, scores)
    except FormulaError as exc:
        return LocalScore(None, scores, _("The formula cannot be computed: {error}").format(error=exc))
    return LocalScore(value, scores, " ".join(notes))


def _with_missing(result: LocalScore, grader: dict, item: dict) -> LocalScore:
    """Say which fields this example lacks: they count as empty text, which can pass a check by accident
    (every text contains "")."""
    missing, _findings = check_against_examples(grader, [(1, item)])
    names = [m.path for m in missing if not m.in_code]
    if not names:
        return result
    said = ngettext(
        "This example has no {names}: it counts as empty text.",
        "This example has no {names}: they count as empty text.",
        len(names),
    ).format(names=", ".join(names))
    return LocalScore(result.score, result.sub_scores, f"{said} {result.note}".strip())


def score_locally(grader: dict, item: dict, sample_text: str) -> LocalScore:
    """Score ``sample_text`` (the model's answer) for the dataset line ``item`` with ``grader``.

    ``sample.output_json`` is filled in when the answer is valid JSON, as the provider's ``run`` does.
    A grader with structural errors is not scored (the note names the first one). Never raises."""
    try:
        if not isinstance(grader, dict) or grader.get("type") not in GRADER_TYPES:
            return LocalScore(None, note=_("This is not a grader the app knows."))
        kind = grader["type"]
        if kind in REMOTE_ONLY:
            return LocalScore(None, note=_(REMOTE_ONLY[kind]))
        problems = structure_problems(grader)
        if has_errors(problems):
            first = next(f for f in problems if f.severity is Severity.ERROR)
            return LocalScore(None, note=_("Fix the grader first: {problem}").format(problem=first.message))
        item = item if isinstance(item, dict) else {}
        result = _one(grader, item, make_sample(str(sample_text)))
        return _with_missing(result, grader, item)
    except Exception as exc:  # a try-it button must answer, never crash the app
        return LocalScore(
            None,
            note=_("The score could not be computed here ({kind}: {error}).").format(
                kind=type(exc).__name__, error=exc
            ),
        )
