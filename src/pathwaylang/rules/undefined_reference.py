"""undefined-reference: a name used but not defined."""

from pathwaylang import model as m
from pathwaylang.core.wording import did_you_mean, few_enough, join_words, quoted
from pathwaylang.rules.base import Rule, RuleContext
from pathwaylang.analysis.symbols import KIND_WORDS, Reference



class UndefinedReference(Rule):
    """
    ## What it does
    Reports a name that is used but not defined, or defined as the wrong kind of thing:
    a stage's `level`, `lead`, `with`, `uses` or `evidence`, an action's `by`, a
    transition's target, an entry's stage, a role's agency, an indicator's `at`, a
    subpathway's `rejoin`, an algorithm's `ask` and `goto` targets, and a `family LANG`
    block in a language the pathway does not declare. It suggests the closest name.

    A library algorithm's `goto`s name stages of the pathway that uses it: they are looked
    up in each pathway one of whose stages `uses` that algorithm, and nowhere else. A name
    defined twice (in a pathway and its library, say) is `duplicate-definition`'s finding
    alone: where it is used, it stands for the definition of the kind wanted there.

    ## Why it matters
    A route to a stage that does not exist is a dead end a family would fall into.

    ## Example
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        level universal
        lead health_visitr
      }
    }
    ```

    ## Use instead
    ```pwy
    pathway example "Example" {
      levels { universal "Universal services" domain prevention }
      role health_visitor "Health visitor"
      stage first_contact "First contact" {
        level universal
        lead health_visitor
      }
    }
    ```
    """

    name = "undefined-reference"

    def check(self, ctx: RuleContext):
        for reference in ctx.references:
            finding = self._check_reference(ctx, reference)
            if finding is not None:
                yield finding
        for file in ctx.program.files():
            for algorithm in file.algorithms:
                yield from self._questions(algorithm)
        yield from self._languages(ctx)

    def _check_reference(self, ctx: RuleContext, ref: Reference):
        name = ref.name.value
        definition = ctx.symbols.lookup(name, ref.kinds)
        if definition is None:
            if name in ref.built_ins:
                return None
            suggestion = ctx.symbols.suggest(name, ref.kinds, ref.built_ins)
            hint = f"did you mean `{suggestion}`?" if suggestion else _choices(ctx, ref)
            if ref.name.span.file != ctx.pathway.span.file and ref.what == "a `goto` target":
                hint = (f"{hint} " if suggestion else "") + "a library algorithm's `goto` " \
                    f"names a stage or outcome of the pathway that uses it, `{ctx.pathway.span.file}`"
            return self.finding(f"`{name}` is not defined ({ref.what})", ref.name.span, hint)
        if ref.check_kind and definition.kind not in ref.kinds:
            suggestion = ctx.symbols.suggest(name, ref.kinds, ref.built_ins)
            hint = f"did you mean `{suggestion}`?" if suggestion else _choices(ctx, ref, False)
            if definition.kind == "stage" and ref.kinds == ("subpathway",):
                hint = f"`refer to` hands a family over to a subpathway; write `exit to {name}`"
            return self.finding(
                f"`{name}` is {KIND_WORDS[definition.kind]}, but {ref.what} must be "
                f"{_kinds(ref.kinds)}", ref.name.span, hint)
        return None

    def _questions(self, algorithm: m.Algorithm):
        ids = [q.id.value for q in algorithm.questions]
        for question in algorithm.questions:
            for answer in question.answers:
                step = answer.step
                if step is not None and step.kind == "ask" and step.target.value not in ids:
                    yield self.finding(
                        f"no question `{step.target.value}` in algorithm `{algorithm.id.value}`",
                        step.target.span,
                        hint=did_you_mean(step.target.value, ids) or
                        "add `ask ID \"Question?\" { ... }` to the algorithm")

    def _languages(self, ctx: RuleContext):
        declared = ctx.pathway.language_codes()
        for item in [ctx.pathway, *ctx.pathway.stages, *ctx.pathway.outcomes]:
            for block in item.family:
                if block.language is not None and block.language.value not in declared:
                    yield self.finding(
                        f"language `{block.language.value}` is not declared in `languages`",
                        block.language.span,
                        hint=f"the pathway's languages are {_names(declared)}; add it to "
                             "`languages` or fix the code")


def _kinds(kinds: tuple[str, ...]) -> str:
    return join_words([KIND_WORDS[k] for k in kinds], "or")


def _names(names: list[str]) -> str:
    return join_words(quoted(names))


_PLURALS = {"level": "levels", "agency": "agencies", "role": "roles", "evidence": "evidence",
            "entry": "entry points", "stage": "stages", "outcome": "outcomes",
            "subpathway": "subpathways", "algorithm": "algorithms", "indicator": "indicators"}


def _without_article(words: str) -> str:
    """"a level" -> "level"; "evidence" (a mass noun, no article) as it is."""
    article, _, noun = words.partition(" ")
    return noun if article in ("a", "an") and noun else words


def _choices(ctx: RuleContext, ref: Reference, undefined: bool = True) -> str | None:
    """What could stand here, when there are few enough to list."""
    names = ctx.symbols.names_of(ref.kinds) + list(ref.built_ins)
    define = f"define `{ref.name.value}`" if undefined else None
    if not names:
        return define and f"{define} as {_kinds(ref.kinds)}"
    if not few_enough(names):
        return define and f"{define}, or use {_kinds(ref.kinds)} that exists"
    if len(names) == 1:
        singular = " or ".join(_without_article(KIND_WORDS[kind]) for kind in ref.kinds)
        listed = f"`{names[0]}` is the only {singular} here"
    else:
        kinds = join_words([_PLURALS[kind] for kind in ref.kinds])
        listed = f"the {kinds} here are {_names(sorted(names))}"
    return f"{listed}; or {define}" if define else listed
