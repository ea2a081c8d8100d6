"""Links (core/links.py, the `invalid-url` rule, the checklist): a `url` becomes a link only
when it is `https:`, `http:`, `mailto:` or `tel:` as a browser reads it; a link carries
`rel="noopener"` in the HTML and is printed in full in the PDF. The rule's own cases are its
fixtures (tests/rules/invalid-url)."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import LINKS, build_clean, fuzz_settings, pwy_string
from pathwaylang.core.links import SCHEMES, link_href, link_problem

TRICKS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "java\nscript:x", "\x01javascript:x", "javascript&colon;alert(1)", "jav&#x09;ascript:x",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "file:///etc/passwd", "//evil.example",
    "/relative/path", "?q=1", "#top", "https:/one-slash", "https:\\\\backslash.example",
    "https://\u200bexample.org", "https://example.org/\u202egpj.exe", "http://[::1]/",
    "https://user@example.org/", "mailto:a@b.example", "tel:+44 1234", "tel:+441234",
    "HTTPS://EXAMPLE.ORG", "https://exa mple.org", "https://example.org/a\"b", "ftp://x.example",
    "https://example.org/{{7*7}}", "https://\u00e9xample.org/\u0175", "blob:https://x.example/1",
    "https://example.org:99999/", "https://example.org:443/", "https://1.2.3.999/",
    "https://10.0.0.1/", "https://[1]/", "https://trusted.example@evil.example/",
]


def _random_candidates(count: int) -> list[str]:
    """Strings near the edge of what may be a link: a scheme-like start, then odd text."""
    rng = random.Random(13)
    starts = ["https:", "http:", "mailto:", "tel:", "javascript:", "HtTpS://", " https://",
              "https:\t//", "", "//", "https://@", "ht\ntps://"]
    pieces = ["example.org", "/", "@", ":", "%", "a", " ", "\t", "\\", "#", "?", "&", "'",
              "\u00a0", "\u2028", "1", "+", "..", "[", "]", "|", "^", "~", "999", "0x",
              ".", "\u00e9", "-", "_"]
    return [rng.choice(starts) + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
            for _ in range(count)]


def test_what_may_be_a_link_is_what_a_browser_reads_as_one(browser_page):
    """Chromium's own URL parser: every `url` core/links.py accepts is, to the browser,
    https:, http:, mailto: or tel: (whatever it would be resolved against)."""
    accepted = [u for u in TRICKS + _random_candidates(3000) if link_href(u) is not None]
    assert len(accepted) > 30
    protocols = browser_page.evaluate(
        "urls => urls.map(u => { try { return new URL(u, 'file:///base/checklist.html')"
        ".protocol } catch (e) { return 'unparsable' } })", accepted)
    wrong = [(u, p) for u, p in zip(accepted, protocols) if p[:-1] not in SCHEMES]
    assert wrong == []


@pytest.mark.parametrize("url", [u for u in TRICKS if u.lower().lstrip().startswith(
    ("java", "data", "vbscript", "file", "//", "/", "?", "#", "blob"))])
def test_no_trick_is_a_link(url):
    assert link_href(url) is None and link_problem(url) is not None


@fuzz_settings(200)
@given(st.text())
def test_any_text_is_a_link_or_has_a_reason(text):
    problem = link_problem(text)
    assert (problem is None) == (link_href(text) == text)
    if problem is not None:
        assert problem.message and problem.hint
    else:
        assert text.split(":", 1)[0].lower() in SCHEMES


# ---- the checklist ------------------------------------------------------------------------

LONG = "https://example.org/" + "evidence_" * 14 + "end.pdf"
"""Wider than the page, with nowhere to break (pdftotext would join a `-` at a line's end)."""
PATHWAY = '''pathway links "Links" {
  owner "Someone"
  levels { universal "Universal services" domain prevention }
  role nurse "Nurse"
  evidence web "Web" { url "WEB" }
  evidence mail "Mail" { url "mailto:team@example.org" }
  evidence phone "Phone" { url "tel:+442920000000" }
  evidence plain "Plain" { url "http://example.org/plain" }
  entry door "A family asks" -> first
  stage first "First" {
    level universal
    lead nurse
    evidence web, mail, phone, plain
    exit to done when "Done"
  }
  outcome done "Done"
}
'''.replace("WEB", LONG)


def test_every_link_is_a_real_link_with_noopener(tmp_path):
    import html5lib

    (tmp_path / "links.pwy").write_text(PATHWAY, encoding="utf-8")
    built = build_clean(tmp_path, "links.pwy")
    urls = [LONG, "mailto:team@example.org", "tel:+442920000000", "http://example.org/plain"]
    pages = sorted(name for name in built if name.endswith(".html"))
    assert "checklist.html" in pages and "leaflet.en.html" in pages
    for name in pages:
        document = html5lib.parse(built[name].decode("utf-8"), namespaceHTMLElements=False)
        external = [a for a in document.iter("a")
                    if not a.get("href", "").startswith(("#", "leaflet"))]
        if name != "checklist.html":
            assert external == [], name  # leaflets show no evidence links
            continue
        links = {a.get("href"): (a.get("rel"), a.text) for a in external}
        assert links == {url: ("noopener", url) for url in urls}
    markdown = built["checklist.md"].decode("utf-8")
    assert all(f"<{url}>" in markdown for url in urls)  # CommonMark autolinks


def test_a_bad_link_stops_the_build(tmp_path):
    from conftest import run_pwy

    (tmp_path / "links.pwy").write_text(PATHWAY.replace("mailto:team@example.org",
                                                        "javascript:x"), encoding="utf-8")
    run = run_pwy("build", "links.pwy", "-o", "out", "--today", "2026-01-01", cwd=tmp_path)
    assert run.returncode == 1 and "error[invalid-url]" in run.stdout + run.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_links_are_printed_in_full_in_the_pdf(tmp_path):
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    from conftest import check_path
    from pathwaylang.emit import checklist
    from pathwaylang.emit.context import BuildContext, BuildOptions

    (tmp_path / "links.pwy").write_text(PATHWAY, encoding="utf-8")
    report = check_path(tmp_path / "links.pwy")
    ctx = BuildContext(program=report.program, subpathways=report.subpathways,
                       options=BuildOptions(render=True))
    pdf = tmp_path / "checklist.pdf"
    pdf.write_bytes(dict(checklist.artefacts(ctx))["checklist.pdf"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    joined = "".join(text.split())  # the long address wraps over lines, none of it cut
    urls = [LONG, "mailto:team@example.org", "tel:+442920000000", "http://example.org/plain"]
    for url in urls:
        assert url in joined, url
    if shutil.which("pdfinfo") is not None:  # and each is a link in the PDF too
        listed = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True,
                                check=True).stdout
        assert {line.split()[-1] for line in listed.splitlines()[1:]} == set(urls)


def test_fuzzed_links_check_clean():
    """The fuzzing's `url`s (tests/fuzzing.py) are links by construction."""

    @fuzz_settings(100)
    @given(LINKS)
    def one(url):
        assert link_problem(url) is None and pwy_string(url).startswith('"')

    one()
