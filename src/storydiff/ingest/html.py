"""Main text and metadata from an HTML page, via trafilatura (the `html` extra).

Trafilatura finds the main text; the headline we pick ourselves from the page's structure: the
visible `<h1>` that agrees with the page's declared titles (`og:title`, `<title>`), without a kicker
marked as such; else a leading `<h2>` that is one whole part of a declared title; else, on a page
without `<h1>`, its one element marked `class="headline"`; else the page's one `<h1>` of three words
or more, which readers see even when the declared title words it otherwise; else the one element
marked as the story's title (`class="entry-title"`) that words a declared title; else the declared title
without the site's name ("Storm hits coast | Daily Courier" -> "Storm hits coast") or without the
site's banner `<h1>`. The date is `html_dates.page_date`'s.

The main text is then checked against the page: lines the page shows only as links, in its
furniture (`html_boxes`: named so in its markup, or after the story's block) or above its headline go
(`html_links`), and a lead the extractor dropped comes back (`html_lead`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Any

from storydiff.errors import BadInputError, MissingExtraError
from storydiff.ingest.html_dates import page_date
from storydiff.ingest.html_lead import restore_lead
from storydiff.ingest.html_links import drop_link_lines
from storydiff.ingest.html_paragraphs import drop_debris_paragraphs
from storydiff.ingest.html_text import page_pieces
from storydiff.models import RawDocument, Removed

__all__ = ["extract_html", "looks_like_html", "page_headline", "strip_site_name"]

_MIN_ARTICLE_WORDS = 8  # fewer words than a one-line news brief

log = logging.getLogger(__name__)
_HTML_SNIFF = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)
# a spaced dash, bar or colon; a bar or bullet; and a dash or underscore run on to a short last part
# ("城！-新华网", "蔡健雅_百度百科"), but not the hyphen of a compound ("1.500 Meter-Distanz", "pip-tools")
_TITLE_SEPARATORS = re.compile(
    r"\s+[|–—•·»«›‹~:/-]{1,2}\s+|\s*[|•]\s*|(?:(?<=[^\w\s])[-_]|_|(?<=[\u3040-\u9fff])-)(?=[^\W\d_]{1,8}$)"
)
_WORDS = re.compile(r"\w+")


def looks_like_html(path: str, text: str) -> bool:
    return path.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_SNIFF.match(text[:500]))


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _is_site_part(part: str, site_name: str | None, host_words: list[str]) -> bool:
    words = _words(part)
    if not words:
        return True
    if site_name and (_words(site_name) == words or "".join(words) == "".join(_words(site_name))):
        return True
    joined = "".join(words)
    return bool(host_words) and (joined in host_words or joined == "".join(host_words))


def _is_time_stamp(part: str) -> bool:
    """A title's part that is the page's date or time ("06.11.2023, 11.41 Uhr", "12:30 pm"): numbers
    with at most one short word, never the story's words."""
    words = _words(part)
    labels = [w for w in words if not w.isdigit()]
    return len(words) > len(labels) and len(labels) <= 1 and all(len(w) <= 3 for w in labels)


def strip_site_name(
    title: str,
    site_name: str | None = None,
    host: str | None = None,
    short_parts: tuple[str, ...] = ("|", "-", "–", "—", "•", "·", "::", "»", "«", "~"),
) -> str:
    """A page title without the site's name before or after it. A trailing part is the site's name
    when it names the site (or its host), or when it is short (up to four words) and the rest is long;
    trailing parts that are the end of the site's name, or the page's date or time, go too."""
    title = _norm(title)
    host_words = [w for w in re.split(r"[.\-]", (host or "").casefold()) if w and w != "www"]
    parts = [p for p in _TITLE_SEPARATORS.split(title)]
    if len(parts) < 2:
        return title
    separators = _TITLE_SEPARATORS.findall(title)
    # drop named site parts at either end; a site's name may hold a separator itself
    # ("Story | Anglers – Forum for anglers", "Story - Wines in Velgrad - Vinos y Tapas")
    site_words = _words(site_name or "")
    for i in range(1, len(parts)):
        tail = _words(" ".join(parts[i:]))
        if len(tail) >= 2 and site_words[-len(tail) :] == tail and _words(" ".join(parts[:i])):
            parts, separators = parts[:i], separators[: i - 1]
            break
    while len(parts) > 1 and _is_site_part(parts[-1], site_name, host_words):
        parts, separators = parts[:-1], separators[:-1]
    while len(parts) > 1 and (not _words(parts[-1]) or _is_time_stamp(parts[-1])):
        parts, separators = parts[:-1], separators[:-1]
    while len(parts) > 1 and _is_site_part(parts[0], site_name, host_words):
        parts, separators = parts[1:], separators[1:]
    if (
        len(parts) > 1
        and separators[-1].strip() in short_parts
        and len(_words(parts[-1])) <= 4
        and len(_words(" ".join(parts[:-1]))) >= 3
    ):
        parts, separators = parts[:-1], separators[:-1]
    out = parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        out += separator + part
    return out.strip()


