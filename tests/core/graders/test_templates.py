"""Templates: finding them, filling them in, and checking them against a dataset."""

from __future__ import annotations

import pytest

from app.formats.model import Severity
from app.graders.starters import new_grader
from app.graders.templates import (
    MissingField,
    TemplateRef,
    check_against_examples,
    make_sample,
    parse_path,
    render,
    template_problems,
    template_refs,
)


def rft(i: int, **extra) -> dict:
    return {"messages": [{"role": "user", "content": f"Question {i}"}], **extra}


def test_refs_found_everywhere_with_json_paths():
    grader = {
        "type": "multi",
        "name": "m",
        "graders": {
            "exact": {
                "type": "string_check",
                "name": "e",
                "input": "{{ sample.output_text }}",
                "reference": "{{item.answers[0].text}}",
                "operation": "eq",
            },  # fmt: skip
            "judge": {
                "type": "score_model",
                "name": "j",
                "model": "gpt-4.1-mini-2025-04-14",
                "input": [
                    {
                        "role": "user",
                        "content": [{"type": "input_text", "text": "Ref {{item.ref}} / {{sample.output_json.x}}"}],
                    },
                    {"role": "user", "content": {"type": "input_image", "image_url": "{{item.image}}"}},
                ],
            },
            "my grader": {"type": "python", "name": "p", "source": "x = f'{{item.not_a_template}}'"},
        },
        "calculate_output": "exact",
    }
    refs = template_refs(grader)
    assert refs == [
        TemplateRef("sample", "output_text", "$.graders.exact.input"),
        TemplateRef("item", "answers[0].text", "$.graders.exact.reference"),
        TemplateRef("item", "ref", "$.graders.judge.input[0].content[0].text"),
        TemplateRef("sample", "output_json.x", "$.graders.judge.input[0].content[0].text"),
        TemplateRef("item", "image", "$.graders.judge.input[1].content.image_url"),
    ]
    assert refs[1].dotted == "item.answers[0].text"
    assert refs[0].text == "{{ sample.output_text }}"


@pytest.mark.parametrize(
    ("path", "steps"),
    [
        ("", []),
        ("a", ["a"]),
        ("answers[0].text", ["answers", 0, "text"]),
        ("output_tools[0].function.arguments", ["output_tools", 0, "function", "arguments"]),
        ('["two words"][1]', ["two words", 1]),
        ("a['b-c']", ["a", "b-c"]),
        ("a[x]", None),
        ("a..b", None),
        ("a b", None),
    ],
)
def test_parse_path(path, steps):
    assert parse_path(path) == steps


def test_render_fills_item_and_sample_and_leaves_missing_empty():
    item = {"answers": [{"text": "Paris"}], "n": 3, "obj": {"a": [1, "é"]}, "none": None}
    sample = make_sample('{"city": "Paris"}')
    text = "{{item.answers[0].text}}|{{ item.n }}|{{item.obj}}|{{item.gone}}|{{item.none}}|{{sample.output_json.city}}"
    assert render(text, item, sample) == 'Paris|3|{"a": [1, "é"]}|||Paris'
    assert render("{{sample.output_text}} {{foo.bar}} {{item.a[}}", {}, sample) == '{"city": "Paris"}  '


def test_make_sample_only_parses_json():
    assert make_sample("plain words") == {"output_text": "plain words"}
    assert make_sample("[1, 2]")["output_json"] == [1, 2]
    assert make_sample("[" * 100_000)["output_text"].startswith("[")  # too deep: no output_json, no crash


def test_the_public_sample_set_problem_is_caught():
    # The grader reads item.reference_answer; no line of the dataset has it.
    grader = new_grader("string_check")
    examples = [(i, rft(i, answer=f"A{i}")) for i in range(1, 121)]
    missing, findings = check_against_examples(grader, examples)
    assert findings == []
    assert missing == [MissingField("item.reference_answer", 120, 120, list(range(1, 11)))]
    assert missing[0].message == "item.reference_answer is missing in 120 of 120 examples (lines 1, 2, 3, …)"
    finding = missing[0].finding()
    assert finding.severity is Severity.ERROR and finding.code == "template_field_missing"


