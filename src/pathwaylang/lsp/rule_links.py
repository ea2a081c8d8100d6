"""Each rule's page as a file an editor can open: the link of a finding's rule name.

The pages are written from the rules themselves (authoring/rule_pages.py, as `pwy explain`
prints them) into a cache folder, once per version, so the link works whether pathwaylang
runs from a checkout or from an installed wheel that has no `docs/`.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pathwaylang import __version__
from pathwaylang.rules import rule_named


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pathwaylang" / __version__ / "rules"


@lru_cache(maxsize=None)
def rule_page(rule: str) -> Path | None:
    """The rule's page on disk (written now if it is not there yet), or None for a name no
    rule has (`internal-error`) or a cache that cannot be written."""
    from pathwaylang.authoring import rule_pages

    found = rule_named(rule)
    if found is None:
        return None
    text = rule_pages.markdown(found)
    path = cache_folder() / f"{rule}.md"
    try:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{rule}.", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
    except OSError:
        return None
    return path


def rule_page_uri(rule: str) -> str | None:
    path = rule_page(rule)
    return path.as_uri() if path is not None else None
