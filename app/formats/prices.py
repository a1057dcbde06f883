"""Fine-tuning prices and per-model training limits, as data (API_NOTES §9.1, §12, §13).

Prices change and the platform is winding down, so every price row carries the date and source it
was copied from (pricing snapshot S6, "2025-11"), and the whole table can be replaced by the user:
``PriceTable.to_dict()`` / ``PriceTable.from_dict()`` give a JSON-ready form the UI stores.

SFT and DPO training is billed per 1M training tokens; RFT is billed per **hour** of training
($100/h for o4-mini), so its cost cannot be estimated from the data's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from app.i18n import _, number

PRICE_DATE = "2025-11"
PRICE_SOURCE = "S6"  # API_NOTES §0: the pricing page copy, Standard tier

Unit = Literal["1M tokens", "hour"]

# Training-example context (tokens per example before truncation), API_NOTES §9.1. None means the
# platform does not document one (o4-mini RFT: warn on very long prompts instead).
TRAINING_CONTEXT: dict[str, int | None] = {
    "gpt-4.1-2025-04-14": 65_536,
    "gpt-4.1-mini-2025-04-14": 65_536,
    "gpt-4.1-nano-2025-04-14": 65_536,
    "gpt-4o-2024-08-06": 65_536,
    "gpt-4o-mini-2024-07-18": 65_536,
    "gpt-3.5-turbo-0125": 16_385,
    "gpt-3.5-turbo-1106": 16_385,
    "gpt-3.5-turbo-0613": 4_096,
    "o4-mini-2025-04-16": None,
}
# Used when the model is not known yet (the limit of every current SFT/DPO model).
DEFAULT_TRAINING_CONTEXT = 65_536
# RFT has no documented limit; prompts longer than this get a "very long" warning.
RFT_LONG_PROMPT = 65_536

# Aliases and family names -> the dated snapshot the platform fine-tunes (§13: use snapshots).
ALIASES: dict[str, str] = {
    "gpt-4.1": "gpt-4.1-2025-04-14",
    "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
    "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
    "gpt-4o": "gpt-4o-2024-08-06",
    "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
    "o4-mini": "o4-mini-2025-04-16",
    "gpt-3.5-turbo": "gpt-3.5-turbo-0125",
}
# Models documented for vision fine-tuning (§13: gpt-4o; Azure also lists gpt-4.1).
VISION_MODELS = frozenset({"gpt-4o-2024-08-06", "gpt-4.1-2025-04-14"})

_DATE_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")


def resolve_model(model: str) -> str:
    """The dated base snapshot behind ``model``: aliases, other snapshots of a family, and
    ``ft:<base>:<org>:<suffix>:<id>[:ckpt-step-N]`` fine-tuned models all map to their base.
    Unknown names come back unchanged (stripped)."""
    name = model.strip()
    if name.startswith("ft:"):
        name = name[3:].split(":", 1)[0]
    if name in ALIASES:
        return ALIASES[name]
    if name in TRAINING_CONTEXT or name in _DEFAULT_ROWS:
        return name
    family = _DATE_SUFFIX.sub("", name)
    if family != name and family in ALIASES:
        return ALIASES[family]
    return name


def training_context(model: str | None) -> int | None:
    """Tokens per training example before truncation; the 65,536 default when ``model`` is None
    or unknown, None when the platform documents no limit (o4-mini RFT)."""
    if model is None:
        return DEFAULT_TRAINING_CONTEXT
    base = resolve_model(model)
    if base in TRAINING_CONTEXT:
        return TRAINING_CONTEXT[base]
    return DEFAULT_TRAINING_CONTEXT


def supports_vision(model: str) -> bool:
    """True when ``model`` is documented to fine-tune on images."""
    return resolve_model(model) in VISION_MODELS


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One model's prices in USD. ``training`` is per ``unit`` (per 1M tokens, or per hour for RFT);
    the inference prices (per 1M tokens) are for using the resulting fine-tuned model."""

    model: str
    training: float
    unit: Unit = "1M tokens"
    input: float | None = None
    cached_input: float | None = None
    output: float | None = None
    date: str = PRICE_DATE
    source: str = PRICE_SOURCE
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PriceRow:
        """Build a row from ``to_dict`` output (unknown keys are ignored, so old files still load)."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        row = cls(**known)
        if row.unit not in ("1M tokens", "hour"):
            raise ValueError(f"unknown price unit {row.unit!r} for {row.model}")
        return replace(row, training=float(row.training))


_DEFAULT_ROWS: dict[str, PriceRow] = {
    row.model: row
    for row in (
        PriceRow("o4-mini-2025-04-16", 100.00, "hour", 4.00, 1.00, 16.00,
                 note="RFT; with data sharing inference is $2.00 / $0.50 / $8.00"),
        PriceRow("gpt-4.1-2025-04-14", 25.00, "1M tokens", 3.00, 0.75, 12.00),
        PriceRow("gpt-4.1-mini-2025-04-14", 5.00, "1M tokens", 0.80, 0.20, 3.20),
        PriceRow("gpt-4.1-nano-2025-04-14", 1.50, "1M tokens", 0.20, 0.05, 0.80),
        PriceRow("gpt-4o-2024-08-06", 25.00, "1M tokens", 3.75, 1.875, 15.00),
        PriceRow("gpt-4o-mini-2024-07-18", 3.00, "1M tokens", 0.30, 0.15, 1.20),
        PriceRow("gpt-3.5-turbo", 8.00, "1M tokens", 3.00, None, 6.00, note="legacy"),
        PriceRow("davinci-002", 6.00, "1M tokens", 12.00, None, 12.00, note="legacy"),
        PriceRow("babbage-002", 0.40, "1M tokens", 1.60, None, 1.60, note="legacy"),
    )
}


@dataclass(frozen=True)
class PriceTable:
    """Training prices by model snapshot; the default is :meth:`default`, users may edit it."""

    rows: dict[str, PriceRow] = field(default_factory=lambda: dict(_DEFAULT_ROWS))

    @classmethod
    def default(cls) -> PriceTable:
        """The table copied from the pricing page (dated on each row)."""
        return cls()

    def lookup(self, model: str) -> PriceRow | None:
        """The row for ``model``, trying the exact name first, then its resolved base snapshot
        (so a user's row for an exact id wins), then the legacy gpt-3.5-turbo family row."""
        name = model.strip()
        if name in self.rows:
            return self.rows[name]
        base = resolve_model(name)
        if base in self.rows:
            return self.rows[base]
        if base.startswith("gpt-3.5-turbo"):
            return self.rows.get("gpt-3.5-turbo")
        return None

    def with_row(self, row: PriceRow) -> PriceTable:
        """A copy with ``row`` added or replacing the row of the same model."""
        return PriceTable({**self.rows, row.model: row})

    def without(self, model: str) -> PriceTable:
        """A copy without the row of ``model``."""
        return PriceTable({k: v for k, v in self.rows.items() if k != model})

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: ``{"rows": [row, ...]}``."""
        return {"rows": [row.to_dict() for row in self.rows.values()]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PriceTable:
        """Read :meth:`to_dict` output. Raises ValueError on malformed rows."""
        rows = data.get("rows")
        if not isinstance(rows, list):
            raise ValueError("a price table needs a list of rows")
        try:
            parsed = [PriceRow.from_dict(r) for r in rows]
        except (TypeError, KeyError) as exc:
            raise ValueError(f"malformed price row: {exc}") from exc
        return cls({row.model: row for row in parsed})


@dataclass(frozen=True, slots=True)
class CostEstimate:
    """The predicted training cost. ``usd`` is None when it cannot be estimated from tokens;
    ``explanation`` says why, or how the figure was reached, in plain words."""

    usd: float | None
    billable_tokens: int
    row: PriceRow | None
    explanation: str


def estimate_cost(model: str | None, billable_tokens: int, table: PriceTable | None = None) -> CostEstimate:
    """Training cost of ``billable_tokens`` (already multiplied by epochs) on ``model``."""
    table = table if table is not None else PriceTable.default()
    if not model:
        return CostEstimate(None, billable_tokens, None, _("Choose a base model to see a cost estimate."))
    row = table.lookup(model)
    if row is None:
        return CostEstimate(
            None, billable_tokens, None,
            _("No training price is known for {model}. Add it to the price table to see an estimate.").format(
                model=model),
        )
    if row.unit == "hour":
        return CostEstimate(
            None, billable_tokens, row,
            _("Reinforcement fine-tuning of {model} is billed by training time ({price} per hour), not by "
              "tokens, so the cost is not estimated from the data.").format(model=row.model, price=usd(row.training)),
        )
    cost = row.training * billable_tokens / 1_000_000
    return CostEstimate(
        cost, billable_tokens, row,
        _("About {cost}: {tokens} training tokens at {price} per million ({model}, price of {date}). "
          "The final bill uses the tokens the job reports.").format(
            cost=usd(cost), tokens=number(billable_tokens), price=usd(row.training), model=row.model, date=row.date),
    )


def usd(amount: float) -> str:
    """An amount in US dollars for a message: ``$1,234.56``; ``US$ 1.234,56`` in Portuguese."""
    return _("${amount}").format(amount=number(amount, 2))