def _agrees(h1: str, reference: str) -> bool:
    """An <h1> is the page's headline when most of its words are in a declared title."""
    mine, theirs = _words(h1), _words(reference)
    if not (mine and theirs):
        return False
    shorter, longer = sorted((mine, theirs), key=len)
    found = sum(w in set(longer) for w in shorter)
    return found >= min(2, len(shorter)) and found >= 0.6 * len(shorter)


def page_headline(
    tree: Any, fallback: str | None = None, site_name: str | None = None, host: str | None = None
) -> str | None:
    """The headline of a parsed page (see the module docstring); `fallback` is trafilatura's title."""

    # the page's <meta> tags read once, in its order, not once per name
    metas = [(m.get("property"), m.get("name"), m.get("content")) for m in tree.getroottree().iter("meta")]

    def meta(*names: str) -> str:
        for name in names:
            for prop, called, value in metas:
                if value is not None and name in (prop, called) and _norm(value):
                    return _norm(value)
        return ""

    og = meta("og:title", "twitter:title")
    page_title = _norm(" ".join(tree.xpath("//head/title//text()")[:1]))
    site = site_name or meta("og:site_name") or None
    site_parts, site_tails = set(), set()
    for declared in (og, page_title):
        parts = _TITLE_SEPARATORS.split(declared)
        for i, part in enumerate(parts):
            if _is_site_part(part, site, []) or (i == len(parts) - 1 and i > 0 and len(_words(part)) <= 4):
                site_parts.add(" ".join(_words(part)))
            if i > 0:  # "Story - Section - Site": an <h1> that is the whole tail is the site's banner
                site_tails.add(" ".join(_words(" ".join(parts[i:]))))
    h1s, banners = [], []
    for element in tree.xpath("//h1"):
        text = strip_site_name(_heading_text(element), site, host, short_parts=("|",))
        key = " ".join(_words(text))
        if key in site_tails and key not in site_parts:
            banners.append(key)
        elif text and len(_words(text)) <= 40 and key not in site_parts:
            h1s.append(text)
    references = [
        strip_site_name(_without_banner(t, banners), site, host) for t in (og, page_title, fallback or "") if t
    ]
    for ref in references:
        for h1 in h1s:
            if _agrees(h1, ref):
                mine, theirs = _words(h1), _words(ref)
                if len(theirs) >= 3 and len(mine) > len(theirs) and mine[-len(theirs) :] == theirs:
                    return ref  # a kicker run into the <h1> ("Open progress" + the headline)
                return h1
    # no <h1> agrees: a leading <h2> that is one whole part of a declared title ("Site - Section
    # - Story" and <h2>Story</h2>) is the headline, the rest being the site's own labels
    title_parts = {" ".join(_words(p)) for t in (og, page_title, fallback or "") for p in _TITLE_SEPARATORS.split(t)}
    for element in tree.xpath("//h2")[:3]:
        text = _norm(" ".join(element.itertext()))
        if len(_words(text)) >= 3 and " ".join(_words(text)) in title_parts:
            return text
    if not h1s and not banners and (marked := _marked_headline(tree)):
        return marked  # no <h1>: the page's one element marked as its headline, not its <title>
    if len(h1s) == 1 and (not references or len(_words(h1s[0])) >= 3):
        return h1s[0]  # the one visible headline, even when the declared title words it otherwise
    if marked_title := _marked_title(tree, references):
        return marked_title  # no <h1> (or several) is the story's: the visible title, as readers see it
    if references:
        return references[0]
    return h1s[0] if len(h1s) == 1 else None


_KICKER_CLASS = re.compile(r"(?i)kicker|overline|dachzeile|topline|roofline|eyebrow|invisible|sr-only|visually-hidden")
_HEADLINE_CLASS = re.compile(r"(?i)(?:^|[\s_-])(?:headline|title)(?:$|[\s_-])")
_HEADLINE_ONLY = re.compile(r"(?i)(?:^|[\s_-])headline(?:$|[\s_-])")


def _marked_headline(tree: Any) -> str | None:
    """The text of the elements marked `class="headline"`, when they all say one thing (a layout may
    repeat it for phones); several different ones are a list of teasers, not a story's headline."""
    texts = {
        _norm(" ".join(e.itertext()))
        for e in tree.xpath("//body//*[contains(@class, 'eadline')]")
        if _HEADLINE_ONLY.search(e.get("class") or "")
    }
    texts = {t for t in texts if 3 <= len(_words(t)) <= 25}
    return texts.pop() if len(texts) == 1 else None


_TITLE_CLASS = re.compile(
    r"(?i)(?:^|[\s_-])(?:entry|post|article|story|news|page|content)[-_]?(?:title|headline)(?:$|[\s_-])"
)


_NOT_TITLE_CLASS = re.compile(r"(?i)breadcrumb|nav|menu|teaser|related|sub-?title")


