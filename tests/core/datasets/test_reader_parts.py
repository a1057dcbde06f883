"""Reader-driven formats (CSV, JSON lists, UTF-16 JSONL, Alpaca…) are read and checked in worker
processes, part by part: the parts give exactly what one pass of the reader gives, in file order,
whichever worker (cursor) takes which part and in whatever order; the calling process never parses."""

from __future__ import annotations

import csv
import json
import random
import threading
from pathlib import Path

import pytest

from app.formats import reader_parts, readers
from app.formats.column_mapping import ColumnMapping
from app.formats.model import Kind
from app.formats.pipeline import check_records
from app.formats.reader_parts import check_part, plan_parts, release
from app.formats.readers import read_file
from app.services.dataset_check import CheckCancelled, check_file
from tests.core.datasets.conftest import sft

MAPPING = ColumnMapping(user="question", assistant="answer", system="system")
WORDS = ["the", "tenant", "pays", "the", "deposit", "within", "thirty", "days", "of", "the", "notice"]


def _text(i: int, n: int) -> str:
    return " ".join(WORDS[(i + k) % len(WORDS)] for k in range(n))


def table(path: Path, rows: int) -> Path:
    """A CSV of ``rows`` rows of ~2 KB, with a multi-line quoted cell, an empty answer and a short row."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["system", "question", "answer"])
        for i in range(rows):
            answer = "" if i == 40 else _text(i, 300) + ("\nsecond line\nthird" if i % 97 == 0 else "")
            out.writerow(["Be brief."] if i == 77 else ["Be brief.", f"Question {i}?", answer])
    return path


def items(n: int) -> list[dict]:
    return [sft(i, answer=_text(i, 300)) for i in range(n)]


def cases(tmp_path: Path) -> list[tuple[Path, str, Kind, ColumnMapping | None]]:
    objs = items(1500)
    one_line = tmp_path / "list.json"
    one_line.write_text(json.dumps([*objs[:5], 42, *objs[5:]]))  # item 6 is no object: a finding
    utf16 = tmp_path / "utf16.jsonl"
    lines = [json.dumps(o) for o in objs]
    lines[300] = "{not json"
    utf16.write_bytes(b"\xff\xfe" + "\n".join(lines).encode("utf-16-le"))
    alpaca = tmp_path / "alpaca.jsonl"
    alpaca.write_text("\n".join(json.dumps({"instruction": f"Q{i}", "input": "", "output": _text(i, 300)})
                                for i in range(1500)) + '\n{"instruction": ""}\n')
    return [(table(tmp_path / "t.csv", 1200), "csv", Kind.SFT, MAPPING), (one_line, "openai", Kind.SFT, None),
            (utf16, "openai", Kind.SFT, None), (alpaca, "alpaca", Kind.SFT, None)]


def outcome(results) -> tuple[list, list]:  # noqa: ANN001
    return ([row for r in results for row in r.examples],
            [(f.code, f.line, f.message) for r in results for f in r.problems])


@pytest.mark.parametrize("order", ["in order", "two workers", "shuffled"])
def test_parts_give_what_one_pass_of_the_reader_gives(tmp_path, order):
    for path, fmt, kind, mapping in cases(tmp_path):
        expected = outcome([check_records(list(read_file(path, fmt=fmt, kind=kind, mapping=mapping)), kind, None)])
        parts = plan_parts(path.stat().st_size, part_bytes=300_000)
        assert len(parts) > 6 and sum(size for _s, _e, size in parts) == path.stat().st_size
        jobs = list(enumerate(parts))
        if order == "shuffled":  # a cursor asked for an earlier part starts over: slower, same answer
            random.Random(7).shuffle(jobs)
        results = {}
        for n, (start, end, size) in jobs:
            key = f"{order}-{n % 2}" if order == "two workers" else order  # each skips the other's parts
            results[n] = check_part(str(path), fmt, kind, mapping, None, True, key, start, end, size)
        assert sum(1 for r in results.values() if r.examples) > 1, path.name  # really spread over parts
        assert outcome([results[n] for n in sorted(results)]) == expected, (path.name, order)
        assert expected[0] and expected[1], path.name  # examples and findings both compared
        for key in {f"{order}-0", f"{order}-1", order}:
            release(key, hold=0)


def test_a_table_is_read_in_the_workers_with_progress_in_bytes(tmp_path, monkeypatch):
    path = table(tmp_path / "t.csv", 2500)
    expected = [(f.code, f.line) for r in read_file(path, fmt="csv", mapping=MAPPING) for f in r.findings]

    def not_here(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("the file was read in the calling process")

    monkeypatch.setattr(reader_parts, "read_file", not_here)  # workers are other processes: unaffected
    monkeypatch.setattr(readers, "read_file", not_here)
    seen: list[tuple[int, int]] = []
    report = check_file(path, mapping=MAPPING, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert report.examples == 2498 and report.fmt == "csv"
    assert [(f.code, f.line) for f in report.problems] == expected and len(expected) >= 2
    total = path.stat().st_size
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == (total, total)


def test_cancelling_a_table_stops_it(tmp_path):
    path = table(tmp_path / "t.csv", 4000)
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)
        cancel.set()

    with pytest.raises(CheckCancelled):
        check_file(path, mapping=MAPPING, workers=2, progress=progress, cancel=cancel)
    assert 1 <= len(seen) < 4


def test_release_closes_the_reader(tmp_path):
    path = table(tmp_path / "t.csv", 1200)
    start, end, size = plan_parts(path.stat().st_size, part_bytes=300_000)[0]
    check_part(str(path), "csv", Kind.SFT, MAPPING, None, False, "to-release", start, end, size)
    assert "to-release" in reader_parts._cursors
    release("to-release", hold=0)
    assert "to-release" not in reader_parts._cursors
