"""Every family leaflet, rendered in a real browser (Debian's headless Chromium via Playwright).

For each example (and the spec fixture, and a pathway of hostile text), each one-language
leaflet and the bilingual one in every layout, on A4 and A5, laid out at the printed
width with print styles: no block overflows its box or the page, text is at least 12 pt,
line height 1.5, at most 70 characters a line, one typeface, no italics or capitals,
left-aligned, contrast at least 4.5:1, every step title present in each language, every
icon drawn and labelled, Welsh before English, and the printed page count within the
limit, both Chromium's print and the PDF that `pwy build` writes (WeasyPrint).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import REPO, check_path
from pathwaylang.emit.context import BuildContext, BuildOptions
from pathwaylang.emit import leaflet
from pathwaylang.icons import ALT_TEXT
from leaflet_samples import hostile_family_pathway

FIXTURE = REPO / "tests" / "fixtures" / "valid-spec-complete.pwy"
EXAMPLES = {path.stem: path for path in sorted((REPO / "examples").glob("*.pwy"))}
SOURCES = {"valid-spec-complete": FIXTURE, **EXAMPLES}
# Printable width in CSS pixels (paper less the page margins) and the paper width.
PRINTABLE = {"A4": 680, "A5": 476}
MAX_CHARS = 70


def context(path: Path, layout: str, paper: str, render: bool = False) -> BuildContext:
    report = check_path(path.resolve())
    assert not report.has_errors, [d.message for d in report.diagnostics]
    return BuildContext(program=report.program, subpathways=report.subpathways,
                        options=BuildOptions(bilingual=layout, paper=paper, render=render),
                        diagnostics=report.diagnostics)


@lru_cache(maxsize=None)
def documents(source: str, layout: str, paper: str) -> dict[str, tuple[str, list[str], dict]]:
    """stem -> (HTML, languages, expected titles per language) for one build's options."""
    path = SOURCES[source] if source in SOURCES else Path(source)
    ctx = context(path, layout, paper)
    out = {}
    for stem, html, languages in leaflet.documents(ctx):
        view = leaflet.leaflet_view(ctx, languages, layout)
        titles = {lang: [s.words[lang].title for s in view.all_steps] for lang in languages}
        icons = {lang: [s.icon for s in view.all_steps] for lang in languages}
        out[stem] = (html, languages, {"titles": titles, "icons": icons,
                                       "limit": leaflet.max_pages(ctx) * len(languages)})
    return out


def cases():
    for source in SOURCES:
        yield source, "columns", "A4", "booklet.cy"
        yield source, "columns", "A4", "booklet.en"
        for layout in ("columns", "blocks", "separate"):
            yield source, layout, "A4", "booklet"
        yield source, "columns", "A5", "booklet"
        yield source, "blocks", "A5", "booklet.cy"


CASES = [pytest.param(*case, id="-".join(case)) for case in cases()]

