"""`pwy lsp`: the language server. It shares the checker with `pwy check` (analysis/), so an
editor shows exactly the findings `pwy check` prints, and reads the statement table
(syntax/statements.py) for completion and hover. docs/editors.md says what it offers."""
