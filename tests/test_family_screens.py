"""Every family HTML artefact (front-door leaflet, booklet, poster; each language and
bilingual) on a phone (390 px) and a desktop (1200 px), in real Chromium: no sideways
scrolling, no word broken across lines, one or two tiles a row on the phone, and the
bilingual blocks stacked Welsh first below 600 px."""

from __future__ import annotations

from functools import lru_cache

import pytest

from pathwaylang.emit import leaflet
from test_leaflet import EXAMPLES, build_ctx

WIDTHS = (390, 1200)

MEASURE = r"""
() => {
  const doc = document.documentElement;
  const out = {scroll: doc.scrollWidth, client: doc.clientWidth, broken: [], rows: [],
               stacked: []};
  // A word is broken when its letters sit on more than one line.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('.sr, svg, title, style') || el.offsetParent === null) continue;
    const text = node.textContent;
    const re = /[^\s\u00a0\u2010-]+/g;  // a line may end after a hyphen
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length < 2 || /^https?:/.test(m[0])) continue;  // a web address may wrap
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                           .map(r => Math.round(r.top)));
      if (tops.size > 1) out.broken.push(m[0]);
    }
  }
  // Tiles a row: the most tiles sharing one top in any list of tiles.
  for (const list of document.querySelectorAll('ol.strip, ol.tiles, ol.route, ul.start')) {
    const tops = {};
    for (const li of list.children) {
      const top = Math.round(li.getBoundingClientRect().top);
      tops[top] = (tops[top] || 0) + 1;
    }
    out.rows.push(Math.max(0, ...Object.values(tops)));
  }
  // Bilingual blocks: is the English below the Welsh?
  for (const group of document.querySelectorAll('.pair, .stacked')) {
    const cy = group.querySelector(':scope > [lang^="cy"]');
    const en = group.querySelector(':scope > [lang^="en"]');
    if (!cy || !en) continue;
    const a = cy.getBoundingClientRect(), b = en.getBoundingClientRect();
    if (a.height === 0 || b.height === 0) continue;
    out.stacked.push(b.top >= a.bottom - 1);
  }
  return out;
}
"""


@lru_cache(maxsize=None)
def pages(name: str) -> dict[str, str]:
    ctx = build_ctx(EXAMPLES[name])
    return {file: text for file, text in leaflet.artefacts(ctx) if file.endswith(".html")}


CASES = [(name, file, width) for name in sorted(EXAMPLES)
         for file in ("leaflet.html", "leaflet.en.html", "booklet.html", "booklet.cy.html",
                      "poster.html", "poster.cy.html")
         for width in WIDTHS]


@pytest.mark.parametrize("name, file, width", CASES,
                         ids=[f"{n}-{f}-{w}" for n, f, w in CASES])
def test_family_page_on_a_screen(browser_page, name, file, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(media="screen")
    page.set_content(pages(name)[file])
    got = page.evaluate(MEASURE)
    assert got["scroll"] <= got["client"], (file, width, got["scroll"], got["client"])
    assert got["broken"] == [], (file, width, got["broken"][:8])
    if width == 390:
        assert got["rows"] and max(got["rows"]) <= 2, (file, got["rows"])
        assert all(got["stacked"]), "Welsh above English on a phone"
