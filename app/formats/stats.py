"""Dataset statistics in one streaming pass: sizes, token distributions, epochs and cost.

Memory stays bounded except for three integers per example (messages, tokens, assistant tokens,
in ``array('I')``), which the percentiles need: 12 bytes an example, 1.2 MB for 100,000.

The epoch prediction and billing estimate follow the cookbook (API_NOTES §9.4): the platform's own
"auto" choice is not published, so this only predicts it; the job's ``trained_tokens`` is the
authoritative billed figure afterwards.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from app.formats.model import Kind
from app.formats.prices import CostEstimate, PriceTable, estimate_cost, training_context
from app.formats.summary import ExampleSummary

TARGET_EPOCHS = 3
MIN_TARGET_EXAMPLES = 100
MAX_TARGET_EXAMPLES = 25_000
MIN_DEFAULT_EPOCHS = 1
MAX_DEFAULT_EPOCHS = 25


def default_epochs(n_examples: int) -> int:
    """The cookbook's prediction of the platform's default ``n_epochs`` for ``n_examples`` (≥ 1):
    3, more for small sets (10 examples -> 10), fewer for big ones (20,000 -> 1)."""
    if n_examples < 1:
        raise ValueError("the epoch heuristic needs at least one example")
    epochs = TARGET_EPOCHS
    if n_examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES:
        epochs = min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES // n_examples)
    elif n_examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES:
        epochs = max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES // n_examples)
    return epochs


def quantile(ordered: Sequence[int], q: float) -> float:
    """The ``q`` quantile of sorted values with linear interpolation (numpy's default method)."""
    if not ordered:
        raise ValueError("no values")
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    frac = pos - lo
    if frac == 0 or lo + 1 >= len(ordered):
        return float(ordered[lo])
    return ordered[lo] + (ordered[lo + 1] - ordered[lo]) * frac


@dataclass(frozen=True, slots=True)
class Distribution:
    """Summary of a list of per-example numbers, as the cookbook prints them."""

    count: int
    min: int
    p10: float
    median: float
    p90: float
    max: int
    mean: float
    total: int

    @classmethod
    def of(cls, values: Sequence[int]) -> Distribution | None:
        """Describe ``values`` (None when there are none)."""
        if not values:
            return None
        ordered = sorted(values)
        total = sum(ordered)
        return cls(
            len(ordered), ordered[0], quantile(ordered, 0.1), quantile(ordered, 0.5),
            quantile(ordered, 0.9), ordered[-1], total / len(ordered), total,
        )


@dataclass(frozen=True, slots=True)
class DatasetStats:
    """Everything the dataset overview shows. Token figures are estimates (see tokens.py)."""

    kind: Kind
    model: str | None
    examples: int
    messages: Distribution | None
    tokens: Distribution | None
    assistant_tokens: Distribution | None
    missing_system: int
    missing_user: int
    image_examples: int
    images: int
    estimated: bool  # some counts are rougher than usual (images, or a non-o200k model)
    context_limit: int | None
    over_limit: int  # examples that would be truncated
    epochs: int | None
    epochs_predicted: bool  # True: the default heuristic; False: the user's choice
    billable_tokens_per_epoch: int
    billable_tokens: int  # per epoch x epochs
    cost: CostEstimate


class StatsAccumulator:
    """Feed :class:`ExampleSummary` values with :meth:`add`, read :meth:`result` at any time.

    ``n_epochs`` is the user's choice, if any; otherwise the default heuristic predicts it.
    ``prices`` is the (possibly user-edited) price table.
    """

    def __init__(
        self,
        kind: Kind,
        *,
        model: str | None = None,
        n_epochs: int | None = None,
        prices: PriceTable | None = None,
    ) -> None:
        self.kind = kind
        self.model = model
        self.n_epochs = n_epochs
        self.prices = prices
        self.limit = None if kind is Kind.RFT and model is None else training_context(model)
        self._messages = array("I")
        self._tokens = array("I")
        self._assistant = array("I")
        self.missing_system = 0
        self.missing_user = 0
        self.image_examples = 0
        self.images = 0
        self.estimated = False
        self.over_limit = 0
        self.billable_per_epoch = 0

    def add(self, summary: ExampleSummary) -> None:
        """Take one example's numbers."""
        tokens = summary.tokens
        self._messages.append(min(summary.messages, 0xFFFFFFFF))
        self._tokens.append(min(tokens, 0xFFFFFFFF))
        self._assistant.append(min(summary.assistant_tokens, 0xFFFFFFFF))
        self.missing_system += not summary.has_system
        self.missing_user += not summary.has_user
        if summary.images:
            self.image_examples += 1
            self.images += summary.images
        self.estimated = self.estimated or summary.estimated
        limit = self.limit
        if limit is not None and tokens > limit:
            # The platform truncates long examples: only the first `limit` tokens are billed.
            self.over_limit += 1
            tokens = limit
        self.billable_per_epoch += tokens

    def result(self) -> DatasetStats:
        """The statistics of everything added so far."""
        n = len(self._tokens)
        if self.n_epochs is not None:
            epochs: int | None = self.n_epochs
        else:
            epochs = default_epochs(n) if n else None
        billable = self.billable_per_epoch * (epochs or 0)
        return DatasetStats(
            kind=self.kind,
            model=self.model,
            examples=n,
            messages=Distribution.of(self._messages),
            tokens=Distribution.of(self._tokens),
            assistant_tokens=Distribution.of(self._assistant),
            missing_system=self.missing_system,
            missing_user=self.missing_user,
            image_examples=self.image_examples,
            images=self.images,
            estimated=self.estimated,
            context_limit=self.limit,
            over_limit=self.over_limit,
            epochs=epochs,
            epochs_predicted=self.n_epochs is None,
            billable_tokens_per_epoch=self.billable_per_epoch,
            billable_tokens=billable,
            cost=estimate_cost(self.model, billable, self.prices),
        )
