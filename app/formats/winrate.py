"""Win-rate of one model over another from human judgements, with a 95% confidence interval.

The interval is the Wilson score interval: unlike the textbook "rate ± 1.96 × standard error" it
stays inside 0–100 % and is honest for the small counts a single expert produces (for 8 wins out
of 10 it is about 49 %–94 %, not 55 %–105 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def wilson_interval(successes: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval ``(low, high)`` for ``successes`` out of ``n`` trials.

    ``z`` = 1.96 gives 95 % confidence. ``successes`` may be fractional (ties counted as halves).
    With ``n == 0`` nothing is known and the interval is the whole range ``(0.0, 1.0)``.
    ``ValueError`` when ``n`` is negative or ``successes`` is not between 0 and ``n``.
    """
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"cannot have {successes} successes out of {n}")
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class WinRate:
    """How often A beat B: the counts, the rate (0–1) and its 95 % interval; the rate and interval
    are None when there are no judgements yet."""

    wins: int
    losses: int
    ties: int
    rate: float | None
    low: float | None
    high: float | None

    @property
    def n(self) -> int:
        """How many judgements the rate rests on (ties included)."""
        return self.wins + self.losses + self.ties


def win_rate(wins: int, losses: int, ties: int) -> WinRate:
    """A's win-rate over B from ``wins`` (A better), ``losses`` (B better) and ``ties``.

    A tie counts as half a win and half a loss, so the rate is ``(wins + ties / 2) / (wins +
    losses + ties)``: ties pull the rate towards 50 % instead of being thrown away, and the
    interval (Wilson, 95 %) is computed over every judgement. With no judgements, ``rate``,
    ``low`` and ``high`` are None.
    """
    if min(wins, losses, ties) < 0:
        raise ValueError("counts cannot be negative")
    n = wins + losses + ties
    if n == 0:
        return WinRate(wins, losses, ties, None, None, None)
    successes = wins + ties / 2
    low, high = wilson_interval(successes, n)
    return WinRate(wins, losses, ties, successes / n, low, high)
