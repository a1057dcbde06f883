"""What the Validation and Statistics panels show for one dataset, read from stored columns.

Per-example findings were stored when each example was checked; dataset-wide findings and the
numbers are rebuilt from the per-example columns (no JSON is parsed), so this stays fast at 100k.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app.formats.model import Finding
from app.formats.pipeline import findings_from_json
from app.formats.prices import PriceTable
from app.formats.stats import DatasetStats
from app.runtime.gc_pause import gc_paused
from app.services.datasets import dataset_totals


@dataclass(frozen=True)
class Bin:
    """One bar of a histogram: values in [low, high)."""

    low: int
    high: int
    count: int


@dataclass(frozen=True)
class ExampleFinding:
    """A finding of one example, with the example it belongs to (so the panel can jump to it)."""

    example_id: int
    finding: Finding


@dataclass(frozen=True)
class DatasetOverview:
    """Findings and numbers of a dataset for a chosen base model."""

    example_findings: list[ExampleFinding]
    dataset_findings: list[Finding]
    stats: DatasetStats
    tokens_histogram: list[Bin]
    turns_histogram: list[Bin]
    examples_with_findings: int = 0  # all of them; ``example_findings`` holds at most the first N


def histogram(values: list[int], bins: int = 24) -> list[Bin]:
    """Equal-width bins over the values' range (one bin per value when the range is small)."""
    if not values:
        return []
    lo, hi = min(values), max(values)
    span = hi - lo + 1
    width = max(1, -(-span // bins))  # ceiling division
    counts = [0] * (-(-span // width))
    for v in values:
        counts[(v - lo) // width] += 1
    return [Bin(lo + i * width, lo + (i + 1) * width, c) for i, c in enumerate(counts)]


def dataset_overview(
    db: sqlite_utils.Database,
    dataset_id: int,
    *,
    model: str | None = None,
    prices: PriceTable | None = None,
    n_epochs: int | None = None,
    max_example_findings: int = 2000,
) -> DatasetOverview:
    """Everything both panels need, in one read (runs on a reader thread)."""
    with gc_paused():
        return _overview(db, dataset_id, model, prices, n_epochs, max_example_findings)


def _overview(
    db: sqlite_utils.Database,
    dataset_id: int,
    model: str | None,
    prices: PriceTable | None,
    n_epochs: int | None,
    max_example_findings: int,
) -> DatasetOverview:
    example_findings: list[ExampleFinding] = []
    for ex_id, text in db.conn.execute(
        "SELECT id, findings FROM examples WHERE dataset_id = ? AND findings != '' ORDER BY position LIMIT ?",
        (dataset_id, max_example_findings),
    ):
        example_findings.extend(ExampleFinding(ex_id, f) for f in findings_from_json(text))
    findings, stats = dataset_totals(db, dataset_id, model=model, prices=prices, n_epochs=n_epochs)
    tokens, turns = [], []
    for t, n in db.conn.execute("SELECT tokens, turns FROM examples WHERE dataset_id = ?", (dataset_id,)):
        tokens.append(t)
        turns.append(n)
    flagged = db.conn.execute(
        "SELECT COUNT(*) FROM examples WHERE dataset_id = ? AND findings != ''", (dataset_id,)
    ).fetchone()[0]
    return DatasetOverview(
        example_findings, findings, stats, histogram(tokens), histogram(turns, bins=12), flagged
    )


def overview_of_file(
    path: str, dataset_id: int, model: str | None, prices: dict | None, n_epochs: int | None = None
) -> DatasetOverview:
    """``dataset_overview`` in a worker process, on its own read-only connection.

    Summarising 100k examples reads every row (~170 MB) and builds 100k small objects; done in the
    app's process that held the GIL long enough to stall the GUI (measured), so it runs elsewhere.
    """
    from app.store.project_file import connect

    db = connect(Path(path), readonly=True)
    try:
        table = PriceTable.from_dict(prices) if prices else None
        return dataset_overview(db, dataset_id, model=model, prices=table, n_epochs=n_epochs)
    finally:
        db.close()


def example_at_line(db: sqlite_utils.Database, dataset_id: int, line: int) -> int | None:
    """The example imported from ``line`` of the source file (for "jump to line" in a report)."""
    row = db.conn.execute(
        "SELECT id FROM examples WHERE dataset_id = ? AND source_line = ?", (dataset_id, line)
    ).fetchone()
    return row[0] if row else None
