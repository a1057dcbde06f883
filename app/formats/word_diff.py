"""Word-level differences between two answers, for the annotator's diff highlight.

Pure functions (no Qt). Each text is cut into words, punctuation marks and runs of whitespace, the
two token lists are aligned with ``difflib``, and each side comes back as runs of ``(text,
changed)`` whose texts, joined, give the original text back exactly (so a view can render them
without losing a character).
"""

from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
# Above this many tokens on both sides the alignment is done line by line first (difflib's word
# alignment grows roughly with the product of the lengths; answers are rarely this long).
_WORD_LIMIT = 4000

Runs = list[tuple[str, bool]]


def tokens(text: str) -> list[str]:
    """``text`` as words, single punctuation marks and whitespace runs (joined, they give ``text``)."""
    return _TOKEN.findall(text)


def _add(runs: Runs, text: str, changed: bool) -> None:
    """Append a piece, merging it with the previous run when the flag is the same."""
    if not text:
        return
    if runs and runs[-1][1] == changed:
        runs[-1] = (runs[-1][0] + text, changed)
    else:
        runs.append((text, changed))


def _align(a: list[str], b: list[str], left: Runs, right: Runs, *, by_lines: bool) -> None:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(left, "".join(a[i1:i2]), False)
            _add(right, "".join(b[j1:j2]), False)
        elif by_lines and op == "replace":
            # A changed block of lines: align its words when that is affordable, else mark it whole.
            sub_a, sub_b = tokens("".join(a[i1:i2])), tokens("".join(b[j1:j2]))
            if len(sub_a) * len(sub_b) <= _WORD_LIMIT * _WORD_LIMIT:
                _align(sub_a, sub_b, left, right, by_lines=False)
            else:
                _add(left, "".join(a[i1:i2]), True)
                _add(right, "".join(b[j1:j2]), True)
        else:
            _add(left, "".join(a[i1:i2]), True)
            _add(right, "".join(b[j1:j2]), True)


def word_diff(a: str, b: str) -> tuple[Runs, Runs]:
    """The two texts as ``(piece, changed?)`` runs: a piece of ``a`` is changed when it is not in
    ``b`` at the same place of the alignment (deleted or replaced), a piece of ``b`` when it is new
    or replaced. Joining the pieces of a side gives that text back unchanged."""
    left: Runs = []
    right: Runs = []
    ta, tb = tokens(a), tokens(b)
    if len(ta) > _WORD_LIMIT and len(tb) > _WORD_LIMIT:
        _align(a.splitlines(keepends=True), b.splitlines(keepends=True), left, right, by_lines=True)
    else:
        _align(ta, tb, left, right, by_lines=False)
    return left, right


def changed_share(runs: Runs) -> float:
    """How much of a side's text (0–1, by characters, whitespace ignored) is marked changed."""
    total = changed = 0
    for text, flag in runs:
        n = len("".join(text.split()))
        total += n
        if flag:
            changed += n
    return changed / total if total else 0.0
