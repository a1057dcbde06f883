"""Scores computed here, each checked on a case worked out by hand; ROUGE also against Google's package."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from app.graders.local import APPROXIMATE, LOCAL_METRICS, score_locally
from app.graders.similarity import rouge_l, rouge_n, rouge_tokens, similarity
from app.graders.starters import new_grader

REF = "the cat is on the mat"
HYP = "the cat sat on the mat"


def check(op: str, reference: str) -> dict:
    return {"type": "string_check", "name": "s", "input": "{{sample.output_text}}", "reference": reference,
            "operation": op}  # fmt: skip


def sim(metric: str) -> dict:
    return {"type": "text_similarity", "name": "t", "input": "{{sample.output_text}}",
            "reference": "{{item.reference_answer}}", "evaluation_metric": metric}  # fmt: skip


@pytest.mark.parametrize(
    ("op", "answer", "reference", "score"),
    [
        ("eq", "Paris", "Paris", 1.0),
        ("eq", "paris", "Paris", 0.0),  # case-sensitive
        ("eq", "Paris ", "Paris", 0.0),  # exact: no trimming
        ("ne", "Lyon", "Paris", 1.0),
        ("ne", "Paris", "Paris", 0.0),
        ("ne", "PARIS", "Paris", 1.0),  # case-sensitive
        ("like", "The capital is Paris.", "Paris", 1.0),  # contains
        ("like", "The capital is paris.", "Paris", 0.0),  # case-sensitive
        ("like", "Paris", "The capital is Paris.", 0.0),  # the input contains the reference, not the reverse
        ("ilike", "THE CAPITAL IS PARIS.", "Paris", 1.0),  # ignoring case
        ("ilike", "The capital is Lyon.", "paris", 0.0),
    ],
)
def test_string_check(op, answer, reference, score):
    result = score_locally(check(op, reference), {}, answer)
    assert result.score == score and result.note == "" and result.sub_scores == {}


def test_string_check_reads_item_and_output_json():
    grader = check("eq", "{{item.label}}") | {"input": "{{sample.output_json.verdict}}"}
    assert score_locally(grader, {"label": "yes"}, '{"verdict": "yes"}').score == 1.0
    assert score_locally(grader, {"label": "yes"}, "yes").score == 0.0  # not JSON: output_json is missing


def test_fuzzy_match_is_rapidfuzz_ratio():
    # Indel similarity: kitten/sitting share "ittn" (4), distance 6 + 7 - 2*4 = 5 of 13 characters.
    result = score_locally(sim("fuzzy_match"), {"reference_answer": "sitting"}, "kitten")
    assert result.score == pytest.approx(1 - 5 / 13)
    assert result.note == APPROXIMATE
    assert similarity("fuzzy_match", "this is a test", "this is a test!") == pytest.approx(1 - 1 / 29)
    assert similarity("fuzzy_match", "same", "same") == 1.0


def test_bleu_by_hand():
    # Clipped n-gram precisions of HYP against REF: 5/6, 3/5, 1/4 and 0/3; NLTK's method4 smoothing puts
    # 1 / (2 * 5 / ln(6)) matches in place of the missing 4-gram ones. Same length: no brevity penalty.
    p4 = (math.log(6) / 10) / 3
    expected = math.exp(0.25 * (math.log(5 / 6) + math.log(3 / 5) + math.log(1 / 4) + math.log(p4)))
    result = score_locally(sim("bleu"), {"reference_answer": REF}, HYP)
    assert result.score == pytest.approx(expected) == pytest.approx(0.293946, abs=1e-6)
    assert result.note == "Computed locally; the provider's figure may differ slightly."
    assert similarity("bleu", HYP, HYP) == pytest.approx(1.0)
    assert similarity("bleu", "", REF) == 0.0
    assert similarity("bleu", "entirely different words", REF) == 0.0


def test_gleu_by_hand():
    # Matching 1- to 4-grams: 5 + 3 + 1 + 0 = 9 of 6 + 5 + 4 + 3 = 18 on both sides: min(9/18, 9/18).
    result = score_locally(sim("gleu"), {"reference_answer": REF}, HYP)
    assert result.score == pytest.approx(0.5)
    assert result.note == APPROXIMATE
    assert similarity("gleu", "", REF) == 0.0


def test_rouge_by_hand():
    item = {"reference_answer": REF}
    assert score_locally(sim("rouge_1"), item, HYP).score == pytest.approx(5 / 6)  # 5 of 6 words both ways
    assert score_locally(sim("rouge_2"), item, HYP).score == pytest.approx(3 / 5)  # 3 of 5 bigrams
    assert score_locally(sim("rouge_3"), item, HYP).score == pytest.approx(1 / 4)
    assert score_locally(sim("rouge_4"), item, HYP).score == 0.0
    assert score_locally(sim("rouge_l"), item, HYP).score == pytest.approx(5 / 6)  # "the cat on the mat"
    # P = 3/3, R = 3/6 -> F = 2/3
    assert rouge_n("The CAT, is!", REF, 1) == pytest.approx(2 / 3)
    assert rouge_l("mat the on", REF) == pytest.approx(2 * (2 / 3) * (2 / 6) / (2 / 3 + 2 / 6))


def test_rouge_tokens_like_google():
    assert rouge_tokens("The Cat's café, 2nd-floor!") == ["the", "cat", "s", "caf", "2nd", "floor"]
    assert rouge_tokens("  ") == []


WORDS = ["the", "The", "cat", "cats", "sat", "on", "mat", "Mat!", "a", "dog,", "2", "x-ray", "café", "naïve", "..."]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join),
    st.text(alphabet="abcAB 1.,-\n\té'", max_size=60),
    st.text(max_size=30),
)
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rouge3", "rouge4", "rouge5", "rougeL"], use_stemmer=False)


@settings(max_examples=100, deadline=None)
@given(text=texts, reference=texts)
def test_rouge_equals_rouge_score_package(text, reference):
    expected = SCORER.score(reference, text)
    for n in range(1, 6):
        assert rouge_n(text, reference, n) == pytest.approx(expected[f"rouge{n}"].fmeasure, abs=1e-12)
    assert rouge_l(text, reference) == pytest.approx(expected["rougeL"].fmeasure, abs=1e-12)


def test_metrics_computed_here():
    assert {"fuzzy_match", "bleu", "gleu", "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_5",
                             "rouge_l"} == LOCAL_METRICS  # fmt: skip


@pytest.mark.parametrize(("metric", "words"), [("meteor", "WordNet"), ("cosine", "embedding")])
def test_metrics_only_the_provider_computes(metric, words):
    result = score_locally(sim(metric) if metric != "cosine" else sim("meteor") | {"evaluation_metric": "cosine"},
                           {"reference_answer": REF}, HYP)  # fmt: skip
    assert result.score is None
    assert words in result.note or "Fix the grader first" in result.note


def test_meteor_note():
    result = score_locally(sim("meteor"), {"reference_answer": REF}, HYP)
    assert result.score is None and "WordNet" in result.note and "provider" in result.note


@pytest.mark.parametrize(("kind", "words"), [("score_model", "Model graders"), ("python", "does not run grader code"),
                                             ("label_model", "Model graders")])  # fmt: skip
def test_remote_only_graders(kind, words):
    result = score_locally(new_grader(kind), {"reference_answer": "x"}, "x")
    assert result.score is None and words in result.note


def multi(formula: str, **extra) -> dict:
    graders = {"exact": check("eq", "{{item.reference_answer}}"), "similar": sim("rouge_1"), **extra}
    return {"type": "multi", "name": "m", "graders": graders, "calculate_output": formula}


def test_multi_combines_with_the_formula():
    result = score_locally(multi("0.5 * exact + 0.5 * similar"), {"reference_answer": REF}, HYP)
    assert result.sub_scores == {"exact": 0.0, "similar": pytest.approx(5 / 6)}
    assert result.score == pytest.approx(5 / 12)
    assert result.note == APPROXIMATE
    exact = score_locally(multi("max(exact, similar ^ 2)"), {"reference_answer": REF}, REF)
    assert exact.score == 1.0


def test_multi_with_a_model_grader_in_the_formula_cannot_be_scored_here():
    result = score_locally(multi("exact + judge", judge=new_grader("score_model")), {"reference_answer": REF}, REF)
    assert result.score is None
    assert result.sub_scores == {"exact": 1.0, "similar": 1.0}
    assert "judge" in result.note and "provider" in result.note


def test_multi_ignores_a_model_grader_the_formula_does_not_use():
    result = score_locally(multi("exact", judge=new_grader("score_model")), {"reference_answer": REF}, REF)
    assert result.score == 1.0


def test_multi_formula_error_at_compute_time():
    result = score_locally(multi("similar / exact"), {"reference_answer": REF}, HYP)
    assert result.score is None and "Division by zero" in result.note


def test_broken_graders_are_not_scored_and_nothing_raises():
    assert "Fix the grader first" in score_locally(check("neq", "x"), {}, "x").note
    assert "Fix the grader first" in score_locally(multi("exact +"), {}, "x").note
    assert score_locally("not a grader", {}, "x").score is None  # type: ignore[arg-type]
    assert score_locally({"type": "nope"}, {}, "x").score is None
    assert score_locally(check("eq", "{{item.a}}"), None, None).score == 0.0  # type: ignore[arg-type]


def test_a_field_missing_in_the_example_is_said():
    result = score_locally(check("like", "{{item.reference_answer}}"), {"answer": "Paris"}, "Paris")
    assert result.score == 1.0  # "" is contained in every text…
    assert result.note == "This example has no item.reference_answer: it counts as empty text."  # …so say so
    similar = score_locally(sim("rouge_1"), {}, "x")
    assert similar.note.startswith("This example has no item.reference_answer") and similar.note.endswith(APPROXIMATE)
