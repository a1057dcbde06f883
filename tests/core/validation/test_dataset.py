"""Dataset-wide rules: size, context length, duplicates, image count, training/validation overlap."""

from __future__ import annotations

import pytest

from app.formats.model import Kind, Severity
from app.formats.summary import ExampleSummary, check_example, example_hashes
from app.formats.validate import DatasetChecker, check_overlap
from tests.core.validation.helpers import assistant, sft, user


def example(i: int) -> dict:
    return sft(user(f"Question number {i}?"), assistant(f"Answer number {i}."))


def checker_with(n: int, kind: Kind = Kind.SFT, **kw) -> DatasetChecker:
    checker = DatasetChecker(kind, **kw)
    for i in range(1, n + 1):
        checker.add_example(example(i), line=i)
    return checker


def by_code(findings) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.code, []).append(f)
    return out


@pytest.mark.parametrize(
    ("n", "code", "severity"),
    [(0, "too_few_examples", Severity.ERROR), (9, "too_few_examples", Severity.ERROR),
     (10, "few_examples", Severity.WARNING), (49, "few_examples", Severity.WARNING), (50, None, None)],
)
def test_dataset_size(n: int, code: str | None, severity: Severity | None) -> None:
    findings = checker_with(n).finish()
    if code is None:
        assert findings == []
    else:
        [finding] = findings
        assert (finding.code, finding.severity, finding.line) == (code, severity, None)


def test_validation_files_have_no_minimum() -> None:
    assert checker_with(3, purpose="validation").finish() == []


def test_rft_file_size_limits() -> None:
    checker = DatasetChecker(Kind.RFT, purpose="validation")
    for i in range(1, 1_002):
        checker.add(ExampleSummary(i, 10, 0, 2, 0, True, True, False, i, i))
    assert by_code(checker.finish())["too_many_examples"][0].severity is Severity.ERROR


def test_exact_and_near_duplicates_name_the_first_line() -> None:
    checker = checker_with(60)
    copy = example(7)
    checker.add_example(copy, line=61)
    near = sft(user("QUESTION   number 7?"), assistant("Answer\nnumber 7."))
    checker.add_example(near, line=62)
    found = by_code(checker.finish())
    [dup] = found["duplicate_example"]
    assert dup.line == 61 and "line 7" in dup.message and dup.message.startswith("Line 61:")
    [close] = found["near_duplicate"]
    assert close.line == 62 and "line 7" in close.message and "case or spacing" in close.message


def test_different_examples_are_not_duplicates() -> None:
    a = sft(user("Is it red?"), assistant("Yes."))
    b = sft(user("Is it red?"), assistant("No."))
    assert example_hashes(a) != example_hashes(b)
    assert example_hashes(a)[1] != example_hashes(b)[1]


def test_raw_line_and_object_hash_alike() -> None:
    import orjson

    obj = sft(user("Olá, análise?"), assistant("Sim."))
    assert example_hashes(obj, orjson.dumps(obj)) == example_hashes(obj)
    # The same example written with \\u escapes (json.dumps' default) is the same example.
    import json

    escaped = json.dumps(obj).encode()
    assert example_hashes(obj, escaped)[1] == example_hashes(obj)[1]


def test_too_long_examples_are_listed_by_line() -> None:
    checker = DatasetChecker(Kind.SFT, model="gpt-4.1-mini", max_listed=2)
    for i in range(1, 61):
        checker.add(ExampleSummary(i, 70_000 if i in (5, 9, 12) else 100, 0, 2, 0, True, True, False, i, i))
    found = by_code(checker.finish())["too_long"]
    assert [f.line for f in found] == [5, 9, None]
    assert "65,536" in found[0].message and "truncated" in found[0].message
    assert "lines 5, 9, 12" in found[-1].message
    assert all(f.severity is Severity.WARNING for f in found)


def test_rft_warns_on_very_long_prompts() -> None:
    checker = DatasetChecker(Kind.RFT, model="o4-mini")
    for i in range(1, 51):
        checker.add(ExampleSummary(i, 90_000 if i == 3 else 100, 0, 2, 0, True, True, False, i, i))
    [finding] = checker.finish()
    assert (finding.code, finding.line) == ("very_long_prompt", 3)


def test_more_than_50000_image_examples() -> None:
    checker = DatasetChecker(Kind.SFT)
    for i in range(1, 50_002):
        checker.add(ExampleSummary(i, 100, 0, 2, 1, True, True, True, i, i))
    found = by_code(checker.finish())
    assert found["too_many_image_examples"][0].severity is Severity.ERROR


def test_overlap_between_training_and_validation() -> None:
    train = checker_with(60)
    valid = DatasetChecker(Kind.SFT, purpose="validation")
    valid.add_example(example(1000), line=1)
    valid.add_example(sft(user("question number 12?"), assistant("Answer number 12.")), line=2)
    [finding] = check_overlap(train.norm_hashes, valid.norm_hashes)
    assert finding.code == "validation_overlap" and finding.line == 2 and "line 12" in finding.message
    assert check_overlap(train.norm_hashes, {}) == []


def test_overlap_summary_past_the_listing_cap() -> None:
    train = {h: h for h in range(1, 11)}
    findings = check_overlap(train, {h: h + 100 for h in range(1, 11)}, max_listed=3)
    assert [f.line for f in findings] == [101, 102, 103, None]
    assert "10 validation examples" in findings[-1].message


def test_check_example_returns_findings_and_summary() -> None:
    findings, summary = check_example(sft(user()), Kind.SFT, line=8)
    assert [f.code for f in findings] == ["no_assistant_message"]
    assert summary.line == 8 and summary.messages == 1 and summary.tokens > 0


def test_checker_keeps_no_examples() -> None:
    checker = checker_with(20)
    # Only ints are kept: two hash maps (hash -> first line) and arrays of line numbers.
    for mapping in (checker.exact_hashes, checker.norm_hashes):
        assert len(mapping) == 20
        assert all(type(k) is int and type(v) is int for k, v in mapping.items())
