"""no-step-down: a stage families are stepped up to, with no route back down."""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Label
from pathwaylang.analysis.graph import nodes_of_kind, reachable_from, reaching
from pathwaylang.rules.base import Rule, RuleContext


class NoStepDown(Rule):
    """
    ## What it does
    Reports a stage that families reach by a `step up` when no route from it (its own
    transitions included) ever takes a `step down`. The stage is reported once, naming
    the first `step up` into it; routes run through subpathways to their `rejoin` stage.
    Only stages some entry point leads to are checked (others are `unreachable-stage`).

    ## Why it matters
    Stepping a family up to more intensive services should not be a one-way door. When
    things improve, the pathway must say how the family steps back down to lighter
    support, or they stay with specialist services longer than they need to.

    ## Example
    ```pwy
    pathway example "Example" {
      levels {
        universal "Universal services" domain prevention
        targeted "Targeted support" domain protection
      }
      role health_visitor "Health visitor"
      role family_worker "Family support worker"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        step up to family_support when "The family needs more help"
        exit to supported when "The family's needs are met"
      }
      stage family_support "Family support" {
        level targeted
        lead family_worker
        exit to supported when "The family's needs are met"
      }
      outcome supported "Family supported"
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels {
        universal "Universal services" domain prevention
        targeted "Targeted support" domain protection
      }
      role health_visitor "Health visitor"
      role family_worker "Family support worker"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        step up to family_support when "The family needs more help"
        exit to supported when "The family's needs are met"
      }
      stage family_support "Family support" {
        level targeted
        lead family_worker
        step down to first_contact when "Things have improved"
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "no-step-down"

    def check(self, ctx: RuleContext):
        graph = ctx.graph
        reached = reachable_from(graph, nodes_of_kind(graph, "entry"))
        downs = [s.id.value for s in ctx.pathway.stages
                 if s.id.value in graph and any(t.kind == "step down" for t in s.transitions)]
        can_step_down = reaching(graph, downs)
        for target, (source, step_up) in self._step_ups(ctx, graph, reached).items():
            if target in can_step_down:
                continue
            yield self.finding(
                f"families stepped up to `{target}` have no route back down: no path from "
                "it reaches a `step down`", graph.nodes[target]["node"].id.span,
                hint=f"add `step down to STAGE when \"...\"` to `{target}` or to a stage "
                     "after it, for when things improve",
                labels=[Label(step_up.span, f"stepped up here, from `{source.id.value}`")])

    def _step_ups(self, ctx: RuleContext, graph, reached: set[str]):
        """Each reached stage entered by a `step up`: its first step-up from a reached stage
        (else its first step-up), by source order."""
        first: dict[str, tuple[m.Stage, m.Transition]] = {}
        for stage in ctx.pathway.stages:
            for transition in stage.transitions:
                target = transition.target.value
                if transition.kind != "step up" or target not in reached \
                        or graph.nodes[target]["kind"] != "stage":
                    continue
                known = first.get(target)
                if known is None or (known[0].id.value not in reached
                                     and stage.id.value in reached):
                    first[target] = (stage, transition)
        return first
