"""`pwy fmt`: one canonical layout for every construct, keeping every comment where it was.

The formatter prints the parse tree (not the model), so statements stay in the author's
order and strings keep the escapes they were written with. Layout: two-space indents,
one statement per line, one space between words, every block opened on its header line
and closed on a line of its own, `levels` and `variance` entries in aligned columns, at
most one blank line kept where the author left one. Comments on their own line stay
before the statement that follows them; a comment after code stays at the end of that
line. Text blocks are re-indented one level deeper than their statement, closing quotes
included.
"""

from __future__ import annotations

from dataclasses import dataclass

from lark import Token, Tree

from pathwaylang.core.source import Comment, SourceFile
from pathwaylang.syntax.lark_parser import parse
from pathwaylang.syntax.statements import KEYWORDS_BY_RULE

INDENT = "  "


@dataclass
class FormatResult:
    text: str | None
    """The formatted text, or None when the file does not parse."""
    diagnostics: list


def format_source(source: SourceFile) -> FormatResult:
    result = parse(source)
    if result.tree is None:
        return FormatResult(None, result.diagnostics)
    printer = Printer(source.text, result.comments)
    printer.file(result.tree.children[0])
    return FormatResult(printer.finish(), [])


# The keywords that start each statement, by tree name (the statement table's), for the
# statements printed as keywords then values.
_KEYWORDS = KEYWORDS_BY_RULE


