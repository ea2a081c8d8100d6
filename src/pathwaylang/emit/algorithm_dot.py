"""Graphviz DOT text of an algorithm's decision tree (a pure function): questions as diamonds,
answers on the edges in the order written, `do` actions and `goto` targets as terminals.
Pathway text goes through `dot.html_text`, as on the map."""

from __future__ import annotations

from pathwaylang import model as m
from pathwaylang.emit.dot import FONT, dot_id, html_lines, html_text, quoted
from pathwaylang.emit.map_view import one_line, wrap


QUESTION_WIDTH = 26
STEP_WIDTH = 22
ANSWER_WIDTH = 18
SPACE = "&#160;"
"""After "Do:" and "Go to:": Graphviz drops a plain space between a bold piece and the text."""


def answer_words(answer: str) -> str:
    """An answer's name as words: `baby_or_under_five` is "Baby or under five"."""
    words = answer.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else answer


def algorithm_dot(algorithm: m.Algorithm, titles: dict[str, str]) -> str:
    """A decision tree: questions as diamonds, answers on the edges, `do` actions and
    `goto` targets as terminals. `titles` gives stage and outcome titles by id."""
    lines = [
        f"digraph algorithm__{algorithm.id.value} {{",
        f"  graph [rankdir=TB, ordering=out, nodesep=0.15, ranksep=0.25, fontname={quoted(FONT)}, "
        f"fontsize=13, pad=0.3, labelloc=t, labeljust=l, "
        f'id="algorithm-{algorithm.id.value}", '
        f"label=<<B>{html_lines(wrap(algorithm.title.value, 70))}</B>>];",
        f"  node [fontname={quoted(FONT)}, fontsize=11];",
        f'  edge [fontname={quoted(FONT)}, fontsize=11, color="#333333"];',
    ]
    known = {q.id.value for q in algorithm.questions}
    for question in algorithm.questions:
        lines.append(f"  {dot_id('question', question.id.value)} [shape=hexagon, "
                     f'style="filled", fillcolor="#eef4fb", color="#1f5fa8", margin="0.04,0.04", '
                     f'id="question-{question.id.value}", '
                     f"label=<{html_lines(wrap(question.text.value, QUESTION_WIDTH))}>];")
    for question in algorithm.questions:
        for index, answer in enumerate(question.answers):
            lines += _answer_statements(question, index, answer, known, titles)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _answer_statements(question: m.Question, index: int, answer: m.Answer, known: set[str],
                       titles: dict[str, str]) -> list[str]:
    source = dot_id("question", question.id.value)
    label = f"label=<<B>{html_lines(wrap(answer_words(answer.answer.value), ANSWER_WIDTH))}</B>>"
    edge_id = f'id="answer-{question.id.value}-{index}"'
    step = answer.step
    if step.kind == "ask" and step.target is not None and step.target.value in known:
        return [f"  {source} -> {dot_id('question', step.target.value)} [{label}, {edge_id}];"]
    terminal = f"{dot_id('step', question.id.value)}__{index}"
    kind, shape, text = _terminal(step, titles)
    return [f'  {terminal} [{shape}, margin="0.14,0.08", '
            f'id="{kind}-{question.id.value}-{index}", label=<{text}>];',
            f"  {source} -> {terminal} [{label}, {edge_id}];"]


def _terminal(step: m.Step, titles: dict[str, str]) -> tuple[str, str, str]:
    """The kind, DOT shape attributes and label of the node an answer ends at."""
    if step.kind == "do" and step.action is not None:
        return ("action", 'shape=box, style="rounded,filled", fillcolor="#fff1c9", '
                'color="#8a6d1f"',
                f"<B>Do:</B>{SPACE}{html_lines(wrap(step.action.value, STEP_WIDTH))}")
    if step.kind == "goto" and step.target is not None:
        title = titles.get(step.target.value, step.target.value)
        return ("goto", 'shape=cds, style="filled", fillcolor="#e3efdc", color="#4d7c3a"',
                f"<B>Go to:</B>{SPACE}{html_lines(wrap(title, STEP_WIDTH))}")
    target = step.target.value if step.target else "?"
    return ("missing", 'shape=box, style="dashed"',
            f"<B>Ask:</B> {html_text(target)} (no such question)")


def algorithm_titles(program: m.Program) -> dict[str, str]:
    """Stage and outcome titles by id, for `goto` terminals."""
    items = list(program.root.stages) + list(program.root.outcomes)
    return {item.id.value: one_line(item.title.value) for item in items}
