"""subpathway-unconnected: a subpathway nobody refers to, with no stage to rejoin, or a bad file."""

from pathlib import Path

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.analysis.symbols import KIND_WORDS


class SubpathwayUnconnected(Rule):
    """
    ## What it does
    Reports a subpathway that is not properly joined to the main pathway:

    - no stage hands families over to it (`refer to ID`, or `exit to ID`);
    - it has no `rejoin`, or its `rejoin` names something that is not a stage (a name
      that is not defined at all is `undefined-reference`);
    - it has no `file`, or its file cannot be found or lies outside the folder being
      checked;
    - its file has errors. The subpathway's file is checked as a pathway of its own and
      all of its findings are reported too, pointing into that file; this rule adds one
      finding at the `file` line saying how many errors it has. Turning this rule `off`
      silences only its own findings, never those of the subpathway's file.

    A file checked as a subpathway does not get `single-entry-point`: families arrive
    from the main pathway.

    ## Why it matters
    A subpathway is a smaller pathway run by one agency. Families must be able to get
    into it from the main pathway and come back out at an agreed stage; its outcomes do
    not end the main pathway. A broken subpathway file breaks the families' journey too.

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
      subpathway parenting "Parenting programme" { rejoin first_contact }
      outcome supported "Family supported"
    }
    ```

    ## Use instead
    A subpathway in its own file, `parenting.pwy`, is written
    `subpathway parenting "Parenting programme" { file "parenting.pwy" rejoin first_contact }`
    and a stage says `refer to parenting when "..."`. Work that is not a separate pathway
    is a stage:
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      entry gp "A GP is worried about a child" -> first_contact
      stage first_contact "First contact" {
        level universal
        lead health_visitor
        exit to parenting when "Parents would like help with routines"
        exit to supported when "The family's needs are met"
      }
      stage parenting "Parenting programme" {
        level universal
        lead health_visitor
        exit to first_contact when "The programme has finished"
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "subpathway-unconnected"
    carries_other_files = True  # the subpathway file's findings are not this rule's to hide

    def check(self, ctx: RuleContext):
        graph = ctx.graph
        for sub in ctx.pathway.subpathways:
            if graph.nodes[sub.id.value]["node"] is not sub:
                continue  # a second definition: duplicate-definition's finding
            referred = any(graph.nodes[source]["kind"] == "stage"
                           for source in graph.predecessors(sub.id.value))
            if not referred:
                yield self.finding(
                    f"no stage refers to subpathway `{sub.id.value}`", sub.id.span,
                    hint=f"add `refer to {sub.id.value} when \"...\"` to the stage that hands "
                         "families over to it")
            yield from self._rejoin(ctx, sub)
            yield from self._file(ctx, sub)

    def _rejoin(self, ctx: RuleContext, sub: m.Subpathway):
        if sub.rejoin is None:
            yield self.finding(
                f"subpathway `{sub.id.value}` has no `rejoin`", sub.id.span,
                hint="add `rejoin STAGE`: the stage where families come back to this pathway")
            return
        definition = ctx.symbols.lookup(sub.rejoin.value)
        if definition is not None and definition.kind != "stage":
            yield self.finding(
                f"subpathway `{sub.id.value}` rejoins `{sub.rejoin.value}`, which is "
                f"{KIND_WORDS[definition.kind]}, not a stage", sub.rejoin.span,
                hint="`rejoin` names the stage of this pathway where families come back")

    def _file(self, ctx: RuleContext, sub: m.Subpathway):
        if sub.file is None:
            yield self.finding(
                f"subpathway `{sub.id.value}` has no `file`", sub.id.span,
                hint="add `file \"path.pwy\"`: the subpathway's own pathway file, relative "
                     "to this one")
            return
        if ctx.check_subpathway is None:
            return  # checked without a checker: no files to read
        findings = ctx.check_subpathway(sub)
        if findings is None:
            yield self._unreadable(sub)
            return
        yield from findings
        # A finding made about this `file` line itself is not one of the file's own errors.
        errors = sum(1 for f in findings
                     if f.severity is Severity.ERROR and f.span != sub.file.span)
        if errors:
            yield self.finding(
                f"the file of subpathway `{sub.id.value}` has {errors} "
                f"error{'' if errors == 1 else 's'}", sub.file.span,
                hint=f"fix the errors reported in `{sub.file.value}`")

    def _unreadable(self, sub: m.Subpathway):
        # The checker found no file it may read; say which of the two reasons it is.
        beside = Path(sub.span.file).parent / sub.file.value
        try:
            exists = beside.is_file()
        except (OSError, ValueError):  # a path the system refuses (far too long)
            exists = False
        if exists:
            return self.finding(
                f"the file `{sub.file.value}` of subpathway `{sub.id.value}` is outside the "
                "folder being checked", sub.file.span,
                hint="keep subpathway files inside the folder given to the compiler (`--root`)")
        return self.finding(
            f"the file `{sub.file.value}` of subpathway `{sub.id.value}` cannot be found",
            sub.file.span, hint="the path is relative to this file; check its spelling")


# ---- findings the checker makes when it reads a subpathway's file --------------------------


def _file_finding(sub: m.Subpathway, message: str, hint: str) -> Diagnostic:
    return Diagnostic(SubpathwayUnconnected.name, Severity.ERROR, message, sub.file.span,
                      hint=hint)


def unreadable_file(sub: m.Subpathway, reason: str, hint: str | None) -> Diagnostic:
    return _file_finding(
        sub, f"cannot read `{sub.file.value}`, the file of subpathway `{sub.id.value}`: "
             f"{reason}", hint or "a subpathway's file is an ordinary `.pwy` file")


def leads_back(sub: m.Subpathway) -> Diagnostic:
    return _file_finding(
        sub, f"`{sub.file.value}` is already being checked: a subpathway cannot lead back to "
             "a pathway it belongs to",
        "a subpathway is a smaller pathway run by one agency; it rejoins with `rejoin STAGE`, "
        "not by naming the main pathway as its own subpathway")


def file_is_a_library(sub: m.Subpathway) -> Diagnostic:
    return _file_finding(
        sub, f"`{sub.file.value}` is a library, not a pathway",
        "a subpathway's file is a `pathway` of its own, with entries, stages and outcomes; "
        "shared definitions belong in a library brought in with `use`")
