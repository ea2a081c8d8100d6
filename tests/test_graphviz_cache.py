"""Graphviz's output kept between builds (emit/graphviz_cache.py): a picture is drawn again
whenever anything that made it changed, a broken cache is the same as none, and every
output is byte for byte the same with and without it."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_pwy
from pathwaylang.emit import graphviz_cache, graphviz_render, graphviz_session
from pathwaylang.emit.graphviz_cache import GraphvizCache, default_folder, using

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

EXAMPLE = REPO / "examples" / "dylanshire.pwy"
GRAPH = 'digraph g { a [label="one"]; a -> b; }\n'
NESTED = 'digraph g { subgraph cluster_x { a; b; } a -> b; }\n'


@pytest.fixture
def drawn(monkeypatch) -> list[tuple[str, str]]:
    """Each (formats, source) a `dot` process was started for, shared or alone."""
    started = []
    real_drawn = graphviz_render._drawn
    monkeypatch.setattr(graphviz_render, "_drawn", lambda engine, fmt, source, no_op:
                        started.append((fmt, source)) or real_drawn(engine, fmt, source, no_op))
    lay_out = graphviz_session._Server.lay_out
    monkeypatch.setattr(graphviz_session._Server, "lay_out", lambda server, source:
                        started.append(("shared", source)) or lay_out(server, source))
    return started


def test_a_second_run_reads_the_first_and_a_changed_source_is_drawn(tmp_path, drawn):
    with using(tmp_path):
        first = graphviz_render.render("dot", GRAPH, "svg")
        assert graphviz_render.render("dot", GRAPH, "svg") == first
        assert drawn == [("svg", GRAPH)]
        changed = GRAPH.replace("one", "two")
        assert graphviz_render.render("dot", changed, "svg") != first
        assert graphviz_render.render("dot", GRAPH, "png")[:4] == b"\x89PNG"  # another format
    assert drawn == [("svg", GRAPH), ("svg", changed), ("png", GRAPH)]
    assert graphviz_render.render("dot", GRAPH, "svg") == first  # no cache: drawn afresh
    assert len(drawn) == 4


def test_layouts_of_shared_and_lone_processes_are_kept(tmp_path, drawn):
    def lay_out() -> tuple:
        with graphviz_session.session():
            return (graphviz_render.run("dot", "dot", GRAPH),
                    graphviz_render.geometry("dot", GRAPH, drawn=True),
                    graphviz_render.run("dot", "dot", NESTED),
                    graphviz_render.geometry("dot", NESTED))

    with using(tmp_path):
        first = lay_out()
        assert [kind for kind, _ in drawn] == ["shared", "dot json", "dot json0"]
        assert lay_out() == first
    assert len(drawn) == 3
    assert lay_out() == first  # the same as Graphviz writes them, now without a cache


def test_the_graphviz_that_ran_is_in_the_key(tmp_path, drawn, monkeypatch):
    """Another `dot` (a wrapper here, saying another version) draws again, and a `dot`
    replaced in place is asked its version again."""
    wrapper, real = tmp_path / "bin" / "dot", shutil.which("dot")
    wrapper.parent.mkdir()

    def install(version: str) -> None:
        wrapper.write_text(f'#!/bin/sh\nif [ "$1" = -V ]; then echo "{version}" >&2; exit 0; fi\n'
                           f'exec {real} "$@"\n')
        wrapper.chmod(0o755)

    cache = tmp_path / "cache"
    with using(cache):
        graphviz_render.render("dot", GRAPH, "svg")
    install("dot - graphviz version 1.0")
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    with using(cache) as kept:
        graphviz_render.render("dot", GRAPH, "svg")
        old_key = kept.key(("x",), GRAPH)
    assert len(drawn) == 2
    install("dot - graphviz version 2.0")
    os.utime(wrapper, ns=(1, 1))  # certainly another time than the first wrapper's
    with using(cache) as kept:
        graphviz_render.render("dot", GRAPH, "svg")
        assert kept.key(("x",), GRAPH) != old_key
    assert len(drawn) == 3
    versions = [path.read_bytes()[32:] for path in cache.glob("graphviz-*.version.gv")]
    assert {b"dot - graphviz version 1.0", b"dot - graphviz version 2.0"} <= set(versions)


def test_a_damaged_entry_is_drawn_again_and_written_whole(tmp_path, drawn):
    with using(tmp_path):
        first = graphviz_render.render("dot", GRAPH, "svg")
    (entry,) = [p for p in tmp_path.glob("*.gv") if not p.name.startswith("graphviz-")]
    for damaged in (entry.read_bytes()[:-10], b"", b"x" * 40,
                    entry.read_bytes().replace(b"one", b"two")):
        entry.write_bytes(damaged)
        with using(tmp_path):
            assert graphviz_render.render("dot", GRAPH, "svg") == first
        content = entry.read_bytes()
        assert hashlib.sha256(content[32:]).digest() == content[:32]
    assert len(drawn) == 5


def test_a_folder_that_cannot_be_written_or_read_draws_every_picture(tmp_path, drawn):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with using(blocker / "graphviz"):  # cannot be made
        first = graphviz_render.render("dot", GRAPH, "svg")
        assert graphviz_render.render("dot", GRAPH, "svg") == first
    assert len(drawn) == 2
    unreadable = tmp_path / "unreadable"
    with using(unreadable):
        graphviz_render.render("dot", GRAPH, "svg")
    for entry in unreadable.iterdir():  # an entry that is a folder cannot be read
        entry.unlink()
        entry.mkdir()
    with using(unreadable):
        assert graphviz_render.render("dot", GRAPH, "svg") == first


def test_the_oldest_entries_go_beyond_the_limit(tmp_path):
    cache = GraphvizCache(tmp_path)
    for index in range(6):
        cache.put(f"{index:064x}", bytes(1000))
        os.utime(tmp_path / f"{index:064x}.gv", ns=(index * 10**9, index * 10**9))
    cache.get(f"{0:064x}")  # read now: the most recently used
    (tmp_path / "left.tmp").write_bytes(b"")
    os.utime(tmp_path / "left.tmp", ns=(0, 0))
    cache.trim(limit=3 * 1032)
    assert sorted(p.name[:64] for p in tmp_path.iterdir()) == [
        f"{index:064x}" for index in (0, 4, 5)]


def test_where_the_cache_lives():
    home = Path(os.path.expanduser("~"))
    assert default_folder({}) == home / ".cache" / "pathwaylang" / "graphviz"
    assert default_folder({"XDG_CACHE_HOME": "/x"}) == Path("/x/pathwaylang/graphviz")
    assert default_folder({"XDG_CACHE_HOME": "/x", "PWY_CACHE_DIR": "/y"}) == Path("/y/graphviz")


def _built(folder: Path, *options: str) -> dict[str, bytes]:
    result = run_pwy("build", "--today", "2026-01-01", "--formats", "html,svg", *options,
                     "-o", str(folder), str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_with_and_without_the_cache_are_byte_identical(tmp_path, monkeypatch, drawn):
    monkeypatch.setenv("PWY_CACHE_DIR", str(tmp_path / "cache"))
    fresh = _built(tmp_path / "fresh", "--no-cache")
    assert not (tmp_path / "cache").exists()  # --no-cache neither reads nor writes
    started = len(drawn)
    assert _built(tmp_path / "cold") == fresh
    cold = len(drawn)  # (fewer: some pieces are remembered in this process)
    assert cold > started
    assert _built(tmp_path / "warm") == fresh
    assert len(drawn) == cold  # every picture read from the cache
    assert any(name.endswith(".svg") for name in fresh)
    assert graphviz_cache._active is None  # the build's cache ends with it
