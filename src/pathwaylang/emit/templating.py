"""The one Jinja environment every HTML/Markdown emitter uses: StrictUndefined, autoescaped HTML.

Templates live in `pathwaylang/emit/templates/` and hold no logic beyond loops and printing;
emitters build a small view model in Python first. Compiled templates are kept as Python
keeps a module's bytecode (`template_cache.py`); `python -m pathwaylang.emit.templating`
compiles them all ahead, as `compileall` does the modules.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from pathwaylang.emit.template_cache import TemplateCache

TEMPLATES = Path(__file__).with_name("templates")
CACHE = TEMPLATES.parent / "__pycache__" / "templates"
"""Where compiled templates are kept (template_cache.py), beside the modules' bytecode."""


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return make_environment(TEMPLATES, TemplateCache(CACHE, Path(__file__)))


def make_environment(folder: Path, cache: TemplateCache | None) -> jinja2.Environment:
    """The environment for the templates in `folder`. Every setting that changes the
    compiled code is in this module, whose text is part of the cache's check."""
    from pathwaylang.emit.markdown import escape_markdown

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=cache,
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


def compile_all() -> list[str]:
    """Compile every template into the cache, whether or not Python writes bytecode (as
    `compileall` does); the names compiled."""
    env = environment()
    env.bytecode_cache.always_write = True
    names = [name for name in env.list_templates()  # the included style sheet and script too
             if not name.startswith(".")]
    for name in names:
        env.get_template(name)
    return names


if __name__ == "__main__":
    print(f"compiled {len(compile_all())} templates", file=sys.stderr)
