"""The text_similarity metrics the app computes itself, to try a grader offline.

OpenAI documents only that ``fuzzy_match`` uses rapidfuzz; how each metric tokenizes and smooths is
not published, so every score here is the closest well-known way of computing it and the provider's
figure may differ slightly (the UI says so):

* ``fuzzy_match``: ``rapidfuzz.fuzz.ratio / 100`` — the plain normalized Indel similarity of the two
  whole texts. rapidfuzz's other scorers (``partial_ratio``, ``token_sort_ratio``, ``WRatio``) ignore
  parts of the text or its word order, which a grader comparing an answer to a reference should not.
* ``bleu``: NLTK ``sentence_bleu`` with the standard weights (0.25 for 1- to 4-grams) and smoothing
  ``method4`` (as Azure's evaluation SDK, the other public use of these graders, does), so a short
  answer without a shared 4-gram does not score 0.
* ``gleu``: NLTK ``sentence_gleu`` (1- to 4-grams), which needs no smoothing.
  Both tokenize with NLTK's ``NLTKWordTokenizer`` (what ``nltk.word_tokenize`` uses, minus its
  sentence splitter, which needs the punkt data the app does not ship).
* ``rouge_1`` … ``rouge_5``, ``rouge_l``: the F-measure of Google's ``rouge-score`` package (without
  stemming), re-implemented here with its exact tokenizer (lower-case, every run of characters other
  than a-z and 0-9 splits words). That package is preinstalled in OpenAI's grader sandbox; the test
  suite checks this code against it. The longest common subsequence comes from rapidfuzz's ``LCSseq``.
* ``meteor`` needs WordNet data (not shipped): not computed here.

NLTK is imported on first use (it takes a moment): call from a worker thread, not the GUI thread.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

ROUGE_METRICS = ("rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5", "rouge_l")
LOCAL_METRICS = frozenset({"fuzzy_match", "bleu", "gleu", *ROUGE_METRICS})

_NON_ALPHANUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_VALID_TOKEN = re.compile(r"^[a-z0-9]+$")
_nltk: dict[str, Any] | None = None


def fuzzy_match(text: str, reference: str) -> float:
    """rapidfuzz's ``fuzz.ratio`` scaled to 0–1 (1 = the same text)."""
    return fuzz.ratio(text, reference) / 100.0


# --------------------------------------------------------------------------------------------- ROUGE
def rouge_tokens(text: str) -> list[str]:
    """Words as ``rouge_score.tokenize.tokenize(text, None)`` makes them."""
    text = _NON_ALPHANUM.sub(" ", text.lower())
    return [t for t in _SPACES.split(text) if _VALID_TOKEN.match(t)]


def _fmeasure(precision: float, recall: float) -> float:
    # Same arithmetic, in the same order, as rouge_score.scoring.fmeasure.
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(text: str, reference: str, n: int) -> float:
    """ROUGE-N F-measure of ``text`` against ``reference``."""
    target = _ngrams(rouge_tokens(reference), n)
    prediction = _ngrams(rouge_tokens(text), n)
    overlap = sum(min(count, prediction[gram]) for gram, count in target.items())
    precision = overlap / max(sum(prediction.values()), 1)
    recall = overlap / max(sum(target.values()), 1)
    return _fmeasure(precision, recall)


def rouge_l(text: str, reference: str) -> float:
    """ROUGE-L F-measure (longest common subsequence of words)."""
    target = rouge_tokens(reference)
    prediction = rouge_tokens(text)
    if not target or not prediction:
        return 0.0
    lcs = LCSseq.similarity(target, prediction)
    return _fmeasure(lcs / len(prediction), lcs / len(target))


# ---------------------------------------------------------------------------------------- BLEU, GLEU
def _load_nltk() -> dict[str, Any]:
    global _nltk
    if _nltk is None:
        from nltk.tokenize.destructive import NLTKWordTokenizer
        from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu
        from nltk.translate.gleu_score import sentence_gleu

        # Built whole, then published in one assignment: threads never see half of it.
        _nltk = {
            "tokenize": NLTKWordTokenizer().tokenize,
            "bleu": sentence_bleu,
            "gleu": sentence_gleu,
            "smoothing": SmoothingFunction().method4,
        }
    return _nltk


def word_tokens(text: str) -> list[str]:
    """Words and punctuation as NLTK's word tokenizer splits them."""
    return _load_nltk()["tokenize"](text)


def bleu(text: str, reference: str) -> float:
    """Sentence BLEU of ``text`` against ``reference`` (see the module's docstring)."""
    lib = _load_nltk()
    hypothesis, ref = lib["tokenize"](text), lib["tokenize"](reference)
    if not hypothesis or not ref:
        return 0.0
    # method4 also keeps NLTK quiet: it warns about n-gram orders without a match only when not smoothing.
    return float(lib["bleu"]([ref], hypothesis, smoothing_function=lib["smoothing"]))


def gleu(text: str, reference: str) -> float:
    """Sentence GLEU of ``text`` against ``reference``."""
    lib = _load_nltk()
    hypothesis, ref = lib["tokenize"](text), lib["tokenize"](reference)
    if not hypothesis or not ref:
        return 0.0
    return float(lib["gleu"]([ref], hypothesis))


def similarity(metric: str, text: str, reference: str) -> float | None:
    """The score of ``metric`` (one of :data:`LOCAL_METRICS`) for ``text`` against ``reference``;
    None for a metric not computed here."""
    if metric == "fuzzy_match":
        return fuzzy_match(text, reference)
    if metric == "bleu":
        return bleu(text, reference)
    if metric == "gleu":
        return gleu(text, reference)
    if metric == "rouge_l":
        return rouge_l(text, reference)
    if metric in ROUGE_METRICS:
        return rouge_n(text, reference, int(metric[-1]))
    return None
