"""dead-end: a stage with no transitions, or a loop from which no outcome can be reached."""


import networkx as nx

from pathwaylang.core.diagnostics import Label
from pathwaylang.core.wording import join_words
from pathwaylang.analysis.graph import nodes_of_kind, reaching, sink_components
from pathwaylang.rules.base import Rule, RuleContext

_NAMED = 6
"""How many members of a trapped loop the message names before `and N more`."""
_LABELLED = 3
"""How many other members get a label of their own."""


class DeadEnd(Rule):
    """
    ## What it does
    Reports where a family's journey stops before an outcome:

    - a stage with no transitions at all;
    - a loop of stages (or one stage leading back to itself) with no route out to an
      outcome. The loop is reported once, at the member written first, naming its
      members (six of them, and how many more).

    Outcomes are the ends of a pathway. A subpathway continues at its `rejoin` stage.
    A stage that cannot reach an outcome only because every route from it runs into a
    reported dead end is not reported again: put the dead end right and it is fixed too.
    Nor is a dead end whose cause is another rule's finding: a transition to a name that
    is not defined, or is not a stage, outcome or subpathway (`undefined-reference`), or a
    subpathway without a `rejoin` (`subpathway-unconnected`).

    ## Why it matters
    A family who reaches a dead end is stuck: nobody has agreed what happens next, so
    the case drifts. Every route through a pathway should finish at an outcome.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to review when "Support has started"
      }
      stage review "Review" {
        level universal
        lead health_visitor
        exit to first_contact when "New worries"
      }
      outcome supported "Family supported"
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
        exit to review when "Support has started"
      }
      stage review "Review" {
        level universal
        lead health_visitor
        exit to first_contact when "New worries"
        exit to supported when "The family's needs are met"
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "dead-end"

    def check(self, ctx: RuleContext):
        graph = ctx.graph
        outcomes = nodes_of_kind(graph, "outcome")
        finishing = reaching(graph, outcomes)
        stuck = [n for n, kind in graph.nodes(data="kind")
                 if kind in ("stage", "subpathway") and n not in finishing]
        # Nothing stuck leads anywhere but to stuck nodes, so the sinks of the condensation
        # are exactly the places where a route stops: one finding each.
        for members in sink_components(graph.subgraph(stuck)):
            yield from self._sink(graph, sorted(members, key=lambda n: _place(graph, n)),
                                  bool(outcomes))

    def _sink(self, graph: nx.MultiDiGraph, members: list[str], has_outcomes: bool):
        if any(_has_unresolved_transition(graph, n) for n in members):
            return  # undefined-reference reports the missing target, the likely way out
        first = members[0]
        data = graph.nodes[first]
        if len(members) == 1 and not graph.has_edge(first, first):
            if data["kind"] == "stage":  # a subpathway with no rejoin: subpathway-unconnected
                yield self.finding(
                    f"stage `{first}` has no transitions: families who reach it have nowhere "
                    "to go", data["node"].id.span, hint=_hint(has_outcomes, ""))
            return
        yield self.finding(_loop_message(members), data["node"].id.span,
                           hint=_hint(has_outcomes, " from it" if len(members) == 1
                                      else " from one of them"),
                           labels=[Label(graph.nodes[n]["node"].id.span, "part of the loop")
                                   for n in members[1:1 + _LABELLED]])


def _place(graph: nx.MultiDiGraph, node: str) -> tuple[int, int]:
    span = graph.nodes[node]["node"].id.span
    return span.line, span.column


def _has_unresolved_transition(graph: nx.MultiDiGraph, node: str) -> bool:
    data = graph.nodes[node]
    if data["kind"] != "stage":
        return False
    return any(graph.nodes.get(t.target.value, {}).get("kind", "entry") == "entry"
               for t in data["node"].transitions)


def _loop_message(members: list[str]) -> str:
    if len(members) == 1:
        return f"`{members[0]}` leads only back to itself: no route from it reaches an outcome"
    names = [f"`{n}`" for n in members[:_NAMED]]
    if len(members) > _NAMED:
        names.append(f"{len(members) - _NAMED} more")
    return f"{join_words(names)} lead only to each other: no route out of this loop reaches an outcome"


def _hint(has_outcomes: bool, source: str) -> str:
    if not has_outcomes:
        return f"the pathway has no `outcome`: add one, and a transition{source} to it"
    return f"add a transition{source} to an outcome, or to a stage that leads to one " \
           "(`exit to OUTCOME when \"...\"`)"
