"""Reading the DOT text Graphviz reads and writes: where a graph ends, and a layout's plain
subgraphs put back in the order its source declares them.

Graphviz orders named subgraphs by where their names happen to be in its memory. In a fresh
`dot` process that is the order the source declares them (every map part of the examples);
in a process that has laid other graphs out, it can be any order. A *plain* subgraph (a
name and a few nodes of its own, as the map's bands are without their boxes) changes nothing
in the layout: only where its block comes in the `-Tdot` output and its object in the
`-Tjson` output. Putting those back in the declared order gives the same layout from any
process (graphviz_session.py shares a process between such graphs; graphviz_render.py puts
a lone run's in the same order).
"""

from __future__ import annotations

import re
from typing import Iterator

# ---- where a DOT graph ends -------------------------------------------------------------

_SPECIAL = re.compile(rb'["{}<]|/\*|//|^#', re.M)
_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_HTML_REST = re.compile(rb"(?:[^<>]++|<[^<>]*+>)*+>")


def graph_end(text: bytes | bytearray, start: int) -> int | None:
    """The index just after the closing brace of the DOT graph that begins at `start`; None
    when `text` ends first (or the braces do not match). Quoted and HTML strings and
    comments are skipped as Graphviz's scanner skips them."""
    return scan(text, start)[0]


def scan(text: bytes | bytearray, start: int, deepest: int | None = None
         ) -> tuple[int | None, int]:
    """`graph_end`, and how deep the braces went (1: no subgraph, not even `{ a b }`); with
    `deepest`, (None, that depth + 1) as soon as the braces go deeper than it."""
    most, depth, deepest = deepest, 0, 0
    for token, _, end in tokens(text, start):
        if token == b"{":
            depth += 1
            deepest = max(deepest, depth)
            if most is not None and depth > most:  # deep enough to say no
                return None, deepest
        elif token == b"}":
            depth -= 1
            if depth <= 0:
                return (end if depth == 0 else None), deepest
        elif token is None:
            break
    return None, deepest


def tokens(text: bytes | bytearray, start: int) -> Iterator[tuple[bytes | None, int, int]]:
    """Each brace, string (`"`, `<`) and comment (`/*`, `//`, `#`) from `start` on, as
    (its first characters, where it starts, where it ends); (None, ...) when the text ends
    inside one."""
    pos = start
    while (found := _SPECIAL.search(text, pos)) is not None:
        token, begin, pos = found.group(), found.start(), found.end()
        if token == b'"':
            rest = _STRING_REST.match(text, pos)
            pos = None if rest is None else rest.end()
        elif token == b"<":
            pos = _html_end(text, pos)
        elif token == b"/*":
            close = text.find(b"*/", pos)
            pos = None if close < 0 else close + 2
        elif token in (b"//", b"#"):
            line_end = text.find(b"\n", pos)
            pos = None if line_end < 0 else line_end
        if pos is None:
            yield None, begin, len(text)
            return
        yield token, begin, pos


def _html_end(text: bytes | bytearray, pos: int) -> int | None:
    """Where the HTML string whose `<` ends at `pos` ends; None when the text ends first."""
    rest = _HTML_REST.match(text, pos)
    if rest is not None:  # the usual HTML string: tags in it, none in those
        return rest.end()
    level = 1
    while level:  # each `<` before the next `>` opens one level more
        close = text.find(b">", pos)
        if close < 0:
            return None
        level += text.count(b"<", pos, close) - 1
        pos = close + 1
    return pos


# ---- plain subgraphs in the declared order ----------------------------------------------

_NAME = rb"[A-Za-z_][A-Za-z_0-9]*"
_HEAD = re.compile(rb"\s*subgraph\s+(" + _NAME + rb")\s*")
_NODE = re.compile(rb"\s*(" + _NAME + rb")\s*(?:\[[^\[\]]*\])?\s*[;,]?\s*")
_KEYWORDS = {b"node", b"edge", b"graph", b"digraph", b"subgraph", b"strict"}


