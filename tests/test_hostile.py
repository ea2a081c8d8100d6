"""Hostile text in every text field of a pathway, through every artefact of `pwy build`.

The corpus (`fuzzing.HOSTILE`: HTML and JavaScript, DOT attribute injection, Mermaid
directives and click handlers, Markdown links and images, Jinja delimiters, right-to-left
overrides, control characters, a 3,000-letter word) goes into titles, criteria, actions,
consent, guidance, family text, evidence names, sources and URLs, indicator names and
measures, variance meanings, algorithm questions and `do` steps, authority, owner and
version. Then each artefact must keep it as text:

- HTML parses with html5lib (strictly: no parse errors), has no element, attribute or URL
  that the pathway's text made (no `<script>`, no `on*=`, no `javascript:`), and shows the
  hostile strings as text;
- SVG parses as XML, with no script, event handler or `javascript:` link;
- DOT re-parses with `dot -Tcanon`; Mermaid parses and renders in the real Mermaid library
  with nothing clickable (tests/test_mermaid_browser.py's helper);
- Markdown rendered by markdown-it-py holds no link, image or HTML from the text;
- pathway.json gives the strings back exactly; PDFs are PDFs.
A NUL byte cannot get in at all: it makes the file unreadable, with a finding.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from fuzzing import HOSTILE, build_clean, pwy_string, run_check
from pathwaylang.emit.templating import printable
from test_mermaid_browser import mermaid_page, render  # noqa: F401  (the browser fixture)

MARKERS = ("alert(1)", "javascript:", "onerror", "onload", "x.invalid", "7*7", "forest",
           "securityLevel")
"""Pieces of the corpus that must never turn into markup, a link or a directive."""


HOSTILE_LINK = "https://example.org/it's?a='b'&amp;c=%22%3E#'x=y'"
"""A `url` that may be a link (core/links.py), with quotes and entities that must stay
inside its `href`; the corpus's `javascript:` links are `invalid-url` errors."""


def hostile_pathway() -> str:
    """A clean pathway (no errors) whose every text field holds the next corpus string."""
    corpus = itertools.cycle(HOSTILE)
    s = lambda: pwy_string(next(corpus))  # noqa: E731
    return "\n".join([
        f"pathway hostile {s()} {{",
        f"  authority {s()}", f"  version {s()}", "  status draft",
        "  developed 2020-01-02", "  review 2099-01-01", f"  owner {s()}",
        "  languages en, cy", "  ages 0 to 18",
        "  levels {", f"    low {s()} domain prevention", f"    high {s()} domain protection",
        "  }",
        f"  agency council {s()}", f"  role worker {s()} at council", f"  role nurse {s()}",
        f"  evidence ev {s()} {{ ages 0 to 25 source {s()} url {pwy_string(HOSTILE_LINK)} }}",
        f"  entry door_a {s()} -> first", f"  entry door_b {s()} -> first",
        *itertools.chain.from_iterable(_stage(s, i) for i in range(4)),
        f"  outcome done {s()} {{", "    level low", *_family(s), "  }",
        f"  algorithm decide {s()} {{",
        f"    ask first_q {s()} {{", f"      yes -> do {s()}", "      no -> ask second_q",
        "    }",
        f"    ask second_q {s()} {{", "      yes -> goto first", "      no -> goto done",
        f"      unsure -> do {s()}", "    }", "  }",
        f"  indicator measured {s()} {{ measure {s()} target 80% at first }}",
        "  variance {", f"    F {s()}", f"    P {s()}", f"    S {s()}", "  }",
        "}",
    ]) + "\n"


def _stage(s, i: int) -> list[str]:
    ident = ["first", "second", "third", "fourth"][i]
    level = "high" if i == 2 else "low"
    onward = ["step up to third", "exit to done", "step down to second", "exit to done"][i]
    lines = [f"  stage {ident} {s()} {{", f"    level {level}", "    lead worker",
             "    with nurse", f"    entry when {s()}", f"    exclude when {s()}",
             f"    consent {s()}", f"    action {s()} by lead within 2 weeks",
             f"    action {s()} by family", "    timescale 4 weeks", "    uses decide",
             "    evidence ev", f"    guidance {s()}", f"    {onward} when {s()}"]
    if i == 0:
        lines.append(f"    exit to fourth when {s()}")
    return lines + _family(s) + ["  }"]


def _family(s) -> list[str]:
    return [f"    family {{ title {s()} text {s()} asked {s()} contact {s()} icon star }}",
            f"    family cy {{ title {s()} text {s()} asked {s()} contact {s()} }}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    """Every text artefact, and the process map drawn by Graphviz (SVG, PDF, PNG). The
    checklist and leaflet PDFs are left to test_builds.py and the leaflet tests: WeasyPrint
    takes a minute over this corpus, and a PDF shows no markup."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.pwy").write_text(hostile_pathway(), encoding="utf-8")
    outcome = run_check(folder, "hostile.pwy", (folder / "hostile.pwy").read_bytes())
    assert outcome.exit_code == 0, outcome.output
    artefacts = build_clean(folder, "hostile.pwy", render=False)
    if shutil.which("dot") is not None:
        artefacts.update(_drawn_map(folder))
    return artefacts


