"""How a grader's scores spread over many answers — and whether they give the model anything to learn.

RFT learns from the differences between the rewards of answers. A grader that gives every answer 0
(too strict, or reading a field the data does not have) or every answer 1 (too easy to pass) teaches
nothing, whatever the training costs (API_NOTES §10, "RFT needs variance").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

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
    return f"{x:.3g}"


def reward_spread(scores: Iterable[float | None]) -> RewardSpread:
    """Summarize ``scores`` (None and non-finite values — answers that could not be scored — are left
    out)."""
    values = [float(s) for s in scores if s is not None and math.isfinite(s)]
    histogram = [0] * BINS
    for v in values:
        histogram[_bin(v)] += 1
    out_of_range = sum(1 for v in values if v < 0 or v > 1)
    if not values:
        return RewardSpread(0, None, None, None, histogram, False, "No answer has been scored yet.")
    count = len(values)
    low, high = min(values), max(values)
    mean = math.fsum(values) / count
    if count == 1:
        message = f"Only one answer was scored ({_fmt(low)}); score more answers to see the spread."
        return RewardSpread(count, mean, low, high, histogram, False, message, out_of_range)
    flat = high - low <= _SAME
    if flat:
        if abs(low) <= _SAME:
            what = "Every answer scored 0"
            hint = " Check that it can reward a good answer (and that the fields it reads exist in the data)."
        elif abs(low - 1) <= _SAME:
            what = "Every answer scored 1"
            hint = " Make it harder to pass, or give partial credit instead of pass/fail."
        else:
            what = f"Every answer scored {_fmt(low)}"
            hint = " Make it tell better answers from worse ones."
        message = f"{what}: this grader gives the model nothing to learn from.{hint}"
        return RewardSpread(count, mean, low, high, histogram, True, message, out_of_range)
    top_value, top_count = _most_common(values)
    if top_count >= NEARLY_FLAT_SHARE * count:
        message = (
            f"Nearly every answer ({top_count} of {count}) scored {_fmt(top_value)}: the model has little "
            "to learn from. A grader that tells more answers apart teaches more."
        )
    else:
        message = f"Scores spread from {_fmt(low)} to {_fmt(high)} (mean {_fmt(mean)}): the model can learn from this."
    return RewardSpread(count, mean, low, high, histogram, False, message, out_of_range)


def _most_common(values: list[float]) -> tuple[float, int]:
    counts: dict[float, int] = {}
    for v in values:
        key = round(v, 9)
        counts[key] = counts.get(key, 0) + 1
    value, count = max(counts.items(), key=lambda kv: kv[1])
    return value, count