def plain_subgraphs(source: str) -> tuple[str, ...] | None:
    """The names of the source's subgraphs as declared, when it has some and every one is
    plain: at the top level, named (not a cluster, no name twice), and holding only
    statements that name nodes no other subgraph names, with their attributes. None
    otherwise, or when the source is not one whole graph."""
    skeleton = _skeleton(source.encode("utf-8"))
    if skeleton is None:
        return None
    names, members, depth, after = [], set(), 0, 0
    for brace in re.finditer(rb"[{}]", skeleton):
        depth += 1 if brace.group() == b"{" else -1
        if not 0 <= depth <= 2 or (depth == 0 and skeleton[brace.end():].strip()):
            return None
        if depth == 2:  # a subgraph opens: what comes before the brace names it
            head = _HEAD.fullmatch(re.split(rb"[;\]]", skeleton[after:brace.start()])[-1])
            opened = brace.end()
            if head is None or head.group(1) in names \
                    or head.group(1).lower().startswith(b"cluster"):
                return None
            names.append(head.group(1))
        elif depth == 1 and brace.group() == b"}":  # it closes: only nodes of its own inside
            nodes = _nodes(skeleton[opened:brace.start()])
            if nodes is None or nodes & members or skeleton[brace.end():].lstrip()[:1] == b"-":
                return None
            members |= nodes
        after = brace.end()
    return tuple(n.decode() for n in names) if names and depth == 0 else None


def _skeleton(data: bytes) -> bytes | None:
    """`data` with every string a NUL (which no name or keyword matches) and every comment
    a space, so its braces and names can be read with plain regular expressions."""
    out, pos = [], 0
    for token, begin, end in tokens(data, 0):
        if token is None:
            return None
        out += [data[pos:begin], b" \x00 " if token in (b'"', b"<") else
                token if token in (b"{", b"}") else b" "]
        pos = end
    out.append(data[pos:])
    return b"".join(out)


def _nodes(body: bytes) -> set[bytes] | None:
    """The nodes a subgraph's body names, when it holds nothing but node statements."""
    found, pos = set(), 0
    while pos < len(body):
        node = _NODE.match(body, pos)
        if node is None or node.end() == pos or node.group(1).lower() in _KEYWORDS \
                or node.group(1) in found:
            return None
        found.add(node.group(1))
        pos = node.end()
    return found


def layout_parts(out: bytes) -> tuple[bytes, bytes] | None:
    """A graph's `-Tdot` output and the JSON written after it, apart (the line break after
    the DOT's closing brace is the DOT's, as in a lone run); None when there is no whole
    graph first."""
    end = graph_end(out, 0)
    if end is None:
        return None
    geometry = out[end:].lstrip()
    return out[:len(out) - len(geometry)], geometry


def in_declared_order(formats: list[str], output: bytes, names: tuple[str, ...]) -> bytes:
    """A lone run's layouts (`-Tdot`, `-Tjson` or `-Tjson0`, or `-Tdot` with one of the
    JSON after it) of a graph whose plain subgraphs are `names`, with them in that order
    (a fresh process writes them so, as far as anyone has seen); the output as it is when
    it is not as expected."""
    ordered, parts = None, None
    if formats == ["dot"]:
        ordered = dot_in_declared_order(output, names)
    elif formats in (["json"], ["json0"]):
        ordered = json_in_declared_order(output, names)
    elif formats in (["dot", "json"], ["dot", "json0"]):
        parts = layout_parts(output)
    if parts is not None:
        layout, geometry = (dot_in_declared_order(parts[0], names),
                            json_in_declared_order(parts[1], names))
        ordered = None if layout is None or geometry is None else layout + geometry
    return output if ordered is None else ordered


_DOT_HEAD = re.compile(rb"\tsubgraph (" + _NAME + rb") ")


