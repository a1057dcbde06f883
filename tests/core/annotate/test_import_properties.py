"""Property tests of the comparison import: whatever mix of valid and broken lines a file holds,
reading it never raises, every broken line gets a finding with its line number, and every valid
line becomes exactly one comparison, in file order."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.annotation_import import read_comparisons

# Text without line breaks (a JSONL line is split only at \n and \r) and not blank.
line_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"), min_size=1,
                    max_size=20).filter(lambda s: s.strip())
answers = st.lists(line_text, min_size=2, max_size=4, unique_by=lambda s: s)


@st.composite
def valid_line(draw) -> tuple[bytes, str]:
    """(the line, the text of its last user message)."""
    prompt = draw(line_text)
    shape = draw(st.sampled_from(["dpo", "prompt", "messages", "pair", "models"]))
    if shape == "dpo":
        good, bad = draw(answers.map(lambda a: a[:2]))
        obj = {"input": {"messages": [{"role": "user", "content": prompt}]},
               "preferred_output": [{"role": "assistant", "content": good}],
               "non_preferred_output": [{"role": "assistant", "content": bad}]}
    elif shape == "prompt":
        obj = {"prompt": prompt, "answers": draw(answers)}
        if draw(st.booleans()):
            obj["system"] = draw(line_text)
    elif shape == "messages":
        obj = {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": prompt}],
               "responses": draw(answers)}
    elif shape == "pair":
        good, bad = draw(answers.map(lambda a: a[:2]))
        obj = {"prompt": prompt, "chosen": good, "rejected": bad}
    else:
        obj = {"prompt": prompt, "completions": [{"content": a, "model": f"m{i}"} for i, a in enumerate(draw(answers))]}
    return json.dumps(obj, ensure_ascii=draw(st.booleans())).encode("utf-8"), prompt


def _broken_objects(prompt: str, answer: str) -> list[object]:
    return [
        {"prompt": prompt, "answers": [answer]},
        {"prompt": prompt, "answers": []},
        {"prompt": prompt},
        {"prompt": "  ", "answers": ["a", "b"]},
        {"prompt": prompt, "answers": [answer, answer]},
        {"prompt": prompt, "answers": [answer, ""]},
        {"prompt": prompt, "answers": [answer, 5]},
        {"messages": [], "answers": ["a", "b"]},
        {"messages": [{"role": "assistant", "content": answer}], "answers": ["a", "b"]},
        {"messages": [{"content": prompt}], "answers": ["a", "b"]},
        {"input": {"messages": [{"role": "user", "content": prompt}]},
         "preferred_output": [{"role": "assistant", "content": answer}]},
        {"input": "x", "preferred_output": [], "non_preferred_output": []},
        {"chosen": answer, "rejected": prompt},
        {"answers": [prompt, answer]},
        [prompt, answer],
        prompt,
        None,
        42,
    ]


@st.composite
def broken_line(draw) -> bytes:
    kind = draw(st.sampled_from(["object", "cut", "latin1", "garbage"]))
    prompt, answer = draw(line_text), draw(line_text)
    if kind == "object":
        return json.dumps(draw(st.sampled_from(_broken_objects(prompt, answer)))).encode("utf-8")
    if kind == "cut":
        full = json.dumps({"prompt": prompt, "answers": [answer, answer + "!"]}).encode("utf-8")
        return full[: draw(st.integers(1, len(full) - 1))].rstrip() or b"{"
    if kind == "latin1":  # a line saved in another encoding
        return json.dumps({"prompt": "Café " + prompt, "answers": ["a", "b"]}, ensure_ascii=False).encode(
            "utf-8").replace("é".encode(), b"\xe9")
    return draw(st.sampled_from([b"{", b"nope", b"[1, 2", b"{'prompt': 'single quotes'}", b"\x00\x01"]))


lines_strategy = st.lists(st.one_of(valid_line(), broken_line()), min_size=0, max_size=12)


def _read(lines: list[bytes], name: str = "mixed.jsonl"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(b"\n".join(lines) + b"\n")
        return read_comparisons(path)


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_strategy)
def test_every_line_becomes_one_comparison_or_one_named_finding(mix):
    raw = [x[0] if isinstance(x, tuple) else x for x in mix]
    items, findings = _read(raw)
    valid = [(n, x[1]) for n, x in enumerate(mix, 1) if isinstance(x, tuple)]
    broken = [n for n, x in enumerate(mix, 1) if not isinstance(x, tuple)]
    assert len(items) == len(valid)
    assert [item[0][-1]["content"] for item in items] == [prompt for _, prompt in valid]
    assert all(len(candidates) >= 2 for _, candidates in items)
    assert sorted({f.line for f in findings}) == broken
    assert all(f"Line {f.line}" in f.message for f in findings)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["prompt", "messages", "answers", "responses", "role", "content", "input",
                                       "preferred_output", "non_preferred_output", "chosen", "rejected", "system",
                                       "model", "text", "tool_calls"]), children, max_size=5),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=8))
def test_any_json_never_raises_and_each_line_has_one_outcome(values):
    items, findings = _read([json.dumps(v).encode("utf-8") for v in values])
    lines_with_findings = {f.line for f in findings}
    assert len(items) + len(lines_with_findings) == len(values)
    assert lines_with_findings <= set(range(1, len(values) + 1))
    for context, candidates in items:
        assert context and context[-1]["role"] in ("user", "tool") and len(candidates) >= 2
        assert all(c.content["role"] == "assistant" for c in candidates)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=8))
def test_arbitrary_bytes_never_raise(chunks):
    items, findings = _read(chunks, "noise.jsonl")
    assert isinstance(items, list) and all(f.message for f in findings)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(line_text, st.lists(st.one_of(st.just(""), line_text), min_size=3, max_size=3)),
                min_size=1, max_size=8))
def test_a_wide_table_keeps_every_row_with_two_answers(rows):
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    body = ["prompt,answer_a,answer_b,answer_c"] + [",".join(cell(x) for x in (p, *a)) for p, a in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wide.csv"
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        items, findings = read_comparisons(path)
    expected = []
    broken = []
    for n, (prompt, cells) in enumerate(rows, 2):
        filled = [c for c in cells if c.strip()]
        if len(filled) >= 2 and len(set(filled)) >= 2:
            expected.append((prompt, filled))
        else:
            broken.append(n)
    assert [(i[0][-1]["content"], [c.content["content"] for c in i[1]]) for i in items] == expected
    assert sorted({f.line for f in findings}) == broken
