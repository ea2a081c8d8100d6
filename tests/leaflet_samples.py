"""Pathway texts for the leaflet tests: one language only, and hostile family text."""

from __future__ import annotations

from hostile import NASTY, pwy_string

ONE_LANGUAGE = '''\
pathway solo "Solo" {
  levels { low "Low" domain prevention  high "High" domain protection }
  role worker "Worker"
  entry a "A" -> first
  entry b "B" -> first
  stage first "First" {
    level low
    lead worker
    entry when "Asked"
    timescale 3 weeks
    exit to done when "Done"
    family { title "Meeting us" text "We talk." icon meeting }
  }
  outcome done "Done" { family { title "The end" text "You are done." } }
}
'''


def hostile_family_pathway() -> str:
    s = pwy_string
    lines = [
        f"pathway nasty {s(NASTY[5])} {{",
        f"  authority {s(NASTY[20])}",
        '  version "1.0"',
        "  developed 2020-01-02",
        "  review 2030-01-02",
        "  languages cy, en",
        '  levels { low "Low" domain prevention  high "High" domain protection }',
        '  role worker "Worker"',
        '  entry a "A" -> s0',
        '  entry b "B" -> s0',
    ]
    count = len(NASTY)
    for k in range(count):
        target = f"s{k + 1}" if k + 1 < count else "done"
        lines += [
            f"  stage s{k} {s(NASTY[k])} {{",
            "    level low",
            "    lead worker",
            '    entry when "Asked"',
            "    timescale 2 weeks",
            f"    exit to {target} when \"Next\"",
            f"    family {{ title {s(NASTY[k])} text {s(NASTY[(k + 1) % count])}"
            f" asked {s(NASTY[(k + 2) % count])} contact {s(NASTY[(k + 3) % count])} icon star }}",
            f"    family en {{ title {s(NASTY[(k + 4) % count])} text {s('x' * 300)} }}",
            "  }",
        ]
    lines += ['  outcome done "Done" { family { title "The end" } family en { title "End" } }', "}"]
    return "\n".join(lines) + "\n"
