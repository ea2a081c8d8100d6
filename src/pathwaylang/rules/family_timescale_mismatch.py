"""family-timescale-mismatch: a stage's family text states a longer time than its timescale."""

from pathwaylang import model as m
from pathwaylang.analysis.durations import longest
from pathwaylang.core.diagnostics import Severity
from pathwaylang.rules.base import Rule, RuleContext

# "Three months" beside `timescale 12 weeks` is the same time said in other units: a length
# is longer only when it is more than a tenth over.
_SLACK = 1.1
_FIELDS = ("title", "text", "asked", "contact")


class FamilyTimescaleMismatch(Rule):
    """
    ## What it does
    Reports a stage whose `family` text states a length of time longer than the stage's
    `timescale`, once per `family` block: "for about 14 weeks" beside `timescale 10 weeks`,
    "hyd at dri mis" beside `timescale 6 weeks`. Lengths are read in English and Welsh, in
    digits or in words up to twenty ("six to nine months" counts as nine); how often
    something happens ("every two weeks", "bob wyth wythnos") is not a length. A length
    more than a tenth over the timescale is reported, so "three months" beside
    `timescale 12 weeks` is not.

    ## Why it matters
    A timescale is the most time the stage should take, and the family's leaflet says so
    beside the step's own words ("This step should take no more than about 10 weeks"). If
    the step's words promise longer, the leaflet contradicts itself, and the family cannot
    tell which to believe. Either the timescale is too short for what happens, or the text
    describes something longer than this step (the whole of the help, say), which belongs
    where it happens.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { targeted "Targeted help" domain prevention }
      role group_leader "Group leader"
      entry school "The school suggests the group" -> parenting_group
      stage parenting_group "Parenting group" {
        level targeted
        lead group_leader
        timescale 10 weeks
        exit to supported
        family {
          title "A group for parents"
          text "The group meets once a week for about 14 weeks."
        }
      }
      outcome supported "Family supported"
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { targeted "Targeted help" domain prevention }
      role group_leader "Group leader"
      entry school "The school suggests the group" -> parenting_group
      stage parenting_group "Parenting group" {
        level targeted
        lead group_leader
        timescale 16 weeks
        exit to supported
        family {
          title "A group for parents"
          text "The group meets once a week for about 14 weeks."
        }
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "family-timescale-mismatch"
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext):
        default = ctx.pathway.language_codes()[0]
        for stage in ctx.pathway.stages:
            if stage.timescale is None:
                continue
            for block in stage.family:
                finding = self._block(stage, block, block.language.value if block.language
                                      else default)
                if finding is not None:
                    yield finding

    def _block(self, stage: m.Stage, block: m.FamilyText, language: str):
        limit = stage.timescale.approx_days * _SLACK
        for field in _FIELDS:
            text = getattr(block, field)
            stated = longest(text.value, language) if text is not None else None
            if stated is not None and stated.days > limit:
                return self.finding(
                    f"the `{language}` family text of `{stage.id.value}` says "
                    f"\"{stated.text}\", longer than its timescale ({stage.timescale})",
                    text.span,
                    hint="a timescale is the most time the stage should take, and the "
                         "leaflet says so: raise the `timescale`, or say the longer time in "
                         "the step where it happens")
        return None
