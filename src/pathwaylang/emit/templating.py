"""The one Jinja environment every HTML/Markdown emitter uses: StrictUndefined, autoescaped HTML.

Templates live in `pathwaylang/emit/templates/` and hold no logic beyond loops and printing;
emitters build a small view model in Python first.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2
from markupsafe import Markup


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from pathwaylang.emit.markdown import escape_markdown

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pathwaylang.emit", "templates"),
        undefined=jinja2.StrictUndefined,
        # HTML and SVG templates are escaped; Markdown templates escape with the `md` filter.
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=printable,
    )
    env.filters["md"] = escape_markdown
    return env


# Characters HTML and XML forbid (control characters other than tab and line break, and
# Unicode noncharacters): pasted from Word or a terminal, they would make a page invalid.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def printable(value):
    """Every printed value without the characters HTML and XML forbid (kept `Markup`)."""
    if isinstance(value, str) and _FORBIDDEN.search(value):
        cleaned = _FORBIDDEN.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


_ESCAPED_EXTENSIONS = {"html", "htm", "svg", "xml"}


def _autoescape(name: str | None) -> bool:
    """Escape `x.html` and `x.html.j2` (jinja2.select_autoescape misses the `.j2` names)."""
    if name is None:
        return True
    stem = name.removesuffix(".j2")
    return "." in stem and stem.rsplit(".", 1)[1].lower() in _ESCAPED_EXTENSIONS


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
