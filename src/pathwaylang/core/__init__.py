"""Core types every stage shares: spans, diagnostics, limits, source files."""
