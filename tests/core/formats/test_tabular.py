"""CSV/TSV: column mappings, quoting, line numbers, hostile cells, preview."""

from __future__ import annotations

import pytest

from app.formats.column_mapping import ColumnMapping, MappingError, guess_mapping
from app.formats.csv_rows import BAD_CSV, sniff_delimiter
from app.formats.model import Kind
from app.formats.tabular import EMPTY_CELL, WRONG_CELL_COUNT, preview, read_table

QA = ColumnMapping(user="question", assistant="answer")


def sft(user, assistant, system=None):
    head = [{"role": "system", "content": system}] if system else []
    return {"messages": [*head, {"role": "user", "content": user}, {"role": "assistant", "content": assistant}]}


def test_sft_rows_with_header(tmp_path):
    path = tmp_path / "qa.csv"
    path.write_bytes(b"question,answer,notes\r\nWhat is 2+2?,4,easy\r\n\r\n\"Hi, you\",\"Hello\",\r\n")
    records = list(read_table(path, QA))
    assert [(r.line, r.data) for r in records] == [(2, sft("What is 2+2?", "4")), (4, sft("Hi, you", "Hello"))]


def test_multiline_cells_start_line_and_newlines():
    data = b'question,answer\n"line one\r\nline two",short\nnext,"a\n\nb"\nlast,x\n'
    records = list(read_table(data, QA))
    assert [r.line for r in records] == [2, 4, 7]
    assert records[0].data == sft("line one\nline two", "short")
    assert records[1].data == sft("next", "a\n\nb")


def test_system_column_and_fixed_prompt_fallback():
    mapping = ColumnMapping(user="q", assistant="a", system="sys", system_prompt="Be brief.")
    records = list(read_table(b"q,a,sys\nx,y,Custom\nx,y,\n", mapping))
    assert records[0].data == sft("x", "y", "Custom")
    assert records[1].data == sft("x", "y", "Be brief.")
    fixed = ColumnMapping(user="q", assistant="a", system_prompt="Always.")
    assert next(read_table(b"q,a\nx,y\n", fixed)).data == sft("x", "y", "Always.")


