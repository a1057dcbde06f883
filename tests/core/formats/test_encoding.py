"""Bytes → text lines: BOMs, UTF-16, line ends, per-line decoding errors, whole-file problems."""

from __future__ import annotations

import codecs

import pytest

from app.formats.encoding import (
    BAD_ENCODING,
    NOT_TEXT,
    UnreadableFile,
    head_bytes,
    iter_lines,
    iter_raw_lines,
    iter_utf8_chunks,
    sniff,
)

TEXT = "first line\nsecond: café ☕\nthird 😀\n"


def texts(source, **kw):
    return [(n, text) for n, text, finding in iter_lines(source, **kw)]


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "utf16le", "utf16be"])
def test_supported_encodings_give_the_same_lines(data, tmp_path):
    expected = [(1, "first line"), (2, "second: café ☕"), (3, "third 😀")]
    assert texts(data) == expected
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert texts(path) == expected
    assert texts(str(path)) == expected


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_ends(eol):
    data = eol.join(["a", "b", "", "c"]).encode()
    assert texts(data) == [(1, "a"), (2, "b"), (3, ""), (4, "c")]


def test_mixed_line_ends_and_keepends():
    data = b"a\r\nb\rc\nd"
    assert list(iter_raw_lines(data)) == [b"a", b"b", b"c", b"d"]
    assert list(iter_raw_lines(data, keepends=True)) == [b"a\r\n", b"b\r", b"c\n", b"d"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8])
def test_chunk_boundaries_never_change_the_lines(size):
    data = b"ab\r\n\r\ncd\re\n\nlong line here\r\n\xc3\xa9\r"
    assert list(iter_raw_lines(data, chunk_size=size, keepends=True)) == data.splitlines(keepends=True)
    assert list(iter_raw_lines(data, chunk_size=size)) == data.splitlines()


@pytest.mark.parametrize("size", [1, 3, 4096])
def test_utf16_is_transcoded_across_chunk_boundaries(size):
    text = "x😀y\r\nzé\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert b"".join(iter_utf8_chunks(data, size)) == text.encode("utf-8")


def test_invalid_utf8_on_line_3_keeps_the_other_lines(tmp_path):
    data = b'line one\nline two\nbad \xe9t\xe9\nline four\n'
    path = tmp_path / "latin1.txt"
    path.write_bytes(data)
    result = list(iter_lines(path))
    assert [(n, t) for n, t, _ in result] == [(1, "line one"), (2, "line two"), (3, None), (4, "line four")]
    finding = result[2][2]
    assert finding.code == BAD_ENCODING and finding.line == 3
    assert "Line 3" in finding.message and "UTF-8" in finding.message
    assert "character 5" in finding.message and "é" in finding.message  # the Windows-1252 guess


def test_nul_byte_is_reported_for_its_line():
    result = list(iter_lines(b"ok\nab\x00cd\nok\n"))
    assert result[1][1] is None
    assert result[1][2].code == BAD_ENCODING and "zero byte" in result[1][2].message
    assert result[2][1] == "ok"


def test_utf16_without_bom_is_one_whole_file_finding():
    result = list(iter_lines("hello\nworld\n".encode("utf-16-le")))
    assert len(result) == 1
    n, text, finding = result[0]
    assert (n, text) == (0, None)
    assert finding.code == BAD_ENCODING and finding.line is None
    assert "UTF-16" in finding.message and "UTF-8" in finding.message


@pytest.mark.parametrize("head,code,word", [
    (codecs.BOM_UTF32_LE + "a".encode("utf-32-le"), BAD_ENCODING, "UTF-32"),
    (codecs.BOM_UTF32_BE + "a".encode("utf-32-be"), BAD_ENCODING, "UTF-32"),
    (b"+/v8 text", BAD_ENCODING, "UTF-7"),
    (b"PK\x03\x04rest", NOT_TEXT, "Excel"),
    (b"\x1f\x8b\x08\x00", NOT_TEXT, "gzip"),
    (b"%PDF-1.7", NOT_TEXT, "PDF"),
    (b"PAR1\x00\x00", NOT_TEXT, "Parquet"),
])
def test_unsupported_files_are_named(head, code, word):
    with pytest.raises(UnreadableFile) as err:
        sniff(head)
    assert err.value.finding.code == code and word in err.value.finding.message
    assert [(n, t) for n, t, _ in iter_lines(head)] == [(0, None)]


def test_broken_utf16_characters_are_findings_not_mojibake():
    lone = codecs.BOM_UTF16_LE + "ok\n".encode("utf-16-le") + b"\x00\xd8" + "x\nend".encode("utf-16-le")
    result = list(iter_lines(lone))
    assert result[0][1] == "ok" and result[1][1] is None and result[2][1] == "end"
    assert "broken character" in result[1][2].message
    odd = codecs.BOM_UTF16_BE + "ok\nend".encode("utf-16-be") + b"\x00"  # cut in a character
    result = list(iter_lines(odd))
    assert result[0][1] == "ok" and result[1][1] is None


def test_text_sources():
    assert texts("a\nb") == [(1, "a"), (2, "b")]  # a str with a line break is text
    assert texts("\ufeffa\r\nb") == [(1, "a"), (2, "b")]
    assert texts(bytearray(b"x\ny")) == [(1, "x"), (2, "y")]
    assert texts(memoryview(b"x\ny")) == [(1, "x"), (2, "y")]


def test_a_str_without_line_break_is_a_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(iter_lines(str(tmp_path / "missing.jsonl")))


def test_very_long_line_across_many_chunks():
    data = b"x" * 10_000 + b"\ny"
    assert [len(line) for line in iter_raw_lines(data, chunk_size=7)] == [10_000, 1]


def test_empty_sources():
    assert list(iter_lines(b"")) == []
    assert list(iter_lines(codecs.BOM_UTF8)) == []
    assert head_bytes(b"") == b""


def test_head_bytes_limits_and_hides_whole_file_problems():
    assert head_bytes(codecs.BOM_UTF8 + b"abcdef", 3) == b"abc"
    assert head_bytes(b"PK\x03\x04") == b""


def test_an_unreadable_file_error_crosses_from_a_worker_process_whole():
    """The import dialog reads a file's start in a worker process: "this is a ZIP file" must reach
    the window as the same plain message, not as an error about pickling."""
    from app.runtime.processes import process_pool

    head = b"PK\x03\x04" + b"\x00" * 200  # a zipped spreadsheet renamed .csv
    with pytest.raises(UnreadableFile) as direct:
        sniff(head)
    with pytest.raises(UnreadableFile) as crossed:
        process_pool(1).submit(sniff, head).result()
    assert crossed.value.finding == direct.value.finding and str(crossed.value) == str(direct.value)
