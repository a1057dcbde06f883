"""Grader structure rules: one test per rule, and the starting graders are all clean."""

from __future__ import annotations

import copy

import pytest

from app.formats.model import Severity
from app.graders.schema import (
    GRADER_TYPES,
    GRADING_MODELS,
    PYTHON_SOURCE_LIMIT,
    SIMILARITY_METRICS,
    STRING_OPERATIONS,
    TOP_LEVEL_TYPES,
)
from app.graders.starters import new_grader
from app.graders.structure import has_errors, structure_problems


def codes(grader, **kw) -> list[str]:
    return [f.code for f in structure_problems(grader, **kw)]


def one(grader, code, **kw):
    found = [f for f in structure_problems(grader, **kw) if f.code == code]
    assert len(found) == 1, structure_problems(grader, **kw)
    return found[0]


def sub_in_multi(sub: dict, name: str = "a") -> dict:
    return {"type": "multi", "name": "m", "graders": {name: sub}, "calculate_output": name}


@pytest.mark.parametrize("kind", GRADER_TYPES)
def test_new_graders_are_clean(kind):
    grader = new_grader(kind, "Mine")
    assert grader["type"] == kind and grader["name"] == "Mine"
    assert structure_problems(grader, top_level=kind in TOP_LEVEL_TYPES) == []


def test_new_grader_unknown_type():
    with pytest.raises(ValueError):
        new_grader("regex")
    assert new_grader("string_check")["name"] == "string check"


def test_constants():
    assert "label_model" in GRADER_TYPES and "label_model" not in TOP_LEVEL_TYPES
    assert STRING_OPERATIONS == ("eq", "ne", "like", "ilike")
    assert "cosine" not in SIMILARITY_METRICS and "rouge_l" in SIMILARITY_METRICS
    assert PYTHON_SOURCE_LIMIT == 262144 and len(GRADING_MODELS) == 9


@pytest.mark.parametrize(("grader", "code"), [("text", "grader_not_object"), ({}, "grader_type_missing"),
                                              ({"type": "regex"}, "grader_type_unknown")])  # fmt: skip
def test_not_a_grader(grader, code):
    assert codes(grader) == [code]


def test_required_fields():
    problems = structure_problems({"type": "string_check"})
    assert {(f.code, f.path) for f in problems} == {
        ("grader_field_missing", "$.name"),
        ("grader_field_missing", "$.input"),
        ("grader_field_missing", "$.reference"),
        ("grader_field_missing", "$.operation"),
    }
    assert all(f.severity is Severity.ERROR for f in problems)


def test_field_types_and_unknown_fields():
    g = new_grader("string_check")
    g["input"] = 3
    g["threshold"] = 1
    assert one(g, "grader_field_type").path == "$.input"
    unknown = one(g, "grader_field_unknown")
    assert unknown.severity is Severity.WARNING and unknown.path == "$.threshold"


def test_string_operation_enum():
    g = new_grader("string_check") | {"operation": "neq"}
    assert 'spells it "ne"' in one(g, "string_operation_unknown").message


def test_similarity_metric_enum_and_cosine():
    g = new_grader("text_similarity") | {"evaluation_metric": "jaccard"}
    assert one(g, "similarity_metric_unknown").path == "$.evaluation_metric"
    g["evaluation_metric"] = "cosine"
    assert "not usable for fine-tuning" in one(g, "cosine_not_for_fine_tuning").message


def test_pass_threshold_is_evals_only():
    g = new_grader("text_similarity") | {"pass_threshold": 0.8}
    assert one(g, "pass_threshold_evals_only").severity is Severity.WARNING


def test_label_model_only_inside_multi():
    label = new_grader("label_model")
    assert one(label, "label_model_top_level").severity is Severity.ERROR
    assert codes(sub_in_multi(label)) == []


def test_multi_not_nested():
    inner = new_grader("multi")
    f = one(sub_in_multi(inner), "multi_nested")
    assert f.path == "$.graders.a.type"


def test_multi_graders_must_be_a_named_set():
    g = new_grader("multi") | {"graders": [new_grader("string_check")]}
    assert "multi_graders_invalid" in codes(g)
    g["graders"] = {}
    assert "multi_graders_invalid" in codes(g)


def test_sub_grader_problems_carry_their_path():
    sub = new_grader("score_model") | {"model": "gpt-3.5-turbo"}
    f = one(sub_in_multi(sub, "accuracy"), "grader_model_not_allowed")
    assert f.path == "$.graders.accuracy.model"
    f = one(sub_in_multi(new_grader("string_check") | {"operation": "x"}, "two words"), "string_operation_unknown")
    assert f.path == '$.graders["two words"].operation'


def test_names_the_formula_cannot_use():
    g = sub_in_multi(new_grader("string_check"), "two words")
    g["calculate_output"] = "1"
    f = one(g, "grader_name_unusable")
    assert f.severity is Severity.WARNING and "two_words" in f.message


def test_passing_labels_subset():
    g = sub_in_multi(new_grader("label_model") | {"passing_labels": ["correct", "great"]})
    f = one(g, "passing_labels_not_subset")
    assert "great" in f.message and f.path == "$.graders.a.passing_labels"


def test_labels_must_be_lists_of_text():
    g = sub_in_multi(new_grader("label_model") | {"labels": [], "passing_labels": "correct"})
    assert codes(g).count("grader_labels_invalid") == 2
    dup = sub_in_multi(new_grader("label_model") | {"labels": ["a", "a", "correct"]})
    assert one(dup, "grader_labels_duplicate").severity is Severity.WARNING


