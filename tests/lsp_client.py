"""Helpers for driving `pwy lsp` over stdio in tests (pytest-lsp) and benchmarks: a small
workspace of a pathway and the library it uses, and waiting for a document's findings."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp

from pathwaylang.authoring.scaffold import scaffold

SERVER = [sys.executable, "-m", "pathwaylang", "lsp"]
LIBRARY = '''library shared "Shared definitions" {
  agency family_support "Family Support Service"
  role family_worker "Family support worker" at family_support
}
'''


def make_workspace(folder: Path) -> tuple[Path, Path]:
    """`main.pwy` (the scaffold, its agency and role moved into `lib.pwy`) and `lib.pwy`."""
    text = scaffold("Demo", library=False, today=dt.date.today())
    lines = [line for line in text.split("\n")
             if not line.strip().startswith(("agency family_support", "role family_worker"))]
    text = "\n".join(lines).replace('  ages 0 to 18', '  ages 0 to 18\n  use "lib.pwy"', 1)
    main, library = folder / "main.pwy", folder / "lib.pwy"
    main.write_text(text, encoding="utf-8")
    library.write_text(LIBRARY, encoding="utf-8")
    return main, library


def position_of(text: str, needle: str, offset: int = 0, nth: int = 0) -> lsp.Position:
    """Where the `nth` occurrence of `needle` starts (plus `offset` characters)."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    return lsp.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


class Published(dict):
    """Stands in for the test client's `diagnostics` dict, keeping every publication in
    order (with when it arrived), so a test can wait for the next one for a document."""

    def __init__(self):
        super().__init__()
        self.history: list[tuple[str, list[lsp.Diagnostic], float]] = []
        self._changed = asyncio.Event()

    def __setitem__(self, uri, diagnostics) -> None:
        super().__setitem__(uri, diagnostics)
        self.history.append((uri, list(diagnostics), time.perf_counter()))
        self._changed.set()

    def mark(self) -> int:
        return len(self.history)

    async def next(self, uri: str, after: int, timeout: float = 30) -> list[lsp.Diagnostic]:
        """The first findings published for `uri` after `mark()` returned `after`."""
        async def wait():
            while True:
                for seen, diagnostics, _ in self.history[after:]:
                    if seen == uri:
                        return diagnostics
                self._changed.clear()
                await self._changed.wait()
        return await asyncio.wait_for(wait(), timeout)

    def arrival(self, uri: str, after: int) -> float | None:
        return next((at for seen, _, at in self.history[after:] if seen == uri), None)


def client_with_history():
    """A pytest-lsp client whose `diagnostics` is a `Published`."""
    from pytest_lsp import make_test_lsp_client

    client = make_test_lsp_client()
    client.diagnostics = Published()
    return client


def open_params(path: Path, version: int = 1) -> lsp.DidOpenTextDocumentParams:
    return lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=path.resolve().as_uri(), language_id="pathway", version=version,
        text=path.read_text(encoding="utf-8")))


def change_params(path: Path, text: str, version: int) -> lsp.DidChangeTextDocumentParams:
    return lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=path.resolve().as_uri(),
                                                          version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)])


def run_session(folder: Path, cache: Path, body, timeout: float = 300) -> None:
    """Start `pwy lsp`, initialise it on `folder` with pytest-lsp's client, run `await
    body(client)`, shut the server down. On a thread of its own, with its own event loop: the
    browser tests' Playwright keeps an event loop running on the main thread for the whole
    session, where pytest-asyncio cannot start another."""
    import os
    import threading

    async def session():
        client = client_with_history()
        await client.start_io(*SERVER, env={**os.environ, "XDG_CACHE_HOME": str(cache)})
        try:
            await client.initialize_session(lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri(),
                workspace_folders=[lsp.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)]))
            await body(client)
            await client.shutdown_session()
        finally:
            server = client._server  # after a failure the server was never told to exit
            if server is not None and server.returncode is None:
                server.kill()
            await client.stop()

    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(session())
        except BaseException as err:  # handed back to the test's own thread
            failures.append(err)

    thread = threading.Thread(target=run, name="lsp-session", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"the LSP session took more than {timeout} s")
    if failures:
        raise failures[0]


def lsp_test(function):
    """Turn `async def test_x(client, workspace, ...)` into a plain test that runs it in a
    session (`run_session`) on the `workspace` fixture; other fixtures and parameters pass
    through."""
    import functools
    import inspect

    signature = inspect.signature(function)
    parameters = [p for name, p in signature.parameters.items() if name != "client"]
    if "tmp_path" not in signature.parameters:
        parameters.append(inspect.Parameter("tmp_path", inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(function)
    def test(**arguments):
        tmp_path = arguments["tmp_path"] if "tmp_path" in signature.parameters \
            else arguments.pop("tmp_path")
        run_session(arguments["workspace"], tmp_path / "cache",
                    lambda client: function(client, **arguments))

    test.__signature__ = signature.replace(parameters=parameters)
    del test.__wrapped__  # pytest reads the signature above, not the coroutine's
    return test
