"""`pwy serve FILE`: a live preview in the browser (the map, the family leaflets, the findings),
updated on every save of the file, a library it uses or a subpathway file (docs/editors.md)."""
