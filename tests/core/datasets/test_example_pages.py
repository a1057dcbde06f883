"""The examples table's pages: keyset paging, sorting with ties, every filter, jump-to-example."""

from __future__ import annotations

import json

import pytest

from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.store.example_pages import (
    SORT_KEYS,
    ExampleFilter,
    count_examples,
    fts_query,
    page_examples,
    position_of,
    sort_key,
)
from app.store.project_file import create_project
from tests.core.datasets.conftest import read, sft, write_jsonl

N = 60


def _tool_example(i: int) -> dict:
    return {
        "messages": [
            {"role": "user", "content": f"Look up order {i}"},
            {
                "role": "assistant",
                "tool_calls": [
                    {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": '{"id": 1}'}}
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "shipped"},
            {"role": "assistant", "content": "Your order has shipped."},
        ]
    }


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """60 examples: answers of 3 lengths (token ties), every 10th with a tool call, statuses, tags
    and splits set by hand; returns (project, dataset id). Shared by the module: tests only read
    (or add datasets of their own)."""
    tmp_path = tmp_path_factory.mktemp("pages")
    path = tmp_path / "data.ftproj"
    create_project(path)
    project = open_project_sync(path)
    objs = []
    for i in range(N):
        if i % 10 == 3:
            objs.append(_tool_example(i))
        else:
            objs.append(sft(i, answer="The tenant pays. " * (1 + i % 3)))
    objs[7]["messages"][2]["content"] = 'He said "hello, world" — don\'t (really) e-mail: x*y'
    path = tmp_path / "rows.jsonl"
    write_jsonl(path, objs)
    ds = run_import(project, ImportRequest(path, name="rows")).dataset_id

    def mark(db):
        c = db.conn
        c.execute("UPDATE examples SET status = 'ok', tags = '', split = 'train'")
        c.execute("UPDATE examples SET status = 'warning' WHERE position % 4 = 1")
        c.execute("UPDATE examples SET status = 'error' WHERE position % 7 = 2")
        c.execute("UPDATE examples SET tags = 'urgent,needs review' WHERE position % 5 = 0")
        c.execute("UPDATE examples SET tags = 'urgently' WHERE position % 5 = 1")
        c.execute("UPDATE examples SET split = 'validation' WHERE position % 6 = 0")

    project.db.submit_write(mark).result()
    yield project, ds
    project._close_sync()


ALL = ExampleFilter()


def _all(project, ds, flt=ALL, sort="position", descending=False):
    return read(project, lambda db: page_examples(db, ds, flt, sort=sort, descending=descending, limit=10**6))


def _ids(rows):
    return [r.id for r in rows]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORT_KEYS)
def test_keyset_pages_add_up_to_the_whole_sorted_list(dataset, sort, descending):
    project, ds = dataset
    for flt in (ExampleFilter(), ExampleFilter(statuses=frozenset({"ok", "error"}), min_tokens=1)):
        whole = _all(project, ds, flt, sort, descending)
        paged, after = [], None
        while page := read(
            project,
            lambda db, a=after, f=flt: page_examples(db, ds, f, sort=sort, descending=descending, after=a, limit=7),
        ):
            assert len(page) <= 7
            paged += page
            after = sort_key(page[-1], sort)
        assert paged == whole and len(whole) == read(project, count_examples, ds, flt)
        keys = [sort_key(r, sort) for r in whole]
        assert keys == sorted(keys, reverse=descending) and len(set(keys)) == len(keys)


def test_ties_fall_back_to_the_position_in_the_sort_direction(dataset):
    project, ds = dataset
    rows = _all(project, ds, sort="tokens")
    assert len({r.tokens for r in rows}) < len(rows)  # the data really has ties
    for a, b in zip(rows, rows[1:], strict=False):
        assert (a.tokens, a.position) < (b.tokens, b.position)
    down = _all(project, ds, sort="tokens", descending=True)
    assert down == rows[::-1]


def test_status_sorts_by_severity_not_alphabetically(dataset):
    project, ds = dataset
    statuses = [r.status for r in _all(project, ds, sort="status")]
    assert statuses == sorted(statuses, key=["ok", "warning", "error"].index)
    assert _all(project, ds, sort="status", descending=True)[0].status == "error"


def test_first_page_and_display_row_fields(dataset):
    project, ds = dataset
    page = read(project, lambda db: page_examples(db, ds, ExampleFilter(), limit=5))
    assert [r.position for r in page] == [0, 1, 2, 3, 4]
    first = page[0]
    assert first.source_line == 1 and first.preview == "Question number 0 about the lease"
    assert first.turns == 3 and first.tokens > 0 and first.tags == "urgent,needs review"
    assert first.split == "validation" and first.estimated in (True, False)
    assert page[3].turns == 4  # the tool example


def _count(project, ds, **kw):
    return read(project, count_examples, ds, ExampleFilter(**kw))


def test_text_filter_needs_every_word(dataset):
    project, ds = dataset
    assert _count(project, ds, text="question 12") == 1
    assert _count(project, ds, text="  ") == N  # nothing to search for: no filter
    assert _count(project, ds, text="question landlord") == 0
    assert _count(project, ds, text="TENANT") > 0


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"hello',
        'hello"',
        "don't",
        "a AND OR NOT b",
        "NEAR(x y)",
        "x*",
        "*",
        "e-mail",
        "-tenant",
        "(",
        "col:x",
        "^start",
        "'\"'",
        "\\",
        "%_",
        "🙂",
        "…",
    ],
)
def test_any_search_text_is_safe(dataset, text):
    project, ds = dataset
    assert read(project, count_examples, ds, ExampleFilter(text=text)) >= 0
    read(project, lambda db: page_examples(db, ds, ExampleFilter(text=text), sort="tokens"))


