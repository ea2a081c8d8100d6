"""How often the cyclic garbage collector runs while `pwy` checks files.

Parsing and lowering make hundreds of thousands of short-lived objects, none in cycles
(reference counting frees them); the collector's passes over them were 40% of a large
check's time (docs/performance.md).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

COLLECTOR_THRESHOLDS = (100_000, 50, 100)
"""The cyclic garbage collector's thresholds while checking (Python's own: 700, 10, 10)."""


def relax_collector() -> None:
    """For the whole of a short-lived `pwy` process: the collector as `fewer_collections`
    sets it, so that putting the thresholds back after a check does not set off a full
    collection of the model just before the process ends (mypy sets its thresholds once
    at the start too)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


@contextmanager
def fewer_collections():
    """Run the cyclic garbage collector less often while checking. Parsing and lowering make
    hundreds of thousands of short-lived objects, none in cycles (reference counting frees
    them), and the collector's passes over them were 40% of a large check's time
    (docs/performance.md). The earlier thresholds come back afterwards."""
    earlier = gc.get_threshold()
    gc.set_threshold(*(max(now, relaxed) for now, relaxed in zip(earlier, COLLECTOR_THRESHOLDS)))
    try:
        yield
    finally:
        gc.set_threshold(*earlier)
