"""Tests for the built-in icon set (src/pathwaylang/icons)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pathwaylang.icons as icons
from pathwaylang.icons import ALT_TEXT, ICON_NAMES, icon_svg, suggest_icon

ICON_DIR = Path(icons.__file__).parent
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

REQUIRED = {
    "conversation", "meeting", "form", "handshake", "review", "safety", "star",
    "home_visit", "health", "family", "school", "phone", "child", "house",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(name: str) -> ET.Element:
    return ET.fromstring(icon_svg(name))


def test_required_names_present():
    assert REQUIRED <= set(ICON_NAMES)


def test_icon_names_sorted_tuple_of_valid_names():
    assert isinstance(ICON_NAMES, tuple)
    assert list(ICON_NAMES) == sorted(set(ICON_NAMES))
    for name in ICON_NAMES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_every_name_has_a_file_and_every_file_a_name():
    files = {p.stem for p in ICON_DIR.glob("*.svg")}
    assert files == set(ICON_NAMES)


@pytest.mark.parametrize("name", ICON_NAMES)
def test_svg_is_well_formed_and_safe(name):
    text = icon_svg(name)
    assert text == (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("viewBox") == "0 0 64 64"
    assert root.get("width") == "64" and root.get("height") == "64"
    assert root.get("role") == "img"

    title = root.find(f"{{{SVG_NS}}}title")
    assert title is not None and (title.text or "").strip()
    assert title.text == ALT_TEXT[name]["en"]

    for el in root.iter():
        assert el.tag.startswith(f"{{{SVG_NS}}}"), f"{name}: foreign element {el.tag}"
        tag = _local(el.tag)
        assert tag not in {"script", "text", "tspan", "textPath", "foreignObject",
                           "image", "use", "style", "font", "a"}, f"{name}: <{tag}>"
        for attr, value in el.attrib.items():
            local = _local(attr)
            assert not local.lower().startswith("on"), f"{name}: event handler {attr}"
            if local == "href":
                assert value.startswith("#"), f"{name}: external reference {value}"
            assert "url(" not in value or value.startswith("url(#"), f"{name}: {value}"
            assert "font" not in local, f"{name}: {attr}"

    # no external references or fonts anywhere in the markup
    assert "http://" not in text.replace(SVG_NS, "")
    assert "https://" not in text
    assert "@import" not in text and "font-family" not in text


@pytest.mark.parametrize("name", ICON_NAMES)
def test_svg_markup_is_tidy(name):
    text = icon_svg(name)
    assert text.endswith("</svg>\n")
    assert "\t" not in text and "\r" not in text
    assert not any(line != line.rstrip() for line in text.splitlines())


def test_alt_text_in_english_and_welsh():
    assert set(ALT_TEXT) == set(ICON_NAMES)
    for name in ICON_NAMES:
        alt = ALT_TEXT[name]
        assert set(alt) >= {"en", "cy"}, name
        assert alt["en"].strip() and alt["cy"].strip(), name
        assert alt["en"] != alt["cy"], name


def test_conversation_alt_text():
    assert ALT_TEXT["conversation"] == {"en": "Two people talking", "cy": "Dau berson yn siarad"}


def test_icon_svg_unknown_name_raises_key_error():
    with pytest.raises(KeyError):
        icon_svg("no_such_icon")
    with pytest.raises(KeyError):
        icon_svg("../__init__")


def test_suggest_icon():
    assert suggest_icon("convrsation") == "conversation"
    assert suggest_icon("home-visit") == "home_visit"
    assert suggest_icon("House") == "house"
    assert suggest_icon("zzzzzzzz") is None
