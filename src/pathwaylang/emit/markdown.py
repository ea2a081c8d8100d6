"""Markdown escaping: pathway text printed into Markdown stays text, never markup.

`escape_markdown` is the `md` filter of the shared Jinja environment (Markdown templates
are not autoescaped). It makes one line of inline text (line breaks become spaces, so a
value can sit in a heading, a list item or a table cell) and backslash-escapes every
character that could start markup in CommonMark, GitHub Flavored Markdown (tables,
strikethrough, autolinks) or the Liquid templating some wikis run first (`{{ }}`, `{% %}`).
"""

from __future__ import annotations

import re

# Inline markup anywhere in a line: emphasis, code, links, images, raw HTML and entities,
# table cells, strikethrough, Liquid tags (`{{`, `{%`, `%}`: a backslash between the two
# characters breaks them). One pass, so the backslashes it adds are not escaped again.
_INLINE_RE = re.compile(r"[\\`*_\[\]<>|&~{}]|!(?=\[)|(?<=\{)%|%(?=\})")
# Block markers that count only at the start of a line: headings, quotes, bullets,
# setext underlines and thematic breaks; then ordered-list numbers (`1. `, `1)`, not `1.2`).
_BLOCK_MARKER_RE = re.compile(r"^[#>+\-=]")
_ORDERED_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")
_SPACE_RE = re.compile(r"\s+")


def escape_markdown(value: object) -> str:
    """`value` as one line of Markdown that renders as exactly its text."""
    text = _SPACE_RE.sub(" ", str(value)).strip()
    text = _INLINE_RE.sub(lambda match: "\\" + match.group(0), text)
    text = _BLOCK_MARKER_RE.sub(lambda match: "\\" + match.group(0), text)
    return _ORDERED_RE.sub(r"\1\\\2", text)
