"""Documented caps (docs/limits.md), set far above any real pathway, so hostile input ends quickly."""

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_INCLUDE_DEPTH = 16
MAX_STAGES = 50_000
MAX_TEXT_CHARS = 100_000
MAX_SUGGESTIONS = 1_000
"""Different unknown names given a "did you mean" in one check; the rest get none."""
MAX_SYNTAX_ERRORS = 10
"""`syntax` findings reported for one file before the parser stops."""
