"""Reward spread: the histogram, and flat scores flagged in plain words."""

from __future__ import annotations

import pytest

from app.graders.preview import reward_spread


def test_no_scores():
    s = reward_spread([])
    assert (s.count, s.mean, s.minimum, s.maximum, s.flat) == (0, None, None, None, False)
    assert s.histogram == [0] * 10 and s.message == "No answer has been scored yet."


def test_all_zero_is_flat():
    s = reward_spread([0.0] * 50)
    assert s.flat and s.histogram[0] == 50
    assert s.message.startswith("Every answer scored 0: this grader gives the model nothing to learn from.")
    assert "fields it reads exist" in s.message


def test_all_one_is_flat():
    s = reward_spread([1, 1.0, 1])
    assert s.flat and s.histogram[9] == 3
    assert s.message.startswith("Every answer scored 1: this grader gives the model nothing to learn from.")


def test_all_equal_is_flat():
    s = reward_spread([0.5, 0.5, 0.5 + 1e-12])
    assert s.flat and "Every answer scored 0.5" in s.message


def test_one_score_is_not_called_flat():
    s = reward_spread([1.0])
    assert not s.flat and "Only one answer" in s.message


def test_histogram_bins_and_summary():
    s = reward_spread([0.0, 0.05, 0.1, 0.15, 0.5, 0.99, 1.0, None, float("nan")])
    assert s.count == 7
    assert s.histogram == [2, 2, 0, 0, 0, 1, 0, 0, 0, 2]
    assert (s.minimum, s.maximum) == (0.0, 1.0)
    assert s.mean == pytest.approx(sum([0.0, 0.05, 0.1, 0.15, 0.5, 0.99, 1.0]) / 7)
    assert not s.flat and s.message == "Scores spread from 0 to 1 (mean 0.399): the model can learn from this."


def test_out_of_range_scores_go_to_the_edge_bins():
    s = reward_spread([-2, 0.5, 7])
    assert s.histogram[0] == 1 and s.histogram[9] == 1 and s.out_of_range == 2


def test_nearly_flat_is_said():
    s = reward_spread([0.0] * 19 + [1.0])
    assert not s.flat and s.message.startswith("Nearly every answer (19 of 20) scored 0")
