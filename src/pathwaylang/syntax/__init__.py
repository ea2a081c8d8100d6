"""Source text to model: the grammar's readers (fast reader, lark), lowering, syntax findings, fmt.

The only package that imports lark."""
