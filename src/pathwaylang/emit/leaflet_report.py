"""`leaflet-report.json`: reading scores per language, page counts and leaflet warnings.

Scores come from `pathwaylang.analysis.readability` (English: Flesch reading ease and grade; every
other language, Welsh included, sentence length only), once for the pathway's family text
(what the `readability` rule judges) and once for the whole leaflet as printed (the
family text with the leaflet's own headings and notes). Warnings are the checker's
findings that concern the leaflets.
"""

from __future__ import annotations

import os

from pathwaylang.emit.context import BuildContext

# Findings about what families read.
LEAFLET_RULES = ("readability", "missing-family-text", "unknown-icon")


def reading_report(ctx: BuildContext, view, pages: dict[str, int], limit: int) -> dict:
    from pathwaylang.analysis.readability import pathway_scores, score_texts

    family = pathway_scores(ctx.pathway)
    languages = {}
    for language in view.languages:
        printed = [language.t["leaflet_title"], language.t["intro"]]
        printed += [t for step in view.all_steps for t in step.words[language.code].texts()]
        printed += [f"{g.term}. {g.explanation}" for g in language.glossary]
        scores = family.get(language.code)
        languages[language.code] = {
            "family_text": scores.as_dict() if scores else None,
            "leaflet": score_texts(printed, language.code).as_dict(),
            "headings_language": language.words_lang,
        }
    ctx.notice("leaflet reading scores: " + "; ".join(
        summary(code, data["family_text"] or data["leaflet"]) for code, data in languages.items()))
    return {
        "pathway": ctx.pathway.id.value,
        "paper": ctx.options.paper,
        "layout": ctx.options.bilingual,
        "max_pages": limit,
        "pages": dict(sorted(pages.items())),
        "languages": languages,
        "warnings": warnings(ctx),
    }


def summary(code: str, scores: dict) -> str:
    """One language's scores in a line: English gets Flesch, others sentence length."""
    sentence = (f"{scores['words_per_sentence']} words a sentence "
                f"(longest {scores['longest_sentence']})")
    if scores["reading_ease"] is None:
        return f"{code}: {sentence}"
    return (f"{code}: reading ease {scores['reading_ease']}, grade {scores['grade']}, "
            f"{sentence}")


def warnings(ctx: BuildContext) -> list[dict]:
    base = os.path.dirname(ctx.pathway.span.file) or "."
    found = []
    for d in ctx.diagnostics:
        if d.rule not in LEAFLET_RULES:
            continue
        where = {}
        if d.span is not None:
            where = {"file": os.path.relpath(d.span.file, base).replace(os.sep, "/"),
                     "line": d.span.line, "column": d.span.column}
        found.append({"rule": d.rule, "severity": d.severity.value, "message": d.message,
                      **where})
    return found
