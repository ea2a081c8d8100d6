"""The leaflet's own words, in Welsh and English: headings, timescales and dates (the
glossary of jargon is `leaflet_glossary.py`).

Every word a family reads that does not come from the pathway file is here, once per
language. A declared language with no catalogue gets the English words (`words_for`
says so, and the build tells the user). A Welsh count's noun follows the last numeral
said (`welsh.py`); see docs/leaflets.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pathwaylang.emit import welsh

FALLBACK = "en"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "leaflet_title": "Getting help for your family",
        "from": "A leaflet from {authority}",
        "intro": "This leaflet shows the steps your family may go through when you get help. "
                 "Not every family goes through every step. "
                 "You can ask about any step at any time.",
        "journey": "Your journey, step by step",
        "journey_help": "Each picture shows one step. Its number shows where to read about it.",
        "ends": "How the journey can end",
        "step": "Step {n}",
        "what_happens": "What happens",
        "asked": "What we will ask you to do",
        "contact": "Who to contact",
        "how_long": "How long it takes",
        "at_most": "This step should take no more than {time}.",
        "about": "about {time}",
        "next": "What can happen next",
        "harder": "If things get harder",
        "easier": "If things get easier",
        "link": "Step {n}: {title}",
        "consent_heading": "We will ask if you agree",
        "consent_text": "Before this step starts, we will ask if you agree to it. "
                        "We will tell you who will see information about your family, and why.\n\n"
                        "You can say no. You can change your mind at any time.\n\n"
                        "If we think a child is not safe, we must tell children's social services, "
                        "even if you do not agree.",
        "missing": "We have not written about this step in {language} yet. "
                   "Please ask your worker to explain it.",
        "this_language": "this language",
        "subpathway": "Another service helps your family with this part.",
        "subpathway_rejoin": "Another service helps your family with this part. "
                             "Afterwards, you carry on at step {n}.",
        "glossary": "Words we use",
        "version": "Version",
        "produced": "Produced",
        "review": "We will check this leaflet again by",
        "authority": "Published by",
        "also_in": "This leaflet is also available in English.",
    },
    "cy": {
        "language_name": "Cymraeg",
        "leaflet_title": "Cael help i'ch teulu",
        "from": "Taflen gan {authority}",
        "intro": "Mae'r daflen hon yn dangos y camau y gall eich teulu fynd drwyddyn nhw wrth "
                 "gael help. Nid yw pob teulu yn mynd drwy bob cam. "
                 "Gallwch ofyn am unrhyw gam ar unrhyw adeg.",
        "journey": "Eich taith, gam wrth gam",
        "journey_help": "Mae pob llun yn dangos un cam. Mae ei rif yn dangos ble i ddarllen "
                        "amdano.",
        "ends": "Sut gall y daith ddod i ben",
        "step": "Cam {n}",
        "what_happens": "Beth sy'n digwydd",
        "asked": "Beth fyddwn ni'n gofyn i chi ei wneud",
        "contact": "Â phwy i gysylltu",
        "how_long": "Faint o amser mae'n ei gymryd",
        # `na` causes the aspirate mutation: "mwy na thua 3 wythnos" (see `timescale`).
        "at_most": "Ddylai'r cam hwn ddim cymryd mwy na {time}.",
        "about": "tua {time}",
        "next": "Beth all ddigwydd nesaf",
        "harder": "Os bydd pethau'n mynd yn anoddach",
        "easier": "Os bydd pethau'n mynd yn haws",
        "link": "Cam {n}: {title}",
        "consent_heading": "Byddwn yn gofyn a ydych chi'n cytuno",
        "consent_text": "Cyn i'r cam hwn ddechrau, byddwn yn gofyn a ydych chi'n cytuno i hynny. "
                        "Byddwn yn dweud wrthych pwy fydd yn gweld gwybodaeth am eich teulu, "
                        "a pham.\n\n"
                        "Gallwch ddweud na. Gallwch newid eich meddwl ar unrhyw adeg.\n\n"
                        "Os ydyn ni'n meddwl nad yw plentyn yn ddiogel, rhaid i ni ddweud wrth y "
                        "gwasanaethau cymdeithasol i blant, hyd yn oed os nad ydych chi'n cytuno.",
        "missing": "Dydyn ni ddim wedi ysgrifennu am y cam hwn yn {language} eto. "
                   "Gofynnwch i'ch gweithiwr ei esbonio, os gwelwch yn dda.",
        "this_language": "Gymraeg",
        "subpathway": "Mae gwasanaeth arall yn helpu eich teulu gyda'r rhan hon.",
        "subpathway_rejoin": "Mae gwasanaeth arall yn helpu eich teulu gyda'r rhan hon. "
                             "Wedyn, byddwch yn parhau yng ngham {n}.",
        "glossary": "Geiriau rydyn ni'n eu defnyddio",
        "version": "Fersiwn",
        "produced": "Cynhyrchwyd",
        "review": "Dyddiad adolygu",
        "authority": "Cyhoeddwyd gan",
        "also_in": "Mae'r daflen hon ar gael yn Gymraeg hefyd.",
    },
}

# English names of languages, for "in {language}" in the English (fallback) words.
_ENGLISH_LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
           "Medi", "Hydref", "Tachwedd", "Rhagfyr"),
}


@dataclass(frozen=True)
class Words:
    """The words for one leaflet language; `fallback` is True when they are English stand-ins."""

    language: str
    """The language the words are written in (`en` for a fallback)."""
    fallback: bool
    table: dict[str, str]

    def __call__(self, key: str, **values) -> str:
        return self.table[key].format(**values) if values else self.table[key]


def primary(language: str) -> str:
    """The language without its region: `en_GB` and `en-GB` are `en`, `cy_GB` is `cy`."""
    return re.split(r"[-_]", language, maxsplit=1)[0].lower()


def words_for(language: str) -> Words:
    code = primary(language)
    if code in WORDS:
        return Words(code, False, WORDS[code])
    return Words(FALLBACK, True, WORDS[FALLBACK])


def missing_text(words: Words, leaflet_language: str) -> str:
    """"We have not written about this step in <language> yet ..." in the leaflet's words."""
    if words.language == "en":
        name = _ENGLISH_LANGUAGE_NAMES.get(primary(leaflet_language), words("this_language"))
    else:
        name = words("this_language")
    return words("missing", language=name)


