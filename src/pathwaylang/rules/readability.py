"""readability: family text harder to read than the configured reading level."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pathwaylang import model as m
from pathwaylang.core.diagnostics import Label, Severity
from pathwaylang.rules.base import Rule, RuleContext

if TYPE_CHECKING:  # imported when the rule runs, so that other commands start quickly
    from pathwaylang.analysis.readability import FamilyField, Thresholds

_QUOTED_WORDS = 8


class Readability(Rule):
    """
    ## What it does
    Measures the family text (each `title`, `text`, `asked` and `contact`) in every
    language, against limits set under `[readability]` in the configuration:

    - in any language, a sentence longer than `max_sentence_words` words (25), in Welsh
      `max_sentence_words_cy` (28), since Welsh says the same in more, shorter words;
    - in English, hard words: words of `hard_word_syllables` syllables or more (4) that
      are not everyday words or names, and abbreviations (`JAFF`, `TAF`) that families
      are not told the meaning of, as in `Team Around the Family (TAF)`;
    - in English, all of the family text together: Flesch reading ease below
      `min_reading_ease` (60) or Flesch-Kincaid grade above `max_grade` (8), once there
      are `min_words` words (100) to measure.

    Welsh and other languages are measured by sentence length only: the English formulas
    say nothing true about them. Sentences and hard words are reported at the text they
    are in; the whole-text scores at the language in `languages` (else at the pathway's
    name), with the hardest block to read marked. `pathwaylang.analysis.readability` documents
    each definition.

    ## Why it matters
    About one adult in six in England reads no better than is expected of an
    eleven-year-old, and a family meeting services in a crisis reads less well than usual. Text the family
    cannot follow is not consent, not information, and not a way to get help.

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
        family {
          title "Meeting your health visitor"
          text "Your health visitor will arrange a convenient appointment to discuss your family's circumstances and the additional support interventions that may be appropriate for you and your children."
        }
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
        exit to supported
        family {
          title "Meeting your health visitor"
          text "Your health visitor will meet you at a time that suits you. You can talk about how things are going and what help would make a difference."
        }
      }
      outcome supported "Family supported"
    }
    ```
    """

    name = "readability"
    default_severity = Severity.WARNING

    @property
    def options(self) -> dict[str, float]:
        """The `[readability]` settings and their defaults (the configuration reads these)."""
        from pathwaylang.analysis.readability import THRESHOLD_DEFAULTS

        return dict(THRESHOLD_DEFAULTS)

    def check(self, ctx: RuleContext):
        from pathwaylang.analysis import readability as r

        try:
            limits = r.Thresholds.from_options(ctx.options.readability)
        except ValueError as problem:
            yield self.finding(str(problem), ctx.pathway.id.span,
                               hint="set it under `[readability]` in the configuration")
            return
        fields = r.family_fields(ctx.pathway)
        for language in dict.fromkeys(f.language for f in fields):
            mine = [f for f in fields if f.language == language]
            yield from self._whole_text(ctx.pathway, language, mine, limits)
            explained = r.explained_acronyms(f.text.value for f in mine)
            problems: dict[str, _Problems] = {}  # a text on many stages is read once
            for field in mine:
                text = field.text.value
                if text not in problems:
                    problems[text] = _problems(text, language, explained, limits)
                yield from self._field(field, problems[text], limits)

    def _whole_text(self, pathway: m.PathwayFile, language: str, fields: list[FamilyField],
                    limits: Thresholds):
        from pathwaylang.analysis.readability import score_texts

        scores = score_texts((f.text.value for f in fields), language)
        if scores.reading_ease is None or scores.grade is None or scores.words < limits.min_words:
            return
        problems = []
        if scores.reading_ease < limits.min_reading_ease:
            problems.append(f"reading ease {scores.reading_ease:.0f} "
                            f"(at least {limits.min_reading_ease:g})")
        if scores.grade > limits.max_grade:
            problems.append(f"grade {scores.grade:.1f} (at most {limits.max_grade:g})")
        if not problems:
            return
        yield self.finding(
            f"the family text in `{language}` is hard to read: {' and '.join(problems)}",
            _language_span(pathway, language),
            hint="use shorter sentences and everyday words; "
                 f"{scores.words_per_sentence:.1f} words a sentence on average now",
            labels=_hardest_block(fields))

    def _field(self, field: FamilyField, problems: _Problems, limits: Thresholds):
        for count, opening in problems.long_sentences:
            yield self.finding(
                f"a sentence of {count} words in the family `{field.field}` (at most "
                f"{limits.sentence_words(field.language):g}): \"{opening}\"", field.text.span,
                hint="split it into shorter sentences, one idea in each")
        if problems.hard:
            yield self.finding(
                f"hard words in the family `{field.field}`: "
                + ", ".join(f"`{word}`" for word in problems.hard), field.text.span,
                hint=_hard_word_hint(problems.hard))


class _Problems(NamedTuple):
    """What is hard to read in one text."""

    long_sentences: list[tuple[int, str]]
    """Each sentence over the length limit: its words and its opening."""
    hard: list[str]
    """Its hard words (English), each once, in order."""


def _problems(text: str, language: str, explained: set[str], limits: Thresholds) -> _Problems:
    """The long sentences and hard words of one text in one language."""
    from pathwaylang.analysis import readability as r

    english = r.is_english(language)
    most = limits.sentence_words(language)
    found = _Problems([], [])
    for sentence in r.sentences(text):
        count = r.word_count(sentence)
        if count > most:
            found.long_sentences.append((count, _opening(sentence)))
        if english:
            words = r.hard_words(sentence, explained, limits.hard_word_syllables)
            found.hard.extend([word for word in words if word not in found.hard])
    return found


def _opening(sentence: str) -> str:
    """The first words of a sentence as written, to say which sentence is meant."""
    tokens = sentence.split()
    return " ".join(tokens[:_QUOTED_WORDS]) + (" ..." if len(tokens) > _QUOTED_WORDS else "")


def _hard_word_hint(hard: list[str]) -> str:
    from pathwaylang.analysis.readability import acronym_of

    acronyms = [w for w in hard if acronym_of(w)]
    parts = []
    if len(acronyms) < len(hard):
        parts.append("use an everyday word, or explain the word in brackets after it")
    if acronyms:
        parts.append(f"write `{acronyms[0]}` out in full, or explain it where it is first "
                     "used, as in `Team Around the Family (TAF)`")
    return "; ".join(parts)


def _language_span(pathway: m.PathwayFile, language: str):
    """Where the language is declared, else the pathway's name."""
    for declared in pathway.languages:
        if declared.value == language:
            return declared.span
    return pathway.id.span


def _hardest_block(fields: list[FamilyField]) -> list[Label]:
    """A label at the block with the lowest reading ease, to start with."""
    from pathwaylang.analysis.readability import score_texts

    blocks: dict[int, tuple[m.FamilyText, list[str]]] = {}
    for field in fields:
        blocks.setdefault(id(field.block), (field.block, []))[1].append(field.text.value)
    scored = []
    for index, (block, texts) in enumerate(blocks.values()):
        ease = score_texts(texts, fields[0].language).reading_ease
        if ease is not None:
            scored.append((ease, index, block))
    if not scored:
        return []
    ease, _, block = min(scored, key=lambda item: (item[0], item[1]))
    return [Label(block.span, f"the hardest to read (reading ease {ease:.0f})")]