def dot_in_declared_order(layout: bytes, names: tuple[str, ...]) -> bytes | None:
    """The `-Tdot` output of a graph whose plain subgraphs are `names`, with their blocks
    in that order; None when the output is not as expected."""
    spans, depth = [], 0
    for token, begin, end in tokens(layout, 0):
        if token == b"{":
            depth += 1
            opened = begin
        elif token == b"}":
            depth -= 1
            if depth == 1:  # a block at the top level: its lines, from its head to its brace
                start = layout.rfind(b"\n", 0, opened) + 1
                head = _DOT_HEAD.fullmatch(layout, start, opened)
                if head is None or layout[end:end + 1] != b"\n":
                    return None
                spans.append((head.group(1).decode(), start, end + 1))
            elif depth == 0:
                break
        if token is None or depth > 2:
            return None
    if any(a[2] != b[1] for a, b in zip(spans, spans[1:])):  # written one after another
        return None
    return _in_order(layout, spans, names)


_OBJECTS = b'\n  "objects": [\n'
_COUNT = re.compile(rb'\n  "_subgraph_cnt": (\d+),\n')
_OBJECT_NAME = re.compile(rb'\n      "name": "(' + _NAME + rb')",\n')
_GVID = re.compile(rb'\n      "_gvid": (\d+),\n')


def json_in_declared_order(geometry: bytes, names: tuple[str, ...]) -> bytes | None:
    """The `-Tjson` (or `-Tjson0`) output of a graph whose plain subgraphs are `names`, with
    their objects in that order and numbered by it (they come first, numbered from 0; the
    nodes' numbers follow theirs, so none changes); None when the output is not as
    expected."""
    count, start = _COUNT.search(geometry), geometry.find(_OBJECTS)
    if count is None or start < 0:
        return None
    spans, pos = [], start + len(_OBJECTS)
    for _ in range(int(count.group(1))):
        stop = geometry.find(b"\n    }", pos) + len(b"\n    }")
        block = geometry[pos:stop] if stop > pos else b""
        name = _OBJECT_NAME.search(block)
        if not block.startswith(b"    {\n") or name is None or len(_GVID.findall(block)) != 1:
            return None
        spans.append((name.group(1).decode(), pos, stop))
        pos = stop + len(b",\n" if geometry.startswith(b",\n", stop) else b"\n")
    ordered = _in_order(geometry, spans, names)
    if ordered is None or ordered is geometry:
        return ordered
    first, last = spans[0][1], spans[-1][2]  # the blocks, moved: the same length in all
    number = iter(range(len(spans)))
    renumbered = _GVID.sub(lambda _: b'\n      "_gvid": %d,\n' % next(number),
                           ordered[first:last])
    return ordered[:first] + renumbered + ordered[last:]


def decoded_in_declared_order(geometry: dict, names: tuple[str, ...]) -> dict:
    """What `json_in_declared_order` does to the text, done to the JSON as `json.loads` read
    it (in place), once the text has been put in order: no need to read it again."""
    count, rank = geometry.get("_subgraph_cnt", 0), {name: i for i, name in enumerate(names)}
    objects = geometry["objects"]
    objects[:count] = sorted(objects[:count], key=lambda obj: rank[obj["name"]])
    for number, obj in enumerate(objects[:count]):
        obj["_gvid"] = number
    return geometry


def _in_order(text: bytes, spans: list[tuple[str, int, int]], names: tuple[str, ...]
              ) -> bytes | None:
    """`text` with the blocks at `spans` (name, start, end) in the order of `names`, what is
    between them left where it is; `text` itself when they are in order already."""
    if not spans:
        return text
    rank = {name: i for i, name in enumerate(names)}
    if any(name not in rank for name, _, _ in spans) or len({s[0] for s in spans}) < len(spans):
        return None
    ordered = sorted(spans, key=lambda span: rank[span[0]])
    if ordered == spans:
        return text
    parts = [text[:spans[0][1]]]
    for i, (_, start, end) in enumerate(ordered):
        parts.append(text[start:end])
        if i + 1 < len(spans):
            parts.append(text[spans[i][2]:spans[i + 1][1]])
    parts.append(text[spans[-1][2]:])
    return b"".join(parts)
