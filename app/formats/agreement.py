"""How much two annotators agree: percent agreement and Cohen's kappa (pure functions).

Percent agreement is the share of items both gave the same label. Cohen's kappa corrects it for
the agreement expected by chance from how often each annotator uses each label:
``kappa = (p_o - p_e) / (1 - p_e)``, where ``p_o`` is the observed agreement and ``p_e`` the sum
over labels of the product of the two annotators' label shares. 1 is perfect agreement, 0 no
better than chance, below 0 worse than chance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class PairAgreement:
    """Agreement of annotators ``a`` and ``b`` over the ``overlap`` items both judged; the figures
    are None when they judged no item in common."""

    a: str
    b: str
    overlap: int
    agreement: float | None
    kappa: float | None


def percent_agreement(pairs: list[tuple[str, str]]) -> float | None:
    """The share (0–1) of ``(label by a, label by b)`` pairs that agree; None without pairs."""
    if not pairs:
        return None
    return sum(1 for x, y in pairs if x == y) / len(pairs)


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of ``(label by a, label by b)`` pairs.

    None when undefined (no pairs). When chance agreement is already certain — both annotators
    always gave the same single label — the formula divides by zero; they agree perfectly, so
    that case is 1.0.
    """
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    first = Counter(x for x, _ in pairs)
    second = Counter(y for _, y in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected >= 1.0 - 1e-12:
        return 1.0
    return (observed - expected) / (1.0 - expected)
