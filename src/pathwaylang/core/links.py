"""Links: a `url` is `https:`, `http:`, `mailto:` or `tel:` (the spec, Declarations).

One place says whether a `url` may become a link, so the `invalid-url` rule and every
emitter that writes an `href` agree: a `javascript:` or `data:` link, or one a browser
would read differently from how it looks, is never written as a link.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SCHEMES = ("https", "http", "mailto", "tel")
"""The schemes a `url` may have, as the spec lists them."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{0,30}):")
_FORBIDDEN = '<>"`\\{}'
"""Characters no web address holds as they are (RFC 3986 has them percent-encoded)."""
_HOST = re.compile(r"([^\x00-\x20#%/:<>?@\[\\\]^|]+)(?::([0-9]*))?")
"""A site as browsers parse it (WHATWG URL): a name without the characters a host may not
hold, then perhaps a port."""
_IPV4 = re.compile(r"(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")
_RUNS_SOMETHING = ("javascript", "vbscript", "data", "file", "blob")
_ALLOWED = "https:, http:, mailto: or tel:"


@dataclass(frozen=True)
class LinkProblem:
    """Why a `url` cannot be a link, in plain words, and what to write instead."""

    message: str
    hint: str


def link_problem(url: str) -> LinkProblem | None:
    """None for a `url` that may become a link; otherwise what is wrong with it."""
    if not url:
        return LinkProblem("the `url` is empty", "write the whole address, like "
                           "`https://example.org/page`, or leave `url` out")
    odd = _odd_character(url)
    if odd is not None:
        return odd
    scheme = _SCHEME.match(url)
    if scheme is None:
        return _no_scheme(url)
    name, rest = scheme.group(1).lower(), url[scheme.end():]
    if name not in SCHEMES:
        return _wrong_scheme(name)
    return _incomplete(name, rest)


def link_href(url: str | None) -> str | None:
    """`url` as a link target when it may be one, else None (shown as plain text)."""
    return url if url is not None and link_problem(url) is None else None


def _odd_character(url: str) -> LinkProblem | None:
    for index, char in enumerate(url):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            what = {" ": "a space", "\t": "a tab"}.get(
                char, f"an invisible character (U+{ord(char):04X})")
            return LinkProblem(
                f"the `url` has {what} at character {index + 1}: a web address has none",
                "remove it (it is often copied in with the address); a space inside an "
                "address is written `%20`")
        if char in _FORBIDDEN:
            return LinkProblem(
                f"the `url` has `{char}` at character {index + 1}, which no web address "
                "holds as it is", f"write it as `%{ord(char):02X}`, or check the address "
                "was copied whole")
    return None


def _no_scheme(url: str) -> LinkProblem:
    if "@" in url and "/" not in url:
        fix = f"write `mailto:{url}`"
    elif url.startswith("//"):
        fix = f"write `https:{url}`"
    else:
        fix = f"write `https://{url}`" if "." in url.split("/")[0] else \
            "write the whole address, like `https://example.org/page`"
    return LinkProblem(f"the `url` has no scheme: a link starts with {_ALLOWED}", fix)


def _wrong_scheme(name: str) -> LinkProblem:
    hint = "link to a web page (`https://...`), an email address (`mailto:...`) or a " \
           "phone number (`tel:...`)"
    if name in _RUNS_SOMETHING:
        hint = (f"a `{name}:` link would run or open something on the reader's computer; "
                + hint)
    return LinkProblem(f"`{name}:` links are not allowed: a `url` is {_ALLOWED}", hint)


def _incomplete(name: str, rest: str) -> LinkProblem | None:
    if name in ("https", "http"):
        return _site_problem(name, rest)
    if name == "mailto" and "@" not in rest:
        return LinkProblem("the `mailto:` link has no email address",
                           "write `mailto:` then the address, like `mailto:team@example.org`")
    elif name == "tel" and not re.search(r"[0-9]", rest):
        return LinkProblem("the `tel:` link has no phone number",
                           "write `tel:` then the number, like `tel:+442920000000`")
    return None


def _site_problem(name: str, rest: str) -> LinkProblem | None:
    authority = re.match(r"//([^/?#]*)", rest)
    if authority is None or not authority.group(1):
        return LinkProblem(f"the `{name}:` address has no site name",
                           f"write `{name}://` then the site, like `{name}://example.org/page`")
    site = authority.group(1)
    if "@" in site:  # `https://trusted.example@other.example` goes to the second
        return LinkProblem(f"the `{name}:` address has `@` in its site name: a browser would "
                           "go to the site after the `@`",
                           "write the address of the page itself, without a user name")
    host = _HOST.fullmatch(site)
    if host is None or not _host_parses(host.group(1), host.group(2)):
        return LinkProblem(f"`{site}` is not a site name a browser can go to",
                           f"check the part after `{name}://`, like "
                           f"`{name}://example.org/page`")
    return None


def _host_parses(name: str, port: str | None) -> bool:
    """The checks a browser adds to the characters: a port up to 65535, and a name whose
    last part is a number is an IPv4 address (four numbers up to 255; stricter than the
    browser, which is safe)."""
    if port and int(port) > 65535:
        return False
    last = name.rstrip(".").rsplit(".", 1)[-1]
    if last.isdigit() or re.fullmatch(r"0[xX][0-9A-Fa-f]*", last):
        return _IPV4.fullmatch(name.rstrip(".")) is not None
    return True
