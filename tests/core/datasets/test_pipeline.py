"""Chunked checking gives the same answer as reading the file line by line, whatever the cut."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.formats.jsonl import read_jsonl
from app.formats.model import Kind
from app.formats.pipeline import LINE, check_jsonl_range, plan_jsonl_chunks
from app.services.dataset_check import check_file
from tests.core.datasets.conftest import sft, write_jsonl

line_st = st.one_of(
    st.just(""),
    st.just("   "),
    st.just("{broken"),
    st.just("[1]"),
    st.integers(0, 50).map(lambda i: json.dumps(sft(i))),
    st.text(max_size=30).map(lambda t: json.dumps(sft(1, answer=t or "x"), ensure_ascii=False)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_st, max_size=40), chunk=st.integers(1, 400), crlf=st.booleans(), bom=st.booleans())
def test_chunks_cover_every_line_with_the_right_number(tmp_path, lines, chunk, crlf, bom):
    path = tmp_path / "f.jsonl"
    sep = "\r\n" if crlf else "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + sep.join(lines).encode())
    seen_examples, seen_problems = [], []
    for offset, length, first in plan_jsonl_chunks(path, chunk_bytes=chunk):
        result = check_jsonl_range(str(path), offset, length, first, Kind.SFT, None, False)
        seen_examples += [r[LINE] for r in result.examples]
        seen_problems += [f.line for f in result.problems]
    expected = list(read_jsonl(path))
    assert seen_examples == [r.line for r in expected if r.data is not None]
    assert seen_problems == [r.line for r in expected if r.data is None]


def test_one_worker_and_two_workers_agree(tmp_path):
    path = tmp_path / "f.jsonl"
    objs = [sft(i, answer="word " * (i % 50 + 1)) for i in range(3000)]
    objs[100]["messages"][2]["weight"] = 2
    write_jsonl(path, objs, extra_lines={2000: "not json at all"})
    one = check_file(path, workers=1)
    two = check_file(path, workers=2)
    assert one.examples == two.examples == 3000
    assert [f.to_dict() for f in one.findings] == [f.to_dict() for f in two.findings]
    assert one.stats == two.stats
    assert {f.line for f in one.problems} == {101, 2000}
