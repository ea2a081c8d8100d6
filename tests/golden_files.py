"""Golden files: the one way a test compares an output with the file stored for it.

`PWY_UPDATE_GOLDEN=1 pytest` rewrites the stored files (read the diff in review). Without
it, a missing golden file fails: a new output never passes by being compared with itself.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE_GOLDEN = os.environ.get("PWY_UPDATE_GOLDEN") == "1"
HOW_TO_UPDATE = "run PWY_UPDATE_GOLDEN=1 pytest and read the diff"


def assert_golden(golden: Path, actual: str | bytes) -> None:
    """`actual` is exactly the stored `golden` file (text compared as UTF-8)."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.is_file(), f"no golden file {golden}: {HOW_TO_UPDATE}"
    assert data == golden.read_bytes(), f"{golden} differs: if the change is meant, {HOW_TO_UPDATE}"


def assert_golden_folder(folder: Path, pattern: str, made: dict[str, str | bytes]) -> None:
    """The stored files in `folder` matching `pattern` are exactly `made`, name for name."""
    if UPDATE_GOLDEN:
        for stale in folder.glob(pattern):
            if stale.relative_to(folder).as_posix() not in made:
                stale.unlink()
    for name, content in sorted(made.items()):
        assert_golden(folder / name, content)
    stored = {p.relative_to(folder).as_posix() for p in folder.glob(pattern)}
    assert stored == set(made), f"golden files left over in {folder}: {sorted(stored - set(made))}"