def test_missing_in_some_examples_counts_them_and_is_a_warning():
    grader = {"type": "string_check", "name": "s", "input": "{{sample.output_text}}",
              "reference": "{{item.answers[0].text}}", "operation": "eq"}  # fmt: skip
    examples = [
        (1, rft(1, answers=[{"text": "x"}])),
        (2, rft(2, answers=[])),  # index out of range
        (5, rft(5, answers=[{"other": "x"}])),
        (7, rft(7, answers={"0": "not a list"})),
        (9, rft(9, answers=[{"text": None}])),  # null counts as missing
        (11, rft(11, answers=[{"text": ""}])),  # empty text is there
    ]
    missing, _ = check_against_examples(grader, examples)
    assert missing == [MissingField("item.answers[0].text", 4, 6, [2, 5, 7, 9])]
    assert missing[0].message == "item.answers[0].text is missing in 4 of 6 examples (lines 2, 5, 7, …)"
    assert missing[0].finding().severity is Severity.WARNING


def test_one_missing_example_reads_naturally():
    grader = new_grader("text_similarity")
    missing, _ = check_against_examples(grader, [(1, rft(1, reference_answer="a")), (4, rft(4))])
    assert missing[0].message == "item.reference_answer is missing in 1 of 2 examples (line 4)"


def test_every_field_is_counted_once_even_when_used_twice():
    grader = new_grader("multi")  # both sub-graders read item.reference_answer
    missing, _ = check_against_examples(grader, [(1, rft(1))])
    assert [m.path for m in missing] == ["item.reference_answer"]


def test_no_examples_no_missing_fields():
    assert check_against_examples(new_grader("string_check"), []) == ([], [])


def test_output_json_needs_a_response_format():
    grader = {"type": "string_check", "name": "s", "input": "{{sample.output_json.verdict}}",
              "reference": "yes", "operation": "eq"}  # fmt: skip
    _, findings = check_against_examples(grader, [(1, rft(1))])
    assert [f.code for f in findings] == ["output_json_needs_response_format"]
    assert findings[0].severity is Severity.ERROR and findings[0].path == "$.input"
    assert check_against_examples(grader, [(1, rft(1))], has_response_format=True) == ([], [])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{{items.answer}}", "template_namespace_unknown"),
        ("{{ answer }}", "template_namespace_unknown"),
        ("{{ 1 + 2 }}", "template_namespace_unknown"),
        ("{{sample.output}}", "template_sample_field_unknown"),
        ("{{sample}}", "template_sample_field_unknown"),
        ("{{item.a[x]}}", "template_path_invalid"),
        ("{{item}}", "template_item_whole"),
    ],
)
def test_template_problems(text, code):
    grader = {"type": "string_check", "name": "s", "input": text, "reference": "x", "operation": "eq"}
    problems = template_problems(grader)
    assert [p.code for p in problems] == [code]
    assert problems[0].path == "$.input"
    # check_against_examples does not repeat them
    assert check_against_examples(grader, [(1, rft(1))]) == ([], [])


def test_known_sample_fields_are_fine():
    for field in ("output_text", "output_json.a", "output_tools[0].function.arguments", "choices[0]"):
        grader = {"type": "string_check", "name": "s", "input": f"{{{{sample.{field}}}}}", "reference": "x",
                  "operation": "eq"}  # fmt: skip
        assert template_problems(grader) == [], field


def test_python_graders_item_reads_are_counted_too():
    source = (
        "def grade(sample, it):\n"
        "    a = it['reference_answer']\n"
        "    b = it.get('rubric', '')\n"
        "    c = sample.get('output_text')\n"
        "    return 1.0 if a == c else 0.0\n"
    )
    grader = {"type": "multi", "name": "m", "calculate_output": "code + exact", "graders": {
        "code": new_grader("python") | {"source": source},
        "exact": new_grader("string_check") | {"reference": "{{item.rubric}}"},
    }}  # fmt: skip
    missing, _ = check_against_examples(grader, [(1, rft(1, rubric="r")), (2, rft(2))])
    by_path = {m.path: m for m in missing}
    assert set(by_path) == {"item.reference_answer", "item.rubric"}
    code_only = by_path["item.reference_answer"]
    assert code_only.in_code and code_only.missing == 2
    assert code_only.finding().severity is Severity.WARNING  # the code may cope without it
    assert "Python grader reads it" in code_only.finding().message
    assert not by_path["item.rubric"].in_code  # a template reads it too


def test_python_without_grade_or_unparsable_reads_nothing():
    for source in ("def f(sample, item):\n    return item['x']\n", "def grade(:\n", "def grade(sample):\n  pass\n"):
        grader = new_grader("python") | {"source": source}
        assert check_against_examples(grader, [(1, rft(1))]) == ([], [])


def test_the_same_field_written_two_ways_is_one_field():
    grader = new_grader("string_check") | {"input": '{{item["answers"][0]}}', "reference": "{{item.answers[0]}}"}
    missing, _ = check_against_examples(grader, [(1, rft(1))])
    assert [m.path for m in missing] == ["item.answers[0]"]
