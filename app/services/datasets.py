"""Dataset use cases beyond import: edit one example, and the dataset-wide checks and numbers.

Editing re-checks only the edited example; the dataset totals (size, duplicates, context length,
statistics) are rebuilt from the stored per-example numbers, so no other example is parsed again.
"""

from __future__ import annotations

from typing import Any

import orjson
import sqlite_utils

from app.formats.model import Finding, Kind, Record
from app.formats.pipeline import FINDINGS, check_records, findings_from_json, unsigned
from app.formats.prices import PriceTable
from app.formats.stats import DatasetStats, StatsAccumulator
from app.formats.summary import ExampleSummary
from app.formats.text import search_text
from app.formats.validate_dataset import DatasetChecker
from app.i18n import _
from app.store import datasets_repo
from app.store.tx import transaction


def _summary(row: tuple) -> ExampleSummary:
    line, tokens, assistant, turns, images, has_system, has_user, estimated, exact, norm = row
    return ExampleSummary(
        line or 0,
        tokens,
        assistant,
        turns,
        images,
        bool(has_system),
        bool(has_user),
        bool(estimated),
        unsigned(exact),
        unsigned(norm),
    )


def dataset_kind(db: sqlite_utils.Database, dataset_id: int) -> Kind:
    """The kind of a dataset."""
    row = db.conn.execute("SELECT kind FROM datasets WHERE id = ?", (dataset_id,)).fetchone()
    if row is None:
        raise LookupError(_("there is no dataset {id}").format(id=dataset_id))
    return Kind(row[0])


def dataset_totals(
    db: sqlite_utils.Database,
    dataset_id: int,
    *,
    model: str | None = None,
    prices: PriceTable | None = None,
    n_epochs: int | None = None,
    purpose: str = "training",
) -> tuple[list[Finding], DatasetStats]:
    """The dataset-wide findings and statistics, from the stored numbers (no JSON parsed)."""
    kind = dataset_kind(db, dataset_id)
    checker = DatasetChecker(kind, model=model, purpose=purpose)  # type: ignore[arg-type]
    stats = StatsAccumulator(kind, model=model, prices=prices, n_epochs=n_epochs)
    for row in datasets_repo.iter_summaries(db, dataset_id):
        s = _summary(row)
        checker.add(s)
        stats.add(s)
    return checker.finish(), stats.result()


def update_example(
    db: sqlite_utils.Database, example_id: int, data: dict[str, Any], *, model: str | None = None
) -> list[Finding]:
    """Replace one example's content, re-check it alone, commit; returns its findings.

    Runs on the writer thread. The line number kept in findings is the example's original line.
    """
    dataset_id, old_text = datasets_repo.get_example(db, example_id)
    kind = dataset_kind(db, dataset_id)
    line = db.conn.execute("SELECT source_line FROM examples WHERE id = ?", (example_id,)).fetchone()[0]
    result = check_records([Record(line or 0, data)], kind, model)
    row = result.examples[0]
    old_search = search_text(orjson.loads(old_text), kind)
    with transaction(db.conn):
        datasets_repo.replace_example(db, example_id, row, old_search)
        datasets_repo.touch_dataset(db, dataset_id)
    return findings_from_json(row[FINDINGS])
