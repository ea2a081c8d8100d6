"""algorithm-incomplete: a decision tree with a gap, a loop, an orphan question or a bad goto."""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Label
import networkx as nx

from pathwaylang.analysis.graph import reachable_from, strongly_connected_components
from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.analysis.symbols import KIND_WORDS, gotos_resolved_in

_GOTO_KINDS = ("stage", "outcome")


class AlgorithmIncomplete(Rule):
    """
    ## What it does
    Reports an algorithm (decision tree) that cannot be followed from its first question
    to an answer every time:

    - an algorithm with no questions, or a question with fewer than two answers;
    - an answer with no step (`no ->` and nothing after it);
    - an answer given twice in one question (which step would you take?);
    - a loop: `ask` steps that lead back to a question already asked. The loop is
      reported once, at the step that goes back;
    - a question that no path from the first question (the root) reaches;
    - a `goto` to a name that is defined but is not a stage or an outcome.

    A name used by `goto` that is not defined at all is `undefined-reference`. The
    `goto`s of a library's algorithm are checked in each pathway one of whose stages
    `uses` that algorithm, where they are resolved; not in a pathway that uses the
    library but not the algorithm, nor when the library is checked on its own.

    ## Why it matters
    Algorithms are the small agreed rule sets practitioners follow at the point of
    decision. One with a missing branch, a circle or a question nobody reaches leaves the
    practitioner without an agreed answer, which is what the algorithm was for.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        uses concern_checklist
        exit to supported
      }
      outcome supported "Family supported"
      algorithm concern_checklist "What to do about a concern" {
        ask needs "Does the family need more than your service offers?" {
          yes -> goto first_contact
        }
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        uses concern_checklist
        exit to supported
      }
      outcome supported "Family supported"
      algorithm concern_checklist "What to do about a concern" {
        ask needs "Does the family need more than your service offers?" {
          yes -> goto first_contact
          no  -> do "Carry on supporting the family in your own service"
        }
      }
    }
    ```
    """

    name = "algorithm-incomplete"

    def check(self, ctx: RuleContext):
        resolved = gotos_resolved_in(ctx.program)
        for file in ctx.program.files():
            for algorithm in file.algorithms:
                yield from self._algorithm(ctx, algorithm, resolved(algorithm))

    def _algorithm(self, ctx: RuleContext, algorithm: m.Algorithm, resolve_gotos: bool):
        if not algorithm.questions:
            yield self.finding(f"algorithm `{algorithm.id.value}` has no questions",
                               algorithm.id.span,
                               hint="add `ask ID \"Question?\" { yes -> ... no -> ... }`")
            return
        for question in algorithm.questions:
            yield from self._answers(question)
            if resolve_gotos:
                yield from self._gotos(ctx, question)
        tree = _question_graph(algorithm)
        yield from self._loops(algorithm, tree)
        yield from self._unreached(algorithm, tree)

    def _answers(self, question: m.Question):
        count = len(question.answers)
        if count < 2:
            yield self.finding(
                f"question `{question.id.value}` has {'only one answer' if count else 'no answers'}",
                question.id.span,
                hint="a question needs at least two answers, such as `yes -> ...` and "
                     "`no -> ...`, each with its step")
        seen: dict[str, m.Answer] = {}
        for answer in question.answers:
            if answer.step is None:
                yield self.finding(
                    f"answer `{answer.answer.value}` to question `{question.id.value}` leads "
                    "nowhere", answer.span,
                    hint=f"write what happens: `{answer.answer.value} -> ask QUESTION`, "
                         f"`{answer.answer.value} -> do \"...\"` or "
                         f"`{answer.answer.value} -> goto STAGE`")
            first = seen.setdefault(answer.answer.value, answer)
            if first is not answer:
                yield self.finding(
                    f"answer `{answer.answer.value}` is given twice in question "
                    f"`{question.id.value}`", answer.answer.span,
                    hint="give each answer once, with the one step it leads to",
                    labels=[Label(first.answer.span, "first given here")])

    def _gotos(self, ctx: RuleContext, question: m.Question):
        for answer in question.answers:
            step = answer.step
            if step is None or step.kind != "goto":
                continue
            definitions = ctx.symbols.by_name.get(step.target.value, [])
            # Undefined is undefined-reference's finding; a name that is also a stage or an
            # outcome is defined twice, which is duplicate-definition's.
            if not definitions or any(d.kind in _GOTO_KINDS for d in definitions):
                continue
            definition = definitions[0]
            close = ctx.symbols.suggest(step.target.value, _GOTO_KINDS)
            yield self.finding(
                f"`goto {step.target.value}`: `{step.target.value}` is "
                f"{KIND_WORDS[definition.kind]}, but a `goto` must lead to a stage or an outcome",
                step.target.span,
                hint=f"did you mean `{close}`?" if close else
                "name the stage or outcome this answer leads to",
                labels=[Label(definition.name.span, f"`{step.target.value}` is defined here")])

    def _loops(self, algorithm: m.Algorithm, tree: nx.DiGraph):
        order = {q.id.value: i for i, q in reversed(list(enumerate(algorithm.questions)))}
        for component in strongly_connected_components(tree):
            first = next(iter(component))
            if len(component) == 1 and not tree.has_edge(first, first):
                continue
            # The step that goes back to a question at or before its own: one exists in
            # every loop, and it is where the author most likely meant something else.
            back = min((data["step"] for source, target, data in tree.edges(component, data=True)
                        if target in component and order[target] <= order[source]),
                       key=lambda step: (step.span.line, step.span.column))
            names = [f"`{n}`" for n in sorted(component, key=order.__getitem__)]
            where = f"asks `{names[0][1:-1]}` again" if len(names) == 1 else \
                f"can go round {', '.join(names[:-1])} and {names[-1]} for ever"
            yield self.finding(
                f"`ask {back.target.value}` goes back to a question already asked: algorithm "
                f"`{algorithm.id.value}` {where}", back.span,
                hint="every path through an algorithm must end in `do \"...\"` or `goto`")

    def _unreached(self, algorithm: m.Algorithm, tree: nx.DiGraph):
        root = algorithm.questions[0].id.value
        reached = reachable_from(tree, [root])
        listed = set()
        for question in algorithm.questions:
            name = question.id.value
            if name in reached or name in listed:
                continue
            listed.add(name)
            yield self.finding(
                f"question `{name}` is never asked: no answer from the first question "
                f"`{root}` leads to it", question.id.span,
                hint=f"add `ANSWER -> ask {name}` to the question that should lead here, or "
                     "remove it")


def _question_graph(algorithm: m.Algorithm) -> nx.DiGraph:
    """Questions, with an edge for each `ask` step (to questions that exist)."""
    tree = nx.DiGraph()
    for question in algorithm.questions:
        tree.add_node(question.id.value)
    for question in algorithm.questions:
        for answer in question.answers:
            step = answer.step
            if step is not None and step.kind == "ask" and step.target.value in tree \
                    and not tree.has_edge(question.id.value, step.target.value):
                tree.add_edge(question.id.value, step.target.value, step=step)
    return tree
