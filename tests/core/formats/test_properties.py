"""Property tests: whatever the input, readers return records and findings, never raise;
valid JSON round-trips through the readers and writers unchanged."""

from __future__ import annotations

import codecs
import json
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats import jsonl
from app.formats.column_mapping import ColumnMapping, MappingError
from app.formats.encoding import iter_lines
from app.formats.jsonl import read_json_array, read_json_records, read_jsonl
from app.formats.model import Finding, Record
from app.formats.open_formats import (
    alpaca_to_sft,
    pairs_to_dpo,
    read_alpaca,
    read_pairs,
    read_sharegpt,
    sharegpt_to_sft,
)
from app.formats.readers import detect_format, read_file
from app.formats.tabular import preview, read_table
from app.formats.writers import write_messages_jsonl, write_openai_jsonl, write_pairs_jsonl

# No example database: the tests must not leave a .hypothesis folder in the repository.
FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# Writers fsync every file, so fewer examples keep the folder well under its time budget.
WRITES = settings(FAST, max_examples=25)

json_scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(max_size=20) | st.floats(
    allow_nan=False, allow_infinity=False)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=4), max_leaves=12)
json_objects = st.dictionaries(st.text(max_size=10), json_values, max_size=5)

# Lines that are often *almost* JSON, to reach the error paths.
fragments = st.sampled_from(['{', '}', '[', ']', '"', ',', ':', '\\', 'null', '1e999', '\t', '\r', '\n',
                             '{"messages": [', '"role"', '\ufeff', '\x00', 'é', '😀', 'NaN', ' '])
near_json = st.lists(fragments | json_values.map(json.dumps), max_size=30).map("".join)

ANY_BYTES = st.binary(max_size=1500) | near_json.map(lambda t: t.encode("utf-8", "surrogatepass"))
QA = ColumnMapping(user="question", assistant="answer")


def check(records) -> list[Record]:
    out = list(records)
    for record in out:
        assert isinstance(record, Record) and isinstance(record.line, int) and record.line >= 0
        assert record.data is None or isinstance(record.data, dict)
        assert all(isinstance(f, Finding) and f.message for f in record.findings)
        if record.data is None:
            assert record.findings, "a record without data must say why"
    return out


@FAST
@given(ANY_BYTES)
def test_no_json_reader_raises_on_any_bytes(data):
    for reader in (read_jsonl, read_json_array, read_json_records, read_alpaca, read_sharegpt, read_pairs):
        check(reader(data))
    assert all(isinstance(n, int) for n, _, _ in iter_lines(data))


@FAST
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "str"]))
def test_no_reader_raises_on_any_text(text, encoding):
    if encoding == "str":
        data = text + "\n"  # a str with a line break is text, not a path
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    for reader in (read_jsonl, read_json_records, read_sharegpt):
        check(reader(data))
    preview(data)


@FAST
@given(ANY_BYTES)
def test_tables_never_raise_on_content(body):
    check(read_table(b"question,answer\n" + body, QA))
    result = preview(body, n=5)
    assert len(result.rows) == len(result.lines) <= 5


@FAST
@given(ANY_BYTES)
def test_read_file_only_raises_mapping_errors_for_tables(data):
    fmt = detect_format(data)
    try:
        check(read_file(data))
    except MappingError:
        assert fmt in ("csv", "tsv")


@FAST
@given(st.dictionaries(st.sampled_from(["instruction", "input", "output", "system", "history", "conversations",
                                        "messages", "tools", "prompt", "chosen", "rejected", "from", "value"]),
                       json_values, max_size=6))
def test_converters_never_raise(obj):
    for convert in (alpaca_to_sft, sharegpt_to_sft, pairs_to_dpo):
        data, problems = convert(obj)
        assert (data is None) == bool(problems)


turns = st.lists(st.fixed_dictionaries({"from": st.sampled_from(["human", "gpt", "system", "function_call",
                                                                  "observation", "x"]),
                                        "value": json_values}), max_size=5)


@FAST
@given(turns)
def test_sharegpt_turns_never_raise(conversation):
    data, problems = sharegpt_to_sft({"conversations": conversation})
    assert (data is None) == bool(problems)


@WRITES
@given(st.lists(json_objects, max_size=6))
def test_jsonl_round_trip(objects):
    data = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode("utf-8")
    records = check(read_jsonl(data))
    assert [r.data for r in records] == objects
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.jsonl"
        assert write_openai_jsonl(path, objects) == len(objects)
        assert [r.data for r in read_jsonl(path)] == objects
        assert [list(r.data) for r in read_jsonl(path)] == [list(o) for o in objects]


@FAST
@given(st.lists(json_objects, max_size=6), st.integers(1, 40))
def test_json_array_round_trip_with_tiny_chunks(objects, chunk):
    data = json.dumps(objects, ensure_ascii=False, indent=1).encode("utf-8")
    with mock.patch.object(jsonl, "CHUNK_SIZE", chunk):
        assert [r.data for r in check(read_json_array(data))] == objects


messages = st.lists(st.fixed_dictionaries({"role": st.sampled_from(["system", "user", "assistant"]),
                                           "content": st.text(max_size=20)}), min_size=1, max_size=4)


@WRITES
@given(st.lists(st.fixed_dictionaries({"input": st.fixed_dictionaries({"messages": messages}),
                                       "preferred_output": messages.map(lambda m: m[:1]),
                                       "non_preferred_output": messages.map(lambda m: m[:1])}), max_size=4))
def test_pairs_writer_round_trip(objects):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.jsonl"
        write_pairs_jsonl(path, objects)
        assert [r.data for r in read_pairs(path)] == objects


@WRITES
@given(st.lists(st.fixed_dictionaries({"messages": messages}), max_size=4))
def test_messages_writer_round_trip(objects):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.jsonl"
        write_messages_jsonl(path, objects)
        assert [r.data for r in read_jsonl(path)] == objects
