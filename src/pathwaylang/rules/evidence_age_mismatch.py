"""evidence-age-mismatch: a stage for ages its evidence does not cover."""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Label, Severity
from pathwaylang.rules.base import Rule, RuleContext


class EvidenceAgeMismatch(Rule):
    """
    ## What it does
    Reports evidence named by a stage whose `ages` do not contain the stage's ages: the
    stage's own `ages`, else the pathway's. Evidence without `ages`, and a stage with no
    ages of its own in a pathway without `ages`, are not checked. Evidence may come from a
    used library.

    ## Why it matters
    A programme shown to work for toddlers is not evidence for teenagers. Citing it for
    ages it was never tested on makes the stage look better founded than it is, and the
    pathway group may choose the wrong programme.

    ## Example
    ```pwy
    pathway example "Example" {
      ages 0 to 18
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      evidence incredible_years "Incredible Years parenting programme" { ages 3 to 8 }
      entry gp "A GP is worried about a child" -> parenting_group
      stage parenting_group "Parenting group" {
        level universal
        lead health_visitor
        evidence incredible_years
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      ages 0 to 18
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      evidence incredible_years "Incredible Years parenting programme" { ages 3 to 8 }
      entry gp "A GP is worried about a child" -> parenting_group
      stage parenting_group "Parenting group" {
        level universal
        lead health_visitor
        ages 3 to 8
        evidence incredible_years
        exit to supported
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "evidence-age-mismatch"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        for stage in ctx.pathway.stages:
            ages = stage.ages or ctx.pathway.ages
            if ages is None:
                continue
            for reference in stage.evidence:
                definition = ctx.symbols.lookup(reference.value)
                if definition is None or definition.kind != "evidence":
                    continue  # undefined-reference's finding
                evidence: m.Evidence = definition.node  # type: ignore[assignment]
                if evidence.ages is not None and not evidence.ages.contains(ages):
                    yield self._mismatch(stage, ages, reference, evidence)

    def _mismatch(self, stage: m.Stage, ages: m.AgeRange, reference: m.Name,
                  evidence: m.Evidence):
        whose = "its" if stage.ages is not None else "the pathway's"
        labels = [Label(evidence.ages.span, f"`{evidence.id.value}` covers ages {evidence.ages}")]
        if stage.ages is None:
            labels.append(Label(ages.span, "the stage takes the pathway's ages"))
        return self.finding(
            f"stage `{stage.id.value}` is for ages {ages} ({whose} `ages`), but evidence "
            f"`{evidence.id.value}` covers ages {evidence.ages}", reference.span,
            hint=f"give the stage `ages` within {evidence.ages}, or name evidence that covers "
                 f"ages {ages}",
            labels=labels)
