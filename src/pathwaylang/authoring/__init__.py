"""Tools for authors: `pwy diff`, `pwy new`, the rule pages."""
