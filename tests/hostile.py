"""A corpus of hostile strings, and a pathway (with a subpathway) that puts one in every title,
label, description and criterion the process map shows. It checks without errors, so the
whole `pwy build` path runs on it. Used by test_emit_escaping.py and test_mermaid_browser.py.
"""

from __future__ import annotations

from pathlib import Path

NASTY = [
    'He said "stop" and left',
    "back\\slash \\N \\G \\L \\E \\T \\H \\\\ double \\",
    "{braces} [brackets] (parens) |pipes|",
    "<b>bold</b> & <i>italic</i> &amp; &lt; &#60; &#x3C;",
    '"]; node [shape=box, color=red]; x [label="',
    "</title><script>alert(1)</script>",
    '%%{init: {"theme": "forest"}}%%',
    "first line\nclick st_s0 call alert(1)",
    "end",
    "line one\nline two\n\nafter a blank line",
    "Dŵr ŷd \u2014 Welsh ŵ ŷ and Ŵ Ŷ",
    "#quot; #35; #60;script#62; entity look-alikes",
    "A---oB --> C -.-> D ==> E ; F",
    "style st_s1 fill:#f00,stroke:#f00",
    "<!-- comment --> ]]> <![CDATA[ x ]]>",
    "%% comment-like\n%%{wrap}%%",
    "tab\there and 'single' quotes",
    "`backticks` *stars* _underscores_ $dollars$",
    "subgraph end classDef class linkStyle",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1) <a href='javascript:alert(1)'>x</a>",
    "a long criterion " * 12,
]
"""Strings that break DOT, SVG, HTML or Mermaid when put in unescaped."""

SCRIPT_MARKERS = ("<script", "onerror=", "javascript:")


def pwy_string(text: str) -> str:
    """`text` as a `.pwy` string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def nasty(index: int) -> str:
    return NASTY[index % len(NASTY)]


def hostile_pathway() -> str:
    """A pathway whose every shown text is a hostile string."""
    s = pwy_string
    count = len(NASTY)
    lines = [
        f"pathway hostile {s(nasty(0))} {{",
        "  version \"1.0.0\"",
        "  status approved",
        "  developed 2020-01-02",
        "  review 2099-01-01",
        "  levels {",
        f"    low {s(nasty(1))} domain prevention",
        f"    middle {s(nasty(2))} domain protection",
        f"    high {s(nasty(3))} domain remedial",
        "  }",
        f"  agency agency_a {s(nasty(4))}",
        f"  role worker {s(nasty(5))} at agency_a",
        f"  entry door_a {s(nasty(6))} -> s0",
        f"  entry door_b {s(nasty(7))} -> s0",
        f"  subpathway sub {s(nasty(8))} {{ file \"hostile-sub.pwy\" rejoin s3 }}",
    ]
    for k in range(count):
        level = "middle" if k % 5 == 4 else "low"
        target = f"s{k + 1}" if k + 1 < count else "done"
        lines += [
            f"  stage s{k} {s(nasty(k))} {{",
            f"    level {level}",
            "    lead worker",
            f"    entry when {s(nasty(k + 3))}",
            "    timescale 2 weeks",
            f"    exit to {target} when {s(nasty(k + 1))}",
        ]
        if k % 4 == 0:
            lines.append(f"    step up to peak when {s(nasty(k + 5))}")
        if k == 2:
            lines.append(f"    refer to sub when {s(nasty(k + 9))}")
        if k == 0:
            lines.append("    uses checks")
        lines.append("  }")
    lines += [
        f"  stage peak {s(nasty(10))} {{",
        "    level high",
        "    lead worker",
        f"    entry when {s(nasty(11))}",
        f"    step down to s1 when {s(nasty(12))}",
        f"    step down to s5 when {s(nasty(13))}",
        f"    exit to gone when {s(nasty(9))}",
        "  }",
        f"  outcome done {s(nasty(14))} {{ level low }}",
        f"  outcome gone {s(nasty(15))}",
        f"  algorithm checks {s(nasty(16))} {{",
        f"    ask first {s(nasty(17))} {{",
        f"      yes -> do {s(nasty(18))}",
        "      no -> ask second",
        "    }",
        f"    ask second {s(nasty(19))} {{",
        "      yes -> goto s0",
        "      no -> goto gone",
        f"      unsure -> do {s(nasty(20))}",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def hostile_subpathway() -> str:
    s = pwy_string
    return "\n".join([
        f"pathway hostile_sub {s(nasty(21))} {{",
        "  levels { only \"Only level\" domain prevention }",
        "  role helper \"Helper\"",
        "  entry in_a \"Way in\" -> help",
        "  entry in_b \"Another way in\" -> help",
        "  stage help \"Help\" {",
        "    level only",
        "    lead helper",
        "    entry when \"Asked\"",
        "    exit to over when \"Done\"",
        "  }",
        "  outcome over \"Over\" { level only }",
        "}",
    ]) + "\n"


def write_hostile(folder: Path) -> Path:
    """Write the hostile pathway and its subpathway into `folder`; the pathway's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile-sub.pwy").write_text(hostile_subpathway(), encoding="utf-8")
    path = folder / "hostile.pwy"
    path.write_text(hostile_pathway(), encoding="utf-8")
    return path
