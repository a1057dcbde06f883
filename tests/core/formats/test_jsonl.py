"""The JSONL and JSON-array readers and kind detection."""

from __future__ import annotations

import gc
import json

import pytest

from app.formats import jsonl
from app.formats.jsonl import (
    NOT_JSON,
    NOT_OBJECT,
    detect_kind,
    detect_kind_of_file,
    json_layout,
    read_json_array,
    read_json_records,
    read_jsonl,
)
from app.formats.model import Kind, Severity

SFT = {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Olá!"}]}
DPO = {"input": {"messages": [{"role": "user", "content": "Q"}]},
       "preferred_output": [{"role": "assistant", "content": "good"}],
       "non_preferred_output": [{"role": "assistant", "content": "bad"}]}
RFT = {"messages": [{"role": "user", "content": "2+2?"}], "reference_answer": "4"}


def jl(*objects) -> bytes:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode()


def test_good_lines_become_records_with_line_numbers(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(b"\n" + jl(SFT) + b"   \n" + jl(DPO, RFT))
    records = list(read_jsonl(path))
    assert [(r.line, r.data, r.findings) for r in records] == [(2, SFT, []), (4, DPO, []), (5, RFT, [])]
    assert all(r.ok for r in records)


def test_key_order_and_unicode_are_kept():
    records = list(read_jsonl(b'{"z":1,"a":"\xc3\xa9\xe2\x80\xa8","m":null}\n'))
    assert list(records[0].data) == ["z", "a", "m"]
    assert records[0].data["a"] == "é\u2028"


@pytest.mark.parametrize("line,fragment", [
    (b'{"messages": [}', "column 15"),
    (b'{"a": 1,}', "comma before a closing bracket"),
    (b"{'a': 1}", "double quotes"),
    (b'{"a": 1} {"b": 2}', "one example"),
    (b'{"a": "x\ty"}', "\\t"),
    (b'{"a": "\\q"}', "backslash"),
    (b'{"a": NaN}', "NaN"),
    (b'{"messages": [{"role": "user", "content": "cut off', "cut off"),
])
def test_not_json_messages_name_the_line_and_what_to_do(line, fragment):
    records = list(read_jsonl(jl(SFT) + line + b"\n" + jl(SFT)))
    assert [r.line for r in records] == [1, 2, 3]
    bad = records[1]
    assert bad.data is None and not bad.ok
    (finding,) = bad.findings
    assert finding.code == NOT_JSON and finding.severity is Severity.ERROR and finding.line == 2
    assert finding.message.startswith("Line 2 is not valid JSON")
    assert fragment in finding.message


def test_column_counts_characters_not_bytes():
    (record,) = read_jsonl('{"a": "éééé" x}'.encode())
    assert "column 14" in record.findings[0].message


@pytest.mark.parametrize("value,word", [("[1, 2]", "a list"), ('"text"', "a text"), ("42", "a number"),
                                        ("true", "true or false"), ("null", "null")])
def test_not_object(value, word):
    (record,) = read_jsonl(value.encode())
    assert record.data is None
    assert record.findings[0].code == NOT_OBJECT and word in record.findings[0].message


def test_invalid_utf8_on_line_3_keeps_lines_1_2_4():
    data = jl(SFT, SFT) + b'{"messages": "\xff\xfe broken"}\n' + jl(RFT)
    records = list(read_jsonl(data))
    assert [r.line for r in records] == [1, 2, 3, 4]
    assert [r.ok for r in records] == [True, True, False, True]
    assert records[2].findings[0].code == "bad_encoding" and "Line 3" in records[2].findings[0].message


def test_stray_bom_inside_the_file_is_forgiven():
    records = list(read_jsonl(jl(SFT) + b"\xef\xbb\xbf" + jl(RFT)))
    assert [r.data for r in records] == [SFT, RFT]


def test_pretty_printed_json_gets_a_hint():
    records = list(read_jsonl(json.dumps(SFT, indent=2).encode()))
    assert "one line" in records[0].findings[0].message


def test_whole_file_problem_is_one_record_with_line_0():
    (record,) = read_jsonl("{}\n".encode("utf-16-le") * 10)
    assert record.line == 0 and record.data is None and record.findings[0].line is None


def test_batches_and_gc_state(monkeypatch):
    monkeypatch.setattr(jsonl, "_BATCH", 2)
    data = jl(SFT) + b"oops\n\n" + jl(RFT, DPO) + b"[]\n"
    assert [(r.line, r.ok) for r in read_jsonl(data)] == [(1, True), (2, False), (4, True), (5, True),
                                                          (6, False)]
    assert gc.isenabled()
    gc.disable()
    try:
        list(read_jsonl(data))
        assert not gc.isenabled()  # the caller's choice is restored, not overridden
    finally:
        gc.enable()


def test_reading_is_lazy(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(jl(*[SFT] * 5000))
    records = read_jsonl(path)
    assert next(records).line == 1  # no need to read the whole file first


def test_json_array_items_are_numbered_by_index():
    data = b'[\n  {"a": 1},\n  [2],\n  {"b": "\xff"},\n  {"c": 3}\n]\n'
    records = list(read_json_array(data))
    assert [(r.line, r.data) for r in records] == [(1, {"a": 1}), (2, None), (3, None), (4, {"c": 3})]
    assert records[1].findings[0].message.startswith("Item 2 (line 3) is a list")
    assert records[2].findings[0].code == "bad_encoding" and "Item 3 (line 4)" in records[2].findings[0].message


@pytest.mark.parametrize("data,count", [(b"[]", 0), (b"[ ]", 0), (b'[{"a":1},]', 1), (b'[{"a":1}', 1),
                                        (b'  [{"a":1}, {"b":2}]  ', 2)])
def test_json_array_edges(data, count):
    records = list(read_json_array(data))
    assert len(records) == count and all(r.ok for r in records)


@pytest.mark.parametrize("data,fragment", [
    (b'[{"a": 1} {"b": 2}]', "comma is missing"),
    (b'[{"a": 1}, {"b": }]', "value is missing"),
    (b'[{"a": 1}, {"b": ', "ends before"),
    (b'[{"a": NaN}]', "NaN"),
    (b"[" + b"[" * 3000, "nested too deeply"),
])
def test_json_array_syntax_error_stops_with_one_finding(data, fragment):
    records = list(read_json_array(data))
    last = records[-1]
    assert last.data is None and last.findings[0].code == NOT_JSON
    assert fragment in last.findings[0].message and "rest of the file" in last.findings[0].message


@pytest.mark.parametrize("size", [1, 5, 64, 100])
def test_json_array_streams_across_small_chunks(monkeypatch, size):
    monkeypatch.setattr(jsonl, "CHUNK_SIZE", size)
    items = [SFT, {"n": 12345678}, DPO, {"s": "x" * 300, "u": "é😀"}, RFT]
    data = ("[" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "]").encode()
    assert [r.data for r in read_json_array(data)] == items
    assert [r.data for r in read_json_array(b"[1, 23456]")] == [None, None]
    assert "a number" in list(read_json_array(b"[1, 23456]"))[1].findings[0].message


def test_read_json_records_picks_the_layout():
    assert json_layout(b"  \n[{}]") == "array" and json_layout(jl(SFT)) == "lines"
    assert [r.data for r in read_json_records(b"[" + json.dumps(SFT).encode() + b"]")] == [SFT]
    assert [r.data for r in read_json_records(jl(SFT))] == [SFT]


def test_detect_kind():
    assert detect_kind(SFT) is Kind.SFT
    assert detect_kind({**SFT, "tools": [], "parallel_tool_calls": True, "functions": []}) is Kind.SFT
    assert detect_kind(DPO) is Kind.DPO
    assert detect_kind({"input": {}, "non_preferred_output": []}) is Kind.DPO
    assert detect_kind(RFT) is Kind.RFT
    assert detect_kind({"prompt": "x"}) is None
    assert detect_kind([SFT]) is None


def test_detect_kind_of_file_takes_the_majority(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"not json\n" + jl(RFT, SFT, RFT, {"other": 1}))
    assert detect_kind_of_file(path) is Kind.RFT
    assert detect_kind_of_file(path, sample=2) is Kind.SFT  # 1-1 tie goes to SFT
    assert detect_kind_of_file(jl(DPO)) is Kind.DPO
    assert detect_kind_of_file(b"[1, 2]") is None
