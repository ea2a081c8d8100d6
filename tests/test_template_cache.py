"""Compiled templates kept between runs (emit/template_cache.py): used when nothing changed,
compiled again when the template, Jinja or the environment's settings did, never stale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pathwaylang.emit import templating
from pathwaylang.emit.template_cache import TemplateCache
from pathwaylang.emit.templating import CACHE, TEMPLATES, environment, make_environment


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A template folder, a settings file and a cache folder, with bytecode writing on."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    settings = tmp_path / "settings.py"
    settings.write_text("one way")
    (templates / "page.html.j2").write_text("<p>{{ word }}</p>\n")
    return templates, cache, settings


class Compiled:
    """An environment over `templates` that counts the templates it compiles."""

    def __init__(self, templates: Path, cache: Path, settings: Path):
        self.env = make_environment(templates, TemplateCache(cache, settings))
        self.compiled: list[str] = []
        compile_ = self.env.compile

        def counting(source, name=None, filename=None, *args, **kwargs):
            self.compiled.append(name)
            return compile_(source, name, filename, *args, **kwargs)

        self.env.compile = counting

    def render(self, name: str = "page.html.j2", **context) -> str:
        return self.env.get_template(name).render(**context)


def test_a_second_run_uses_the_compiled_template(folders):
    first = Compiled(*folders)
    assert first.render(word="<b>") == "<p>&lt;b&gt;</p>\n"
    assert first.compiled == ["page.html.j2"]
    assert len(list(folders[1].glob("*.jinja"))) == 1
    second = Compiled(*folders)
    assert second.render(word="<b>") == "<p>&lt;b&gt;</p>\n"
    assert second.compiled == []


def test_an_edited_template_is_compiled_again(folders):
    templates = folders[0]
    Compiled(*folders).render(word="x")
    (templates / "page.html.j2").write_text("<div>{{ word }}</div>\n")
    again = Compiled(*folders)
    assert again.render(word="x") == "<div>x</div>\n"
    assert again.compiled == ["page.html.j2"]
    assert Compiled(*folders).render(word="y") == "<div>y</div>\n"  # and that one is kept


def test_changed_settings_compile_every_template_again(folders):
    Compiled(*folders).render(word="x")
    folders[2].write_text("another way")  # as when templating.py's settings change
    again = Compiled(*folders)
    assert again.render(word="x") == "<p>x</p>\n"
    assert again.compiled == ["page.html.j2"]


def test_a_damaged_file_is_compiled_again(folders):
    Compiled(*folders).render(word="x")
    [cached] = folders[1].glob("*.jinja")
    cached.write_bytes(cached.read_bytes()[:40])
    again = Compiled(*folders)
    assert again.render(word="x") == "<p>x</p>\n"
    assert again.compiled == ["page.html.j2"]


def test_nothing_is_written_when_python_writes_no_bytecode(folders, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    Compiled(*folders).render(word="x")
    assert not folders[1].exists()
    forced = Compiled(*folders)  # as `python -m pathwaylang.emit.templating` does
    forced.env.bytecode_cache.always_write = True
    forced.render(word="x")
    assert len(list(folders[1].glob("*.jinja"))) == 1


def test_a_folder_that_cannot_be_written_only_costs_time(folders):
    templates, _, settings = folders
    blocked = templates / "page.html.j2"  # a file where the cache folder would go
    run = Compiled(templates, blocked / "cache", settings)
    assert run.render(word="x") == "<p>x</p>\n"


def test_the_packages_templates_load_from_the_cache_as_compiled(tmp_path):
    """Every template of the package, compiled into a cache and loaded from it, is the
    code a fresh compilation makes, with the real settings."""
    settings = Path(templating.__file__)
    filling = make_environment(TEMPLATES, TemplateCache(tmp_path, settings))
    filling.bytecode_cache.always_write = True
    names = [name for name in filling.list_templates() if not name.startswith(".")]
    for name in names:
        filling.get_template(name)
    assert len(list(tmp_path.glob("*.jinja"))) == len(names) > 10
    cache, fresh = TemplateCache(tmp_path, settings), make_environment(TEMPLATES, None)
    for name in names:
        source, filename, _ = fresh.loader.get_source(fresh, name)
        bucket = cache.get_bucket(fresh, name, filename, source)
        assert bucket.code is not None, name
        assert bucket.code == fresh.compile(source, name, filename), name


def test_the_package_keeps_its_cache_beside_its_bytecode():
    assert CACHE.parent.name == "__pycache__" and CACHE.parent.parent == TEMPLATES.parent
    assert environment().bytecode_cache.folder == CACHE
