"""The small per-example record that dataset-wide checks and statistics are built from.

Checking a big file happens in worker processes; what comes back per example is an
:class:`ExampleSummary` (a NamedTuple of ints and bools, cheap to pickle) plus its findings.
:class:`~app.formats.validate_dataset.DatasetChecker` and :class:`~app.formats.stats.StatsAccumulator`
keep only these numbers, never the examples.
"""

from __future__ import annotations

from hashlib import sha1
from typing import Any, NamedTuple
from zlib import crc32

import orjson

from app.formats.model import Finding, Kind
from app.formats.tokens import TokenCount, count_example
from app.formats.validate import check

# Enum attribute access is slow on Python 3.11 (a descriptor call); these are hot-path constants.
_DPO = Kind.DPO


class ExampleSummary(NamedTuple):
    """Numbers about one example. Hashes are 64-bit (see :func:`example_hashes`): equal
    ``exact_hash`` means the same JSON; equal ``norm_hash`` the same apart from case and spacing."""

    line: int
    tokens: int
    assistant_tokens: int
    messages: int
    images: int
    has_system: bool
    has_user: bool
    estimated: bool
    exact_hash: int
    norm_hash: int


# One pass over the bytes folds ASCII case and deletes whitespace.
_FOLD = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))
_SPACE = b" \t\n\r\x0b\x0c"


def example_hashes(obj: Any, raw: bytes | None = None) -> tuple[int, int]:
    """(exact, normalised) 64-bit hashes of an example; stable across processes and runs.

    ``raw`` is the example's JSON text as read (a JSONL line), when the caller has it: hashing it
    saves serialising the object again. Without it, or when it contains ``\\u`` escapes (so that
    "\\u00e9" and "é" compare alike), the object is serialised with orjson. Key order counts
    (sorting keys would triple the cost).

    The normalised form is that JSON lower-cased (A-Z only: folding accented capitals would cost
    as much as the rest together) with every space, tab and newline removed, also those written
    inside strings as ``\\n``/``\\t``/``\\r``; it is hashed with sha1 (the fastest 64-bit-safe
    hash in hashlib here). The exact hash mixes in the crc32 and length of the unfolded bytes, so
    exact copies are near copies whose fingerprints also match. Two lines that differ only in
    JSON formatting (spaces after ":") therefore count as near copies, not exact ones.
    """
    data = raw
    # A one-byte `in` is a memchr; most lines have no backslash at all, so test for one first.
    if data is None or (b"\\" in data and b"\\u" in data):
        try:
            data = orjson.dumps(obj)
        except (TypeError, orjson.JSONEncodeError):  # values orjson cannot write (e.g. huge ints)
            data = repr(obj).encode("utf-8", "surrogatepass")
    folded = data.translate(_FOLD, _SPACE)
    if b"\\" in folded:
        folded = folded.replace(b"\\n", b"").replace(b"\\t", b"").replace(b"\\r", b"")
    norm = int.from_bytes(sha1(folded, usedforsecurity=False).digest()[:8], "little")
    exact = norm ^ (crc32(data) | (len(data) & 0xFFFFFFFF) << 32)
    return exact, norm


def _roles(obj: dict[str, Any], kind: Kind) -> tuple[int, bool, bool]:
    """(message count, has a system/developer message, has a user message)."""
    if kind is _DPO:
        inp = obj.get("input")
        messages = inp.get("messages") if type(inp) is dict else None
    else:
        messages = obj.get("messages")
    if type(messages) is not list:
        return 0, False, False
    has_system = has_user = False
    for message in messages:
        if type(message) is dict:
            role = message.get("role")
            if role == "user":
                has_user = True
            elif role == "system" or role == "developer":
                has_system = True
    return len(messages), has_system, has_user


def summarize_example(
    obj: Any,
    kind: Kind,
    *,
    line: int,
    model: str | None = None,
    count: TokenCount | None = None,
    raw: bytes | None = None,
    roles: tuple[int, bool, bool] | None = None,
) -> ExampleSummary:
    """The numbers of one example (its token ``count`` is computed unless given; ``raw`` is its
    JSON text as read, if the caller has it, see :func:`example_hashes`; ``roles`` is
    (messages, has a system message, has a user message) when the caller already knows it)."""
    if count is None:
        count = count_example(obj, kind, model=model)
    exact, norm = example_hashes(obj, raw)
    if roles is not None:
        messages, has_system, has_user = roles
    elif type(obj) is dict:
        messages, has_system, has_user = _roles(obj, kind)
    else:
        messages, has_system, has_user = 0, False, False
    return ExampleSummary(
        line, count.total, count.assistant, messages, count.images, has_system, has_user,
        count.estimated, exact, norm,
    )


def check_example(
    obj: Any, kind: Kind, *, line: int, model: str | None = None, raw: bytes | None = None
) -> tuple[list[Finding], ExampleSummary]:
    """Validate, count and hash one example: the whole per-example job of an import worker.

    ``raw`` is the example's JSON text as read, if available (see :func:`example_hashes`).
    """
    findings, facts = check(obj, kind, line, model)
    roles = (facts.count, facts.systems > 0, facts.users > 0) if facts is not None else None
    return findings, summarize_example(obj, kind, line=line, model=model, raw=raw, roles=roles)
