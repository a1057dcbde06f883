"""How a grader's scores spread over many answers — and whether they give the model anything to learn.

RFT learns from the differences between the rewards of answers. A grader that gives every answer 0
(too strict, or reading a field the data does not have) or every answer 1 (too easy to pass) teaches
nothing, whatever the training costs (API_NOTES §10, "RFT needs variance").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from app.i18n import _, current_language, number

BINS = 10
# When this share of the scores is one value, the spread is reported as "nearly flat".
NEARLY_FLAT_SHARE = 0.9
_SAME = 1e-9


@dataclass(frozen=True)
class RewardSpread:
    """The scores' count, mean, lowest and highest (None when there are none), a histogram of
    :data:`BINS` equal bins over [0, 1] (scores below 0 count in the first bin, above 1 in the last:
    ``out_of_range`` says how many), whether the spread is flat (at least two scores and all equal:
    every score 0, every score 1, or every score the same) and a plain message about it."""

    count: int
    mean: float | None
    minimum: float | None
    maximum: float | None
    histogram: list[int]
    flat: bool
    message: str
    out_of_range: int = 0


def _bin(score: float) -> int:
    return min(BINS - 1, max(0, math.floor(score * BINS)))


def _fmt(x: float) -> str:
    text = f"{x:.3g}"  # three significant digits, with the language's decimal mark
    return text.replace(".", ",") if current_language() == "pt_BR" else text


def reward_spread(scores: Iterable[float | None]) -> RewardSpread:
    """Summarize ``scores`` (None and non-finite values — answers that could not be scored — are left
    out)."""
    values = [float(s) for s in scores if s is not None and math.isfinite(s)]
    histogram = [0] * BINS
    for v in values:
        histogram[_bin(v)] += 1
    out_of_range = sum(1 for v in values if v < 0 or v > 1)
    if not values:
        return RewardSpread(0, None, None, None, histogram, False, _("No answer has been scored yet."))
    count = len(values)
    low, high = min(values), max(values)
    mean = math.fsum(values) / count
    if count == 1:
        message = _("Only one answer was scored ({score}); score more answers to see the spread.").format(
            score=_fmt(low)
        )
        return RewardSpread(count, mean, low, high, histogram, False, message, out_of_range)
    flat = high - low <= _SAME
    if flat:
        if abs(low) <= _SAME:
            message = _(
                "Every answer scored 0: this grader gives the model nothing to learn from. Check that it can "
                "reward a good answer (and that the fields it reads exist in the data)."
            )
        elif abs(low - 1) <= _SAME:
            message = _(
                "Every answer scored 1: this grader gives the model nothing to learn from. Make it harder to "
                "pass, or give partial credit instead of pass/fail."
            )
        else:
            message = _(
                "Every answer scored {score}: this grader gives the model nothing to learn from. Make it tell "
                "better answers from worse ones."
            ).format(score=_fmt(low))
        return RewardSpread(count, mean, low, high, histogram, True, message, out_of_range)
    top_value, top_count = _most_common(values)
    if top_count >= NEARLY_FLAT_SHARE * count:
        message = _(
            "Nearly every answer ({top} of {n}) scored {score}: the model has little to learn from. A grader "
            "that tells more answers apart teaches more."
        ).format(top=number(top_count), n=number(count), score=_fmt(top_value))
    else:
        message = _("Scores spread from {low} to {high} (mean {mean}): the model can learn from this.").format(
            low=_fmt(low), high=_fmt(high), mean=_fmt(mean)
        )
    return RewardSpread(count, mean, low, high, histogram, False, message, out_of_range)


def _most_common(values: list[float]) -> tuple[float, int]:
    counts: dict[float, int] = {}
    for v in values:
        key = round(v, 9)
        counts[key] = counts.get(key, 0) + 1
    value, count = max(counts.items(), key=lambda kv: kv[1])
    return value, count
