"""The word-level diff behind the annotator's highlight: pieces join back to the texts, and the
changed pieces are exactly the words that differ."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.formats.word_diff import changed_share, tokens, word_diff


def changed(runs):
    return [t for t, c in runs if c]


def test_identical_texts_have_no_change():
    left, right = word_diff("The tenant pays.", "The tenant pays.")
    assert left == [("The tenant pays.", False)]
    assert right == [("The tenant pays.", False)]


def test_a_replaced_word_is_marked_on_both_sides():
    left, right = word_diff("The tenant pays the repairs.", "The landlord pays the repairs.")
    assert changed(left) == ["tenant"]
    assert changed(right) == ["landlord"]
    assert "".join(t for t, _ in left) == "The tenant pays the repairs."


def test_insertions_and_deletions_show_on_one_side_only():
    left, right = word_diff("Pay within 30 days.", "Pay within 30 calendar days.")
    assert changed(left) == []
    assert changed(right) == ["calendar "]
    left, right = word_diff("Pay now, please.", "Pay now.")
    assert changed(left) == [", please"]
    assert changed(right) == []


def test_punctuation_is_its_own_token():
    assert tokens("clause 7.") == ["clause", " ", "7", "."]
    left, right = word_diff("See clause 7.", "See clause 7;")
    assert changed(left) == ["."] and changed(right) == [";"]


def test_empty_sides():
    assert word_diff("", "") == ([], [])
    left, right = word_diff("", "New text")
    assert left == [] and right == [("New text", True)]


def test_long_texts_are_aligned_line_by_line():
    a = "\n".join(f"line {i} says the same thing" for i in range(1500))
    b = a.replace("line 700 says", "line 700 now says")
    left, right = word_diff(a, b)
    assert "".join(t for t, _ in left) == a and "".join(t for t, _ in right) == b
    assert [t.strip() for t in changed(right)] == ["now"]
    assert changed(left) == []


def test_changed_share():
    left, right = word_diff("a b c d", "a b x d")
    assert changed_share(left) == 0.25
    assert changed_share([]) == 0.0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_pieces_join_back_to_the_texts(a, b):
    left, right = word_diff(a, b)
    assert "".join(t for t, _ in left) == a
    assert "".join(t for t, _ in right) == b
    # adjacent runs never share a flag (they are merged)
    for runs in (left, right):
        assert all(runs[i][1] != runs[i + 1][1] for i in range(len(runs) - 1))
        assert all(t for t, _ in runs)
