"""What the Playground must know about a chat model before calling it: which parameters it takes,
and what its tokens cost. Pure data and rules, no I/O.

**Reasoning models** (o1, o3, o4-mini, gpt-5 and every fine-tune or checkpoint built on them) accept
only their default sampling, so ``temperature`` and ``top_p`` are not sent to them; they take
``reasoning_effort`` instead, which the other models reject (API_NOTES §11.2). The server's 400 error
has the final say for models these rules do not foresee.

**Prices** (USD per 1M tokens, Standard tier): fine-tuned ids (``ft:…``, checkpoints included) use the
fine-tuned inference prices of :class:`app.formats.prices.PriceTable`, which the user may edit; base
models use the small table below. Unknown models have no price (the UI says so instead of guessing).
"""

from __future__ import annotations

import re

from app.formats.prices import PriceTable
from app.i18n import N_, _

# Base-model inference prices, USD per 1M tokens (input, output), Standard tier, text tokens.
# Source: OpenAI's public pricing page (openai.com/api/pricing, "Standard" tier), as listed from 2025
# on; third-party copies dated 2026-03 to 2026-06 quote the same figures. Not re-read from the live page.
# Cached input is cheaper; it is ignored here, so a cost is an upper bound when the prompt was cached.
BASE_PRICE_DATE = "2026-06"
BASE_PRICE_SOURCE = "openai.com/api/pricing (Standard tier)"
BASE_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-2024-05-13": (5.00, 15.00),  # the first gpt-4o snapshot kept its launch price
    "gpt-4o-mini": (0.15, 0.60),
    "o4-mini": (1.10, 4.40),
}

_DATE_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")
# o1, o3, o4-mini, o3-pro... (an "o" and digits, alone or before a dash) and the gpt-5 family.
_REASONING = re.compile(r"^(o\d+(-|$)|gpt-5)")

# The reasons, marked for translation (rejected_params translates them).
REASON_TEMPERATURE = N_(
    "Not sent: reasoning models such as o4-mini only work with their default temperature and reject any other value."
)
REASON_TOP_P = N_(
    "Not sent: reasoning models such as o4-mini only work with their default Top P and reject any other value."
)
REASON_EFFORT = N_(
    "Not sent: only reasoning models (o-series, gpt-5) take a reasoning effort; this model would reject it."
)


def base_of(model: str) -> str:
    """The base model name behind ``model``: ``ft:<base>:<org>:<suffix>:<id>[:ckpt-step-N]`` gives
    ``<base>``; a provider prefix (``openai/o3`` on some compatible servers) is dropped; lower-cased."""
    name = model.strip().lower()
    if name.startswith("ft:"):
        name = name[3:].split(":", 1)[0]
    return name.rsplit("/", 1)[-1]


def is_reasoning_model(model: str) -> bool:
    """True for the o-series and gpt-5 families, including fine-tunes and checkpoints built on them."""
    return bool(_REASONING.match(base_of(model)))


def rejected_params(model: str) -> dict[str, str]:
    """The parameters ``model`` does not take (name -> the plain reason it is not sent, translated)."""
    if is_reasoning_model(model):
        return {"temperature": _(REASON_TEMPERATURE), "top_p": _(REASON_TOP_P)}
    return {"reasoning_effort": _(REASON_EFFORT)}


def _base_price(model: str) -> tuple[float, float] | None:
    name = base_of(model)
    if name in BASE_PRICES:
        return BASE_PRICES[name]
    family = _DATE_SUFFIX.sub("", name)  # gpt-4.1-mini-2025-04-14 -> gpt-4.1-mini
    return BASE_PRICES.get(family) if family != name else None


def chat_price(model: str, table: PriceTable | None = None) -> tuple[float, float] | None:
    """(input, output) USD per 1M tokens for using ``model``, or None when unknown.

    Fine-tuned ids take the fine-tuned inference prices of ``table`` (default: the built-in table);
    base models take :data:`BASE_PRICES` (matched by exact id, then by family without the date).
    """
    if model.strip().startswith("ft:"):
        row = (table if table is not None else PriceTable.default()).lookup(model)
        if row is None or row.input is None or row.output is None:
            return None
        return (row.input, row.output)
    return _base_price(model)


def chat_cost(model: str, prompt_tokens: int, completion_tokens: int, table: PriceTable | None = None) -> float | None:
    """The USD cost of one call: prompt tokens at the input price plus completion tokens (reasoning
    included, as billed) at the output price; None when the price of ``model`` is unknown."""
    price = chat_price(model, table)
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000
