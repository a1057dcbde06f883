"""Statistics, the default-epochs prediction, billing and cost (API_NOTES §9.4, §12)."""

from __future__ import annotations

import statistics

import orjson
import pytest

from app.formats.model import Kind
from app.formats.prices import (
    DEFAULT_TRAINING_CONTEXT,
    PriceRow,
    PriceTable,
    estimate_cost,
    resolve_model,
    supports_vision,
    training_context,
)
from app.formats.stats import Distribution, StatsAccumulator, default_epochs, quantile
from app.formats.summary import ExampleSummary, summarize_example
from tests.core.validation.helpers import assistant, sft, system, user


def summary(line: int, tokens: int, *, assistant_tokens: int = 0, messages: int = 2, images: int = 0,
            has_system: bool = True, has_user: bool = True) -> ExampleSummary:
    return ExampleSummary(line, tokens, assistant_tokens, messages, images, has_system, has_user, bool(images),
                          line, line)


@pytest.mark.parametrize(
    ("n", "epochs"),
    [(1, 25), (3, 25), (4, 25), (5, 20), (10, 10), (33, 3), (34, 3), (100, 3), (8_333, 3), (8_334, 2),
     (12_500, 2), (12_501, 1), (20_000, 1), (100_000, 1)],
)
def test_default_epochs(n: int, epochs: int) -> None:
    assert default_epochs(n) == epochs


def test_default_epochs_needs_examples() -> None:
    with pytest.raises(ValueError):
        default_epochs(0)


def test_quantiles_match_numpy_linear_method() -> None:
    values = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]
    ordered = sorted(values)
    expected = statistics.quantiles(values, n=10, method="inclusive")
    assert quantile(ordered, 0.1) == pytest.approx(expected[0]) == pytest.approx(1.9)
    assert quantile(ordered, 0.5) == 5.5
    assert quantile(ordered, 0.9) == pytest.approx(expected[-1]) == pytest.approx(9.1)
    assert quantile([42], 0.9) == 42.0
    dist = Distribution.of(values)
    assert dist == Distribution(10, 1, pytest.approx(1.9), 5.5, pytest.approx(9.1), 10, 5.5, 55)
    assert Distribution.of([]) is None


def test_stats_on_constructed_data() -> None:
    acc = StatsAccumulator(Kind.SFT, model="gpt-4o-mini")
    for i in range(1, 11):
        acc.add(summary(i, 100 * i, assistant_tokens=10 * i, messages=2 + i % 3, has_system=i % 2 == 0,
                        has_user=i != 3))
    stats = acc.result()
    assert stats.examples == 10
    assert stats.tokens.min == 100 and stats.tokens.max == 1000 and stats.tokens.median == 550
    assert stats.tokens.p10 == pytest.approx(190) and stats.tokens.p90 == pytest.approx(910)
    assert stats.assistant_tokens.median == 55
    assert stats.messages.max == 4
    assert stats.missing_system == 5 and stats.missing_user == 1
    assert stats.epochs == 10 and stats.epochs_predicted  # 10 examples -> 10 epochs
    assert stats.billable_tokens_per_epoch == 5_500
    assert stats.billable_tokens == 55_000
    assert stats.cost.usd == pytest.approx(55_000 * 3.00 / 1e6)  # gpt-4o-mini: $3 per 1M


def test_billing_caps_long_examples_at_the_context() -> None:
    acc = StatsAccumulator(Kind.SFT, model="gpt-4.1-2025-04-14", n_epochs=2)
    acc.add(summary(1, 70_000))
    acc.add(summary(2, 1_000))
    stats = acc.result()
    assert stats.context_limit == 65_536
    assert stats.over_limit == 1
    assert stats.billable_tokens_per_epoch == 65_536 + 1_000
    assert stats.epochs == 2 and not stats.epochs_predicted
    assert stats.billable_tokens == 2 * 66_536


def test_cookbook_worked_example() -> None:
    # 100k tokens x 3 epochs on gpt-4o-mini ($3/1M) is about $0.90.
    assert estimate_cost("gpt-4o-mini-2024-07-18", 300_000).usd == pytest.approx(0.90)


