"""The visible text of a parsed page, piece by piece, with where each piece sits.

One pass over the page serves the checks that compare the extracted text with the page (is a line
a link? where does the lead sit?): each piece of text knows its element, whether it is link text
(a link to another page of the site: a teaser or a menu entry) and whether it is in the site's furniture
(navigation, footer, a sidebar), where neither a story's lead nor its text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

__all__ = ["TextPiece", "page_pieces"]

_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})
_FURNITURE = frozenset({"nav", "footer"})
_FURNITURE_ROLES = frozenset({"navigation", "contentinfo"})
# an <aside> beside the story is the site's sidebar; inside it, a pull quote or a box that is the story's
_SIDE = frozenset({"aside"})
_SIDE_ROLES = frozenset({"complementary"})
_STORY = frozenset({"article", "main"})


@dataclass(frozen=True)
class TextPiece:
    text: str  # whitespace collapsed, never empty
    element: Any  # the element whose text it is (for a tail: that element's parent)
    link: bool  # inside an <a> that leads to another page of the same site
    furniture: bool  # inside <nav>, <footer> or an <aside> outside the article (or their ARIA roles)


def _site_link(anchor: Any, host: str | None) -> bool:
    """Whether a link leads to another page of the page's own site: a teaser or a menu entry. A link
    to another site is a source the story cites; one to an anchor on the page is a table of contents."""
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    if not _ABSOLUTE.match(href):
        return True  # relative: this site
    if host is None:
        return True  # nothing to tell a teaser from a source by: the common case is a teaser
    netloc = urlsplit(href if not href.startswith("//") else "https:" + href).hostname or ""
    return netloc == host or netloc.endswith("." + host)


def _is_furniture(element: Any, in_story: bool) -> bool:
    tag, role = element.tag, element.get("role")
    if tag in _FURNITURE or role in _FURNITURE_ROLES:
        return True
    return not in_story and (tag in _SIDE or role in _SIDE_ROLES)


def _is_story(element: Any) -> bool:
    return element.tag in _STORY or element.get("role") in _STORY


def page_pieces(tree: Any, host: str | None = None) -> list[TextPiece]:
    """The text pieces of the page's <body> in reading order (all of the page when it has none);
    `host` is the page's site ("example.com"), which tells its own links from others'."""
    host = host.casefold().removeprefix("www.") if host else None
    bodies = tree.xpath("//body")
    root = bodies[0] if bodies else tree
    pieces: list[TextPiece] = []
    parents: list[tuple[Any, bool, bool]] = []  # each open element; whether it made its text furniture, link
    hidden = links = furniture = story = 0

    def add(text: str | None, element: Any) -> None:
        if text and not hidden and element is not None:
            collapsed = " ".join(text.split())
            if collapsed:
                pieces.append(TextPiece(collapsed, element, links > 0, furniture > 0))

    def add_comment_tails(node: Any, parent: Any) -> None:
        # the walk passes over comments, but the text after one is the page's
        while node is not None and not isinstance(node.tag, str):
            add(node.tail, parent)
            node = node.getnext()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            hidden += tag in _HIDDEN
            linked = tag == "a" and _site_link(element, host)
            links += linked
            made = _is_furniture(element, story > 0)
            furniture += made
            story += _is_story(element)
            add(element.text, element)
            if len(element):
                add_comment_tails(element[0], element)
            parents.append((element, made, linked))
        else:
            _, made, linked = parents.pop()
            hidden -= tag in _HIDDEN
            links -= linked
            furniture -= made
            story -= _is_story(element)
            if element is not root and parents:
                add(element.tail, parents[-1][0])
                add_comment_tails(element.getnext(), parents[-1][0])
    return pieces
