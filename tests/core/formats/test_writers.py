"""Atomic writes and the JSONL writers, with round trips through the readers."""

from __future__ import annotations

import json
import os
import stat

import orjson
import pytest

from app.formats.jsonl import read_jsonl
from app.formats.open_formats import read_pairs
from app.formats.writers import (
    atomic_write,
    dumps_line,
    to_pair_object,
    write_messages_jsonl,
    write_openai_jsonl,
    write_pairs_jsonl,
)

TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
SFT = {"messages": [{"role": "system", "content": "Sé breve."},
                    {"role": "user", "content": "Line\nbreak \"quoted\" \\ tab\t 😀 \u2028"},
                    {"role": "assistant", "content": None, "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}]},
                    {"role": "tool", "tool_call_id": "c1", "content": "{}"},
                    {"role": "assistant", "content": "Done", "weight": 1}],
       "tools": TOOLS, "parallel_tool_calls": False}
DPO = {"input": {"messages": [{"role": "user", "content": "Q"}], "tools": TOOLS},
       "preferred_output": [{"role": "assistant", "content": "good"}],
       "non_preferred_output": [{"role": "assistant", "content": "bad"}]}
RFT = {"messages": [{"role": "developer", "content": "Letter only"}, {"role": "user", "content": "?"}],
       "reference_answer": {"letter": "B", "score": 0.5, "tags": [], "n": None}, "level": 3}


def files_in(directory):
    return sorted(p.name for p in directory.iterdir())


# --- atomic_write -----------------------------------------------------------------------------

def test_atomic_write_bytes_text_and_chunks(tmp_path):
    path = tmp_path / "out.bin"
    assert atomic_write(path, b"abc") == 3 and path.read_bytes() == b"abc"
    assert atomic_write(str(path), "é") == 2 and path.read_bytes() == "é".encode()
    assert atomic_write(path, iter([b"a", "b", bytearray(b"c"), memoryview(b"d")])) == 4
    assert path.read_bytes() == b"abcd"
    assert files_in(tmp_path) == ["out.bin"]


def test_failure_mid_write_leaves_the_old_file_and_no_temp(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(b"original\n")

    def chunks():
        yield b"new line 1\n"
        yield b"new line 2\n"
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write(path, chunks())
    assert path.read_bytes() == b"original\n"
    assert files_in(tmp_path) == ["train.jsonl"]


def test_failure_on_a_new_file_leaves_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "new.jsonl", (b"x" if i < 3 else (_ for _ in ()).throw(KeyboardInterrupt())
                                              for i in range(5)))
    assert files_in(tmp_path) == []


def test_failing_writer_leaves_the_old_file(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_bytes(b"keep me\n")
    with pytest.raises(ValueError, match="Item 2"):
        write_openai_jsonl(path, [SFT, {"bad": {1, 2}}])
    assert path.read_bytes() == b"keep me\n" and files_in(tmp_path) == ["train.jsonl"]
    with pytest.raises(ValueError, match="Item 1 has no “messages” list"):
        write_messages_jsonl(path, [{"nothing": 1}])
    assert path.read_bytes() == b"keep me\n" and files_in(tmp_path) == ["train.jsonl"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_existing_permissions_are_kept(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x")
    os.chmod(path, 0o640)
    atomic_write(path, b"y")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


# --- OpenAI JSONL -----------------------------------------------------------------------------

def test_openai_round_trip_equal_objects(tmp_path):
    src = tmp_path / "src.jsonl"
    src.write_text("".join(json.dumps(o, indent=None) + "\n" for o in (SFT, DPO, RFT)), encoding="utf-8")
    objects = [r.data for r in read_jsonl(src)]
    out = tmp_path / "out.jsonl"
    assert write_openai_jsonl(out, objects) == 3
    assert [r.data for r in read_jsonl(out)] == [SFT, DPO, RFT]
    assert [list(r.data) for r in read_jsonl(out)] == [list(SFT), list(DPO), list(RFT)]  # key order


def test_output_is_compact_utf8_with_lf(tmp_path):
    out = tmp_path / "o.jsonl"
    write_openai_jsonl(out, [{"a": "é 😀", "b": [1, 2.5, None, True]}])
    assert out.read_bytes() == '{"a":"é 😀","b":[1,2.5,null,true]}\n'.encode()


def test_byte_exact_for_compact_input(tmp_path):
    # Input written by orjson, or by json.dumps with compact separators and no exponent floats.
    orjson_input = b"".join(orjson.dumps(o) + b"\n" for o in (SFT, DPO, RFT))
    json_input = "".join(json.dumps(o, separators=(",", ":"), ensure_ascii=False) + "\n"
                         for o in (SFT, DPO, RFT)).encode()
    assert orjson_input == json_input
    out = tmp_path / "o.jsonl"
    write_openai_jsonl(out, (r.data for r in read_jsonl(orjson_input)))
    assert out.read_bytes() == orjson_input


def test_documented_float_difference_keeps_the_value(tmp_path):
    line = json.dumps({"x": 1e-07}, separators=(",", ":"))
    assert line == '{"x":1e-07}'
    out = tmp_path / "o.jsonl"
    write_openai_jsonl(out, [r.data for r in read_jsonl(line.encode())])
    assert out.read_bytes() == b'{"x":1e-7}\n'
    assert next(read_jsonl(out)).data == {"x": 1e-07}


def test_big_integers_fall_back_to_the_json_module():
    assert dumps_line({"n": 2**70}) == b'{"n":1180591620717411303424}\n'
    with pytest.raises(TypeError):
        dumps_line({1: 2**70})  # non-text keys are refused, not silently renamed


# --- local-trainer formats --------------------------------------------------------------------

def test_messages_jsonl_keeps_messages_and_tools(tmp_path):
    out = tmp_path / "m.jsonl"
    legacy = {"messages": [{"role": "user", "content": "x"}], "functions": [{"name": "f"}]}
    assert write_messages_jsonl(out, [SFT, RFT, legacy]) == 3
    got = [r.data for r in read_jsonl(out)]
    assert got[0] == {"messages": SFT["messages"], "tools": TOOLS}
    assert got[1] == {"messages": RFT["messages"]}
    assert got[2] == {"messages": legacy["messages"], "tools": [{"type": "function", "function": {"name": "f"}}]}


def test_messages_jsonl_round_trip_for_plain_sft(tmp_path):
    plain = {"messages": SFT["messages"], "tools": TOOLS}
    out = tmp_path / "m.jsonl"
    write_messages_jsonl(out, [plain])
    assert out.read_bytes() == orjson.dumps(plain) + b"\n"
    assert [r.data for r in read_jsonl(out)] == [plain]


def test_pairs_shape_and_round_trip(tmp_path):
    assert to_pair_object(DPO) == {"prompt": DPO["input"]["messages"], "chosen": DPO["preferred_output"],
                                   "rejected": DPO["non_preferred_output"], "tools": TOOLS}
    out = tmp_path / "p.jsonl"
    plain = {k: v for k, v in DPO.items()} | {"input": {"messages": DPO["input"]["messages"]}}
    assert write_pairs_jsonl(out, [DPO, plain]) == 2
    assert [r.data for r in read_pairs(out)] == [DPO, plain]
    with pytest.raises(ValueError, match="Item 1 has no “input”"):
        write_pairs_jsonl(tmp_path / "x.jsonl", [SFT])
