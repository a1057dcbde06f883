"""Pausing Python's cyclic garbage collector during bulk work.

Bulk imports and dataset summaries create hundreds of thousands of short-lived tuples and no
reference cycles; each of them counts towards the collector's thresholds, and its full passes over
the whole heap held the GIL for 300–900 ms at a time (measured as GUI stalls in
bench/bench_gui_stall.py). Refcounting still frees everything; the collector runs again afterwards.
The pause is process-wide, so overlapping users are counted.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Keep the cyclic collector off while the block runs (nesting and threads are fine)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def tune_for_interactive_use() -> None:
    """Keep pauses of the GUI thread short in a long-running GUI process.

    Everything alive after start-up (modules, widgets, their wrappers) is moved out of the
    collector's view with ``gc.freeze()``, and young collections run less often, so a full pass
    no longer walks the whole heap in the middle of a keystroke (measured: 60–110 ms GUI stalls
    while scrolling 8,000 loaded rows, before).
    """
    gc.collect()
    gc.freeze()
    _, g1, g2 = gc.get_threshold()
    gc.set_threshold(20_000, g1, g2)
    # Worker threads (summaries of 100k examples, imports) hand the GIL back to the GUI thread
    # every 2 ms instead of 5: waits of several slices were seen as 50–80 ms stalls.
    sys.setswitchinterval(0.002)
