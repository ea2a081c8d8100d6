"""The language server: pygls wiring for the features in this package.

Checks run on one worker thread, so requests (hover, definition, completion) are answered
from the last check while the next one runs. A change is checked after a short pause
(`DEBOUNCE`) so a burst of keystrokes is one check; a check whose document has changed again
by the time it ends is dropped, never published over newer findings.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from pathwaylang import __version__
from pathwaylang.core.diagnostics import Diagnostic, Severity
from pathwaylang.core.source import SourceFile, resolved
from pathwaylang.lsp import actions, completion, hover, navigation, outline
from pathwaylang.lsp.analysis import Analysis, Settings, analyse
from pathwaylang.lsp.positions import Lines, path_of, uri_of
from pathwaylang.lsp.rule_links import rule_page_uri

DEBOUNCE = 0.025
"""Seconds of quiet after a change before it is checked."""
_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error,
             Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}
_REQUEST_FAILED = -32803
log = logging.getLogger(__name__)


class PathwayServer(LanguageServer):
    def __init__(self, settings: Settings):
        super().__init__("pwy", __version__)
        self.settings = settings
        self.latest: dict[str, Analysis] = {}
        """Each open document's last check."""
        self.navigable: dict[str, Analysis] = {}
        """Each open document's last check that could read it (for names and spans)."""
        self.published: dict[str, set[str]] = {}
        """Other files each document published findings for (its libraries')."""
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._lines: dict[str, tuple[int | None, Lines]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pwy-check")

    # ---- checking ---------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        handle = self._timers.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self._timers[uri] = asyncio.get_running_loop().call_later(delay, self._start, uri)

    def schedule_dependents(self, uri: str, delay: float) -> None:
        """Open documents that read this one (it is their library or subpathway)."""
        path = path_of(uri)
        for other, analysis in self.latest.items():
            if other != uri and path is not None and analysis.display_of(path) is not None:
                self.schedule(other, delay)

    def _start(self, uri: str) -> None:
        self._timers.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        path = path_of(uri)
        if document is None or path is None:
            return
        future = asyncio.get_running_loop().run_in_executor(
            self._worker, analyse, path, document.version, self.unsaved(), self.settings)
        future.add_done_callback(partial(self._done, uri, document.version))

    def unsaved(self) -> dict[Path, str]:
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = path_of(uri)
            if path is not None:
                texts[path] = document.source
        return texts

    def _done(self, uri: str, version: int | None, future: asyncio.Future) -> None:
        if future.cancelled():
            return
        if future.exception() is not None:
            log.error("checking %s failed", uri, exc_info=future.exception())
            return
        document = self.workspace.text_documents.get(uri)
        if document is None or document.version != version:
            return  # superseded: a newer version is being checked
        analysis: Analysis = future.result()
        self.latest[uri] = analysis
        if analysis.program is not None:
            self.navigable[uri] = analysis
        self.publish(uri, analysis)

    def publish(self, uri: str, analysis: Analysis) -> None:
        groups: dict[str, list[lsp.Diagnostic]] = {uri: []}
        for finding in analysis.diagnostics:
            target = self._uri_of_finding(analysis, finding) or uri
            groups.setdefault(target, []).append(to_lsp(analysis, finding))
        open_documents = self.workspace.text_documents
        others = {u for u in groups if u != uri and u not in open_documents}
        for stale in self.published.get(uri, set()) - others:
            if stale not in open_documents:
                self._send(stale, [], None)
        self.published[uri] = others
        self._send(uri, groups[uri], analysis.version)
        for other in others:
            self._send(other, groups[other], None)

    def _send(self, uri: str, diagnostics: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    @staticmethod
    def _uri_of_finding(analysis: Analysis, finding: Diagnostic) -> str | None:
        if finding.span is None:
            return None
        path = analysis.path_of(finding.span.file)
        return uri_of(path) if path is not None else None

    # ---- positions --------------------------------------------------------------
    def at(self, uri: str, position: lsp.Position) -> tuple[Analysis, str, int, int] | None:
        """The last readable check of the document, its name in spans, and the position
        as a 1-based line and column."""
        analysis = self.navigable.get(uri)
        if analysis is None or analysis.display is None:
            return None
        line, column = self.lines(uri).point(position)
        return analysis, analysis.display, line, column

    def lines(self, uri: str) -> Lines:
        document = self.workspace.text_documents.get(uri)
        version = document.version if document else None
        cached = self._lines.get(uri)
        if cached is None or cached[0] != version or document is None:
            text = document.source if document else ""
            cached = self._lines[uri] = (version, Lines(text.replace("\r\n", "\n")))
        return cached[1]

    def location(self, analysis: Analysis, place: navigation.Place) -> lsp.Location:
        display = analysis.display_of(place.path)
        lines = analysis.lines(display) if display else None
        if lines is None:
            lines = _lines_of_file(place.path)
        return lsp.Location(uri=uri_of(place.path), range=lines.range(place.span))

    def others(self) -> list[Analysis]:
        root = self.settings.root or Path.cwd()
        return navigation.workspace_analyses(resolved(root), self.unsaved())


def _lines_of_file(path: Path) -> Lines:
    try:
        return Lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return Lines("")


def to_lsp(analysis: Analysis, finding: Diagnostic) -> lsp.Diagnostic:
    """A finding as the editor shows it: rule name as the code, linked to its page."""
    span = finding.span
    lines = (analysis.lines(span.file) if span else None) or Lines("")
    where = lines.range(span) if span else lsp.Range(start=lsp.Position(line=0, character=0),
                                                      end=lsp.Position(line=0, character=0))
    href = rule_page_uri(finding.rule)
    message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
    related = []
    for label in finding.labels:
        path = analysis.path_of(label.span.file)
        label_lines = analysis.lines(label.span.file)
        if path is not None and label_lines is not None:
            related.append(lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=uri_of(path), range=label_lines.range(label.span)),
                message=label.message))
    return lsp.Diagnostic(
        range=where, severity=_SEVERITY[finding.severity], code=finding.rule, source="pwy",
        code_description=lsp.CodeDescription(href=href) if href else None, message=message,
        related_information=related or None)


