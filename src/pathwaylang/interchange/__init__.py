"""Interchange with other tools' standards: BPMN 2.0 (with its diagram) and HL7 FHIR R4.

Exporters are pure (they return text); `pwy export` and `pwy import` write the files.
docs/interchange.md has the mapping tables and what does not carry over.
"""