def test_search_ignores_punctuation_around_words(dataset):
    project, ds = dataset
    assert fts_query('He said "hello, world"') == '"He" "said" "hello" "world"'
    assert _count(project, ds, text='"hello, world"') == 1
    assert _count(project, ds, text="don't e-mail (really)") == 1
    assert _count(project, ds, text="hello landlord") == 0


def test_status_filter(dataset):
    project, ds = dataset
    rows = _all(project, ds)
    errors = [r for r in rows if r.status == "error"]
    assert errors and _count(project, ds, statuses=frozenset({"error"})) == len(errors)
    both = _all(project, ds, ExampleFilter(statuses={"error", "warning"}), sort="status", descending=True)
    assert {r.status for r in both} == {"error", "warning"}
    assert _count(project, ds, statuses={"ok", "warning", "error"}) == N
    with pytest.raises(ValueError):
        _count(project, ds, statuses={"bad"})


def test_role_filter(dataset):
    project, ds = dataset
    assert _ids(_all(project, ds, ExampleFilter(role="tool"))) == [r.id for r in _all(project, ds) if r.turns == 4]
    assert _count(project, ds, role="tool") == N // 10
    assert _count(project, ds, role="system") == N - N // 10
    assert _count(project, ds, role="developer") == 0
    assert _count(project, ds, role="%") == 0 and _count(project, ds, role="_ool") == 0


def test_role_filter_reads_any_json_spacing(project, tmp_path):
    path = tmp_path / "spacing.jsonl"
    lines = {
        1: json.dumps(_tool_example(1), separators=(",", ":")),  # as the app and orjson write
        2: json.dumps(_tool_example(2)),  # as Python's json writes
        3: json.dumps(_tool_example(3), indent=None, separators=(" ,", " :  ")),  # odd spacing
        4: json.dumps(sft(4), separators=(" ,", " :  ")),
        5: json.dumps(
            {"messages": [{"role": "user", "content": 'says "role":"tool"'}, {"role": "assistant", "content": "ok"}]}
        ),
    }
    write_jsonl(path, [], extra_lines=lines)
    ds = run_import(project, ImportRequest(path)).dataset_id
    lines_with_tool = [r.source_line for r in _all(project, ds, ExampleFilter(role="tool"))]
    assert lines_with_tool == [1, 2, 3]
    assert _count(project, ds, role="user") == 5


