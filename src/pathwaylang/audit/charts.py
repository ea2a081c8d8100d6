"""Chart view models for the HTML report: Pareto bars (largest first, with the cumulative
share), stage bars and indicator intervals, as coordinates the template draws in SVG.

A count under the disclosure threshold is drawn as a hatched bar as long as the threshold
and labelled "fewer than N"; the cumulative line is left out when any bar is hidden (it
would give the hidden counts away).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from pathwaylang.audit.reports import shown_count

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, TOP = 640, 18, 6, 250, 26
LABEL_CHARACTERS = 40


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    x: float
    y: float
    width: float
    hidden: bool
    """Under the threshold: drawn hatched, its length not its count."""


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: float
    cumulative: str
    """SVG polyline points of the cumulative share, or "" when not drawn."""
    cumulative_labels: list[tuple[float, float, str]]
    note: str


def pareto(title: str, counts: dict[str, int], labels: dict[str, str], threshold: int,
           what: str = "variance rows") -> Chart:
    """Bars largest first; `what` the bars count, in words, for the chart's note."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    total = sum(counts.values()) or 1
    span = WIDTH - LABEL_WIDTH - 130
    most = max([max(n, threshold) for _, n in ordered] or [1])
    bars, points, marks, running = [], [], [], 0
    for row, (key, count) in enumerate(ordered):
        hidden = count < threshold
        y = TOP + row * (BAR_HEIGHT + GAP)
        length = span * (threshold if hidden else count) / most
        bars.append(Bar(_short(labels.get(key, key)), shown_count(count, threshold), LABEL_WIDTH, y,
                        round(length, 1), hidden))
        running += count
        px = LABEL_WIDTH + span * running / total
        points.append(f"{px:.1f},{y + BAR_HEIGHT / 2:.1f}")
        marks.append((WIDTH - 4, round(y + BAR_HEIGHT / 2 + 4, 1),
                      f"{100 * running / total:.0f}%"))
    any_hidden = any(b.hidden for b in bars)
    note = ("The cumulative line is not drawn: some counts are under "
            f"{threshold}, and it would show them." if any_hidden and bars else
            f"The line is the running share of all {what}." if bars else
            f"No {what} were recorded.")
    return Chart(title, bars, TOP + len(bars) * (BAR_HEIGHT + GAP) + 10,
                 "" if any_hidden else " ".join(points), [] if any_hidden else marks, note)


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    said: str
    """The value and interval in words, or why it is not shown."""
    value_x: float | None
    low_x: float | None
    high_x: float | None
    target_x: float | None
    met: bool | None


SCALE_LEFT, SCALE_WIDTH = 10, 300


def _x(share: float | None) -> float | None:
    return None if share is None else round(SCALE_LEFT + SCALE_WIDTH * share, 1)


def indicator_rows(items: list[dict], threshold: int, hidden) -> list[IndicatorRow]:
    rows = []
    for item in items:
        target = item.get("target")
        if not item["computable"]:
            rows.append(IndicatorRow(item["name"], _code("Not computable: " + item["reason"]), None,
                                     None, None, None, None))
        elif hidden(item, threshold):
            rows.append(IndicatorRow(item["name"], f"Not shown: a count under {threshold}",
                                     None, None, None, _x(target), None))
        else:
            low, high = item["interval"]
            said = (f"{item['value'] * 100:.1f}% (95% interval {low * 100:.1f}% to "
                    f"{high * 100:.1f}%), {item['numerator']} of {item['denominator']}")
            if target is not None:
                said += f"; target {target * 100:.0f}%"
            rows.append(IndicatorRow(item["name"], said, _x(item["value"]), _x(low), _x(high),
                                     _x(target), item["met"]))
    return rows


def _code(text: str) -> Markup:
    """Text with `backticked` words set as code, everything escaped."""
    parts = str(escape(text)).split("`")
    return Markup("".join(f"<code>{part}</code>" if index % 2 else part
                          for index, part in enumerate(parts)))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[:LABEL_CHARACTERS - 1] + "…"
