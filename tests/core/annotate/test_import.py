"""Importing comparisons for the annotator: every format the issue names, a plain finding per bad
line with the good part kept, the dataset import's encodings, and the queue filled once."""

from __future__ import annotations

import codecs
import json

import pytest

from app.formats.model import Severity
from app.services.annotation_import import (
    NothingToImport,
    import_comparisons,
    read_comparisons,
)
from app.services.annotation_import_json import comparison_of
from app.services.projects import open_project_sync
from app.store import annotation_repo
from app.store.project_file import create_project


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "annotate.ftproj"
    create_project(path)
    p = open_project_sync(path)
    yield p
    p._close_sync()


def write_lines(path, lines: list) -> None:
    """Objects as JSON, strings as they are, one per line."""
    text = "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines)
    path.write_text(text + "\n", encoding="utf-8")


def dpo(q: str, good: str = "good", bad: str = "bad") -> dict:
    return {
        "input": {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": q}]},
        "preferred_output": [{"role": "assistant", "content": good}],
        "non_preferred_output": [{"role": "assistant", "content": bad}],
    }


def texts(item) -> list[str]:
    return [c.content["content"] for c in item[1]]


def messages(findings) -> dict[int, str]:
    return {f.line: f.message for f in findings}


# --- JSONL ----------------------------------------------------------------------------------------


def test_dpo_lines_become_two_anonymous_candidates(tmp_path):
    path = tmp_path / "pairs.jsonl"
    write_lines(path, [dpo("Q1"), dpo("Q2", "yes", "no")])
    items, findings = read_comparisons(path)
    assert findings == []
    assert [i[0] for i in items] == [dpo("Q1")["input"]["messages"], dpo("Q2")["input"]["messages"]]
    assert [texts(i) for i in items] == [["good", "bad"], ["yes", "no"]]
    # The file's preference is not revealed: both candidates look alike apart from their text.
    assert all(c.model == "" and c.content["role"] == "assistant" for _, cs in items for c in cs)
    assert all(set(c.content) == {"role", "content"} for _, cs in items for c in cs)


def test_prompts_with_several_answers(tmp_path):
    path = tmp_path / "answers.jsonl"
    convo = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"},
             {"role": "user", "content": "Rent due?"}]
    write_lines(path, [
        {"prompt": "What is a lease?", "system": "You are a lawyer.", "answers": ["A contract.", "A deal."]},
        {"messages": convo, "responses": [{"content": "On the 1st.", "model": "gpt-x"}, {"content": "Monthly."},
                                          "Ask the landlord."]},
        {"prompt": [{"role": "user", "content": "Q"}], "completions": ["a", "b"]},
        {"prompt": "Q", "chosen": "right", "rejected": "wrong"},
    ])
    items, findings = read_comparisons(path)
    assert findings == []
    assert items[0][0] == [{"role": "system", "content": "You are a lawyer."},
                           {"role": "user", "content": "What is a lease?"}]
    assert texts(items[0]) == ["A contract.", "A deal."]
    assert items[1][0] == convo
    assert [(c.content["content"], c.model) for c in items[1][1]] == [
        ("On the 1st.", "gpt-x"), ("Monthly.", ""), ("Ask the landlord.", "")]
    assert items[2][0] == [{"role": "user", "content": "Q"}] and texts(items[2]) == ["a", "b"]
    assert items[3][0] == [{"role": "user", "content": "Q"}] and texts(items[3]) == ["right", "wrong"]