def _marked_title(tree: Any, references: list[str]) -> str | None:
    """The text of the element marked as the story's title (`class="entry-title"`, "article-headline")
    when it words a declared title (most of its words in it) and all such elements say one thing:
    readers see that text, which the declared title may word otherwise ("Sazerac! Alles über …")."""
    texts = set()
    for element in tree.xpath(
        "//body//*[contains(@class, 'itle') or contains(@class, 'eadline')][not(ancestor::nav or ancestor::footer)]"
    ):
        if not _TITLE_CLASS.search(element.get("class") or "") or _NOT_TITLE_CLASS.search(element.get("class") or ""):
            continue
        text = _norm(" ".join(element.itertext()))
        if 2 <= len(_words(text)) <= 30 and any(_agrees(text, ref) for ref in references):
            texts.add(text)
    return texts.pop() if len(texts) == 1 else None


def _heading_text(element: Any) -> str:
    """An <h1>'s headline: its marked headline part when it has one (`<span class="headline">`), else
    its text without a kicker or a hidden separator marked as such ("Energy – Costs: Headline")."""
    marked = [
        e for e in element.iterdescendants() if isinstance(e.tag, str) and _HEADLINE_CLASS.search(e.get("class") or "")
    ]
    if len(marked) == 1 and len(_words(" ".join(marked[0].itertext()))) >= 2:
        return _norm(" ".join(marked[0].itertext()))
    kept = [str(node) for node in element.xpath(".//text()") if not _in_kicker(node, element)]
    return _norm(" ".join(kept)) or _norm(" ".join(element.itertext()))


def _in_kicker(node: Any, heading: Any) -> bool:
    """Whether a text node of `heading` lies inside a kicker (or hidden) element of it."""
    parent = node.getparent()
    if parent is not None and node.is_tail:
        parent = parent.getparent()  # a tail follows its element: it is inside that element's parent
    while parent is not None and parent is not heading:
        if _KICKER_CLASS.search(parent.get("class") or ""):
            return True
        parent = parent.getparent()
    return False


def _without_banner(title: str, banners: list[str]) -> str:
    """A declared title without a trailing part that the page shows as its banner <h1>."""
    parts = _TITLE_SEPARATORS.split(title)
    separators = _TITLE_SEPARATORS.findall(title)
    for i in range(1, len(parts)):
        if " ".join(_words(" ".join(parts[i:]))) in banners:
            out = parts[0]
            for separator, part in zip(separators[: i - 1], parts[1:i], strict=False):
                out += separator + part
            return out.strip()
    return title


def _lines_gone(before: str, after: str, reason: str) -> tuple[Removed, ...]:
    """The lines of `before` that a page step took out of `after`, each with the step's reason."""
    left = Counter(after.splitlines())
    gone = []
    for line in before.splitlines():
        if left[line] > 0:
            left[line] -= 1
        elif line.strip():
            gone.append(Removed(line.strip(), reason, -1, -1))
    return tuple(gone)


def extract_html(path: str, html: str, encoding: str) -> RawDocument:
    """Trafilatura finds the main text and drops menus, related links, comments and cookie banners.
    We keep its metadata (date, authors, site name), pick the headline from the page's structure and
    check the text against the page (link and furniture lines out, a dropped lead back); our
    text-level cleaner then removes only the debris left behind."""
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("html", "reading HTML pages") from exc
    # the page is parsed once: trafilatura works on its own copy of our tree (it prunes what it reads)
    tree = load_html(html)
    document = trafilatura.bare_extraction(
        tree if tree is not None else html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise BadInputError(path, "HTML page has no main text that could be extracted")
    words = len(text.split())
    if words < _MIN_ARTICLE_WORDS:  # a menu or a "Home" link is what an extractor returns from an empty page
        raise BadInputError(
            path, f"HTML page has no article text (the main text found is {words} word(s): navigation or markup)"
        )
    authors = tuple(a.strip() for a in re.split(r";|,| and ", getattr(document, "author", None) or "") if a.strip())
    site_name = getattr(document, "sitename", None) or None
    title = getattr(document, "title", None) or None
    set_aside: tuple[Removed, ...] = ()
    if tree is not None:
        # lxml makes a Python object for an element each time one is reached and none is held; the
        # steps below reach most elements several times: holding them all makes each once
        _elements = list(tree.iter())
        host = getattr(document, "hostname", None) or None
        title = page_headline(tree, title, site_name, host) or title
        pieces = page_pieces(tree, host)
        linked = drop_link_lines(pieces, text, headline=title)
        cleared = drop_debris_paragraphs(pieces, linked)
        set_aside = _lines_gone(text, linked, "page-link-or-furniture") + _lines_gone(
            linked, cleared, "page-debris-paragraph"
        )
        text = restore_lead(tree, pieces, cleared, title)
    dated = page_date(tree, text, getattr(document, "date", None) or None, headline=title)
    return RawDocument(
        origin=path,
        text=text,
        content_type="html",
        encoding=encoding,
        title=title,
        published=dated.date if dated else None,
        authors=authors,
        site_name=site_name,
        set_aside=set_aside,
    )
