"""unreachable-stage: a stage, outcome or subpathway that no entry point leads to."""

from pathwaylang.analysis.graph import nodes_of_kind, reachable_from
from pathwaylang.rules.base import Rule, RuleContext

_HINTS = {
    "stage": "add a transition to `{id}` from a stage families reach, or an "
             "`entry ID \"...\" -> {id}`",
    "outcome": "add `exit to {id}` to the stage that ends this way",
    "subpathway": "add `refer to {id}` to a stage families reach",
}


class UnreachableStage(Rule):
    """
    ## What it does
    Reports a stage, outcome or subpathway that no route from any entry point leads to.
    Routes are entries, transitions and each subpathway's `rejoin`. A pathway with no entry
    point at all is reported once, by `no-entry-point`, and a subpathway that no stage
    refers to is reported by `subpathway-unconnected`.

    ## Why it matters
    A stage nobody can reach is either left over from an old version or a route someone
    forgot to draw. Either way, the pathway does not say how families get there.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to supported
      }
      stage follow_up "Follow-up visit" {
        level universal
        lead health_visitor
        exit to supported
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
        exit to follow_up
      }
      stage follow_up "Follow-up visit" {
        level universal
        lead health_visitor
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "unreachable-stage"

    def check(self, ctx: RuleContext):
        graph = ctx.graph
        entries = nodes_of_kind(graph, "entry")
        if not entries:  # no-entry-point says it once
            return
        reached = reachable_from(graph, entries)
        for node in nodes_of_kind(graph, "stage", "outcome", "subpathway"):
            if node in reached:
                continue
            kind = graph.nodes[node]["kind"]
            if kind == "subpathway" and not any(
                    graph.nodes[source]["kind"] == "stage" for source in graph.predecessors(node)):
                continue  # nobody refers to it: subpathway-unconnected's finding
            yield self.finding(
                f"{kind} `{node}` cannot be reached from any entry point",
                graph.nodes[node]["node"].id.span, hint=_HINTS[kind].format(id=node))
