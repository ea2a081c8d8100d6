"""duplicate-definition: a name defined twice, in the file or its libraries."""

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Label
from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.analysis.symbols import KIND_WORDS, Definition


class DuplicateDefinition(Rule):
    """
    ## What it does
    Reports a name defined twice: two stages with one id, a stage and a role sharing a name
    (levels, agencies, roles, evidence, entries, stages, outcomes, subpathways, algorithms
    and indicators share one namespace), a definition that a used library already makes,
    a second `levels` block, two questions with one id in an algorithm, a variance code
    given twice, a language listed twice in `languages`, two `family` blocks in one
    language for a stage or outcome, a built-in
    role (`lead`, `family`) defined again, and a header field or a single-valued statement
    (`level`, `lead`, `timescale`, ...) given twice.

    ## Why it matters
    A second definition would silently win or lose; a pathway must say one thing. A clash
    with a library is never a quiet override: rename yours, or drop it and use the library's.

    ## Example
    ```pwy
    pathway example "Example" {
      role health_visitor "Health visitor"
      role health_visitor "Health visitor (0-5 team)"
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      role health_visitor "Health visitor"
      role early_years_health_visitor "Health visitor (0-5 team)"
    }
    ```
    """

    name = "duplicate-definition"

    def check(self, ctx: RuleContext):
        for name, definitions in ctx.symbols.by_name.items():
            if len(definitions) > 1:
                yield from self._clashes(name, definitions)
        yield from self._built_in_roles(ctx)
        yield from self._levels_blocks(ctx)
        yield from self._family_blocks(ctx)
        for file in ctx.program.files():
            for algorithm in file.algorithms:
                yield from self._repeated([q.id for q in algorithm.questions], "question",
                                          f" in algorithm `{algorithm.id.value}`")
            if file.variance is not None:
                yield from self._repeated([c.code for c in file.variance.codes], "variance code")

    def _clashes(self, name: str, definitions: list[Definition]):
        own = [d for d in definitions if not d.from_library]
        library = [d for d in definitions if d.from_library]
        for later in own[1:]:
            yield self._clash(name, later, own[0], "")
        if own and library:
            yield self._clash(name, own[0], library[0], " in a used library")
        elif not own:
            for later in library[1:]:
                yield self._clash(name, later, library[0], " in another library")

    def _clash(self, name: str, duplicate: Definition, first: Definition, where: str):
        what = KIND_WORDS[first.kind]
        return self.finding(
            f"`{name}` is already defined{where} (as {what})", duplicate.name.span,
            hint="give each definition its own name" if not where.startswith(" in a used")
            else "remove this definition and use the library's, or give this one another name",
            labels=[Label(first.name.span, "first defined here")])

    _BUILT_IN_HINTS = {
        "lead": "`lead` already means each stage's own lead; call this role something else, "
                "such as `lead_professional`",
        "family": "`family` already means the family themselves; call this role something "
                  "else, such as `family_member` or `parent_carer`",
    }

    def _built_in_roles(self, ctx: RuleContext):
        for role in ctx.pathway.roles:
            if role.id.value in m.BUILT_IN_ROLES:
                yield self.finding(f"`{role.id.value}` is a built-in role and cannot be defined "
                                   "again", role.id.span,
                                   hint=self._BUILT_IN_HINTS.get(role.id.value))

    def _levels_blocks(self, ctx: RuleContext):
        # Libraries first: the block to report is the one in the file being checked.
        files = [*ctx.program.libraries, ctx.program.root]
        blocks = [f.levels for f in files if f.levels is not None]
        where = "in a used library" if ctx.program.libraries and blocks \
            and blocks[0] is not ctx.program.root.levels else "given first"
        for extra in blocks[1:]:
            yield self.finding("a second `levels` block: a pathway and its libraries may have "
                               "only one", extra.span,
                               hint="keep the levels in one place: remove this block and use "
                                    "the other, or stop using the library that has it",
                               labels=[Label(blocks[0].span, f"the `levels` block {where}")])

    def _family_blocks(self, ctx: RuleContext):
        """Two `family` blocks in one language for one stage or outcome, or in the file's
        header (a block with no language is in the first declared language)."""
        default = ctx.pathway.language_codes()[0]
        for item in [ctx.pathway, *ctx.pathway.stages, *ctx.pathway.outcomes]:
            seen: dict[str, m.FamilyText] = {}
            for block in item.family:
                code = block.language.value if block.language else default
                first = seen.setdefault(code, block)
                if first is block:
                    continue
                where = block.language.span if block.language else block.span
                yield self.finding(
                    f"`{item.id.value}` has two `family` blocks in `{code}`", where,
                    hint=f"merge them into one; `family {{ ... }}` with no language is in "
                         f"`{default}`, the first of the pathway's languages",
                    labels=[Label(first.language.span if first.language else first.span,
                                  "the first one")])

    def _repeated(self, names: list[m.Name], what: str, where: str = ""):
        seen: dict[str, m.Name] = {}
        for name in names:
            if name.value in seen:
                yield self.finding(f"{what} `{name.value}` is given twice{where}", name.span,
                                   hint="each must be given once",
                                   labels=[Label(seen[name.value].span, "first given here")])
            else:
                seen[name.value] = name