def build_server(settings: Settings) -> PathwayServer:
    server = PathwayServer(settings)
    _register_sync(server)
    _register_navigation(server)
    _register_editing(server)
    return server


def _register_sync(server: PathwayServer) -> None:
    @server.feature(lsp.INITIALIZED)
    def initialized(ls: PathwayServer, params: lsp.InitializedParams) -> None:
        # The workspace folder is where `pwy check` would be run: configuration discovery
        # stops there, and it is the default root.
        root = ls.workspace.root_path
        if root and ls.settings.root is None and os.path.isdir(root):
            os.chdir(root)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PathwayServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PathwayServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)
        ls.schedule_dependents(params.text_document.uri, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PathwayServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule_dependents(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PathwayServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        for other in ls.published.pop(uri, set()) | {uri}:
            ls._send(other, [], None)
        ls.latest.pop(uri, None)
        ls.navigable.pop(uri, None)
        ls._lines.pop(uri, None)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: PathwayServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if params.changes:  # a library or a configuration file changed on disk
            for uri in list(ls.workspace.text_documents):
                ls.schedule(uri, DEBOUNCE)


def _register_navigation(server: PathwayServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: PathwayServer, params: lsp.DefinitionParams):
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        analysis = found[0]
        return [ls.location(analysis, p) for p in navigation.definition(*found)] or None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: PathwayServer, params: lsp.ReferenceParams):
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        places = navigation.references(*found, params.context.include_declaration, ls.others())
        return [ls.location(found[0], p) for p in places]

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: PathwayServer, params: lsp.PrepareRenameParams):
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        try:
            occurrence = navigation.rename_target(*found)
        except navigation.RenameRefused as why:
            raise JsonRpcException(str(why), code=_REQUEST_FAILED) from None
        return found[0].lines(found[1]).range(occurrence.span)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME, lsp.RenameOptions(prepare_provider=True))
    def rename(ls: PathwayServer, params: lsp.RenameParams):
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        try:
            places = navigation.rename(*found, params.new_name, ls.others())
        except navigation.RenameRefused as why:
            raise JsonRpcException(str(why), code=_REQUEST_FAILED) from None
        changes: dict[str, list[lsp.TextEdit]] = {}
        for place in places:
            location = ls.location(found[0], place)
            changes.setdefault(location.uri, []).append(
                lsp.TextEdit(range=location.range, new_text=params.new_name))
        return lsp.WorkspaceEdit(changes=changes)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover_(ls: PathwayServer, params: lsp.HoverParams):
        uri = params.text_document.uri
        found = ls.at(uri, params.position)
        latest = ls.latest.get(uri)
        text = hover.hover_text(*found) if found is not None else None
        if found is None and latest is not None and latest.display:  # unreadable: findings
            line, column = ls.lines(uri).point(params.position)
            shown = [hover.finding_text(d) for d in latest.findings_at(latest.display, line,
                                                                     column)]
            text = "\n\n---\n\n".join(shown) or None
        if text is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: PathwayServer, params: lsp.DocumentSymbolParams):
        analysis = ls.navigable.get(params.text_document.uri)
        return outline.document_symbols(analysis) if analysis is not None else []


def _register_editing(server: PathwayServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=[" ", ","]))
    def complete(ls: PathwayServer, params: lsp.CompletionParams):
        uri = params.text_document.uri
        lines = ls.lines(uri)
        line, column = lines.point(params.position)
        items = completion.complete(ls.navigable.get(uri), lines.lines, line, column)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: PathwayServer, params: lsp.DocumentFormattingParams):
        from pathwaylang.syntax.fmt import format_source

        uri = params.text_document.uri
        document = ls.workspace.text_documents.get(uri)
        path = path_of(uri)
        if document is None or path is None:
            return None
        lines = ls.lines(uri)
        source = SourceFile(path, path.name, "\n".join(lines.lines))
        result = format_source(source)
        if result.text is None or result.text == source.text:
            return []  # a file that does not parse is left alone (its findings say why)
        return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0),
                                             end=lines.end()), new_text=result.text)]

    @server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL,
                    lsp.SemanticTokensLegend(token_types=outline.TOKEN_TYPES,
                                             token_modifiers=outline.TOKEN_MODIFIERS))
    def tokens(ls: PathwayServer, params: lsp.SemanticTokensParams):
        uri = params.text_document.uri
        text = "\n".join(ls.lines(uri).lines)
        return lsp.SemanticTokens(data=outline.semantic_tokens(ls.navigable.get(uri), text))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_actions(ls: PathwayServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        analysis = ls.latest.get(uri)
        if analysis is None or analysis.display is None:
            return None
        lines = analysis.lines(analysis.display)
        wanted = params.range
        findings = [d for d in analysis.diagnostics
                    if d.span is not None and d.span.file == analysis.display
                    and _overlaps(lines.range(d.span), wanted)]
        return actions.actions_for(analysis, uri, findings, partial(to_lsp, analysis)) or None


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def serve(settings: Settings) -> None:
    build_server(settings).start_io()