class Printer:
    """Writes canonical lines while walking the tree, interleaving the source's comments."""

    def __init__(self, text: str, comments: list[Comment]):
        self.source_lines = text.split("\n")
        self.comments = sorted(comments, key=lambda c: (c.line, c.column))
        self.out: list[str] = []
        self.last_line = 0
        """The last source line whose content has been printed."""
        self.block_start = True

    # ---- comments and blank lines ---------------------------------------------------
    def _blank_between(self, start: int, end: int) -> bool:
        return any(not self.source_lines[i - 1].strip() for i in range(start + 1, end)
                   if 0 < i <= len(self.source_lines))

    def _leading(self, depth: int, before_line: int) -> None:
        """Print own-line comments before `before_line`, keeping one blank line where there was one."""
        while self.comments and self.comments[0].line < before_line:
            comment = self.comments.pop(0)
            self._gap(comment.line)
            self.out.append(INDENT * depth + comment.text.rstrip())
            self.last_line = comment.line
        self._gap(before_line)

    def _gap(self, line: int) -> None:
        if not self.block_start and self._blank_between(self.last_line, line):
            self.out.append("")
        self.block_start = False

    def _trailing(self, line: int) -> str:
        found = []
        while self.comments and self.comments[0].line == line:
            found.append(self.comments.pop(0).text.rstrip())
        return "".join("  " + text for text in found)

    def line(self, depth: int, text: str, start: int, end: int) -> None:
        """Print one statement written on source lines `start`..`end`."""
        self._leading(depth, end if end > start else start)
        self.out.append(INDENT * depth + text + self._trailing(end))
        self.last_line = max(self.last_line, end)

    def open_block(self, depth: int, header: str, tree: Tree) -> None:
        line = tree.meta.line
        self._leading(depth, line)
        self.out.append(INDENT * depth + header + " {" + self._trailing(line))
        self.last_line = line
        self.block_start = True

    def close_block(self, depth: int, tree: Tree) -> None:
        end = tree.meta.end_line
        while self.comments and self.comments[0].line < end:
            comment = self.comments.pop(0)
            self._gap(comment.line)
            self.out.append(INDENT * (depth + 1) + comment.text.rstrip())
            self.last_line = comment.line
        self.out.append(INDENT * depth + "}" + self._trailing(end))
        self.last_line = end
        self.block_start = False

    def finish(self) -> str:
        for comment in self.comments:
            self._gap(comment.line)
            self.out.append(comment.text.rstrip())
            self.last_line = comment.line
        return "\n".join(self.out).rstrip("\n") + "\n"

    # ---- files and blocks ---------------------------------------------------------------
    def file(self, tree: Tree) -> None:
        ident, *items = tree.children
        header = f"{tree.data} {ident}"
        if items and isinstance(items[0], Token):
            header += " " + self.string(items[0], 0)
            items = items[1:]
        self.block(0, header, tree, items)

    def block(self, depth: int, header: str, tree: Tree, items: list) -> None:
        if not items and not self._comments_inside(tree):
            self.line(depth, header + " {}", tree.meta.line, tree.meta.end_line)
            return
        self.open_block(depth, header, tree)
        for item in items:
            self.item(depth + 1, item)
        self.close_block(depth, tree)

    def _comments_inside(self, tree: Tree) -> bool:
        return any(tree.meta.line < c.line < tree.meta.end_line for c in self.comments)

    def item(self, depth: int, tree: Tree) -> None:
        method = getattr(self, "fmt_" + tree.data, None)
        if method is not None:
            method(depth, tree)
        elif tree.data in _KEYWORDS:
            self.simple(depth, tree)
        else:
            raise AssertionError(f"the formatter does not know {tree.data!r}")

    def simple(self, depth: int, tree: Tree) -> None:
        words = [_KEYWORDS[tree.data]] + [self.value(child, depth) for child in tree.children]
        self.line(depth, " ".join(words), tree.meta.line, tree.meta.end_line)

    # ---- values -----------------------------------------------------------------------
    def value(self, child, depth: int) -> str:
        if isinstance(child, Token):
            return self.string(child, depth) if child.type == "STRING" else str(child)
        if child.data == "name_list":
            return ", ".join(str(t) for t in child.children)
        if child.data == "age_range":
            low, high = child.children
            return f"{low} to {high}"
        if child.data == "duration":
            amount, unit = child.children
            return f"{amount} " + " ".join(str(t) for t in unit.children)
        raise AssertionError(f"the formatter does not know the value {child.data!r}")

    def string(self, token: Token, depth: int) -> str:
        raw = str(token)
        if not raw.startswith('"""') or "\n" not in raw:
            return raw
        return _reindent_text_block(raw[3:-3], INDENT * (depth + 1))

    # ---- statements with their own shape ----------------------------------------------------
    def fmt_role(self, depth: int, tree: Tree) -> None:
        ident, name, *agency = tree.children
        text = f"role {ident} {self.string(name, depth)}" + (f" at {agency[0]}" if agency else "")
        self.line(depth, text, tree.meta.line, tree.meta.end_line)

    def fmt_entry_decl(self, depth: int, tree: Tree) -> None:
        ident, description, target = tree.children
        self.line(depth, f"entry {ident} {self.string(description, depth)} -> {target}",
                  tree.meta.line, tree.meta.end_line)

    def fmt_stage_action(self, depth: int, tree: Tree) -> None:
        text, *parts = tree.children
        words = ["action", self.string(text, depth)]
        for part in parts:
            keyword = "by" if part.data == "action_by" else "within"
            words += [keyword, self.value(part.children[0], depth)]
        self.line(depth, " ".join(words), tree.meta.line, tree.meta.end_line)

    def fmt_stage_repeats(self, depth: int, tree: Tree) -> None:
        every, during = (self.value(child, depth) for child in tree.children)
        self.line(depth, f"repeats every {every} for {during}", tree.meta.line,
                  tree.meta.end_line)

    def fmt_transition(self, depth: int, tree: Tree) -> None:
        kind, target, *when = tree.children
        words = [" ".join(str(t) for t in kind.children), "to", str(target)]
        if when:
            words += ["when", self.string(when[0], depth)]
        self.line(depth, " ".join(words), tree.meta.line, tree.meta.end_line)

    def fmt_indicator_count(self, depth: int, tree: Tree) -> None:
        rule = tree.children[0]
        if rule.data == "count_visits":
            stage, within = rule.children
            words = f"count visits to {stage} within {self.value(within, depth)}"
        else:
            target, source, within = rule.children
            words = (f"count families reaching {target} from {source} within "
                     f"{self.value(within, depth)}")
        self.line(depth, words, tree.meta.line, tree.meta.end_line)

    def fmt_variance_code(self, depth: int, tree: Tree) -> None:
        code, meaning = tree.children
        self.line(depth, f"{code} {self.string(meaning, depth)}", tree.meta.line,
                  tree.meta.end_line)

    def _named_block(self, depth: int, tree: Tree, keyword: str) -> None:
        ident, title, *items = tree.children
        self.block(depth, f"{keyword} {ident} {self.string(title, depth)}", tree, items)

    def fmt_stage(self, depth: int, tree: Tree) -> None:
        self._named_block(depth, tree, "stage")

    def fmt_subpathway(self, depth: int, tree: Tree) -> None:
        self._named_block(depth, tree, "subpathway")

    def fmt_indicator(self, depth: int, tree: Tree) -> None:
        self._named_block(depth, tree, "indicator")

    def fmt_algorithm(self, depth: int, tree: Tree) -> None:
        self._named_block(depth, tree, "algorithm")

    def fmt_question(self, depth: int, tree: Tree) -> None:
        self._named_block(depth, tree, "ask")

    def fmt_answer(self, depth: int, tree: Tree) -> None:
        answer, *rest = tree.children
        if not rest:
            self.line(depth, f"{answer} ->", tree.meta.line, tree.meta.end_line)
            return
        step = rest[0]
        value = step.children[0]
        keyword = step.data.removeprefix("step_")
        shown = self.string(value, depth) if keyword == "do" else str(value)
        self.line(depth, f"{answer} -> {keyword} {shown}", tree.meta.line, tree.meta.end_line)

    def fmt_outcome(self, depth: int, tree: Tree) -> None:
        self._optional_block(depth, tree, "outcome")

    def fmt_evidence(self, depth: int, tree: Tree) -> None:
        self._optional_block(depth, tree, "evidence")

    def _optional_block(self, depth: int, tree: Tree, keyword: str) -> None:
        """`outcome` and `evidence` may be written without a block: keep that when empty."""
        ident, title, *items = tree.children
        header = f"{keyword} {ident} {self.string(title, depth)}"
        if items or self._comments_inside(tree):
            self.block(depth, header, tree, items)
        else:
            self.line(depth, header, tree.meta.line, tree.meta.end_line)

    def fmt_family_block(self, depth: int, tree: Tree) -> None:
        children = tree.children
        header = "family"
        if children and isinstance(children[0], Token):
            header += f" {children[0]}"
            children = children[1:]
        self.block(depth, header, tree, children)

    fmt_header_family = fmt_family_block

    def fmt_levels(self, depth: int, tree: Tree) -> None:
        rows = [(str(i), self.string(label, depth + 1), f"domain {domain}", level)
                for level in tree.children for i, label, domain in [level.children]]
        self._aligned_block(depth, "levels", tree, rows)

    def fmt_variance(self, depth: int, tree: Tree) -> None:
        rows = [(str(code), self.string(meaning, depth + 1), "", entry)
                for entry in tree.children for code, meaning in [entry.children]]
        self._aligned_block(depth, "variance", tree, rows)

    def _aligned_block(self, depth: int, header: str, tree: Tree, rows: list) -> None:
        if not rows:
            self.block(depth, header, tree, [])
            return
        first = max(len(r[0]) for r in rows)
        second = max(len(r[1]) for r in rows if "\n" not in r[1]) if any(
            "\n" not in r[1] for r in rows) else 0
        self.open_block(depth, header, tree)
        for name, label, rest, node in rows:
            text = f"{name.ljust(first)} {label.ljust(second) if rest else label}"
            text = (text + " " + rest).rstrip() if rest else text
            self.line(depth + 1, text, node.meta.line, node.meta.end_line)
        self.close_block(depth, tree)


def _reindent_text_block(body: str, inner: str) -> str:
    """A multi-line text block, its lines and closing quotes indented at `inner`.

    The value does not change: the lowering drops the first line break and the trailing
    whitespace, and removes the lines' common indentation, which is all this changes.
    """
    import textwrap

    if body.startswith("\n"):
        body = body[1:]
    lines = textwrap.dedent(body.rstrip()).split("\n")
    shown = "\n".join(inner + line if line.strip() else "" for line in lines)
    return f'"""\n{shown}\n{inner}"""'
