"""`pwy lsp` end to end: the real server over stdio, driven by pytest-lsp's client
(`lsp_client.run_session`, one server a test)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from lsp_client import change_params, lsp_test, make_workspace, open_params, position_of
from pathwaylang.lsp.outline import TOKEN_TYPES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    make_workspace(folder)
    return folder


async def opened(client, path: Path) -> list[lsp.Diagnostic]:
    mark = client.diagnostics.mark()
    client.text_document_did_open(open_params(path))
    return await client.diagnostics.next(path.resolve().as_uri(), mark)


async def changed(client, path: Path, text: str, version: int) -> list[lsp.Diagnostic]:
    mark = client.diagnostics.mark()
    client.text_document_did_change(change_params(path, text, version))
    return await client.diagnostics.next(path.resolve().as_uri(), mark)


def doc(path: Path) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=path.resolve().as_uri())


def pwy_check_json(folder: Path, name: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "pathwaylang", "check", "--format", "json",
                             name], cwd=folder, capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)["diagnostics"]


def as_tuples(diagnostics: list[lsp.Diagnostic]) -> list[tuple]:
    return sorted((d.code, d.range.start.line + 1, d.range.start.character + 1,
                   d.message.split("\nhint: ")[0]) for d in diagnostics)


# ---- diagnostics -----------------------------------------------------------------


@lsp_test
async def test_findings_on_open_are_pwy_checks(client, workspace):
    main = workspace / "main.pwy"
    text = main.read_text().replace("lead family_worker", "lead family_wroker", 1)
    text = text.replace("icon form\n", "icon forms\n", 1)
    main.write_text(text)
    diagnostics = await opened(client, main)
    expected = sorted((d["rule"], d["line"], d["column"], d["message"])
                      for d in pwy_check_json(workspace, "main.pwy") if d["file"] == "main.pwy")
    assert expected and as_tuples(diagnostics) == expected
    assert {"undefined-reference", "unknown-icon"} <= {d.code for d in diagnostics}
    wrong = next(d for d in diagnostics if d.code == "undefined-reference")
    assert "did you mean `family_worker`?" in wrong.message
    page = Path(wrong.code_description.href.removeprefix("file://"))
    assert page.read_text().startswith("# undefined-reference")


@lsp_test
@pytest.mark.parametrize("name", ["dylanshire.pwy", "kentigernshire.pwy"])
async def test_examples_with_a_mistake_match_pwy_check(client, workspace, name):
    for item in ("common", "subpathways", name):
        source = REPO / "examples" / item
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, workspace / item)
    path = workspace / name
    text = path.read_text()
    path.write_text(text.replace("step down to", "step down too", 1))  # a syntax error
    broken = await opened(client, path)
    assert [d.code for d in broken] == [d["rule"] for d in pwy_check_json(workspace, name)
                                        if d["file"] == name] and broken
    assert await changed(client, path, text, 2) == []  # `pwy check` finds none either


@lsp_test
async def test_a_change_is_checked_and_superseded_versions_are_dropped(client, workspace):
    main = workspace / "main.pwy"
    text = main.read_text()
    assert await opened(client, main) == []
    broken = text.replace("level targeted", "level targetted", 1)
    assert "undefined-reference" in {d.code for d in await changed(client, main, broken, 2)}
    # Three changes in a burst: only the last one's findings are published.
    mark = client.diagnostics.mark()
    client.text_document_did_change(change_params(main, text, 3))
    client.text_document_did_change(change_params(main, broken.replace("targetted", "x"), 4))
    client.text_document_did_change(change_params(main, text, 5))
    assert await client.diagnostics.next(main.resolve().as_uri(), mark) == []
    await asyncio.sleep(0.5)
    published = [d for uri, d, _ in client.diagnostics.history[mark:]
                 if uri == main.resolve().as_uri()]
    assert published == [[]]


@lsp_test
async def test_configuration_is_respected(client, workspace):
    (workspace / "pathwaylang.toml").write_text('[rules]\nunknown-icon = "off"\n'
                                                'undefined-reference = "warning"\n')
    main = workspace / "main.pwy"
    main.write_text(main.read_text().replace("icon form\n", "icon forms\n", 1)
                    .replace("lead family_worker", "lead nobody", 1))
    diagnostics = await opened(client, main)
    assert "unknown-icon" not in {d.code for d in diagnostics}
    assert {d.severity for d in diagnostics if d.code == "undefined-reference"} == {
        lsp.DiagnosticSeverity.Warning}


# ---- navigation ------------------------------------------------------------------


@lsp_test
async def test_definition_into_a_library_and_a_used_file(client, workspace):
    main, library = workspace / "main.pwy", workspace / "lib.pwy"
    await opened(client, main)
    text = main.read_text()
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=doc(main), position=position_of(text, "lead family_worker", 6)))
    assert [(f.uri, f.range.start.line) for f in found] == [(library.resolve().as_uri(), 2)]
    assert found[0].range.start.character == LIBRARY_ROLE_COLUMN
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=doc(main), position=position_of(text, '"lib.pwy"', 2)))
    assert [(f.uri, f.range.start.line) for f in found] == [(library.resolve().as_uri(), 0)]
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=doc(main), position=position_of(text, "-> first_conversation", 4)))
    assert found[0].range.start.line == text[:text.index('stage first_conversation')].count("\n")


LIBRARY_ROLE_COLUMN = len("  role ")


@lsp_test
async def test_references_and_rename_out_of_a_library(client, workspace):
    main, library = workspace / "main.pwy", workspace / "lib.pwy"
    other = workspace / "other.pwy"
    other.write_text(main.read_text().replace("pathway demo", "pathway other", 1))
    await opened(client, library)
    text = library.read_text()
    where = position_of(text, "role family_worker", 6)
    found = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=doc(library), position=where,
        context=lsp.ReferenceContext(include_declaration=True)))
    by_file: dict[str, int] = {}
    for location in found:
        name = Path(location.uri.removeprefix("file://")).name
        by_file[name] = by_file.get(name, 0) + 1
    uses = main.read_text().count("lead family_worker")
    assert by_file == {"lib.pwy": 1, "main.pwy": uses, "other.pwy": uses}
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=doc(library), position=where, new_name="support_worker"))
    edited = {Path(uri.removeprefix("file://")).name: len(edits)
              for uri, edits in edit.changes.items()}
    assert edited == by_file
    assert all(e.new_text == "support_worker" for es in edit.changes.values() for e in es)


@lsp_test
@pytest.mark.parametrize("needle, offset, new_name, why", [
    ("role family_worker", 6, "stage", "keyword"),
    ("role family_worker", 6, "9lives", "not a name"),
    ("with family", 6, "parents", "built in"),
    ("level universal", 7, "targeted", "already defined"),
])
async def test_rename_refuses(client, workspace, needle, offset, new_name, why):
    main = workspace / "main.pwy"
    await opened(client, main)
    path = main if needle in main.read_text() else workspace / "lib.pwy"
    if path != main:
        await opened(client, path)
    text = path.read_text()
    with pytest.raises(Exception) as refused:
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=doc(path), position=position_of(text, needle, offset),
            new_name=new_name))
    assert why in str(refused.value)


@lsp_test
async def test_symbols_and_semantic_tokens(client, workspace):
    main = workspace / "main.pwy"
    await opened(client, main)
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=doc(main)))
    children = {(c.name, c.kind) for c in symbols[0].children}
    assert ("first_conversation", lsp.SymbolKind.Class) in children
    assert ("help_ends", lsp.SymbolKind.Event) in children
    tokens = await client.text_document_semantic_tokens_full_async(
        lsp.SemanticTokensParams(text_document=doc(main)))
    decoded, line, start = [], 0, 0
    data = tokens.data
    for i in range(0, len(data), 5):
        line += data[i]
        start = data[i + 1] if data[i] else start + data[i + 1]
        decoded.append((line, start, data[i + 2], TOKEN_TYPES[data[i + 3]], data[i + 4]))
    text = main.read_text().split("\n")
    def token(line_text_start: str, word: str):
        number = next(i for i, t in enumerate(text) if t.strip().startswith(line_text_start))
        column = text[number].index(word)
        return next(t for t in decoded if t[0] == number and t[1] == column)
    assert token("stage first_conversation", "first_conversation")[3:] == ("class", 1)
    assert token("stage first_conversation", "stage")[3] == "keyword"
    assert token("lead family_worker", "family_worker")[3:] == ("interface", 0)
    assert token("# The header", "#")[3] == "comment"


# ---- hover and completion --------------------------------------------------------


async def hover_at(client, path: Path, needle: str, offset: int, nth: int = 0) -> str:
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=doc(path), position=position_of(path.read_text(), needle, offset, nth)))
    return result.contents.value if result else ""


@lsp_test
async def test_hover(client, workspace):
    main = workspace / "main.pwy"
    await opened(client, main)
    card = await hover_at(client, main, "stage family_support_plan", 8)
    assert "Family support plan" in card and "`targeted` (Targeted family support)" in card
    assert "lead: `family_worker` (Family support worker)" in card
    assert "timescale: 6 months" in card
    assert "step up from `first_conversation`" in card
    assert "step down to `first_conversation`" in card
    role = await hover_at(client, main, "lead family_worker", 7)
    assert "Family support worker" in role and "Family Support Service" in role
    icon = await hover_at(client, main, "icon conversation", 7)
    picture = icon.split("](")[1].rstrip(")")
    assert picture.endswith("conversation.svg") and Path(picture[7:]).is_file()
    main.write_text(main.read_text().replace("icon star", "icon starr", 1))
    await changed(client, main, main.read_text(), 2)
    finding = await hover_at(client, main, "icon starr", 7)
    assert "[unknown-icon]" in finding and "rule's page](file://" in finding


async def labels(client, path: Path, text: str, needle: str, offset: int | None = None):
    client.text_document_did_change(change_params(path, text, labels.version))
    labels.version += 1
    where = position_of(text, needle, len(needle) if offset is None else offset)
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=doc(path), position=where))
    return {item.label for item in result.items}


labels.version = 2


@lsp_test
async def test_completion_by_position(client, workspace):
    main = workspace / "main.pwy"
    await opened(client, main)
    text = main.read_text()
    assert await labels(client, main, text, "    level ") >= {"universal", "targeted"}
    assert "family_worker" in await labels(client, main, text, "    lead ")
    assert {"family_worker", "family", "lead"} <= await labels(client, main, text, "    with ")
    assert {"first_conversation", "family_support_plan", "help_ends"} <= \
        await labels(client, main, text, "step up to ")
    icons = await labels(client, main, text, "icon ")
    assert {"conversation", "star", "form"} <= icons and "universal" not in icons
    typed = text.replace("    timescale 10 working days\n", "    timescale 10 working days\n    ti\n")
    statements = await labels(client, main, typed, "    ti\n", 6)
    assert {"timescale", "lead", "exit", "step", "family", "entry when"} <= statements
    assert "authority" not in statements
    in_family = text.replace('      icon form\n', '      icon form\n      \n', 1)
    assert await labels(client, main, in_family, "icon form\n      ") == {
        "title", "text", "asked", "contact", "icon"}


# ---- editing ---------------------------------------------------------------------


@lsp_test
async def test_formatting_is_pwy_fmt(client, workspace):
    main = workspace / "main.pwy"
    messy = main.read_text().replace("    level universal\n", "level    universal\n", 1)
    main.write_text(messy)
    await opened(client, main)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=doc(main), options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)))
    subprocess.run([sys.executable, "-m", "pathwaylang", "fmt", "main.pwy"], cwd=workspace,
                   check=True, capture_output=True, timeout=120)
    assert len(edits) == 1 and edits[0].new_text == main.read_text() != messy


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


@lsp_test
async def test_code_actions(client, workspace):
    main = workspace / "main.pwy"
    text = main.read_text().replace("lead family_worker", "lead family_wroker", 1)
    start = text.index("    family en {\n      title \"First conversation\"")
    end = text.index("    }\n", start) + len("    }\n")
    text = text[:start] + text[end:]  # the first stage loses its English family text
    main.write_text(text)
    diagnostics = await opened(client, main)
    uri = main.resolve().as_uri()

    async def actions_for(rule: str) -> dict[str, lsp.CodeAction]:
        finding = next(d for d in diagnostics if d.code == rule)
        found = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=doc(main), range=finding.range,
            context=lsp.CodeActionContext(diagnostics=[finding])))
        return {a.title: a for a in found}

    typo = await actions_for("undefined-reference")
    fixed = apply(text, typo["Replace with `family_worker`"].edit.changes[uri])
    assert fixed.count("lead family_wroker") == 0 and fixed.count("lead family_worker") == 2
    missing = await actions_for("missing-family-text")
    with_block = apply(text, missing["Add a `family en` block"].edit.changes[uri])
    assert await changed(client, main, with_block, 2) != []
    after = {d.code for d in client.diagnostics[uri]}
    assert "missing-family-text" not in after
    ignore = missing["Ignore `missing-family-text` on this line"]
    silenced = apply(text, ignore.edit.changes[uri])
    assert "# pwy: ignore[missing-family-text]" in silenced
    assert "missing-family-text" not in {d.code for d in await changed(client, main, silenced, 3)}


@lsp_test
async def test_a_library_saved_elsewhere_is_picked_up(client, workspace):
    main, library = workspace / "main.pwy", workspace / "lib.pwy"
    assert await opened(client, main) == []
    library.write_text(library.read_text().replace("role family_worker", "role helper")
                       .replace("at family_support", "at nowhere"))
    mark = client.diagnostics.mark()
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=library.resolve().as_uri(), type=lsp.FileChangeType.Changed)]))
    found = await client.diagnostics.next(main.resolve().as_uri(), mark)
    assert "undefined-reference" in {d.code for d in found}
    in_library = await client.diagnostics.next(library.resolve().as_uri(), mark)
    assert {d.code for d in in_library} == {"undefined-reference"}  # shown in the library


@lsp_test
async def test_into_and_out_of_a_subpathway_file(client, workspace):
    for item in ("common", "subpathways", "kentigernshire.pwy"):
        source = REPO / "examples" / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, workspace / item)
    main = workspace / "kentigernshire.pwy"
    sub = workspace / "subpathways" / "kentigernshire-housing-support.pwy"
    await opened(client, main)
    text = main.read_text()
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=doc(main), position=position_of(text, 'file "subpathways/', 8)))
    sub_text = sub.read_text()
    assert [(f.uri, f.range.start.line) for f in found] == [
        (sub.resolve().as_uri(), position_of(sub_text, "pathway kentigern_homes").line)]
    await opened(client, sub)
    back = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=doc(sub), position=position_of(sub_text, "kentigern_homes_tenancy", 3),
        context=lsp.ReferenceContext(include_declaration=True)))
    assert [(b.uri, b.range.start.line) for b in back] == [
        (main.resolve().as_uri(), position_of(text, 'file "subpathways/').line)]


@lsp_test
async def test_a_check_overtaken_while_running_is_dropped(client, workspace):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from scale import generate  # a file large enough that a check takes a while

    big = workspace / "big.pwy"
    text = generate(1000)
    big.write_text(text)
    at_first = await opened(client, big)
    uri = big.resolve().as_uri()
    mark = client.diagnostics.mark()
    mistaken = text.replace("lead health_visitor", "lead nobody_here", 1)
    client.text_document_did_change(change_params(big, mistaken, 2))
    await asyncio.sleep(0.1)  # past the pause: version 2 is being checked
    client.text_document_did_change(change_params(big, text, 3))
    assert await client.diagnostics.next(uri, mark, timeout=60) == at_first
    await asyncio.sleep(1)
    published = [d for seen, d, _ in client.diagnostics.history[mark:] if seen == uri]
    assert published == [at_first]  # never version 2's `nobody_here`