# Everything measured in one pass in the page; Python asserts on the result.
MEASURE = r"""
() => {
  const out = {overflow: [], small: [], lineHeight: [], italic: [], caps: [], align: [],
               contrast: [], longLines: [], fonts: [], titles: [], icons: [], order: []};
  const describe = (el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const rgba = (text) => {
    const m = text.match(/[\d.]+/g).map(Number);
    return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.overflow.push('page ' + doc.scrollWidth + ' > ' + doc.clientWidth);
  const fonts = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') || el.closest('.sr')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none') continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      out.overflow.push(describe(el) + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && (rect.right > doc.clientWidth + 1 || rect.left < -1))
      out.overflow.push(describe(el) + ' leaves the page at ' + rect.left + '..' + rect.right);
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    const size = parseFloat(cs.fontSize);
    if (size < 16 - 0.01) out.small.push(describe(el) + ' ' + size + 'px');
    const lineHeight = cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight);
    if (!el.closest('.num') && lineHeight / size < 1.25 - 0.01)
      out.lineHeight.push(describe(el) + ' ' + cs.lineHeight);
    if (['p', 'dd', 'li', 'span', 'a'].includes(el.tagName.toLowerCase()) && !el.closest('.num')
        && !el.closest('h1, h2, h3') && lineHeight / size < 1.5 - 0.01)
      out.lineHeight.push(describe(el) + ' body ' + cs.lineHeight);
    if (cs.fontStyle !== 'normal') out.italic.push(describe(el));
    if (cs.textTransform !== 'none' || cs.fontVariantCaps !== 'normal') out.caps.push(describe(el));
    if (!el.closest('.num') && !['left', 'start'].includes(cs.textAlign)) out.align.push(describe(el) + ' ' + cs.textAlign);
    fonts.add(cs.fontFamily);
    const fg = rgba(cs.color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) out.contrast.push(describe(el) + ' ' + ratio.toFixed(2));
  }
  out.fonts = [...fonts];
  // Characters per printed line: group the characters of each text block by line.
  for (const el of document.body.querySelectorAll('p, dd, dt, h1, h2, h3, .stop-title')) {
    const lines = new Map();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.sr')) continue;
      const range = document.createRange();
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        const key = Math.round(r.top);
        lines.set(key, (lines.get(key) || '') + node.data[i]);
      }
    }
    for (const line of lines.values()) {
      if (line.trim().length > MAX_CHARS) out.longLines.push(line.trim().length + ': ' + line.trim());
    }
  }
  for (const h of document.querySelectorAll('h2.step-title')) {
    const r = h.getBoundingClientRect();
    out.titles.push({lang: h.closest('[lang]').getAttribute('lang'), text: h.textContent.replace(/\s+/g, ' ').trim(),
                     visible: r.width > 0 && r.height > 0});
  }
  for (const svg of document.querySelectorAll('svg.icon')) {
    const r = svg.getBoundingClientRect();
    const box = svg.getBBox();
    let label = svg.getAttribute('aria-label');
    const ids = svg.getAttribute('aria-labelledby');
    if (ids) label = ids.split(' ').map(id => {
      const e = document.getElementById(id);
      return e ? e.getAttribute('lang') + '=' + e.textContent.trim() : 'missing ' + id; }).join('|');
    out.icons.push({name: svg.dataset.icon, width: r.width, height: r.height, drawn: box.width * box.height,
                    shapes: svg.querySelectorAll('path, circle, rect, ellipse, line, polyline, polygon').length,
                    hidden: svg.getAttribute('aria-hidden') === 'true', label: label,
                    lang: svg.closest('[lang]').getAttribute('lang'),
                    besideWords: !!(svg.closest('li') && svg.closest('li').querySelector('.stop-title'))});
  }
  const rectOf = (sel, root) => { const e = (root || document).querySelector(sel); return e ? e.getBoundingClientRect() : null; };
  for (const step of document.querySelectorAll('article.step')) {
    const cy = rectOf('.words[lang="cy"]', step), en = rectOf('.words[lang="en"]', step);
    if (cy && en) out.order.push({cyLeft: cy.left, enLeft: en.left, cyTop: cy.top, enTop: en.top, cyBottom: cy.bottom});
  }
  const vcy = rectOf('#version-cy'), ven = rectOf('#version-en');
  if (vcy && ven) out.order.push({versionCy: vcy.top, versionEn: ven.top});
  const h1 = document.querySelector('h1');
  out.firstHeadingLang = h1.closest('[lang]').getAttribute('lang');
  return out;
}
""".replace("MAX_CHARS", str(MAX_CHARS))


