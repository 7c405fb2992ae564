"""Clean: split a scraped text into headline, dateline, byline, credits, captions, body and debris.

The stages run in a fixed order over a list of pieces (see each function's numbered docstring).
Nothing is ever dropped silently: every piece that is not body is kept with its role and reason.
"""

from __future__ import annotations

from dataclasses import replace

from storydiff.clean.boilerplate import (
    remove_inline_debris,
    remove_label_lines,
    remove_line_debris,
    remove_related_headlines,
    remove_repeated_lines,
    remove_stray_short_lines,
)
from storydiff.clean.captions import is_caption_like, mark_captions
from storydiff.clean.credits import authors_from_credit, mark_bylines, mark_credit_lines, mark_sign_offs
from storydiff.clean.dateline import DatelineMatch, find_dateline, infer_year, is_iso_date, resolve_date
from storydiff.clean.headline import mark_headline
from storydiff.clean.outlet import detect_source
from storydiff.clean.pieces import Piece, split_lines, split_piece
from storydiff.clean.rules import RuleFamily, RuleSet, load_rules
from storydiff.clean.site import SiteLines, learn_site_lines, remove_site_lines
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, Dateline, RawDocument, Removed, Span, content_id

__all__ = ["Cleaner", "SiteLines", "learn_site_lines", "load_rules"]


class Cleaner:
    """One public method: `clean(RawDocument) -> Article`, the `clean` stage: headline, dateline,
    credits, captions, body paragraphs and removed debris. Language and sentences are later stages."""

    def __init__(self, rules: RuleSet | None = None, *, packs: LanguagePacks | None = None) -> None:
        self.rules = rules or load_rules()
        self.packs = packs if packs is not None else default_language_packs()  # month names for datelines

    def clean(self, document: RawDocument, site_lines: frozenset[str] = frozenset()) -> Article:
        """`site_lines`: the keys of lines this document's site repeats across its stories
        (`clean.site`), removed as the site's debris."""
        text = document.text
        rules = self.rules.for_text(text)
        pieces = split_lines(text)
        pieces = remove_line_debris(text, pieces, rules)
        if document.content_type == "html":
            pieces = remove_label_lines(text, pieces)
        pieces = remove_related_headlines(text, pieces)
        pieces = remove_inline_debris(text, pieces, rules)
        pieces = remove_repeated_lines(text, pieces)
        pieces = mark_credit_lines(text, pieces, rules)
        pieces = mark_sign_offs(text, pieces)
        pieces, byline_authors = mark_bylines(text, pieces)
        pieces = mark_captions(text, pieces, rules)
        pieces = remove_site_lines(text, pieces, site_lines)
        pieces, dateline_match = self._mark_dateline(text, pieces, rules, packs=self.packs)
        pieces = mark_headline(text, pieces, document.title,
                               title_line=not (document.content_type == "html" and document.title))
        pieces = remove_stray_short_lines(text, pieces, html=document.content_type == "html")

        def spans(role: str) -> tuple[Span, ...]:
            return tuple(Span(p.text(text), p.start, p.end) for p in pieces if p.role == role)

        headline = next(iter(spans("headline")), None)
        if document.title and document.content_type == "html" and (
                headline is None or " ".join(headline.text.split()) != " ".join(document.title.split())):
            headline = Span(document.title, -1, -1)  # from the page's structure: not (as such) in the text
        credits = spans("byline") + spans("credit")
        authors = list(document.authors) or byline_authors
        if not authors:
            for credit in credits:
                authors.extend(authors_from_credit(credit.text))
        dateline = None
        if dateline_match is not None:
            piece, match = dateline_match
            year = infer_year(text, document.published, match.date_text, packs=self.packs)
            dateline = Dateline(
                text=piece.text(text),
                place=match.place,
                date=resolve_date(match.date_text, year, packs=self.packs),
                agency=match.agency,
                start=piece.start,
                end=piece.end,
            )
        published = document.published
        if published is None and dateline is not None and is_iso_date(dateline.date):
            published = dateline.date
        return Article(
            id=content_id(text),
            path=document.origin,
            text=text,
            encoding=document.encoding,
            content_type=document.content_type,
            source=detect_source(text, rules, document.site_name, dateline.agency if dateline else None),
            language="und",
            headline=headline,
            published=published,
            authors=tuple(dict.fromkeys(authors)),
            dateline=dateline,
            credits=credits,
            captions=spans("caption"),
            removed=document.set_aside
            + tuple(Removed(p.text(text), p.reason, p.start, p.end) for p in pieces if p.role == "removed"),
            paragraphs=spans("body"),
            sentences=(),
            analyses=("clean",),
            repairs=document.repairs,
        )

    @staticmethod
    def _mark_dateline(
        text: str, pieces: list[Piece], rules: RuleFamily, *, packs: LanguagePacks | None = None
    ) -> tuple[list[Piece], tuple[Piece, DatelineMatch] | None]:
        """9. The first dateline among the opening body lines. Text before it in the same line is a
        caption run into the dateline when it ends in a picture credit; otherwise it stays body."""
        seen_chars = 0
        for i, piece in enumerate(pieces):
            if piece.role != "body":
                continue
            line = piece.text(text)
            match = find_dateline(line, packs=packs)
            if match is not None:
                start, end = piece.start + match.start, piece.start + match.end
                parts = split_piece(text, piece, start, end, "dateline", "dateline")
                fixed = []
                for part in parts:
                    if part.end <= start and part.role == "body":
                        before = part.text(text)
                        role = "caption" if is_caption_like(before, rules) else "body"
                        part = replace(part, role=role, reason="caption-before-dateline" if role == "caption" else "")
                    fixed.append(part)
                dateline_piece = next(p for p in fixed if p.role == "dateline")
                return pieces[:i] + fixed + pieces[i + 1 :], (dateline_piece, match)
            seen_chars += len(line)
            if seen_chars > 1500:
                break
        return pieces, None