def test_tag_filter_matches_whole_tags(dataset):
    project, ds = dataset
    assert _count(project, ds, tag="urgent") == N // 5
    assert _count(project, ds, tag="urgently") == N // 5
    assert _count(project, ds, tag="needs review") == N // 5
    assert _count(project, ds, tag="  needs   review ") == N // 5
    assert _count(project, ds, tag="urg") == 0 and _count(project, ds, tag="review") == 0


def test_token_bounds_are_inclusive(dataset):
    project, ds = dataset
    rows = _all(project, ds)
    lo, hi = sorted({r.tokens for r in rows})[1:3]
    want = [r.id for r in rows if lo <= r.tokens <= hi]
    assert _ids(_all(project, ds, ExampleFilter(min_tokens=lo, max_tokens=hi))) == want
    assert _count(project, ds, min_tokens=max(r.tokens for r in rows) + 1) == 0
    assert _count(project, ds, max_tokens=0) == 0


def test_split_filter(dataset):
    project, ds = dataset
    assert _count(project, ds, split="validation") == N // 6
    assert _count(project, ds, split="train") == N - N // 6


def test_filters_combine(dataset):
    project, ds = dataset
    flt = ExampleFilter(text="question", statuses={"ok"}, tag="urgent", split="train")
    want = [
        r.id
        for r in _all(project, ds)
        if r.status == "ok" and "urgent" in r.tags.split(",") and r.split == "train" and r.turns == 3
    ]
    assert want and _ids(_all(project, ds, flt, sort="turns")) == sorted(want)


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_position_of_an_example_in_the_filtered_sorted_list(dataset, sort):
    project, ds = dataset
    flt = ExampleFilter(statuses={"ok", "error"})
    for descending in (False, True):
        rows = _all(project, ds, flt, sort, descending)
        for i in (0, 5, len(rows) - 1):
            got = read(project, position_of, ds, flt, rows[i].id, sort, descending)
            assert got == i
    hidden = next(r for r in _all(project, ds) if r.status == "warning")
    assert read(project, position_of, ds, flt, hidden.id, sort, False) is None
    assert read(project, position_of, ds, ExampleFilter(), 10**9, sort, False) is None


def test_other_datasets_stay_out(dataset, tmp_path):
    project, ds = dataset
    path = tmp_path / "other.jsonl"
    write_jsonl(path, [sft(i) for i in range(5)])
    other = run_import(project, ImportRequest(path)).dataset_id
    assert _count(project, ds) == N and _count(project, other) == 5
    assert len(_all(project, other, ExampleFilter(text="question"), sort="status")) == 5


def test_unknown_sort_key_is_refused(dataset):
    project, ds = dataset
    with pytest.raises(ValueError):
        read(project, lambda db: page_examples(db, ds, ExampleFilter(), sort="preview"))


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_every_page_is_an_index_range_without_sorting(dataset, sort):
    """Guards migration v3: the sort's own index serves the page (the status rank expression
    must match the indexed one), whatever filter is set."""
    project, ds = dataset
    plans = []

    class Spy:
        def __init__(self, conn):
            self.conn = conn

        def execute(self, sql, args=()):
            plans.append(" | ".join(r[3] for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, args)))
            return self.conn.execute(sql, args)

    class Db:
        def __init__(self, db):
            self.conn = Spy(db.conn)

    flt = ExampleFilter(statuses={"error", "ok"}, min_tokens=1, max_tokens=10**6, text="question")
    for after in (None, sort_key(_all(project, ds, sort=sort)[3], sort)):
        read(project, lambda db, a=after: page_examples(Db(db), ds, flt, sort=sort, after=a, limit=5))
    index = {
        "position": "examples_by_position",
        "tokens": "examples_by_tokens",
        "turns": "examples_by_turns",
        "status": "examples_by_status",
    }[sort]
    assert plans and all(index in p and "TEMP B-TREE" not in p for p in plans), plans
