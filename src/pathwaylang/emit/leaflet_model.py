"""The leaflet's view model: steps with their icons and per-language words, and print measures.

Built by `emit/leaflet.py`; the templates `leaflet*.html.j2` only loop over it and print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from pathwaylang.icons import icon_svg

# Print measures per paper (the stylesheet prints them; it makes no choices of its own).
PAPER_METRICS = {
    "A4": {"margin": "15mm 15mm 17mm", "padding": "15mm", "width": "210mm",
           "pair_half_gap": "4mm", "strip_columns": 4, "stop_width": "24.9%",
           "gutter": "24mm", "words_left": "29mm", "icon": "22mm", "step_min_height": "38mm",
           "band_icon": "16mm"},
    "A5": {"margin": "11mm 11mm 14mm", "padding": "11mm", "width": "148mm",
           "pair_half_gap": "2.5mm", "strip_columns": 3, "stop_width": "33.2%",
           "gutter": "17mm", "words_left": "20mm", "icon": "16mm", "step_min_height": "30mm",
           "band_icon": "13mm"},
}


# ---- the view model -----------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    number: int
    text: str
    """"Step 4: Your first meeting", in the leaflet's language."""


@dataclass
class StepWords:
    """One step in one language."""

    lang: str
    label: str
    title: str
    icon_alt: str
    missing: str | None = None
    """Shown when the pathway has no family words for this step in this language."""
    paragraphs: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    contact: list[str] = field(default_factory=list)
    timescale: str | None = None
    consent: list[str] = field(default_factory=list)
    next: list[Link] = field(default_factory=list)
    harder: list[Link] = field(default_factory=list)
    easier: list[Link] = field(default_factory=list)
    summary: str | None = None
    """The step in a line or two, for the front-door leaflet and the poster."""

    def texts(self) -> list[str]:
        """Everything a family reads in this step (for the glossary and reading scores)."""
        return [self.title, *([self.missing] if self.missing else []), *self.paragraphs,
                *self.asked, *self.contact, *self.consent]


@dataclass
class Step:
    number: int
    id: str
    kind: str
    icon: str
    """The built-in icon's name."""
    words: dict[str, StepWords]

    def svg(self, lang: str) -> Markup:
        return icon_markup(self.icon, self.words[lang].icon_alt)

    def decorative(self) -> Markup:
        """The icon beside words that already say the same (the journey strip)."""
        return icon_markup(self.icon, None, css_class="icon")

    def image(self, langs: list[str] | None = None, css_class: str = "icon") -> Markup:
        """The icon as an image with its alt text in `langs` (all by default): a tagged PDF
        keeps an image's alt text, which it drops for inline SVG."""
        alts = [self.words[lang].icon_alt for lang in (langs or list(self.words))]
        return icon_image(self.icon, " / ".join(dict.fromkeys(alts)), css_class)

    @property
    def css_class(self) -> str:
        return "stop end" if self.kind == "outcome" else "stop"

    def picture(self) -> Markup:
        """The icon for the step's gutter, labelled by the step's per-language alt texts."""
        ids = " ".join(f"icon-{self.number}-{lang}" for lang in self.words)
        return icon_markup(self.icon, None, labelledby=ids)


@dataclass
class GlossaryItem:
    term: str
    explanation: str


@dataclass
class LanguageView:
    """A leaflet language: its interface words (English stand-ins when `fallback`)."""

    code: str
    words_lang: str
    fallback: bool
    t: dict[str, str]
    """The catalogue's fixed words (headings, labels)."""
    from_line: str | None
    glossary: list[GlossaryItem]
    footer: list[tuple[str, str]]
    other_versions: list[tuple[str, str, str]]
    """(language, "also available in ..." in that language, link) per other leaflet: its
    file, or its place in the same document for the `separate` layout."""
    anchor: str = ""
    """Prefix of this language's ids (`cy-`) when several versions share one document."""
    pathway_title: str | None = None
    """The pathway's title in this language (`family LANG { title }` in the header)."""

    @property
    def tag(self) -> str:
        """The language as HTML's `lang` wants it: `en_GB` is `en-GB`."""
        return self.code.replace("_", "-")


class FamilyDocument:
    """What every family artefact's view (booklet, front-door leaflet, poster) says of its
    languages: the first is read first."""

    languages: list[LanguageView]

    @property
    def html_lang(self) -> str:
        return self.languages[0].tag

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1


@dataclass
class Leaflet(FamilyDocument):
    languages: list[LanguageView]
    steps: list[Step]
    ends: list[Step]
    paper: str
    layout: str
    title: str
    """The document's title: the leaflet title in each language."""
    mark: str | None = None
    """DRAFT / DRAFFT on every page when the pathway is not approved."""

    @property
    def titles_apart(self) -> bool:
        """Parallel columns put both titles in one row above the words, so that the Welsh
        and English of a step always start side by side, even at a page break."""
        return self.layout == "columns"

    @property
    def group_class(self) -> str:
        """How the languages of one block sit: side by side, or one above the other."""
        return "pair" if self.layout == "columns" else "stacked"

    @property
    def metrics(self) -> dict:
        return PAPER_METRICS[self.paper]

    @property
    def all_steps(self) -> list[Step]:
        return self.steps + self.ends


# ---- icons ------------------------------------------------------------------------

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SVG_TITLE = re.compile(r"\s*<title>.*?</title>", re.S)
_VIEWBOX = re.compile(r'viewBox="([0-9. ]+)"')


def icon_markup(name: str, alt: str | None, labelledby: str | None = None,
                css_class: str = "icon") -> Markup:
    """A built-in icon inline, its title and label in the leaflet's language.

    With `alt` None and no `labelledby` the picture is decorative (its words are beside it).
    """
    source = icon_svg(name)
    viewbox = _VIEWBOX.search(source).group(1)
    body = _SVG_TITLE.sub("", _SVG_OPEN.sub("", source, count=1), count=1)
    attrs = [f'class="{css_class}"', f'viewBox="{viewbox}"', f'data-icon="{name}"']
    if alt is not None:
        attrs += ['role="img"', f'aria-label="{escape(alt)}"']
        body = f"<title>{escape(alt)}</title>" + body
    elif labelledby is not None:
        attrs += ['role="img"', f'aria-labelledby="{escape(labelledby)}"']
    else:
        attrs.append('aria-hidden="true"')
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" {" ".join(attrs)}>{body}')


def icon_image(name: str, alt: str, css_class: str = "icon") -> Markup:
    """A built-in icon as `<img>` (a data: URI) with its alt text; `alt=""` is decorative."""
    import base64

    data = base64.b64encode(icon_svg(name).encode("utf-8")).decode("ascii")
    return Markup(f'<img class="{css_class}" src="data:image/svg+xml;base64,{data}" '
                  f'alt="{escape(alt)}" data-icon="{name}">')