def _drawn_map(folder: Path) -> dict[str, bytes]:
    from pathwaylang.emit.context import BuildContext, BuildOptions
    from pathwaylang.analysis.checker import Checker, CheckOptions
    from pathwaylang.emit import process_map

    report = Checker(CheckOptions(root=folder)).check_file(folder / "hostile.pwy")
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions())
    return {name: content if isinstance(content, bytes) else content.encode("utf-8")
            for name, content in process_map.artefacts(ctx)}


def of_kind(built: dict[str, bytes], *suffixes: str) -> dict[str, str]:
    found = {name: content.decode("utf-8") for name, content in built.items()
             if name.endswith(suffixes)}
    assert found, f"no {suffixes} artefact was built"
    return found


def test_every_field_holds_hostile_text():
    text = hostile_pathway()
    assert text.count('"') > 2 * 90  # every text field is quoted corpus text
    assert all(pwy_string(h) in text for h in HOSTILE)


def test_json_gives_the_text_back_exactly(built):
    document = json.loads(built["pathway.json"])
    strings = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            strings.add(value)

    walk(document)
    assert set(HOSTILE) <= strings


# ---- HTML ---------------------------------------------------------------------------------


def _attributes(element):
    for name, value in element.attrib.items():
        yield name.split("}")[-1].lower(), value


def test_html_parses_strictly_and_is_inert(built):
    for name, html in of_kind(built, ".html").items():
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        document = parser.parse(html)  # raises on any parse error
        for element in document.iter():
            tag = str(element.tag).split("}")[-1].lower()
            if tag == "script":
                assert not any(m in (element.text or "") for m in MARKERS), name
            for attribute, value in _attributes(element):
                assert not attribute.startswith("on"), f"{name}: <{tag} {attribute}=...>"
                assert not value.strip().lower().startswith("javascript:"), f"{name}: {value}"
            assert tag not in ("iframe", "object", "embed"), name
        shown = "".join(document.itertext())
        assert any(h.split("\n")[0] in shown for h in HOSTILE if len(h) < 200), name


def test_html_shows_the_corpus_as_text(built):
    html = of_kind(built, "checklist.html")["checklist.html"]
    shown = "".join(html5lib.parse(html, namespaceHTMLElements=False).itertext())
    for text in HOSTILE:
        # Control characters (vertical tab, escape, bell...) are dropped: HTML forbids them.
        first_line = printable(text).split("\n")[0].strip()
        if first_line and len(first_line) < 200:
            assert first_line in shown or first_line in " ".join(shown.split()), text


# ---- SVG, DOT, Mermaid ----------------------------------------------------------------------


def test_svg_is_xml_without_script(built):
    if not any(name.endswith(".svg") for name in built):
        pytest.skip("Graphviz is not installed: no SVG was drawn")
    for name, svg in of_kind(built, ".svg").items():
        root = ET.fromstring(svg)
        for element in root.iter():
            tag = str(element.tag).split("}")[-1].lower()
            assert tag not in ("script", "foreignobject", "iframe"), f"{name}: <{tag}>"
            for attribute, value in _attributes(element):
                assert not attribute.startswith("on"), f"{name}: {attribute}"
                if attribute == "href":
                    assert not value.strip().lower().startswith("javascript:"), name


def test_dot_reparses(built):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    for name, dot in of_kind(built, ".dot").items():
        done = subprocess.run(["dot", "-Tcanon"], input=dot, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert "javascript:" not in re.sub(r'label=(?:"(?:[^"\\]|\\.)*"|<[^\n]*>)', "",
                                           done.stdout), name


def test_mermaid_parses_with_nothing_clickable(built, mermaid_page):
    for name, text in of_kind(built, ".mmd").items():
        result = render(mermaid_page, text)
        assert result["error"] is None, f"{name}: {result['error']}"
        assert result["scripts"] == 0 and result["clickable"] == 0, name
        assert "#cde498" not in result["styles"].lower()  # no `forest` theme from the text


# ---- Markdown, PDF --------------------------------------------------------------------------


def _tokens(tokens):
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def test_markdown_renders_the_corpus_as_text(built):
    for name, markdown in of_kind(built, ".md").items():
        tokens = list(_tokens(MarkdownIt("commonmark").parse(markdown)))
        for token in tokens:
            if token.type in ("link_open", "image"):
                href = token.attrGet("href") or token.attrGet("src") or ""
                assert not any(m in href for m in MARKERS), f"{name}: {token.type} {href}"
            if token.type in ("html_inline", "html_block"):
                assert not any(m in token.content for m in MARKERS + ("<script", "<img")), \
                    f"{name}: {token.content!r}"
        rendered = MarkdownIt("commonmark").render(markdown)
        assert "<script>" not in rendered and "onerror" not in rendered.replace("onerror=alert(1)&gt;", ""), name


def test_pdfs_are_pdfs(built):
    pdfs = {name: content for name, content in built.items() if name.endswith(".pdf")}
    if not pdfs:
        pytest.skip("rendering is off: Graphviz is not installed")
    for name, content in pdfs.items():
        assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF"), name


def test_a_nul_byte_cannot_get_in(tmp_path):
    text = hostile_pathway().replace("<script>", "<scr\x00ipt>", 1)
    outcome = run_check(tmp_path, "nul.pwy", text.encode("utf-8"))
    assert outcome.exit_code == 2 and "NUL byte" in outcome.output
