"""The pathway's vocabulary in FHIR: its levels and roles as CodeSystems, its agencies as
Organizations (fhir.py puts them in the Bundle; fhir_read.py finds them again)."""

from __future__ import annotations

from pathwaylang import model as m
from pathwaylang.interchange import fhir_terms as t


def levels(program: m.Program, pid: str, url: str, status: str) -> dict | None:
    """The levels, lowest need first, each with its domain."""
    ordered = sorted(program.levels, key=lambda lv: lv.rank)
    if not ordered:
        return None
    concepts = [{"code": lv.id.value, "display": t.plain_text(lv.label.value),
                 "property": [{"code": "domain", "valueCode": lv.domain.value}]}
                for lv in ordered]
    return code_system(pid, "levels", url, "Levels of need, lowest first", status, concepts,
                       {"code": "domain", "type": "code",
                        "description": "prevention, protection or remedial"})


def roles(items: list[m.Role], pid: str, url: str, status: str) -> dict | None:
    """The roles, each with the agency it belongs to."""
    if not items:
        return None
    concepts = []
    for role in items:
        concept = {"code": role.id.value, "display": t.plain_text(role.name.value)}
        if role.agency:
            concept["property"] = [{"code": "agency", "valueCode": role.agency.value}]
        concepts.append(concept)
    return code_system(pid, "roles", url, "Roles", status, concepts,
                       {"code": "agency", "type": "code",
                        "description": "The agency the role belongs to"})


def code_system(pid: str, suffix: str, url: str, title: str, status: str,
                concepts: list[dict], prop: dict) -> dict:
    return {"resourceType": "CodeSystem", "id": t.fhir_id(pid, suffix), "url": url,
            "name": f"{pid}_{suffix}", "title": title, "status": status,
            "content": "complete", "count": len(concepts), "property": [prop],
            "concept": concepts}


def organizations(agencies: list[m.Agency]) -> list[dict]:
    """One Organization per agency (each id once, the first definition kept)."""
    unique = {a.id.value: a for a in reversed(agencies)}
    return [{"resourceType": "Organization", "id": t.fhir_id("agency", a.id.value),
             "identifier": [{"system": t.AGENCY_IDENTIFIER, "value": a.id.value}],
             "name": t.plain_text(a.name.value)}
            for a in agencies if unique.get(a.id.value) is a]