def test_every_bad_line_is_named_and_explained_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    write_lines(path, [
        dpo("Q1"),                                                                      # 1 ok
        '{"prompt": "Q", "answers": ["a", "b"',                                         # 2 cut off
        [1, 2],                                                                         # 3 not an object
        {"prompt": "Q", "answers": ["a", "b"]},                                         # 4 ok
        {"prompt": "Q"},                                                                # 5 no answers
        {"prompt": "", "answers": ["a", "b"]},                                          # 6 empty prompt
        {"prompt": "Q", "answers": ["only one"]},                                       # 7 one answer
        {"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}],
         "answers": ["a", "b"]},                                                        # 8 ends with an answer
        {"foo": 1},                                                                     # 9 unknown shape
        {"prompt": "Q", "answers": ["same", "same"]},                                   # 10 nothing to compare
        {"prompt": "Q", "answers": ["a", ""]},                                          # 11 empty answer
        {"input": {"messages": [{"role": "user", "content": "Q"}]},
         "preferred_output": [{"role": "assistant", "content": "x"}]},                  # 12 half a pair
        {"messages": [{"role": "boss", "content": "Q"}], "answers": ["a", "b"]},        # 13 unknown role
        "",                                                                             # 14 blank: ignored
        {"prompt": "Q", "answers": "a, b"},                                             # 15 not a list
        dpo("Q16"),                                                                     # 16 ok
    ])
    items, findings = read_comparisons(path)
    assert len(items) == 3 and items[2][0][-1]["content"] == "Q16"
    got = messages(findings)
    assert sorted(got) == [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]
    assert all(f.severity is Severity.ERROR and f.message.startswith(f"Line {f.line}") for f in findings)
    assert got[7] == "Line 7: the answers list has only one answer; a comparison needs at least two."
    assert got[5] == "Line 5: there are no answers: add an “answers” list with at least two answers."
    assert got[10] == "Line 10: all answers are the same, so there is nothing to compare."
    assert got[11] == "Line 11: answer 2 is empty."
    assert got[12] == "Line 12: “non_preferred_output” is missing; a preference pair needs both answers."
    assert "ends with a message from “assistant”" in got[8] and "user's message" in got[8]
    assert "neither a preference pair" in got[9]
    assert "“boss”" in got[13] and "not valid JSON" in got[2] and "not an object" in got[3]
    assert [f.line for f in findings] == sorted(f.line for f in findings)


def test_a_json_list_file_names_items(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([dpo("Q1"), {"prompt": "Q", "answers": ["x"]}]), encoding="utf-8")
    items, findings = read_comparisons(path)
    assert len(items) == 1
    assert findings[0].line == 2 and findings[0].message.startswith("Item 2: the answers list has only one")


def test_comparison_of_explains_in_plain_words():
    assert comparison_of({"prompt": "Q", "answers": ["a", "b"]})[0] == [{"role": "user", "content": "Q"}]
    with pytest.raises(ValueError, match="only one answer"):
        comparison_of({"prompt": "Q", "answers": ["a"]})
    with pytest.raises(ValueError, match="not an object"):
        comparison_of("text")


# --- encodings ------------------------------------------------------------------------------------


