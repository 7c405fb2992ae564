"""The visible text of a parsed page, piece by piece, with where each piece sits.

One pass over the page serves the checks that compare the extracted text with the page (is a line
a link? where does the lead sit?): each piece of text knows its element, whether it is link text
(a link to another page of the site: a teaser or a menu entry) and whether it is in the site's furniture
(navigation, footer, a sidebar), where neither a story's lead nor its text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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
    return _leads_to_site(anchor.get("href") or "", host)


@lru_cache(maxsize=8192)  # a site's menus and teasers repeat their addresses on each of its pages
def _leads_to_site(href: str, host: str | None) -> bool:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    if not _ABSOLUTE.match(href):
        return True  # relative: this site
    if host is None:
        return True  # nothing to tell a teaser from a source by: the common case is a teaser
    netloc = urlsplit(href if not href.startswith("//") else "https:" + href).hostname or ""
    return netloc == host or netloc.endswith("." + host)


def page_pieces(tree: Any, host: str | None = None) -> list[TextPiece]:
    """The text pieces of the page's <body> in reading order (all of the page when it has none);
    `host` is the page's site ("example.com"), which tells its own links from others'."""
    host = host.casefold().removeprefix("www.") if host else None
    bodies = tree.xpath("//body")
    root = bodies[0] if bodies else tree
    pieces: list[TextPiece] = []
    append = pieces.append
    # each open element: whether it hid its text, made it furniture, a site link, part of the story
    parents: list[tuple[bool, bool, bool, bool]] = []
    hidden = links = furniture = story = 0
    # one walk, in plain loops: this runs over every element of every page. A comment's text is not
    # the page's, but the text after one (its tail) is, inside the comment's parent
    for event, element in etree.iterwalk(root, events=("start", "end", "comment")):
        if event == "start":
            tag, role = element.tag, element.get("role")
            hides = tag in _HIDDEN
            linked = tag == "a" and _site_link(element, host)
            made = (
                tag in _FURNITURE or role in _FURNITURE_ROLES or (not story and (tag in _SIDE or role in _SIDE_ROLES))
            )
            told = tag in _STORY or role in _STORY
            hidden += hides
            links += linked
            furniture += made
            story += told
            parents.append((hides, made, linked, told))
            text = element.text
        elif event == "end":
            hides, made, linked, told = parents.pop()
            hidden -= hides
            links -= linked
            furniture -= made
            story -= told
            if element is root or not parents:
                continue
            text = element.tail
            element = element.getparent()
        else:
            text = element.tail
            element = element.getparent()
        if text and not hidden and element is not None:
            collapsed = " ".join(text.split())
            if collapsed:
                append(TextPiece(collapsed, element, links > 0, furniture > 0))
    return pieces