# ---- plurals and timescales ------------------------------------------------------


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of the whole number `n`: Welsh has six, English two."""
    if language == "cy":
        return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")
    return "one" if n == 1 else "other"


# The noun after a numeral in English, per CLDR category. Welsh nouns after a number
# follow the last numeral said (`welsh.count_noun`).
UNIT_FORMS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "day": {"one": "day", "other": "days"},
        "working day": {"one": "working day", "other": "working days"},
        "week": {"one": "week", "other": "weeks"},
        "month": {"one": "month", "other": "months"},
        "year": {"one": "year", "other": "years"},
    },
}


def amount(language: str, n: int, unit: str) -> str:
    """`n` of `unit` in words: "3 weeks", "2 ddiwrnod gwaith", "1 flwyddyn", "17 flynedd".
    The Welsh noun follows the last numeral said (`welsh.count_noun`)."""
    if language == "cy":
        return f"{n} {welsh.count_noun(n, unit)}"
    forms = UNIT_FORMS.get(language, UNIT_FORMS[FALLBACK])
    lang = language if language in UNIT_FORMS else FALLBACK
    return f"{n} {forms[unit][plural_category(lang, n)]}"


def count(language: str, n: int, unit: str) -> str:
    """`n` of `unit` as a family says it: one is "a week" / "wythnos", not "1 week"."""
    if n != 1:
        return amount(language, n, unit)
    if language == "cy":
        return welsh.ONE[unit]
    return ("an " if unit[0] in "aeiou" else "a ") + UNIT_FORMS[FALLBACK][unit]["one"]


def timescale(words: Words, n: int, unit: str, approximate: bool) -> str:
    """"This step should take no more than about 3 weeks." in the leaflet's words: a
    stage's timescale is the most time it should take."""
    time = count(words.language, n, unit)
    if approximate:
        time = about(words, time)
    if words.language == "cy":
        time = welsh.mutate(time, "aspirate")  # after `na`: "mwy na thua ..."
    return words("at_most", time=time)


def about(words: Words, time: str) -> str:
    """"about 3 weeks"; in Welsh `tua` causes the aspirate mutation: "tua phum wythnos"."""
    if words.language == "cy":
        time = welsh.mutate(time, "aspirate")
    return words("about", time=time)


def after_gan(words: Words, name: str, own: bool) -> str:
    """The authority's name after "by" ("gan"): Welsh softens it (Cyngor -> Gyngor) when it
    is the name written in Welsh (`own`); a name only given in another language stays."""
    return welsh.mutate(name, "soft") if words.language == "cy" and own else name


def long_date(language: str, day: int, month: int, year: int) -> str:
    names = MONTHS.get(language, MONTHS[FALLBACK])
    return f"{day} {names[month - 1]} {year}"


# ---- words of the front-door leaflet, the booklet overview and the poster (issue 16) ----
# Added in one block so that merges with other changes to the catalogue are easy.
# Welsh marked "review:" is new and wants a Welsh speaker's check.