@pytest.mark.parametrize(("rng", "bad"), [([0, 1], False), ([1, 10], False), ([-1, 1], False), ([1, 1], True),
                                          ([1, 0], True), ([0], True), ("0-1", True), ([0, True], True)])  # fmt: skip
def test_range(rng, bad):
    g = new_grader("score_model") | {"range": rng}
    assert ("grader_range_invalid" in codes(g)) is bad


def test_models_allowed_for_grading():
    g = new_grader("score_model") | {"model": "gpt-4.1-mini"}
    assert "Use gpt-4.1-mini-2025-04-14." in one(g, "grader_model_not_allowed").message
    g["model"] = "claude-3"
    assert "The allowed models are" in one(g, "grader_model_not_allowed").message
    for model in GRADING_MODELS:
        g = new_grader("score_model") | {"model": model, "sampling_params": {}}
        assert codes(g) == [], model


def test_reasoning_models_reject_temperature_others_reasoning_effort():
    g = new_grader("score_model") | {"model": "o4-mini-2025-04-16", "sampling_params": {"temperature": 0}}
    f = one(g, "grader_param_rejected")
    assert f.path == "$.sampling_params.temperature" and "reasoning model" in f.message
    g["sampling_params"] = {"reasoning_effort": "low", "temperature": None}  # None is "not sent"
    assert codes(g) == []
    g["model"] = "gpt-4o-2024-08-06"
    assert one(g, "grader_param_rejected").path == "$.sampling_params.reasoning_effort"


def test_sampling_params_values():
    g = new_grader("score_model") | {
        "sampling_params": {"max_tokens": 10, "top_p": 2, "seed": 1.5, "max_completions_tokens": 0}
    }
    problems = structure_problems(g)
    assert {f.path.rsplit(".", 1)[-1] for f in problems} == {"max_tokens", "top_p", "seed", "max_completions_tokens"}
    assert "max_completions_tokens" in next(f.message for f in problems if f.path.endswith("max_tokens"))
    g["sampling_params"] = "hot"
    assert codes(g) == ["sampling_params_invalid"]
    o3 = new_grader("score_model") | {"model": "o3-2025-04-16", "sampling_params": {"reasoning_effort": "huge"}}
    assert codes(o3) == ["sampling_param_invalid"]


def test_messages():
    g = new_grader("score_model")
    g["input"] = []
    assert codes(g) == ["grader_messages_invalid"]
    g["input"] = [
        {"role": "tool", "content": "x"},
        {"role": "user", "content": {"type": "input_text"}},
        {"role": "user", "content": [{"type": "input_image", "image_url": "{{item.image}}"}, "text"]},
        {"role": "user", "content": "x", "type": "chat"},
        "hello",
    ]
    assert codes(g) == [
        "grader_message_role",
        "grader_message_content",
        "grader_message_invalid",
        "grader_message_invalid",
    ]


def test_python_source_limit():
    g = new_grader("python")
    g["source"] += "#" + "x" * PYTHON_SOURCE_LIMIT + "\n"
    f = one(g, "python_too_large")
    assert "256 kB" in f.message and f.path == "$.source"


def test_python_syntax_error_names_the_line():
    g = new_grader("python") | {"source": "def grade(sample, item):\n    return (1\n\nx = ]\n"}
    f = one(g, "python_syntax")
    assert "line" in f.message and f.severity is Severity.ERROR
    g["source"] = "x = 1\0"
    assert codes(g) == ["python_syntax"]


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("def grade(sample, item):\n    return 1.0\n", True),
        ("async def grade(sample, item, extra=None):\n    return 1.0\n", True),
        ("def grade(*args):\n    return 1.0\n", True),
        ("grade = lambda s, i: 1.0\n", True),
        ("from helpers import score as grade\n", True),
        ("def score(sample, item):\n    return 1.0\n", False),
        ("class X:\n    def grade(self, sample, item):\n        return 1\n", False),
        ("def outer():\n    def grade(sample, item):\n        return 1\n", False),
    ],
)
def test_python_must_define_grade(source, ok):
    g = new_grader("python") | {"source": source}
    assert ("python_no_grade" not in codes(g)) is ok


def test_python_grade_arguments():
    g = new_grader("python") | {"source": "def grade(sample):\n    return 1.0\n"}
    assert "grade(sample, item)" in one(g, "python_grade_arguments").message


def test_python_invalid_escape_does_not_warn(recwarn):
    g = new_grader("python") | {"source": 'import re\nR = "\\d"\ndef grade(sample, item):\n    return 1.0\n'}
    assert codes(g) == []
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]


def test_formula_problems_become_findings():
    g = new_grader("multi") | {"calculate_output": "0.5 * exakt + similar % 2"}
    f = one(g, "formula_problem")
    assert f.path == "$.calculate_output" and "'%'" in f.message
    g["calculate_output"] = "0.5 * exakt + log(similar, 2)"
    assert codes(g) == ["formula_problem", "formula_problem"]


def test_templates_are_part_of_the_structure():
    g = new_grader("string_check") | {"reference": "{{answer}}"}
    assert codes(g) == ["template_namespace_unknown"]


def test_has_errors_and_input_is_not_changed():
    g = new_grader("multi")
    before = copy.deepcopy(g)
    problems = structure_problems(g)
    assert not has_errors(problems) and g == before
    assert has_errors(structure_problems(new_grader("label_model")))