def chromium_pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        return int(re.search(rb"Pages:\s+(\d+)", result.stdout).group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize("source, layout, paper, stem", CASES)
def test_leaflet_in_chromium(browser_page, source, layout, paper, stem):
    html, languages, expected = documents(source, layout, paper)[stem]
    check_in_chromium(browser_page, html, languages, expected, layout, paper)


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("nasty") / "nasty.pwy"
    path.write_text(hostile_family_pathway(), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("layout, paper, stem", [
    ("columns", "A4", "booklet.cy"), ("columns", "A4", "booklet"), ("columns", "A5", "booklet"),
    ("blocks", "A5", "booklet"),
])
def test_hostile_text_fits_in_chromium(browser_page, hostile_path, layout, paper, stem):
    """Long unbroken words, markup-like text and every hostile string still fit their boxes."""
    html, languages, expected = documents(hostile_path, layout, paper)[stem]
    check_in_chromium(browser_page, html, languages, expected, layout, paper)


def check_in_chromium(page, html: str, languages: list[str], expected: dict, layout: str,
                      paper: str) -> None:
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINTABLE[paper], "height": 1000})
    page.set_content(html)
    got = page.evaluate(MEASURE)

    for problem in ("overflow", "small", "lineHeight", "italic", "caps", "align", "contrast",
                    "longLines"):
        assert got[problem] == [], (problem, got[problem][:5])
    assert len(got["fonts"]) == 1 and "Liberation Sans" in got["fonts"][0]

    # Every step title, in each language, visible.
    shown: dict[str, list[str]] = {}
    for title in got["titles"]:
        assert title["visible"], title
        shown.setdefault(title["lang"], []).append(title["text"])
    for lang in languages:
        texts = shown.get(lang, [])
        assert len(texts) == len(expected["titles"][lang])
        for text, title in zip(texts, expected["titles"][lang]):
            assert text.endswith(" ".join(title.split())), (lang, text, title)

    # Every icon drawn, and labelled in its language (or decorative beside its words).
    icons = got["icons"]
    copies = 2 * (len(languages) if layout == "separate" and len(languages) > 1 else 1)
    assert len(icons) == copies * len(expected["icons"][languages[0]])
    for icon in icons:
        assert icon["width"] >= 40 and icon["height"] >= 40 and icon["drawn"] > 100, icon
        assert icon["shapes"] > 0, icon
        if icon["hidden"]:
            assert icon["besideWords"], icon
        elif "=" in (icon["label"] or ""):  # bilingual: labelled by one text per language
            parts = dict(part.split("=", 1) for part in icon["label"].split("|"))
            assert list(parts) == languages
            assert all(parts[lang] == ALT_TEXT[icon["name"]][lang] for lang in languages)
        else:
            assert icon["label"] == ALT_TEXT[icon["name"]].get(icon["lang"],
                                                               ALT_TEXT[icon["name"]]["en"])

    # Welsh first.
    if "cy" in languages and len(languages) > 1:
        assert got["firstHeadingLang"] == "cy"
        assert got["order"], "no bilingual blocks found"
        for place in got["order"]:
            if "versionCy" in place:
                assert place["versionCy"] < place["versionEn"]
            elif layout == "columns":
                assert place["cyLeft"] < place["enLeft"] and abs(place["cyTop"] - place["enTop"]) < 2
            else:
                assert place["cyBottom"] <= place["enTop"] + 1

    # The printed page count.
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert 1 <= chromium_pages(pdf) <= expected["limit"]


# ---- the PDFs that `pwy build` writes -----------------------------------------------------------


def _built_pdf(task: tuple[str, str]) -> tuple[int, str | None]:
    """(pages, text) of one leaflet PDF as `pwy build` writes it (default options)."""
    from pathwaylang.emit.pdf import html_to_pdf_pages

    source, stem = task
    ctx = context(SOURCES[source], "columns", "A4", render=True)
    html = next(html for name, html, _ in leaflet.documents(ctx) if name == stem)
    pdf, pages = html_to_pdf_pages(html, leaflet.produced_date(ctx))
    if not shutil.which("pdftotext"):
        return pages, None
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return pages, " ".join(result.stdout.decode("utf-8").split())


STEMS = ("booklet", "booklet.cy", "booklet.en")


@pytest.fixture(scope="module")
def built_pdfs():
    """Every example's leaflet PDFs, two at a time (WeasyPrint is the slow part)."""
    tasks = [(source, stem) for source in sorted(EXAMPLES) for stem in STEMS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip(tasks, pool.map(_built_pdf, tasks)))


@pytest.mark.parametrize("source", sorted(EXAMPLES))
def test_built_pdfs_fit_their_pages_and_keep_every_title(built_pdfs, source):
    ctx = context(SOURCES[source], "columns", "A4")
    limit = leaflet.max_pages(ctx)
    for stem in STEMS:
        pages, _ = built_pdfs[(source, stem)]
        allowed = limit * (2 if stem == "booklet" else 1)
        assert 2 <= pages <= allowed, (stem, pages, allowed)
    for lang in ("cy", "en"):
        _, text = built_pdfs[(source, f"booklet.{lang}")]
        if text is None:
            pytest.skip("pdftotext is not installed (poppler-utils)")
        view = leaflet.leaflet_view(ctx, [lang])
        for step in view.all_steps:
            assert " ".join(step.words[lang].title.split()) in text, (lang, step.id)