WORDS["en"].update({
    "front_intro": "Help for families is there when you need it. This leaflet shows the main "
                   "steps. You can ask about any step at any time.",
    "start_here": "Where to start",
    "main_steps": "The main steps",
    "harder_front": "If things get harder, there is more help",
    "easier_front": "If things get easier, there is less help",
    "ends_front": "When help ends",
    "contact_panel": "Who to contact",
    "danger": "Is a child in danger now? Call 999.",
    "read_more": "Read more",
    "read_more_link": "Every step is in the booklet and on our website:",
    "read_more_booklet": "Ask us for the booklet. It tells you about every step.",
    "qr_alt": "A code to scan with a phone camera. It opens {url}",
    "notes": "Notes",
    "overview": "How the steps lead on",
    "overview_help": "Each step shows where it can lead. The arrows say which way.",
    "leads_to": "Then",
    "harder_short": "Harder",
    "easier_short": "Easier",
    "poster_title": "Help for your family: the way through",
    "ways_in": "Ways in",
    "ways_in_help": "You can ask for help yourself, or someone who knows your family can ask.",
    "zone_everyday": "Everyday help",
    "zone_extra": "Extra help",
    "zone_more": "More help",
    "zone_most": "The most help",
    "poster_harder": "If things get harder, help moves to the right.",
    "poster_easier": "If things get easier, help moves to the left.",
    "door_label": "A way in",
})
WORDS["cy"].update({
    # review: all of this block is new Welsh.
    "front_intro": "Mae help i deuluoedd ar gael pan fydd ei angen arnoch. Mae'r daflen hon yn "
                   "dangos y prif gamau. Gallwch ofyn am unrhyw gam ar unrhyw adeg.",
    "start_here": "Ble i ddechrau",
    "main_steps": "Y prif gamau",
    "harder_front": "Os bydd pethau'n mynd yn anoddach, mae mwy o help",
    "easier_front": "Os bydd pethau'n mynd yn haws, mae llai o help",
    "ends_front": "Pan fydd yr help yn dod i ben",
    "contact_panel": "Pwy i gysylltu â nhw",
    "danger": "Ydy plentyn mewn perygl nawr? Ffoniwch 999.",
    "read_more": "Darllen mwy",
    "read_more_link": "Mae pob cam yn y llyfryn ac ar ein gwefan:",
    "read_more_booklet": "Gofynnwch i ni am y llyfryn. Mae'n sôn am bob cam.",
    "qr_alt": "Cod i'w sganio gyda chamera ffôn. Mae'n agor {url}",
    "notes": "Nodiadau",
    "overview": "I ble mae'r camau'n arwain",
    "overview_help": "Mae pob cam yn dangos i ble y gall arwain. Mae'r saethau'n dangos y ffordd.",
    "leads_to": "Wedyn",
    "harder_short": "Anoddach",
    "easier_short": "Haws",
    "poster_title": "Help i'ch teulu: y ffordd drwodd",
    "ways_in": "Ffyrdd i mewn",
    "ways_in_help": "Gallwch ofyn am help eich hun, neu gall rhywun sy'n adnabod eich teulu ofyn.",
    "zone_everyday": "Help bob dydd",
    "zone_extra": "Help ychwanegol",
    "zone_more": "Mwy o help",
    "zone_most": "Y mwyaf o help",
    "poster_harder": "Os bydd pethau'n mynd yn anoddach, mae'r help yn symud i'r dde.",
    "poster_easier": "Os bydd pethau'n mynd yn haws, mae'r help yn symud i'r chwith.",
    "door_label": "Ffordd i mewn",
})

# The mark on every page of a pathway that is not approved (capitals: a mark, not emphasis).
STATUS_MARKS: dict[str, dict[str, str]] = {
    "draft": {"en": "DRAFT", "cy": "DRAFFT"},
    "consultation": {"en": "CONSULTATION DRAFT", "cy": "DRAFFT YMGYNGHORI"},  # review
    "retired": {"en": "NO LONGER IN USE", "cy": "NID YW'N CAEL EI DDEFNYDDIO MWYACH"},  # review
}


def status_mark(status: str | None, languages: list[str]) -> str | None:
    """The mark for a pathway's status in `languages` ("DRAFFT / DRAFT"), None when approved.

    A pathway that gives no status has not been approved, so it is a draft.
    """
    if status == "approved":
        return None
    marks = STATUS_MARKS.get(status or "draft", STATUS_MARKS["draft"])
    found = [marks.get(primary(lang), marks["en"]) for lang in languages]
    return " / ".join(dict.fromkeys(found))
