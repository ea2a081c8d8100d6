"""The built-in pictogram set for family-facing leaflets.

Pathway files pick a picture per stage with ``icon NAME``.  Every icon is a
hand-drawn 64x64 SVG file that sits next to this module (``<name>.svg``), drawn
in one dark colour with one soft accent fill so it still reads when printed in
black and white at about 2 cm.

This module only uses the standard library, reads no files at import time
and imports quickly.
"""

from __future__ import annotations

import os
from functools import lru_cache

from pathwaylang.core.wording import closest

__all__ = ["ALT_TEXT", "ICON_NAMES", "icon_svg", "suggest_icon"]

_DIR = os.path.dirname(os.path.abspath(__file__))

#: Plain alt text for each icon, in English ("en") and Welsh ("cy").
#: The English text is also the ``<title>`` inside each SVG file.
ALT_TEXT: dict[str, dict[str, str]] = {
    "baby": {"en": "A baby in a pram", "cy": "Babi mewn pram"},
    "calendar": {"en": "A calendar", "cy": "Calendr"},
    "check": {"en": "Done", "cy": "Wedi'i wneud"},
    "child": {"en": "A child", "cy": "Plentyn"},
    "conversation": {"en": "Two people talking", "cy": "Dau berson yn siarad"},
    "family": {"en": "A family", "cy": "Teulu"},
    "form": {"en": "A form to fill in", "cy": "Ffurflen i'w llenwi"},
    "group": {"en": "A group of people", "cy": "Grŵp o bobl"},
    "handshake": {"en": "Two people shaking hands", "cy": "Dau berson yn ysgwyd llaw"},
    "health": {"en": "Health", "cy": "Iechyd"},
    "heart": {"en": "A heart", "cy": "Calon"},
    "help": {"en": "Help and support", "cy": "Cymorth a chefnogaeth"},
    "home_visit": {"en": "Someone visiting your home", "cy": "Rhywun yn ymweld â'ch cartref"},
    "house": {"en": "A house", "cy": "Tŷ"},
    "letter": {"en": "A letter", "cy": "Llythyr"},
    "meeting": {"en": "People meeting around a table", "cy": "Pobl yn cyfarfod o amgylch bwrdd"},
    "phone": {"en": "A phone call", "cy": "Galwad ffôn"},
    "question": {"en": "A question", "cy": "Cwestiwn"},
    "review": {"en": "Looking again at the plan", "cy": "Edrych eto ar y cynllun"},
    "safety": {"en": "Keeping safe", "cy": "Cadw'n ddiogel"},
    "school": {"en": "School", "cy": "Ysgol"},
    "signpost": {"en": "A signpost", "cy": "Arwyddbost"},
    "star": {"en": "A star", "cy": "Seren"},
    "team": {"en": "A team working together", "cy": "Tîm yn gweithio gyda'i gilydd"},
    # Added with the booklet's and poster's pictures; review: their Welsh alt text.
    "adult": {"en": "An adult", "cy": "Oedolyn"},
    "danger": {"en": "Danger", "cy": "Perygl"},
    "disability": {"en": "Disability", "cy": "Anabledd"},
    "door": {"en": "An open door: a way in", "cy": "Drws agored: ffordd i mewn"},
    "foster_care": {"en": "A home with someone to care for the child",
                  "cy": "Cartref gyda rhywun i ofalu am y plentyn"},
    "moving_home": {"en": "Moving to a new home", "cy": "Symud i gartref newydd"},
    "plan": {"en": "A plan with steps", "cy": "Cynllun gyda chamau"},
    "teenager": {"en": "A young person", "cy": "Person ifanc"},
}

#: Every built-in icon name, sorted.
ICON_NAMES: tuple[str, ...] = tuple(sorted(ALT_TEXT))


@lru_cache(maxsize=None)
def icon_svg(name: str) -> str:
    """Return the SVG markup of the built-in icon ``name``.

    Raises ``KeyError`` if there is no icon of that name.
    """
    if name not in ALT_TEXT:
        raise KeyError(name)
    with open(os.path.join(_DIR, f"{name}.svg"), encoding="utf-8") as fh:
        return fh.read()


def suggest_icon(name: str) -> str | None:
    """Return the built-in icon name closest to ``name``, or ``None``.

    Meant for "did you mean ...?" hints when a pathway names an unknown icon.
    """
    key = str(name).strip().lower().replace("-", "_").replace(" ", "_")
    if key in ALT_TEXT:
        return key
    return closest(key, ICON_NAMES)
