"""The glossary of the family leaflets: jargon that may remain in a family's text, with plain
words for it in Welsh and English, and how to find a term whatever its Welsh mutation.

`leaflet.py` lists, at the end of a leaflet, each entry whose terms the leaflet's text uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
