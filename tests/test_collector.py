"""The garbage collector's settings while checking (collector.py)."""

from __future__ import annotations

import gc

import pytest

from pathwaylang.analysis.collector import COLLECTOR_THRESHOLDS, fewer_collections, relax_collector


@pytest.fixture
def thresholds():
    earlier = gc.get_threshold()
    yield
    gc.set_threshold(*earlier)


def test_a_check_relaxes_the_collector_then_puts_it_back(thresholds):
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_in_a_pwy_process_nothing_changes_after_a_check(thresholds):
    """`pwy` relaxes the collector once at start, so the end of a check does not bring back
    Python's thresholds (and with them a full collection of the model)."""
    relax_collector()
    with fewer_collections():
        pass
    assert gc.get_threshold() == COLLECTOR_THRESHOLDS


def test_higher_thresholds_are_kept(thresholds):
    gc.set_threshold(500_000, 10, 1_000)
    with fewer_collections():
        assert gc.get_threshold() == (500_000, 50, 1_000)