def test_utf16_and_bom_files_read_like_the_dataset_import(tmp_path):
    lines = [json.dumps({"prompt": "Café ☕", "answers": ["Oui", "Non"]}, ensure_ascii=False), json.dumps(dpo("Ω"))]
    text = "\r\n".join(lines) + "\r\n"
    for name, data in [
        ("utf16.jsonl", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("utf8bom.jsonl", codecs.BOM_UTF8 + text.encode("utf-8")),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        items, findings = read_comparisons(path)
        assert findings == [], name
        assert items[0][0] == [{"role": "user", "content": "Café ☕"}] and len(items) == 2


def test_a_line_in_another_encoding_is_reported_and_the_others_kept(tmp_path):
    path = tmp_path / "latin.jsonl"
    good = json.dumps({"prompt": "Q", "answers": ["a", "b"]}).encode()
    bad = '{"prompt": "Café", "answers": ["a", "b"]}'.encode("cp1252")
    path.write_bytes(good + b"\n" + bad + b"\n" + good + b"\n")
    items, findings = read_comparisons(path)
    assert len(items) == 2
    assert [(f.line, f.code) for f in findings] == [(2, "bad_encoding")]
    assert "Line 2" in findings[0].message and "UTF-8" in findings[0].message


def test_a_whole_file_problem_is_one_finding(tmp_path):
    path = tmp_path / "sheet.jsonl"
    path.write_bytes(b"PK\x03\x04rest of a zip")
    items, findings = read_comparisons(path)
    assert items == [] and len(findings) == 1 and "ZIP" in findings[0].message


# --- tables ---------------------------------------------------------------------------------------


def test_csv_with_several_answer_columns(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(
        "Question,System,Answer A,Answer B,answer_c,model_a,model_b\n"
        'What is rent?,Be brief.,Money,"A payment, monthly",,m1,m2\n'
        "Empty?,,,only b,,m1,m2\n"
        '"Three, answers",,x,y,z,,\n',
        encoding="utf-8",
    )
    items, findings = read_comparisons(path)
    assert [(f.line, f.message) for f in findings] == [
        (3, "Line 3: the row has only one answer; a comparison needs at least two.")]
    assert items[0][0] == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is rent?"}]
    assert [(c.content["content"], c.model) for c in items[0][1]] == [("Money", "m1"), ("A payment, monthly", "m2")]
    assert items[1][0] == [{"role": "user", "content": "Three, answers"}] and texts(items[1]) == ["x", "y", "z"]


def test_tsv_with_one_answer_per_row_is_grouped_by_prompt(tmp_path):
    path = tmp_path / "long.tsv"
    path.write_text(
        "prompt\tresponse\tmodel\n"
        "Q1\tfirst\tm1\n"
        "Q2\tlonely\tm1\n"
        "Q1\tsecond\tm2\n"
        "Q3\t\tm1\n"
        "Q1\tthird\tm3\n"
        "\tno prompt\tm1\n",
        encoding="utf-8",
    )
    items, findings = read_comparisons(path)
    assert len(items) == 1
    assert [(c.content["content"], c.model) for c in items[0][1]] == [("first", "m1"), ("second", "m2"),
                                                                      ("third", "m3")]
    got = messages(findings)
    assert sorted(got) == [3, 5, 7]
    assert "only one answer" in got[3] and "“response” cell is empty" in got[5] and "“prompt” cell is empty" in got[7]


def test_a_table_without_the_needed_columns_says_which_are_there(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("name,age\nAda,36\n", encoding="utf-8")
    items, findings = read_comparisons(path)
    assert items == [] and findings[0].line == 1
    assert "no prompt column" in findings[0].message and "name, age" in findings[0].message
    path.write_text("prompt,notes\nQ,x\n", encoding="utf-8")
    items, findings = read_comparisons(path)
    assert items == [] and "no answer columns" in findings[0].message


# --- into a queue ---------------------------------------------------------------------------------


def test_import_fills_a_queue_once(project, tmp_path):
    path = tmp_path / "pairs.jsonl"
    write_lines(path, [dpo("Q1"), {"prompt": "Q", "answers": ["a"]}, dpo("Q3"), dpo("Q3")])
    write = project.db.submit_write
    summary = write(import_comparisons, "Lease review", path).result()
    assert (summary.added, summary.skipped_lines, summary.already_there) == (3, 1, 0)
    assert summary.findings[0].line == 2
    queues = project.db.submit_read(annotation_repo.list_queues).result()
    assert [(q.id, q.name, q.items) for q in queues] == [(summary.queue_id, "Lease review", 3)]
    ids = project.db.submit_read(annotation_repo.queue_items, summary.queue_id).result()
    first = project.db.submit_read(annotation_repo.comparison, ids[0]).result()
    assert first.source == "import:pairs.jsonl" and first.context == dpo("Q1")["input"]["messages"]
    assert [(c.slot, c.content, c.model) for c in first.candidates] == [
        (0, {"role": "assistant", "content": "good"}, ""), (1, {"role": "assistant", "content": "bad"}, "")]

    again = write(import_comparisons, " Lease review ", path).result()  # the same queue, nothing twice
    assert (again.queue_id, again.added, again.already_there) == (summary.queue_id, 0, 3)
    other = tmp_path / "more.jsonl"
    write_lines(other, [dpo("Q1"), dpo("Q9")])
    more = write(import_comparisons, "Lease review", other).result()
    assert (more.added, more.already_there) == (1, 1)
    assert len(project.db.submit_read(annotation_repo.queue_items, summary.queue_id).result()) == 4


def test_a_file_with_nothing_usable_creates_no_queue(project, tmp_path):
    path = tmp_path / "bad.jsonl"
    write_lines(path, [{"prompt": "Q", "answers": ["a"]}, "nope"])
    with pytest.raises(NothingToImport, match="No comparison could be read from “bad.jsonl”. Line 1") as caught:
        project.db.submit_write(import_comparisons, "Q", path).result()
    assert [f.line for f in caught.value.findings] == [1, 2]
    with pytest.raises(ValueError, match="name"):
        project.db.submit_write(import_comparisons, "  ", path).result()
    assert project.db.submit_read(annotation_repo.list_queues).result() == []
