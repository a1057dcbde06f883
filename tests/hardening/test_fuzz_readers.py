"""Fuzzing every reader with hypothesis: JSONL (both the worker fast path and the streaming
reader), JSON arrays, CSV/TSV, Alpaca, ShareGPT, preference pairs, grader JSON files and the
annotator's comparison import.

Properties, whatever the bytes: no reader raises (only the documented ``MappingError`` for a
table whose columns do not fit); every line that cannot become an example gets a finding naming
that line; every good line becomes exactly one example; whatever a reader hands over can be
written back by orjson (the app stores, hashes and exports with it); the worker fast path and
the streaming reader agree line for line, also on CR-only line ends and over-long lines.

Budget: the whole file runs in well under 30 s (measured: ~12 s of CPU); ``FUZZ_EXAMPLES=5000``
searches longer. No example database (no ``.hypothesis`` folder).
The deadline is 2 s rather than hypothesis' 200 ms: the test machine is shared, and single
examples that write a file were measured at 5-20 ms idle but up to ~1 s under load.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import timedelta
from pathlib import Path
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.formats import encoding, pipeline
from app.formats.column_mapping import ColumnMapping, MappingError
from app.formats.encoding import OversizedLine, iter_raw_lines
from app.formats.jsonl import MAX_DEPTH, json_layout, read_json_array, read_jsonl
from app.formats.model import Finding, Kind, Record
from app.formats.open_formats import read_alpaca, read_pairs, read_sharegpt
from app.formats.pipeline import DATA, LINE
from app.formats.readers import detect_format, read_file
from app.formats.tabular import preview, read_table
from app.services.annotation_import import read_comparisons
from ui.graders.dialog import read_grader_file

# FUZZ_EXAMPLES=5000 runs a long search (minutes) with the same tests, e.g. before a release.
_N = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=_N, deadline=timedelta(seconds=2), database=None,
                suppress_health_check=[HealthCheck.too_slow])
FEW = settings(FUZZ, max_examples=max(1, _N // 2))  # examples that write files or run the whole check


_FOLDER: list[Path] = []  # where examples write their files (one folder for the module, removed after)


@pytest.fixture(scope="module", autouse=True)
def _prepared(tmp_path_factory):
    """Load the tokenizer before the first example, so its one-off second is not timed, and give
    the examples a folder (hypothesis examples cannot use a function-scoped ``tmp_path``)."""
    from app.formats.tokens import get_encoding

    get_encoding()
    _FOLDER[:] = [tmp_path_factory.mktemp("fuzz")]


# --- strategies -------------------------------------------------------------------------------------

scalars = (st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=6), inner, max_size=3), max_leaves=10)
messages = st.lists(st.fixed_dictionaries({"role": st.sampled_from(["system", "user", "assistant", "tool", "x"]),
                                           "content": st.text(max_size=15) | values}), max_size=4)
examples = st.fixed_dictionaries({"messages": messages}, optional={"tools": values, "ref": values})


def deep(depth: int) -> bytes:
    return b'{"x":' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


# A line that is often almost right: JSON with one thing broken, bad bytes, NULs, deep nesting.
BAD_PIECES = [b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\x00", b"\xff", b"\xe9", b"\xed\xa0\x80",
              b"\\ud800", b"NaN", b"1e999", b"123456789012345678901234567890", b"\xef\xbb\xbf", b"\t", b" "]
bad_lines = st.one_of(
    st.lists(st.sampled_from(BAD_PIECES) | examples.map(orjson.dumps), min_size=1, max_size=6).map(b"".join),
    st.binary(min_size=1, max_size=60),
    st.sampled_from([deep(MAX_DEPTH + 1), deep(1025), b"[" * 3000, b"{" * 3000, b"[1]", b'"text"', b"null"]),
).map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))
good_lines = examples.map(orjson.dumps) | st.just(deep(MAX_DEPTH))
line_ends = st.sampled_from([b"\n", b"\r\n", b"\r"])


def is_good(line: bytes) -> bool:
    """The oracle: a line is an example when orjson reads it as an object (a stray BOM forgiven)
    that orjson can also write back (at most ``MAX_DEPTH`` levels)."""
    try:
        value = orjson.loads(line.removeprefix(b"\xef\xbb\xbf"))
        orjson.dumps(value)
    except (ValueError, TypeError):  # orjson's JSONDecodeError and JSONEncodeError
        return False
    return isinstance(value, dict)


@st.composite
def jsonl_files(draw) -> tuple[bytes, dict[int, bool]]:
    """(file bytes, {line: is it an example}) with mixed line ends; blank lines are not listed.
    A file whose start reads as another encoding or a binary format is {0: False}."""
    lines = draw(st.lists(st.tuples(st.booleans(), good_lines, bad_lines, line_ends), max_size=12))
    out, expect = [], {}
    for number, (good, ok, bad, end) in enumerate(lines, 1):
        text = ok if good else bad
        out.append(text + end)
        visible = text.removeprefix(b"\xef\xbb\xbf") if number == 1 else text  # a file's BOM is no content
        if visible.strip():
            expect[number] = is_good(visible)
    data = b"".join(out)
    try:
        encoding.sniff(data)
    except encoding.UnreadableFile:
        expect = {0: False}
    return data, expect


def check(records) -> list[Record]:
    """The records, checked for the contract every reader keeps."""
    out = list(records)
    for record in out:
        assert isinstance(record, Record) and record.line >= 0
        if record.data is None:
            assert record.findings and all(isinstance(f, Finding) and f.message for f in record.findings)
        else:
            assert isinstance(record.data, dict)
            orjson.dumps(record.data)  # storable: never raises
        # A finding names its record's line, or a later line of the same table row (or none: the file).
        assert all(f.line is None or f.line >= record.line for f in record.findings)
        assert all(len(f.message) < 2000 for f in record.findings)
    return out


def write(data: bytes, suffix: str = ".jsonl") -> Path:
    """``data`` as the file every example reads (overwritten by the next one)."""
    path = _FOLDER[0] / f"data{suffix}"
    path.write_bytes(data)
    return path


# --- JSONL ----------------------------------------------------------------------------------------


@FUZZ
@given(jsonl_files())
def test_jsonl_each_good_line_is_one_example_each_bad_line_a_finding(case):
    data, expect = case
    records = check(read_jsonl(data))
    by_line = {r.line: r for r in records}
    assert len(by_line) == len(records) == len(expect)  # one record per non-blank line, no more
    for number, good in expect.items():
        record = by_line[number]
        assert (record.data is not None) == good, (number, record)
        if not good and number:
            assert record.findings[0].line == number and f"Line {number}" in record.findings[0].message


@FEW
@given(jsonl_files(), st.integers(1, 40), st.integers(0, 30), st.booleans())
def test_worker_fast_path_agrees_with_the_streaming_reader(case, chunk, limit, bom):
    """What an import does (cut the file into ranges, check each in a worker) against the plain
    reader, with tiny chunks and a tiny line limit so every boundary and the over-long path are hit."""
    data, expect = case
    assume(0 not in expect)  # a UTF-16 or binary file never takes the fast path
    if bom:
        data = b"\xef\xbb\xbf" + data
    path = write(data)
    with mock.patch.object(encoding, "MAX_LINE_BYTES", limit), mock.patch.object(pipeline, "CHUNK_BYTES", chunk):
        fast: dict[int, object] = {}
        problems = set()
        for offset, length, first in pipeline.plan_jsonl_chunks(path, chunk_bytes=chunk):
            result = pipeline.check_jsonl_range(str(path), offset, length, first, Kind.SFT, None, True)
            result.fill_texts()
            fast |= {row[LINE]: orjson.loads(row[DATA]) for row in result.examples}
            problems |= {(f.line, f.code) for f in result.problems}
        slow = check(read_jsonl(data))
    assert fast == {r.line: r.data for r in slow if r.data is not None}
    assert problems == {(f.line, f.code) for r in slow for f in r.findings}
    if limit >= len(data):
        assert set(fast) == {n for n, good in expect.items() if good}


@FUZZ
@given(st.lists(st.binary(max_size=12) | st.sampled_from([b"\r", b"\n", b"\r\n", b"\r\r", b"\n\r"]), max_size=25),
       st.integers(1, 9), st.integers(0, 20), st.booleans())
def test_raw_lines_split_like_splitlines_and_skip_over_long_ones(pieces, chunk, limit, keepends):
    data = b"a" + b"".join(pieces).replace(b"\x00", b"0")  # no BOM, no NUL: encoding sniffing is tested elsewhere
    with mock.patch.object(encoding, "MAX_LINE_BYTES", limit):
        got = list(iter_raw_lines(data, keepends=keepends, chunk_size=chunk))
    want = data.splitlines(keepends=True)
    assert len(got) == len(want)
    for line, full in zip(got, want, strict=True):
        content = full[:-2] if full.endswith(b"\r\n") else full[:-1] if full.endswith((b"\r", b"\n")) else full
        if len(content) > limit:
            assert isinstance(line, OversizedLine) and line.size == len(content) and content.startswith(line)
        else:
            assert line == (full if keepends else content) and not isinstance(line, OversizedLine)


# --- JSON arrays and the open formats ---------------------------------------------------------------


@FUZZ
@given(st.lists(st.tuples(st.booleans(), examples, bad_lines), max_size=8), st.integers(1, 50))
def test_json_array_items_before_a_break_are_each_one_record(items, chunk):
    parts = [orjson.dumps(obj) if good else bad for good, obj, bad in items]
    data = b"[\n" + b",\n".join(parts) + b"\n]"
    with mock.patch("app.formats.jsonl.CHUNK_SIZE", chunk):
        records = check(read_json_array(data))
    if [r.line for r in records] == [0]:
        return  # NUL bytes at the start of a tiny file: taken for UTF-16, refused as a whole
    assert [r.line for r in records] == list(range(1, len(records) + 1))  # items in order, none twice
    for i, (good, obj, _bad) in enumerate(items):
        if not good:
            break
        assert records[i].data == orjson.loads(orjson.dumps(obj))


open_values = st.dictionaries(st.sampled_from(["instruction", "input", "output", "system", "history", "conversations",
                                               "messages", "tools", "prompt", "chosen", "rejected"]),
                              values | st.lists(st.fixed_dictionaries({"from": st.sampled_from(
                                  ["human", "gpt", "function_call", "observation", "system", "??"]), "value": values})),
                              max_size=5)


@FUZZ
@given(st.lists(st.one_of(open_values.map(orjson.dumps), bad_lines), max_size=8), st.booleans())
def test_open_formats_give_one_record_per_line(lines, as_array):
    data = (b"[" + b",".join(lines) + b"]") if as_array else b"\n".join(lines) + b"\n"
    try:
        expected = [n for n, raw in enumerate(iter_raw_lines(data), 1) if raw.strip()]
    except encoding.UnreadableFile:
        expected = [0]
    for reader in (read_alpaca, read_sharegpt, read_pairs):
        records = check(reader(data))
        if json_layout(data) == "lines":
            assert sorted(r.line for r in records) == expected


@FUZZ
@given(st.binary(max_size=400) | jsonl_files().map(lambda c: c[0]))
def test_detection_and_every_reader_survive_any_bytes(data):
    fmt = detect_format(data)
    for reader in (read_jsonl, read_json_array, read_alpaca, read_sharegpt, read_pairs):
        check(reader(data))
    try:
        check(read_file(data))
    except MappingError:
        assert fmt in ("csv", "tsv")
    assert len(preview(data, 5).rows) <= 5


# --- CSV / TSV --------------------------------------------------------------------------------------

cell_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
nasty_cell = st.sampled_from(["\x00", "\udcff", "é", '"', ",", "\t", "\n", "\r\n", "\r", "=SUM(A1)", " ", ""])
cells = st.lists(cell_text | nasty_cell, min_size=1, max_size=3).map("".join)


@FEW
@given(st.lists(st.tuples(cells, cells), max_size=8), st.sampled_from([",", "\t", ";"]), st.booleans(),
       st.booleans())
def test_csv_rows_each_become_one_record_or_a_finding(rows, delimiter, quote_all, cp1252):
    def encode(text: str) -> bytes:
        return text.encode("cp1252", "replace") if cp1252 else text.encode("utf-8", "surrogateescape")

    def row_bytes(cells_: list[str]) -> bytes:
        out = io.StringIO()  # QUOTE_MINIMAL quotes a lone CR only when it is part of the line terminator
        csv.writer(out, delimiter=delimiter, lineterminator="\n" if quote_all else "\r\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerow(cells_)
        return encode(out.getvalue())

    data, starts = row_bytes(["question", "answer"]), []
    for q, a in rows:
        starts.append(len(data.splitlines()) + 1)
        data += row_bytes([q, a])
    records = check(read_table(data, ColumnMapping(user="question", assistant="answer"), delimiter=delimiter))
    by_line = {r.line: r for r in records}
    assert len(by_line) == len(records)
    for start, (q, a) in zip(starts, rows, strict=True):
        record = by_line.get(start)
        as_read = [_utf8(encode(cell)) for cell in (q, a)]  # None: the cell's bytes are no UTF-8 text
        if None in as_read:
            assert record is not None and record.data is None
            assert "bad_encoding" in {f.code for f in record.findings}
            continue
        q, a = as_read
        if not (q.strip() or a.strip()):
            assert record is None  # a blank row is skipped
        elif not q.strip() or not a.strip():
            assert record is not None and record.data is None
            assert "empty_cell" in {f.code for f in record.findings}
        else:
            assert record is not None and [m["content"] for m in record.data["messages"]] == [
                t.replace("\r\n", "\n").replace("\r", "\n") for t in (q, a)]


def _utf8(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([",", "\t", None]))
def test_tables_never_raise_on_any_bytes(body, delimiter):
    for header in (b"question,answer\n", b"question\tanswer\n", b""):
        fits = header and (delimiter is None or delimiter.encode() in header)
        try:
            check(read_table(header + body, ColumnMapping(user="question", assistant="answer"), delimiter=delimiter))
        except MappingError:
            assert not fits  # only a header that does not fit the mapping may raise
        assert len(preview(header + body, 3, delimiter=delimiter).rows) <= 3


@FUZZ
@given(st.lists(st.sampled_from(["1", "[1]", '{"a":', "[" * 300 + "]" * 300, "[" * 1100 + "]" * 1100, "NaN", "\x00",
                                 '"\\ud800"', "123456789012345678901234567890"]), min_size=1, max_size=4))
def test_json_cells_are_parsed_or_reported(cells_):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["question", "ref"], *(["q", c] for c in cells_)])
    mapping = ColumnMapping(user="question", extra={"ref": "ref"}, json_fields=frozenset({"ref"}), kind=Kind.RFT)
    records = check(read_table(out.getvalue().encode(), mapping))
    assert len(records) == len(cells_)
    for record in records:
        assert record.data is not None or {f.code for f in record.findings} <= {"not_json", "bad_encoding"}


# --- grader files and the annotator's import --------------------------------------------------------


@FUZZ
@given(st.one_of(st.binary(max_size=200), values.map(orjson.dumps), bad_lines,
                 st.sampled_from([deep(300), deep(2000), b"\xff\xfe" + b'{"type":"x"}'.decode().encode("utf-16-le")])))
def test_grader_files_give_a_grader_or_a_plain_reason(data):
    path = write(data, ".json")
    try:
        grader = read_grader_file(path)
    except ValueError as exc:
        assert path.name in str(exc) and "Traceback" not in str(exc) and len(str(exc)) < 2000
    else:
        assert isinstance(grader.get("type"), str)
        orjson.dumps(grader)


@FEW
@given(jsonl_files(), st.sampled_from([".jsonl", ".json", ".csv"]))
def test_comparison_import_never_raises_and_names_lines(case, suffix):
    data, expect = case
    items, findings = read_comparisons(write(data, suffix))
    for context, candidates in items:
        assert context and len(candidates) >= 2
        orjson.dumps([context, [c.content for c in candidates]])
    assert all(f.line is None or f.line >= 0 for f in findings) and all(len(f.message) < 2000 for f in findings)
    if suffix == ".jsonl" and 0 not in expect:
        # Each non-blank line is one comparison, or has findings naming it (and only it).
        named = {f.line for f in findings}
        assert {n for n, good in expect.items() if not good} <= named
        assert len(items) + len(named) == len(expect)


def test_the_depth_limit_the_strategies_rely_on():
    """A guard for the strategies themselves: their good lines are good, their deep lines refused."""
    assert next(read_jsonl(json.dumps({"messages": []}).encode())).data == {"messages": []}
    assert next(read_jsonl(deep(MAX_DEPTH))).data is not None
    assert next(read_jsonl(deep(MAX_DEPTH + 1))).data is None


# --- token counting of long texts ------------------------------------------------------------------

words = st.text(st.sampled_from(list("aZé中1'.,-\n\t🎉")), min_size=1, max_size=8).filter(
    lambda w: not w[0].isspace() and not w[-1].isspace())


@FUZZ
@given(st.lists(words | st.sampled_from(["", "\n", " x"]), min_size=1, max_size=60))
def test_long_texts_are_counted_exactly_in_pieces(parts):
    """Long texts are counted in pieces cut at a space between two non-space characters (bounded
    memory and time); with tiny pieces the count still equals tiktoken's wherever such a space is
    within reach of every cut (a run without one is counted in slices, within a few tokens)."""
    from app.formats import tokenizer

    text = " ".join(parts)
    spaces = [i for i in range(1, len(text) - 1) if text[i] == " " and not text[i - 1].isspace()
              and not text[i + 1].isspace()]
    assume(all(b - a < 24 for a, b in zip([0, *spaces], [*spaces, len(text)], strict=True)))
    with mock.patch.object(tokenizer, "_SEGMENT", 40), mock.patch.object(tokenizer, "_SLICE", 30), \
            mock.patch.object(tokenizer, "_RUN_SLICE", 10):
        assert tokenizer.count_text(text) == len(tokenizer.get_encoding().encode_ordinary(text))
