"""The leaflet's own words, in Welsh and English: headings, timescales, dates and glossary.

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


# ---- the glossary: jargon that may remain in family text -----------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    key: str
    terms: dict[str, tuple[str, ...]]
    """Words that show the jargon is in use, per language (acronyms match case-sensitively)."""
    label: dict[str, str]
    explanation: dict[str, str]


GLOSSARY: tuple[GlossaryEntry, ...] = (
    GlossaryEntry(
        "jaff",
        {"en": ("JAFF", "Joint Assessment Family Framework", "joint assessment"),
         "cy": ("JAFF", "Fframwaith Asesu'r Teulu ar y Cyd", "Fframwaith Asesu Teulu ar y Cyd",
                "asesiad ar y cyd")},
        {"en": "Joint assessment (JAFF)", "cy": "Asesiad ar y cyd (JAFF)"},
        {"en": "A way of looking at your whole family's needs and strengths with you, so that "
               "everyone who helps you works from the same picture.",
         "cy": "Ffordd o edrych gyda chi ar anghenion a chryfderau eich teulu cyfan, fel bod pawb "
               "sy'n eich helpu yn gweithio ar sail yr un darlun."}),
    GlossaryEntry(
        "taf",
        {"en": ("TAF", "Team Around the Family"),
         "cy": ("TAF", "Tîm o Amgylch y Teulu", "Tîm o Gwmpas y Teulu")},
        {"en": "Team Around the Family (TAF)", "cy": "Tîm o Amgylch y Teulu (TAF)"},
        {"en": "A small group of workers from different services. They meet with you and agree "
               "one plan for your family.",
         "cy": "Grŵp bach o weithwyr o wahanol wasanaethau. Maen nhw'n cwrdd â chi ac yn cytuno "
               "ar un cynllun i'ch teulu."}),
    GlossaryEntry(
        "lead_worker",
        {"en": ("lead professional", "lead worker"),
         "cy": ("gweithiwr arweiniol", "gweithiwr proffesiynol arweiniol")},
        {"en": "Lead worker (lead professional)",
         "cy": "Gweithiwr arweiniol (gweithiwr proffesiynol arweiniol)"},
        {"en": "The one worker who keeps in touch with you and makes sure the plan happens. "
               "They are the person to ask first.",
         "cy": "Y gweithiwr sy'n cadw mewn cysylltiad â chi ac yn gwneud yn siŵr bod y "
               "cynllun yn digwydd. Dyma'r person i'w holi gyntaf."}),
    GlossaryEntry(
        "key_worker",
        {"en": ("key worker",), "cy": ("gweithiwr allweddol",)},
        {"en": "Key worker", "cy": "Gweithiwr allweddol"},
        {"en": "A worker who gets to know your family well and helps you find your way to the "
               "right services.",
         "cy": "Gweithiwr sy'n dod i adnabod eich teulu'n dda ac yn eich helpu i ddod o hyd i'r "
               "gwasanaethau iawn."}),
    GlossaryEntry(
        "consent",
        {"en": ("consent",), "cy": ("caniatâd", "cydsyniad")},
        {"en": "Consent", "cy": "Caniatâd"},
        {"en": "Saying yes to something, like sharing information, after it has been explained "
               "to you. You can change your mind.",
         "cy": "Cytuno i rywbeth, fel rhannu gwybodaeth, ar ôl i rywun ei esbonio i chi. "
               "Gallwch newid eich meddwl."}),
    GlossaryEntry(
        "assessment",
        {"en": ("assessment",), "cy": ("asesiad",)},
        {"en": "Assessment", "cy": "Asesiad"},
        {"en": "Talking with you to find out what is going well, what is hard, and what help "
               "would make a difference.",
         "cy": "Siarad â chi i ddod i wybod beth sy'n mynd yn dda, beth sy'n anodd, a pha help "
               "fyddai'n gwneud gwahaniaeth."}),
    GlossaryEntry(
        "family_plan",
        {"en": ("family plan",), "cy": ("cynllun teulu",)},
        {"en": "Family plan", "cy": "Cynllun teulu"},
        {"en": "A written plan you agree with your workers. It says what will happen, who will "
               "do it, and by when.",
         "cy": "Cynllun ysgrifenedig rydych chi'n cytuno arno gyda'ch gweithwyr. Mae'n dweud "
               "beth fydd yn digwydd, pwy fydd yn ei wneud, ac erbyn pryd."}),
    GlossaryEntry(
        "health_visitor",
        {"en": ("health visitor",), "cy": ("ymwelydd iechyd",)},
        {"en": "Health visitor", "cy": "Ymwelydd iechyd"},
        {"en": "A nurse who supports families with babies and young children, often at home.",
         "cy": "Nyrs sy'n cefnogi teuluoedd â babanod a phlant ifanc, yn aml yn y cartref."}),
    GlossaryEntry(
        "social_services",
        {"en": ("social services", "social worker"),
         "cy": ("gwasanaethau cymdeithasol", "gweithiwr cymdeithasol")},
        {"en": "Children's social services", "cy": "Gwasanaethau cymdeithasol i blant"},
        {"en": "The council's service that helps and protects children. Social workers work "
               "there.",
         "cy": "Gwasanaeth y cyngor sy'n helpu ac yn amddiffyn plant. Mae gweithwyr "
               "cymdeithasol yn gweithio yno."}),
    GlossaryEntry(
        "child_in_need",
        {"en": ("CIN", "child in need"), "cy": ("CIN", "plentyn mewn angen")},
        {"en": "Child in need (care and support needs)",
         "cy": "Plentyn mewn angen (anghenion gofal a chymorth)"},
        # The Social Services and Well-being (Wales) Act 2014 replaced "child in need" in
        # Wales with care and support needs; the old words still reach families.
        {"en": "Older words for a child who needs extra help from children's social services "
               "to be healthy and safe. In Wales we now say the child has care and support "
               "needs.",
         "cy": "Hen eiriau am blentyn sydd angen help ychwanegol gan y gwasanaethau "
               "cymdeithasol i blant i fod yn iach ac yn ddiogel. Yng Nghymru, rydyn ni nawr yn "
               "dweud bod gan y plentyn anghenion gofal a chymorth."}),
    GlossaryEntry(
        "child_protection",
        {"en": ("child protection",), "cy": ("amddiffyn plant", "amddiffyn plentyn")},
        {"en": "Child protection", "cy": "Amddiffyn plant"},
        {"en": "What services do together to keep a child safe when they may be in danger of "
               "serious harm.",
         "cy": "Beth mae gwasanaethau'n ei wneud gyda'i gilydd i gadw plentyn yn ddiogel pan "
               "allai fod mewn perygl o niwed difrifol."}),
    GlossaryEntry(
        "care_support_plan",
        {"en": ("care and support plan",), "cy": ("cynllun gofal a chymorth",)},
        {"en": "Care and support plan", "cy": "Cynllun gofal a chymorth"},
        {"en": "A plan written with you by social services. It says what help your child and "
               "family will get.",
         "cy": "Cynllun mae'r gwasanaethau cymdeithasol yn ei ysgrifennu gyda chi. Mae'n dweud "
               "pa help fydd eich plentyn a'ch teulu yn ei gael."}),
    GlossaryEntry(
        "looked_after",
        {"en": ("looked after",), "cy": ("derbyn gofal",)},
        {"en": "Looked after", "cy": "Derbyn gofal"},
        {"en": "A child who lives away from home for a time, cared for by the council. This "
               "may be with foster carers or with family.",
         "cy": "Plentyn sy'n byw oddi cartref am gyfnod, yng ngofal y cyngor. Gall hyn fod "
               "gyda gofalwyr maeth neu gyda theulu."}),
    GlossaryEntry(
        "safeguarding",
        {"en": ("safeguarding",), "cy": ("diogelu",)},
        {"en": "Safeguarding", "cy": "Diogelu"},
        {"en": "Keeping children safe from harm.", "cy": "Cadw plant yn ddiogel rhag niwed."}),
    GlossaryEntry(
        "advocate",
        {"en": ("advocate", "advocacy"), "cy": ("eiriolwr", "eirioli", "eiriolaeth")},
        {"en": "Advocate", "cy": "Eiriolwr"},
        {"en": "Someone independent who helps you say what you want, and makes sure you are "
               "listened to.",
         "cy": "Rhywun annibynnol sy'n eich helpu i ddweud beth rydych chi eisiau, ac yn gwneud "
               "yn siŵr bod pobl yn gwrando arnoch chi."}),
)

# Welsh initial mutations: a term is found whatever mutation its first word has taken
# ("eich gweithiwr", "ei weithiwr", "fy ngweithiwr").
_SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l",
         "rh": "r"}
_NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
_ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}


def welsh_initial_forms(word: str) -> list[str]:
    """The word and its soft, nasal and aspirate mutations (h- before a vowel)."""
    lower = word.lower()
    forms = [lower]
    for table in (_SOFT, _NASAL, _ASPIRATE):
        for radical in sorted(table, key=len, reverse=True):
            if lower.startswith(radical):
                forms.append(table[radical] + lower[len(radical):])
                break
    if lower[:1] in "aeiouwyâêîôûŵŷ":
        forms.append("h" + lower)
    return list(dict.fromkeys(forms))


def term_pattern(language: str, term: str) -> re.Pattern[str]:
    """A whole-word pattern for `term`; acronyms are matched in capitals only."""
    if term.isupper():
        return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    first, _, rest = term.partition(" ")
    heads = welsh_initial_forms(first) if language == "cy" else [first.lower()]
    head = "|".join(re.escape(h) for h in heads)
    tail = r"\s+".join(re.escape(w) for w in rest.split()) if rest else ""
    body = f"(?:{head})" + (r"\s+" + tail if tail else "")
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


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
