"""Give each quote's speaker the story's entity: the per-article quote stage found the mention
that names the speaker; the story's entities say who that mention is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from storydiff.models import Entity, Quote

__all__ = ["resolve_speakers"]


def resolve_speakers(quotes: Iterable[Quote], entities: Sequence[Entity]) -> list[Quote]:
    """A quote whose speaker span overlaps an entity's mention in the same article gets that entity
    (the largest overlap wins: the resolver may have trimmed a place off the front of a name)."""
    by_article: dict[str, list[tuple[int, int, Entity]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            by_article.setdefault(mention.article_id, []).append((mention.start, mention.end, entity))
    out = []
    for quote in quotes:
        span = quote.speaker_span
        if span is None:
            out.append(quote)
            continue
        best: Entity | None = None
        best_overlap = 0
        for start, end, entity in by_article.get(quote.article_id, ()):
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
        out.append(replace(quote, speaker=best.id, speaker_name=best.name) if best else quote)
    return out
