"""The front door: format detection, dispatch and the FORMATS metadata."""

from __future__ import annotations

import json

import pytest

from app.formats.column_mapping import ColumnMapping, MappingError
from app.formats.model import Kind
from app.formats.readers import FORMATS, detect_format, read_file

SFT = {"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}
DPO = {"input": {"messages": [{"role": "user", "content": "Q"}]},
       "preferred_output": [{"role": "assistant", "content": "A"}],
       "non_preferred_output": [{"role": "assistant", "content": "B"}]}
ALPACA = {"instruction": "Q", "input": "", "output": "A"}
SHAREGPT = {"conversations": [{"from": "human", "value": "Q"}, {"from": "gpt", "value": "A"}]}
PAIRS = {"prompt": "Q", "chosen": "A", "rejected": "B"}


def jl(*objects) -> bytes:
    return "".join(json.dumps(o) + "\n" for o in objects).encode()


@pytest.mark.parametrize("data,fmt", [
    (jl(SFT, SFT), "openai"),
    (jl(DPO), "openai"),
    (b"[" + json.dumps(SFT).encode() + b"]", "openai"),
    (jl(ALPACA), "alpaca"),
    (json.dumps([ALPACA, ALPACA], indent=2).encode(), "alpaca"),
    (jl(SHAREGPT), "sharegpt"),
    (json.dumps([{"messages": [{"from": "human", "value": "x"}]}]).encode(), "sharegpt"),
    (jl(PAIRS), "pairs"),
    (b"not json\n" + jl(ALPACA, ALPACA, SFT), "alpaca"),
    (jl(ALPACA, SFT), "openai"),  # a tie goes to openai
    (b"question,answer\nq,a\n", "csv"),
    (b"question\tanswer\nq\ta\n", "tsv"),
    (b"", "openai"),
    (b"garbage", "openai"),
    (b"PK\x03\x04", "openai"),
])
def test_detect_format_by_content(data, fmt):
    assert detect_format(data) == fmt


def test_detect_format_by_extension(tmp_path):
    for name, fmt in [("a.csv", "csv"), ("a.TSV", "tsv"), ("a.tab", "tsv")]:
        path = tmp_path / name
        path.write_bytes(jl(SFT))  # the extension wins for tables
        assert detect_format(path) == fmt
    path = tmp_path / "a.json"
    path.write_bytes(b"q,a\n1,2\n")
    assert detect_format(path) == "openai"  # a .json file is never guessed to be a table
    path = tmp_path / "a.jsonl"
    path.write_bytes(jl(SHAREGPT))
    assert detect_format(str(path)) == "sharegpt"


def test_read_file_dispatches(tmp_path):
    expected = [{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}]
    for name, data in [("o.jsonl", jl(SFT)), ("a.json", json.dumps([ALPACA]).encode()), ("s.jsonl", jl(SHAREGPT)),
                       ("t.csv", b"user,assistant\nQ,A\n"), ("t.tsv", b"prompt\tresponse\nQ\tA\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        assert [r.data for r in read_file(path)] == expected, name
    assert [r.data for r in read_file(jl(PAIRS))][0]["preferred_output"] == DPO["preferred_output"]


def test_read_file_with_explicit_format_kind_and_mapping():
    data = b"q,good,bad\nQ,A,B\n"
    mapping = ColumnMapping(prompt="q", chosen="good", rejected="bad")
    assert [r.data for r in read_file(data, fmt="csv", mapping=mapping)] == [DPO]
    rft = [r.data for r in read_file(b"question,ref\nQ,A\n", fmt="csv", kind=Kind.RFT)]
    assert rft == [{"messages": [{"role": "user", "content": "Q"}], "ref": "A"}]
    assert [r.data for r in read_file(jl(ALPACA), fmt="alpaca", kind=Kind.SFT)][0] == SFT


def test_read_file_errors():
    with pytest.raises(ValueError, match="Unknown format"):
        read_file(b"", fmt="xml")
    with pytest.raises(ValueError, match="only become DPO"):
        read_file(jl(PAIRS), fmt="pairs", kind=Kind.SFT)
    with pytest.raises(MappingError):
        list(read_file(b"a,b\n1,2\n", fmt="csv"))
    with pytest.raises(FileNotFoundError):
        read_file("/nonexistent/dir/file.jsonl")


def test_tsv_format_forces_tabs():
    assert [r.data for r in read_file(b"user\tassistant\nQ, still Q\tA\n", fmt="tsv")] == [
        {"messages": [{"role": "user", "content": "Q, still Q"}, {"role": "assistant", "content": "A"}]}]


def test_formats_metadata():
    assert list(FORMATS) == ["openai", "csv", "tsv", "alpaca", "sharegpt", "pairs"]
    for name, info in FORMATS.items():
        assert info.name == name and info.label and len(info.description) > 20 and info.extensions
        assert info.kinds and info.needs_mapping == (name in ("csv", "tsv"))


def test_streaming_a_large_file_is_lazy(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(jl(*[SFT] * 20_000))
    records = read_file(path)
    first = next(records)
    assert first.line == 1 and first.data == SFT
    assert sum(1 for _ in records) == 19_999
