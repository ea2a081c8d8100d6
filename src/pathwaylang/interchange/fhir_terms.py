"""The names both FHIR directions share: canonical URLs, code systems, extensions, ids.

FHIR ids allow letters, digits, `-` and `.` only (at most 64), so a pathway identifier's
`_` is written `-` (identifiers never hold `-`, so the way back is exact) and the parts
of a nested id are joined with `.`. An id that would be longer than 64 keeps a hash of
the whole, and the action carries the identifier as written in an extension.
"""

from __future__ import annotations

import hashlib
import unicodedata

BASE = "https://pathwaylang.org/fhir"
CPG_PATHWAY = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-pathwaydefinition"
PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"
USAGE_CONTEXT = "http://terminology.hl7.org/CodeSystem/usage-context-type"
UCUM = "http://unitsofmeasure.org"

NODE_KIND = f"{BASE}/CodeSystem/node-kind"
"""What an action stands for: `entry`, `stage`, `outcome`, `subpathway`, `algorithm`,
`question`, `answer` or `activity`."""
BUILT_IN_ROLE = f"{BASE}/CodeSystem/built-in-role"
"""`lead` (the stage's lead) and `family`."""
ROUTE_KIND = f"{BASE}/StructureDefinition/route-kind"
ROUTE_CRITERION = f"{BASE}/StructureDefinition/route-criterion"
LEAD = f"{BASE}/StructureDefinition/lead"
IDENTIFIER = f"{BASE}/StructureDefinition/identifier"
STATUS = f"{BASE}/StructureDefinition/status"
LANGUAGES = f"{BASE}/StructureDefinition/languages"
"""The pathway's languages for family text, in order (the first is the default)."""
FAMILY_TEXT = f"{BASE}/StructureDefinition/family-text"
"""What the family reads about a stage or outcome: `language`, `title`, `text`, `asked`,
`contact` and `icon`, as the parts of one complex extension."""
FAMILY_PARTS = ("title", "text", "asked", "contact")
FAMILY_NAMES = f"{BASE}/StructureDefinition/family-names"
"""The pathway's title and authority as families read them in one language: `language`,
`title`, `authority`."""
INDICATOR_COUNT = f"{BASE}/StructureDefinition/indicator-count"
"""How `pwy audit` counts an indicator: `kind` (`within` or `reaching`), `node` (the stage
timed, or the node reached), `from` (where the time starts, for `reaching`); the time is
the goal target's `due`."""
AGES = f"{BASE}/StructureDefinition/ages"
"""An evidence citation's age range, in years."""
PATHWAY_IDENTIFIER = f"{BASE}/identifier/pathway"
AGENCY_IDENTIFIER = f"{BASE}/identifier/agency"

ROUTE_CODES = {"exit": "exit", "step up": "step-up", "step down": "step-down", "refer": "refer",
               "rejoin": "rejoin", "entry": "entry", "uses": "uses", "ask": "ask",
               "goto": "goto"}
ROUTE_KINDS = {code: kind for kind, code in ROUTE_CODES.items()}

STATUS_CODES = {"draft": "draft", "consultation": "draft", "approved": "active",
                "retired": "retired"}

UNITS = {"day": ("d", "day"), "working day": (None, "working day"), "week": ("wk", "week"),
         "month": ("mo", "month"), "year": ("a", "year")}
"""Duration units: the UCUM code (none for a working day) and the word."""

MAX_ID = 64


def fhir_id(*parts: str) -> str:
    """A FHIR id from pathway identifiers (`stage`, `early_help`) -> `stage.early-help`."""
    whole = ".".join(part.replace("_", "-") for part in parts)
    if len(whole) <= MAX_ID:
        return whole
    digest = hashlib.sha256(whole.encode("utf-8")).hexdigest()[:10]
    return whole[:MAX_ID - 11] + "-" + digest


def fits(*parts: str) -> bool:
    return len(".".join(parts)) <= MAX_ID


def pwy_name(part: str) -> str:
    """A pathway identifier back from one part of a FHIR id."""
    name = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_"
                   for c in part.replace("-", "_"))
    return name if name and not name[0].isdigit() else f"_{name}"


def canonical(kind: str, identifier: str) -> str:
    return f"{BASE}/{kind}/{identifier}"


def plain_text(text: str) -> str:
    """Text FHIR strings and `.pwy` strings can both hold: control characters other than
    tab and line break (and lone surrogates) become U+FFFD; everything else is kept."""
    return "".join("\ufffd" if (unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n")
                   or c in "\u2028\u2029" else c for c in text)