def test_dpo_mapping():
    mapping = ColumnMapping(prompt="p", chosen="good", rejected="bad", system_prompt="S")
    (record,) = read_table(b"p,good,bad\nQ,yes,no\n", mapping)
    assert mapping.resolve_kind() is Kind.DPO
    assert record.data == {
        "input": {"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}]},
        "preferred_output": [{"role": "assistant", "content": "yes"}],
        "non_preferred_output": [{"role": "assistant", "content": "no"}],
    }


def test_rft_extra_fields_and_json_fields():
    mapping = ColumnMapping(user="q", system="sys", extra={"reference_answer": "ref", "meta": "m"},
                            json_fields=frozenset({"meta"}))
    data = b'q,sys,ref,m\nWhich?,Answer with a letter,B,"{""level"": 2}"\nWhich?,,C,{broken\n'
    records = list(read_table(data, mapping))
    assert mapping.resolve_kind() is Kind.RFT
    assert records[0].data == {"messages": [{"role": "developer", "content": "Answer with a letter"},
                                            {"role": "user", "content": "Which?"}],
                               "reference_answer": "B", "meta": {"level": 2}}
    assert records[1].data is None and records[1].findings[0].code == "not_json"
    assert "“m”" in records[1].findings[0].message and records[1].findings[0].path == "$.meta"


def test_empty_required_cells_are_findings_for_their_line():
    records = list(read_table(b"question,answer\nQ1,A1\nQ2,  \n,\"\"\nQ4,A4\n", QA))
    assert [(r.line, r.ok) for r in records] == [(2, True), (3, False), (5, True)]  # line 4 is all blank
    finding = records[1].findings[0]
    assert finding.code == EMPTY_CELL and finding.line == 3
    assert finding.message == "Line 3: the “answer” cell is empty, but it holds the assistant."


def test_short_rows_count_as_empty_cells_and_long_rows_are_flagged():
    records = list(read_table(b"question,answer\nonly question\nQ,A,extra, text\nQ,A,,\n", QA))
    assert records[0].findings[0].code == EMPTY_CELL
    assert records[1].findings[0].code == WRONG_CELL_COUNT and "“,”" in records[1].findings[0].message
    assert records[2].ok  # trailing empty cells are harmless


def test_hostile_cells_are_plain_data():
    cells = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    data = "question,answer\n" + "".join(f"\"{c.replace(chr(34), chr(34) * 2)}\",{c[:2]}\n" for c in cells)
    assert [r.data["messages"][0]["content"] for r in read_table(data.encode(), QA)] == cells


def test_unknown_column_is_a_clear_error():
    with pytest.raises(MappingError, match=r"“answer” is not in the file. Its columns are: question, reply"):
        list(read_table(b"question,reply\nq,r\n", QA))
    with pytest.raises(MappingError, match="more than one column"):
        list(read_table(b"question,answer,answer\nq,a,b\n", QA))


@pytest.mark.parametrize("mapping,message", [
    (ColumnMapping(user="q"), "assistant"),
    (ColumnMapping(user="q", assistant="a", extra={"x": "q"}, kind=Kind.SFT), "only used for RFT"),
    (ColumnMapping(user="q", assistant="a", kind=Kind.RFT), "no assistant answer"),
    (ColumnMapping(user="q", extra={"messages": "a"}), "reserves"),
    (ColumnMapping(chosen="a", rejected="q"), "prompt"),
])
def test_bad_mappings(mapping, message):
    with pytest.raises(MappingError, match=message):
        list(read_table(b"q,a\nx,y\n", mapping))


def test_kind_argument_overrides_the_mapping():
    mapping = ColumnMapping(user="q", assistant="a")
    with pytest.raises(MappingError):
        list(read_table(b"q,a\nx,y\n", mapping, kind=Kind.DPO))


def test_quoting_errors_are_findings_and_reading_goes_on():
    records = list(read_table(b'question,answer\n"bad"x,y\nfine,ok\n"never closed,z\nmore\n', QA))
    assert records[0].line == 2 and records[0].findings[0].code == BAD_CSV
    assert "closing quote" in records[0].findings[0].message
    assert records[1].data == sft("fine", "ok")
    assert records[2].line == 4 and "missing" in records[2].findings[0].message


def test_invalid_utf8_row_is_dropped_with_a_finding_others_kept():
    data = b"question,answer\nq1,a1\nq2,caf\xe9\nq3,a3\n"
    records = list(read_table(data, QA))
    assert [(r.line, r.ok) for r in records] == [(2, True), (3, False), (4, True)]
    assert records[1].data is None and records[1].findings[0].code == "bad_encoding"


def test_giant_field():
    big = "x" * 1_000_000
    (record,) = read_table(f"question,answer\n\"{big}\",ok\n".encode(), QA)
    assert record.data["messages"][0]["content"] == big


@pytest.mark.parametrize("header,expected", [("a,b", ","), ("a\tb", "\t"), ("a;b;c", ";"), ("a|b", "|"),
                                             ("single", ","), ("a;b,c", ",")])
def test_sniff_delimiter(header, expected):
    assert sniff_delimiter(header) == expected


def test_semicolon_and_tab_files():
    assert next(read_table(b"question;answer\nq;a\n", QA)).data == sft("q", "a")
    tsv = next(read_table(b"question\tanswer\nq, with comma\ta\n", QA, delimiter="\t"))
    assert tsv.data == sft("q, with comma", "a")


def test_utf8_bom_and_utf16_tables():
    assert next(read_table(b"\xef\xbb\xbfquestion,answer\nq,a\n", QA)).data == sft("q", "a")
    data = b"\xff\xfe" + "question,answer\r\nq,ä\r\n".encode("utf-16-le")
    assert next(read_table(data, QA)).data == sft("q", "ä")


def test_header_only_and_empty_files():
    assert list(read_table(b"question,answer\n", QA)) == []
    (record,) = read_table(b"", QA)
    assert record.findings[0].code == "no_header"
    (record,) = read_table("a\nb".encode("utf-16-le"), QA)
    assert record.line == 0 and record.findings[0].code == "bad_encoding"


def test_guess_mapping():
    assert guess_mapping(["Question", "Answer", "System"]) == ColumnMapping(
        user="Question", assistant="Answer", system="System", kind=Kind.SFT)
    dpo = guess_mapping(["prompt", "chosen", "rejected"])
    assert dpo is not None and dpo.resolve_kind() is Kind.DPO
    rft = guess_mapping(["question", "reference_answer", "topic"], Kind.RFT)
    assert rft is not None and dict(rft.extra) == {"reference_answer": "reference_answer", "topic": "topic"}
    assert guess_mapping(["foo", "bar"]) is None
    assert next(read_table(b"prompt,completion\nq,a\n")).data == sft("q", "a")
    with pytest.raises(MappingError, match="Choose"):
        list(read_table(b"foo,bar\n1,2\n"))


def test_preview(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"q;a\n\n1;\"multi\nline\"\n2;b\n3;c\n")
    result = preview(path, n=2)
    assert (result.header, result.rows, result.lines, result.delimiter) == (
        ["q", "a"], [["1", "multi\nline"], ["2", "b"]], [3, 5], ";")
    text = preview("name,=cmd\nx,=1+2\n")  # a str with a line break is the text itself
    assert text.header == ["name", "=cmd"] and text.rows == [["x", "=1+2"]]
    assert preview(b"").findings[0].code == "no_header"
    assert preview(b"PK\x03\x04zip").findings[0].code == "not_text"
