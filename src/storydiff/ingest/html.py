"""Main text and metadata from an HTML page, via trafilatura (the `html` extra)."""

from __future__ import annotations

import logging
import re

from storydiff.errors import BadInputError, MissingExtraError
from storydiff.models import RawDocument

__all__ = ["extract_html", "looks_like_html"]

log = logging.getLogger(__name__)
_HTML_SNIFF = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)


def looks_like_html(path: str, text: str) -> bool:
    return path.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_SNIFF.match(text[:500]))


def extract_html(path: str, html: str, encoding: str) -> RawDocument:
    """Trafilatura finds the main text and drops menus, related links, comments and cookie banners.
    We keep its metadata (title, date, authors, site name); our text-level cleaner then removes only
    the debris it left behind."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("html", "reading HTML pages") from exc
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise BadInputError(path, "HTML page has no main text that could be extracted")
    authors = tuple(
        a.strip() for a in re.split(r";|,| and ", getattr(document, "author", None) or "") if a.strip()
    )
    return RawDocument(
        origin=path,
        text=text,
        content_type="html",
        encoding=encoding,
        title=getattr(document, "title", None) or None,
        published=getattr(document, "date", None) or None,
        authors=authors,
        site_name=getattr(document, "sitename", None) or None,
    )
