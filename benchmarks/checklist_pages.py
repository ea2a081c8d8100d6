"""How long the practitioner checklist is, and how full its pages are, for each example.

Builds each example (`pwy build`, which makes checklist.pdf) or reads the checklist PDFs
given, then prints per checklist: the total number of A4 pages; the pages the stages take, from
the first stage's heading to the section after the last, per stage on average; the pages
each stage touches (from its "Stage N:" heading to the next stage's); and every page less
than 40% used that does not end its section (the issue's limits: at most 2 pages per stage
on average, no such page).

A page's use is how far down its body (between the running header and footer) anything is
drawn, text or the lines of an empty box, measured on the page rendered by pdftoppm.

    .venv/bin/python benchmarks/checklist_pages.py                  # build the three examples
    .venv/bin/python benchmarks/checklist_pages.py out/*/checklist.pdf
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
PWY = Path(sys.executable).parent / "pwy"
MM = 72 / 25.4
HEADER_MM = {"portrait": 30.0, "landscape": 24.0}
"""The print CSS's top page margins, which hold the running header (checklist.css)."""
FOOTER_MM = {"portrait": 18.0, "landscape": 14.0}
LOW_USE = 0.40
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_STAGE = re.compile(r"^Stage (\d+)\b")
_HEADING = re.compile(r"(?m)^Stage (\d+): ")
SUBHEADINGS = ("Decision rules used",)


@dataclass
class Page:
    number: int
    opening: str
    """The first words of the page's body."""
    use: float
    section: str = ""
    ends_section: bool = False


@dataclass
class Checklist:
    name: str
    pages: list[Page]
    stage_pages: dict[str, int] = field(default_factory=dict)
    """The pages each stage touches (a page shared by two stages counts for both)."""
    stage_span: int = 0
    """The pages from the first stage's to the section after the last stage."""

    @property
    def low_pages(self) -> list[Page]:
        return [p for p in self.pages if p.use < LOW_USE and not p.ends_section]


def measure(pdf: Path, headings: list[str]) -> Checklist:
    """Pages of `pdf`, each with its opening words, its use and its section."""
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    uses = _page_uses(pdf)
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(words), 1):
        turn = "landscape" if float(width) > float(height) else "portrait"
        top, bottom = HEADER_MM[turn] * MM, float(height) - FOOTER_MM[turn] * MM
        text = [html.unescape(w) for y, w in _WORD.findall(body) if top < float(y) < bottom]
        pages.append(Page(number, " ".join(text[:12]), uses[number - 1]))
    section = "front"
    for page in pages:
        opened = _opened_section(page.opening, headings)
        if opened is not None:
            section = opened
        page.section = section
    for page, following in zip(pages, pages[1:]):
        page.ends_section = following.section != page.section or \
            _opened_section(following.opening, headings) is not None
    pages[-1].ends_section = True
    checklist = Checklist(pdf.parent.name, pages)
    _attribute_stages(checklist, pdf, headings)
    return checklist


def _attribute_stages(checklist: Checklist, pdf: Path, headings: list[str]) -> None:
    """The pages each stage touches, from the page its heading is on to the page before the
    next stage's (that page too, when the next stage starts part-way down it); and the pages
    all the stages take, from the first stage's page to the section after them."""
    texts = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    starts: dict[int, int] = {}
    for number, text in enumerate(texts, 1):
        for found in _HEADING.finditer(text):
            starts.setdefault(int(found.group(1)), number)
    if not starts:
        return
    order = sorted(starts)
    after = next((p.number for p in checklist.pages if p.number > starts[order[-1]]
                  and _opened_section(p.opening, headings) is not None
                  and not _STAGE.match(_opened_section(p.opening, headings))),
                 len(checklist.pages) + 1)
    for stage, following in zip(order, order[1:] + [None]):
        if following is None:
            last = after - 1
        else:
            opening = checklist.pages[starts[following] - 1].opening
            last = starts[following] - (1 if opening.startswith(f"Stage {following}:") else 0)
        checklist.stage_pages[f"Stage {stage}"] = last - starts[stage] + 1
    checklist.stage_span = after - starts[order[0]]


def _opened_section(opening: str, headings: list[str]) -> str | None:
    """The section heading (h2) the page opens with, if it opens one; not a subheading (h3)
    whose words begin the same way ("Decision rules used" in a stage)."""
    squashed = re.sub(r"\s+", " ", opening)
    if any(squashed.startswith(sub[:40]) for sub in SUBHEADINGS):
        return None
    for heading in headings:
        if squashed.startswith(heading[:40]):
            stage = _STAGE.match(heading)
            return f"Stage {stage.group(1)}" if stage else heading
    return None


def _page_uses(pdf: Path) -> list[float]:
    """For each page, how far down its body anything is drawn (0 to 1)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), f"{tmp}/p"], check=True)
        uses = []
        for image_path in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem[2:])):
            image = Image.open(image_path)
            width, height = image.size
            turn = "landscape" if width > height else "portrait"
            scale = height / ((210 if turn == "landscape" else 297) * MM)
            top = int(HEADER_MM[turn] * MM * scale)
            bottom = int(height - FOOTER_MM[turn] * MM * scale)
            pixels = image.load()
            lowest = top
            for y in range(bottom - 1, top, -1):
                if any(pixels[x, y] < 200 for x in range(width)):
                    lowest = y
                    break
            uses.append((lowest - top) / (bottom - top))
        return uses


def _headings(html_path: Path) -> list[str]:
    """The checklist's h2 headings, as text: the sections that may open a page."""
    source = html_path.read_text(encoding="utf-8")
    found = re.findall(r"<h2[^>]*>(.*?)</h2>", source, re.DOTALL)
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", h))).strip() for h in found]


def _build_examples(out: Path) -> list[Path]:
    pdfs = []
    for example in sorted((REPO / "examples").glob("*.pwy")):
        target = out / example.stem
        subprocess.run([str(PWY), "build", str(example), "-o", str(target), "--today",
                        "2026-01-01"], check=True, capture_output=True)
        pdfs.extend(sorted(target.glob("*/checklist.pdf")))
    return pdfs


def report(checklist: Checklist) -> None:
    stages = checklist.stage_pages
    total, count = len(checklist.pages), max(len(stages), 1)
    print(f"{checklist.name}: {total} pages, {len(stages)} stages; the stages take "
          f"{checklist.stage_span} pages ({checklist.stage_span / count:.2f} per stage); "
          f"all pages / stages {total / count:.2f}")
    print("  pages each stage touches: "
          + ", ".join(f"{k.split()[1]}:{v}" for k, v in stages.items()))
    low = checklist.low_pages
    every = [p.number for p in checklist.pages if p.use < LOW_USE]
    print(f"  pages under {LOW_USE:.0%} used: {len(every)} {every}; not at a section's end: {len(low)}"
          + ("" if not low else " (" + ", ".join(
              f"p{p.number} {p.use:.0%} {p.section}" for p in low) + ")"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = args.pdfs or _build_examples(Path(tmp))
        for pdf in pdfs:
            report(measure(pdf, _headings(pdf.with_suffix(".html"))))


if __name__ == "__main__":
    main()