def test_cost_with_an_edited_table() -> None:
    table = PriceTable.default().with_row(PriceRow("gpt-4o-mini-2024-07-18", 4.00, date="2026-03", source="me"))
    estimate = estimate_cost("gpt-4o-mini", 1_000_000, table)
    assert estimate.usd == pytest.approx(4.00)
    assert "2026-03" in estimate.explanation
    assert estimate_cost("gpt-4o-mini", 1_000_000).usd == pytest.approx(3.00)  # the default is untouched


def test_table_round_trips_through_json() -> None:
    table = PriceTable.default().with_row(PriceRow("gpt-5-2025-08-07", 30.0, note="added by hand"))
    again = PriceTable.from_dict(orjson.loads(orjson.dumps(table.to_dict())))
    assert again == table
    assert again.lookup("ft:gpt-5-2025-08-07:acme::x1").training == 30.0
    assert all(row.date and row.source for row in PriceTable.default().rows.values())


def test_malformed_table_is_refused() -> None:
    with pytest.raises(ValueError):
        PriceTable.from_dict({"rows": "nope"})
    with pytest.raises(ValueError):
        PriceTable.from_dict({"rows": [{"model": "x", "training": 1, "unit": "per day"}]})
    with pytest.raises(ValueError):
        PriceTable.from_dict({"rows": [{"training": 1}]})


def test_rft_is_not_estimated_from_tokens() -> None:
    estimate = estimate_cost("o4-mini", 5_000_000)
    assert estimate.usd is None
    assert "per hour" in estimate.explanation and "not by tokens" in estimate.explanation
    stats = StatsAccumulator(Kind.RFT, model="o4-mini-2025-04-16")
    stats.add(summary(1, 500))
    assert stats.result().cost.usd is None


@pytest.mark.parametrize(
    ("model", "base"),
    [
        ("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
        ("gpt-4.1", "gpt-4.1-2025-04-14"),
        ("gpt-4.1-nano-2025-04-14", "gpt-4.1-nano-2025-04-14"),
        ("ft:gpt-4o-mini-2024-07-18:acme:support:9abc", "gpt-4o-mini-2024-07-18"),
        ("ft:gpt-4.1-2025-04-14:acme::9abc:ckpt-step-100", "gpt-4.1-2025-04-14"),
        ("gpt-4o-2024-05-13", "gpt-4o-2024-08-06"),  # another snapshot of the family
        ("o4-mini", "o4-mini-2025-04-16"),
        ("gpt-3.5-turbo", "gpt-3.5-turbo-0125"),
        ("my-own-model", "my-own-model"),
    ],
)
def test_resolve_model(model: str, base: str) -> None:
    assert resolve_model(model) == base


@pytest.mark.parametrize(
    ("model", "limit"),
    [("gpt-4.1-mini", 65_536), ("gpt-4o-2024-08-06", 65_536), ("gpt-3.5-turbo-0613", 4_096),
     ("gpt-3.5-turbo", 16_385), ("o4-mini", None), (None, DEFAULT_TRAINING_CONTEXT), ("unknown", 65_536)],
)
def test_training_context(model: str | None, limit: int | None) -> None:
    assert training_context(model) == limit


def test_prices_of_legacy_and_unknown_models() -> None:
    assert estimate_cost("gpt-3.5-turbo-1106", 1_000_000).usd == pytest.approx(8.0)
    unknown = estimate_cost("gpt-9", 1_000)
    assert unknown.usd is None and "price table" in unknown.explanation
    assert estimate_cost(None, 1_000).usd is None


def test_vision_models() -> None:
    assert supports_vision("gpt-4o") and not supports_vision("gpt-4o-mini")


def test_summary_of_a_real_example() -> None:
    example = sft(system(), user("Hi"), assistant("hello world"))
    s = summarize_example(example, Kind.SFT, line=4)
    assert (s.line, s.messages, s.has_system, s.has_user, s.images) == (4, 3, True, True, 0)
    assert s.assistant_tokens == 2
    acc = StatsAccumulator(Kind.SFT)
    acc.add(s)
    result = acc.result()
    assert result.tokens.total == s.tokens and result.cost.usd is None  # no model chosen
