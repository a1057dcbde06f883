"""The stand-in server's alpha grader endpoints over plain HTTP: validate (the grader back, or 400 in
the API's error shape naming the field) and run (string checks, fuzzy match, Python graders in a
subprocess, scripted model graders, multi formulas, template errors), every answer checked against the
official spec both by the server as it answers and by the test on what arrived."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.standin import spec
from tests.standin.graders import evaluate_formula
from tests.standin.server import StandinServer

CHECK = {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
         "reference": "{{item.answer}}", "operation": "eq"}
PYTHON_OK = "def grade(sample, item):\n    return 0.25 if sample['output_text'] == item['answer'] else 0.75\n"
PYTHON_RAISES = "def grade(sample, item):\n    x = item['missing']\n    return 1.0\n"
SCORE_MODEL = {"type": "score_model", "name": "judge", "model": "o4-mini-2025-04-16", "range": [0, 10],
               "input": [{"role": "user", "content": "Rate {{sample.output_text}} against {{item.answer}}"}]}


def post(server: StandinServer, endpoint: str, body: Any, *, key: str | None = None) -> tuple[int, dict]:
    """POST JSON to ``/v1{endpoint}``: (status, parsed body)."""
    request = urllib.request.Request(
        f"{server.base_url}{endpoint}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key or server.api_key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


def validate(server: StandinServer, grader: Any) -> tuple[int, dict]:
    status, body = post(server, "/fine_tuning/alpha/graders/validate", {"grader": grader})
    if status != 200:
        spec.validate(body, "ErrorResponse")
    elif grader.get("type") != "multi":  # a multi's dict of graders is off spec (the server allows it)
        spec.validate(body, "ValidateGraderResponse")
    return status, body


def run(server: StandinServer, grader: dict, sample: str, item: dict | None = None) -> dict:
    status, body = post(server, "/fine_tuning/alpha/graders/run",
                        {"grader": grader, "model_sample": sample, "item": item or {}})
    assert status == 200, body
    spec.validate(body, "RunGraderResponse")
    return body


def raised(body: dict) -> list[str]:
    return sorted(k for k, v in body["metadata"]["errors"].items() if v is True)


def test_validate_echoes_a_good_grader(standin_shared: StandinServer) -> None:
    assert validate(standin_shared, CHECK) == (200, {"grader": CHECK})
    multi = {"type": "multi", "name": "both", "calculate_output": "0.5 * a + 0.5 * b",
             "graders": {"a": CHECK, "b": {**SCORE_MODEL, "type": "label_model", "labels": ["ok", "bad"],
                                           "passing_labels": ["ok"]}}}
    multi["graders"]["b"].pop("range")
    assert validate(standin_shared, multi) == (200, {"grader": multi})  # the server checked it against the spec


@pytest.mark.parametrize(
    ("grader", "param", "words"),
    [
        ({**CHECK, "operation": "equals"}, "grader.operation", "'equals'"),
        ({k: v for k, v in CHECK.items() if k != "reference"}, "grader.reference", "Missing required"),
        ({**CHECK, "type": "label_model"}, "grader.type", "only be used inside a multi"),
        ({"type": "text_similarity", "name": "s", "input": "a", "reference": "b", "evaluation_metric": "cosine"},
         "grader.evaluation_metric", "cosine"),
        ({"type": "python", "name": "p", "source": "def grade(sample, item)\n    return 1\n"}, "grader.source",
         "line 1"),
        ({"type": "python", "name": "p", "source": "def score(sample, item):\n    return 1\n"}, "grader.source",
         "grade(sample, item)"),
        ({**SCORE_MODEL, "model": "gpt-3.5-turbo"}, "grader.model", "cannot be used for grading"),
        ({**SCORE_MODEL, "sampling_params": {"temperature": 0.2}}, "grader.sampling_params.temperature",
         "not supported"),
        ({**SCORE_MODEL, "range": [1, 0]}, "grader.range", "min < max"),
        ({"type": "multi", "name": "m", "calculate_output": "a", "graders": {"a": {**CHECK, "operation": "is"}}},
         "grader.graders.a.operation", "'is'"),
        ({"type": "multi", "name": "m", "calculate_output": "a",
          "graders": {"a": {"type": "multi", "name": "n", "graders": {}, "calculate_output": "1"}}},
         "grader.graders.a.type", "cannot contain another multi"),
    ],
)
def test_validate_rejects_with_the_field_named(standin_shared: StandinServer, grader, param, words) -> None:
    status, body = validate(standin_shared, grader)
    assert status == 400
    assert body["error"]["param"] == param and body["error"]["type"] == "invalid_request_error"
    assert words in body["error"]["message"] and param in body["error"]["message"]
    status, body = post(standin_shared, "/fine_tuning/alpha/graders/run", {"grader": grader, "model_sample": "x"})
    assert status == 400 and body["error"]["param"] == param  # run checks the grader the same way


def test_the_endpoints_need_the_key(standin_shared: StandinServer) -> None:
    status, body = post(standin_shared, "/fine_tuning/alpha/graders/validate", {"grader": CHECK}, key="sk-wrong")
    assert status == 401 and body["error"]["code"] == "invalid_api_key"


def test_run_string_checks_and_fuzzy_match(standin_shared: StandinServer) -> None:
    item = {"answer": "Paris"}
    for operation, sample, reward in [
        ("eq", "Paris", 1.0), ("eq", "paris", 0.0), ("ne", "paris", 1.0),
        ("like", "It is Paris.", 1.0), ("like", "It is paris.", 0.0), ("ilike", "It is PARIS.", 1.0),
    ]:
        body = run(standin_shared, {**CHECK, "operation": operation}, sample, item)
        assert body["reward"] == reward, (operation, sample)
        assert body["metadata"]["type"] == "string_check" and raised(body) == []
    fuzzy = {"type": "text_similarity", "name": "f", "input": "{{sample.output_text}}",
             "reference": "{{item.answer}}", "evaluation_metric": "fuzzy_match"}
    assert run(standin_shared, fuzzy, "Paris", item)["reward"] == 1.0
    assert 0.5 < run(standin_shared, fuzzy, "Pariss", item)["reward"] < 1.0


def test_run_python_graders_in_a_subprocess(standin_shared: StandinServer) -> None:
    grader = {"type": "python", "name": "p", "source": PYTHON_OK}
    assert run(standin_shared, grader, "42", {"answer": "42"})["reward"] == 0.25
    body = run(standin_shared, {**grader, "source": PYTHON_RAISES}, "42", {"answer": "42"})
    assert body["reward"] == 0.0 and raised(body) == ["python_grader_runtime_error"]
    details = body["metadata"]["errors"]["python_grader_runtime_error_details"]
    assert "KeyError: 'missing'" in details and 'line 2' in details
    text = "def grade(sample, item):\n    print('noise')\n    return 'high'\n"
    body = run(standin_shared, {**grader, "source": text}, "42")
    assert raised(body) == ["python_grader_runtime_error"]  # printing is harmless; a string is not a number
    assert "must return a number" in body["metadata"]["errors"]["python_grader_runtime_error_details"]
    standin_shared.python_grader_timeout = 0.3
    slow = "import time\ndef grade(sample, item):\n    time.sleep(5)\n    return 1.0\n"
    body = run(standin_shared, {**grader, "source": slow}, "42")
    assert "did not finish within 0.3 seconds" in body["metadata"]["errors"]["python_grader_runtime_error_details"]


def test_run_model_graders_are_scripted(standin_shared: StandinServer) -> None:
    body = run(standin_shared, SCORE_MODEL, "Paris", {"answer": "Paris"})
    assert body["reward"] == 0.5 and body["metadata"]["sampled_model_name"] == SCORE_MODEL["model"]
    assert body["metadata"]["token_usage"] > 0 and SCORE_MODEL["model"] in body["model_grader_token_usage_per_model"]
    standin_shared.grader_model_reward = lambda grader, item, sample: 12.0
    assert run(standin_shared, SCORE_MODEL, "Paris", {"answer": "Paris"})["reward"] == 10.0  # clipped to range
    standin_shared.grader_model_refuse = True
    body = run(standin_shared, SCORE_MODEL, "Paris", {"answer": "Paris"})
    assert body["reward"] == 0.0 and raised(body) == ["model_grader_refusal_error"]


def test_run_multi_with_its_formula(standin_shared: StandinServer) -> None:
    multi = {"type": "multi", "name": "m", "calculate_output": "0.5 * exact + 0.5 * judge ^ 2",
             "graders": {"exact": CHECK, "judge": {**SCORE_MODEL, "range": [0, 1]}}}
    body = run(standin_shared, multi, "Paris", {"answer": "Paris"})
    assert body["sub_rewards"] == {"exact": 1.0, "judge": 0.5} and body["reward"] == pytest.approx(0.625)
    body = run(standin_shared, {**multi, "calculate_output": "exact +* judge"}, "Paris", {"answer": "Paris"})
    assert body["reward"] == 0.0 and raised(body) == ["formula_parse_error"]
    body = run(standin_shared, {**multi, "calculate_output": "exact + other"}, "Paris", {"answer": "Paris"})
    assert raised(body) == ["formula_parse_error"]


def test_run_template_errors(standin_shared: StandinServer) -> None:
    body = run(standin_shared, CHECK, "Paris", {"reference_answer": "Paris"})
    assert body["reward"] == 0.0 and raised(body) == ["invalid_variable_error"]
    reads_json = {**CHECK, "input": "{{sample.output_json.city}}"}
    assert run(standin_shared, reads_json, '{"city": "Paris"}', {"answer": "Paris"})["reward"] == 1.0
    assert raised(run(standin_shared, reads_json, "Paris", {"answer": "Paris"})) == ["sample_parse_error"]
    nested = {**CHECK, "reference": "{{item.answers[1].text}}"}
    assert run(standin_shared, nested, "b", {"answers": [{"text": "a"}, {"text": "b"}]})["reward"] == 1.0


def test_formula_language() -> None:
    assert evaluate_formula("2 ^ 3 ^ 2", {}) == 512  # right-associative power
    assert evaluate_formula("0.5 * a + b ^ 2", {"a": 1, "b": 0.5}) == 0.75  # "^" binds tighter than "+"
    assert evaluate_formula("-a ^ 2 + max(a, 3, 1) - floor(1.5)", {"a": 2}) == -4 + 3 - 1
    for bad in ("a **2", "a +", "(a", "b", "foo(1)", "a % 2"):
        with pytest.raises(ValueError):
            evaluate_formula(bad, {"a": 1})
