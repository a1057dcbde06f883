"""Whatever JSON value arrives, checking it returns findings and never raises."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats.model import Finding, Kind, Severity
from app.formats.summary import check_example, summarize_example
from app.formats.validate import validate_example

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=25,
)

# Values drawn from the format's own vocabulary, so the checks deep inside get exercised too.
KEYS = ["role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call", "refusal", "type",
        "text", "image_url", "url", "detail", "id", "function", "arguments", "parameters", "properties"]
WORDS = ["system", "user", "assistant", "tool", "function", "developer", "text", "image_url", "low", "{}", "[1]",
         "data:image/png;base64,iVBORw0KGgo=", "https://example.com/a.png", "call_1", "f", "", " ", 0, 1, 2, True,
         None]
vocab_values = st.recursive(
    st.sampled_from(WORDS) | json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=30,
)
messages = st.lists(st.dictionaries(st.sampled_from(KEYS), vocab_values, max_size=5) | vocab_values, max_size=5)
examples = st.one_of(
    json_values,
    st.fixed_dictionaries({"messages": messages}, optional={"tools": vocab_values, "functions": vocab_values,
                                                             "parallel_tool_calls": vocab_values}),
    st.fixed_dictionaries({"input": st.fixed_dictionaries({"messages": messages}) | vocab_values},
                          optional={"preferred_output": messages, "non_preferred_output": messages}),
)


def _check(obj: Any, kind: Kind) -> None:
    findings = validate_example(obj, kind, line=3, model="gpt-4o")
    assert isinstance(findings, list)
    for f in findings:
        assert isinstance(f, Finding) and f.severity in (Severity.ERROR, Severity.WARNING)
        assert f.message.startswith("Line 3: ") and f.line == 3
        assert f.path == "" or f.path.startswith("$")
    more, summary = check_example(obj, kind, line=3)
    assert len(more) == len(findings) - sum(f.code == "vision_model" for f in findings)
    assert summary.tokens >= 0
    # The fused path (roles taken from validation) agrees with summarising on its own.
    assert summary == summarize_example(obj, kind, line=3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_never_raises_on_arbitrary_json(obj: Any) -> None:
    for kind in Kind:
        _check(obj, kind)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(examples)
def test_never_raises_on_near_examples(obj: Any) -> None:
    for kind in Kind:
        _check(obj, kind)
