"""The one Jinja environment every HTML/Markdown emitter uses: StrictUndefined, autoescaped HTML.

Templates live in `pathwaylang/templates/` and hold no logic beyond loops and printing;
emitters build a small view model in Python first.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pathwaylang", "templates"),
        undefined=jinja2.StrictUndefined,
        # HTML and SVG templates are escaped; Markdown templates escape with the `md` filter.
        autoescape=jinja2.select_autoescape(["html", "htm", "svg", "xml"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
