"""Win-rate and the Wilson interval, against values computed by hand."""

from __future__ import annotations

import math

import pytest

from app.formats.winrate import WinRate, wilson_interval, win_rate


def test_wilson_eight_of_ten():
    # p = 0.8, z² = 3.8416: centre = (0.8 + 0.19208) / 1.38416 = 0.71675,
    # half = 1.96 * sqrt(0.016 + 0.009604) / 1.38416 = 0.22657.
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=5e-4)
    assert high == pytest.approx(0.9433, abs=5e-4)


def test_wilson_edges_stay_inside_zero_one():
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(3.8416 / 13.8416, abs=1e-9)  # z²/(n + z²) when p = 0
    low, high = wilson_interval(10, 10)
    assert high == pytest.approx(1.0)
    assert low == pytest.approx(10 / 13.8416, abs=1e-9)  # n/(n + z²) when p = 1
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_wilson_half_and_symmetry():
    low, high = wilson_interval(50, 100)
    assert (low + high) / 2 == pytest.approx(0.5)
    # 1.96 * sqrt(0.0025 + 0.000096) / 1.038416 = 0.09617
    assert high - 0.5 == pytest.approx(0.09617, abs=5e-5)
    a = wilson_interval(3, 20)
    b = wilson_interval(17, 20)
    assert a[0] == pytest.approx(1 - b[1]) and a[1] == pytest.approx(1 - b[0])


def test_wilson_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)
    with pytest.raises(ValueError):
        wilson_interval(-1, 10)


def test_win_rate_counts_ties_as_half():
    r = win_rate(6, 2, 4)  # (6 + 2) / 12
    assert r.rate == pytest.approx(8 / 12)
    assert (r.low, r.high) == pytest.approx(wilson_interval(8, 12))
    assert r.n == 12
    r = win_rate(8, 2, 0)
    assert r.rate == pytest.approx(0.8)
    assert r.low == pytest.approx(0.4902, abs=5e-4) and r.high == pytest.approx(0.9433, abs=5e-4)
    only_ties = win_rate(0, 0, 5)
    assert only_ties.rate == pytest.approx(0.5)


def test_win_rate_without_judgements():
    assert win_rate(0, 0, 0) == WinRate(0, 0, 0, None, None, None)
    with pytest.raises(ValueError):
        win_rate(-1, 0, 0)


def test_interval_contains_rate():
    for wins, losses, ties in [(1, 0, 0), (0, 1, 0), (3, 5, 2), (40, 10, 7)]:
        r = win_rate(wins, losses, ties)
        assert r.low <= r.rate <= r.high
        assert r.low >= 0 and r.high <= 1 and not math.isnan(r.low)
