"""Links to other sites open with ``rel="noopener noreferrer"``: the other site gets no handle on
this page (``window.opener``) and no ``Referer`` saying which page of the register sent the
reader, whatever address a data file gives.

The links come from every layer of a page (the data's Markdown, raw HTML in the templates,
the theme), so the finished HTML is rewritten. It is tokenised as HTML is, not searched for
``href``: comments and the text of ``script``, ``style``, ``textarea`` and ``title`` elements
are skipped whole, a start tag ends where its quoted attribute values let it end, and the
attributes of each ``<a>`` and ``<area>`` tag are read by the standard library's HTML parser
(so ``&amp;`` and unquoted values are understood). Only those tags change; every other byte
of the page stays as it was.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

REL = ("noopener", "noreferrer")

_REST_OF_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*>"""
"""Up to the ``>`` that ends a start tag: one inside a quoted attribute value does not."""
_TOKEN = re.compile(
    r"<!--.*?-->"  # a comment
    r"|<(script|style|textarea|title)\b" + _REST_OF_TAG + r".*?</\1\s*>"  # text that holds no tags
    r"|<(?:a|area)\b" + _REST_OF_TAG,  # a link's start tag
    re.DOTALL | re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def mark_outbound_links(html: str, site_url: str | None) -> str:
    """``html`` with ``rel="noopener noreferrer"`` on every link to a site other than ``site_url``'s.

    A link's own ``rel`` values are kept. Links within the site (relative addresses, or
    absolute ones on ``site_url``'s host and port), ``mailto:`` and the like are left as they are.
    """
    home = _origin(site_url) if site_url else None
    pieces: list[str] = []
    written = 0
    for token in _TOKEN.finditer(html):
        if token.group(1) is not None or token.group().startswith("<!--"):
            continue
        marked = _marked(token.group(), home)
        if marked is not None:
            pieces += [html[written : token.start()], marked]
            written = token.end()
    if not pieces:
        return html
    pieces.append(html[written:])
    return "".join(pieces)


def _marked(tag: str, home: tuple[str, int | None] | None) -> str | None:
    """The start tag with the two ``rel`` values added, or None where it needs no change."""
    parser = _StartTag()
    parser.feed(tag)
    parser.close()
    if parser.name is None:
        return None
    attributes = parser.attributes
    href = next((value for name, value in attributes if name == "href"), None)
    if href is None or not _leaves_site(href, home):
        return None
    rels = [value for name, value in attributes if name == "rel"]
    if not rels:  # the usual case: insert the attribute, and leave the rest of the tag byte for byte
        return f'{tag[: len(parser.name) + 1]} rel="{" ".join(REL)}"{tag[len(parser.name) + 1 :]}'
    words = " ".join(rel or "" for rel in rels).split()
    missing = [word for word in REL if word not in {each.lower() for each in words}]
    if not missing:
        return None
    rebuilt = [(name, value) for name, value in attributes if name != "rel"] + [("rel", " ".join(words + missing))]
    return f"<{parser.name}" + "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in rebuilt) + ">"


def _leaves_site(href: str, home: tuple[str, int | None] | None) -> bool:
    """Whether the address is on another site: http(s) or protocol-relative, on another host or port."""
    href = href.strip()
    try:
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https", "") or (not scheme and not href.startswith("//")):
            return False
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:  # an address no browser could follow to this site either (a bad port, say)
        return True
    if home is None:
        return True
    return (host, port or _DEFAULT_PORTS.get(scheme, home[1])) != home


def _origin(site_url: str) -> tuple[str, int | None]:
    parts = urlsplit(site_url)
    return (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())


class _StartTag(HTMLParser):
    """Reads one start tag: its name and attributes, as a browser would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.name: str | None = None
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.name is None:
            self.name, self.attributes = tag, attrs

    handle_startendtag = handle_starttag
