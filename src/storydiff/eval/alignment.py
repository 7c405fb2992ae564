"""Fact alignment: pairs of sentences from different articles that report the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from storydiff.compare import AlignmentSettings
from storydiff.eval.goldset import load_json, story_articles
from storydiff.eval.scoring import Score
from storydiff.models import Article

__all__ = [
    "aligned_segment_pairs",
    "article_from_segments",
    "best_threshold",
    "prf",
    "score_alignment",
    "score_conflicts",
]


def _sentence(article: Article, snippet: str) -> str:
    for sentence in article.sentences:
        if snippet in sentence.text:
            return sentence.id
    raise LookupError(f"{article.path}: no sentence contains {snippet!r}")


def _pairs(groups: list[set[str]], article_of: dict[str, str]) -> set[frozenset[str]]:
    pairs = set()
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            if article_of[a] != article_of[b]:
                pairs.add(frozenset((a, b)))
    return pairs


def score_alignment(
    embedder: str | None = "use-m3", settings: AlignmentSettings | None = None
) -> tuple[Score, list[str], dict[str, Score]]:
    """All pairs, plus the same-language and cross-language parts (a lexical aligner cannot link
    across languages, so its floor is held on the same-language part)."""
    from storydiff.pipeline import compare_articles

    total = Score(0, 0, 0)
    parts = {"same-language": Score(0, 0, 0), "cross-language": Score(0, 0, 0)}
    notes = []
    for story in load_json("align.json")["stories"]:
        articles = story_articles(story["dir"])
        article_of: dict[str, str] = {s.id: a.id for a in articles.values() for s in a.sentences}
        text_of: dict[str, str] = {s.id: s.text for a in articles.values() for s in a.sentences}
        gold_groups = []
        for fact in story["facts"]:
            group = set()
            for ref in fact:
                name, snippet = ref.split("::", 1)
                group.add(_sentence(articles[name], snippet))
            gold_groups.append(group)
        comparison = compare_articles(list(articles.values()), embedder=embedder, settings=settings)
        # The gold groups are statement facts; event facts (every sentence on the event) are scored on ECB+.
        predicted_groups = [
            {s for ids in f.support.values() for s in ids} for f in comparison.facts if f.kind == "statement"
        ]
        gold, predicted = _pairs(gold_groups, article_of), _pairs(predicted_groups, article_of)
        total += Score(len(gold & predicted), len(predicted - gold), len(gold - predicted))
        language_of: dict[str, str] = {x.id: a.language for a in articles.values() for x in a.sentences}
        across = {pair: len({language_of[s] for s in pair}) > 1 for pair in gold | predicted}
        for name, wanted in (("same-language", False), ("cross-language", True)):
            g = {pair for pair in gold if across[pair] == wanted}
            p = {pair for pair in predicted if across[pair] == wanted}
            parts[name] += Score(len(g & p), len(p - g), len(g - p))
        for pair in sorted(predicted - gold, key=sorted):
            a, b = sorted(pair)
            notes.append(f"{story['dir']}: wrong link: {text_of[a][:60]!r} ~ {text_of[b][:60]!r}")
        for pair in sorted(gold - predicted, key=sorted):
            a, b = sorted(pair)
            notes.append(f"{story['dir']}: missed link: {text_of[a][:60]!r} ~ {text_of[b][:60]!r}")
    return total, notes, parts


def score_conflicts(embedder: str | None = "use-m3") -> tuple[Score, list[str]]:
    """Disagreements found (recall over the gold list) and conflict facts that are right (precision)."""
    from storydiff.pipeline import compare_articles

    total = Score(0, 0, 0)
    notes = []
    for story in load_json("conflicts.json")["stories"]:
        articles = story_articles(story["dir"])
        comparison = compare_articles(list(articles.values()), embedder=embedder, entities=False)
        disputed = [{s for ids in f.support.values() for s in ids} for f in comparison.facts if f.status == "conflict"]
        gold = []
        for pair in story["conflicts"]:
            gold.append({_sentence(articles[ref.split("::")[0]], ref.split("::", 1)[1]) for ref in pair})
        found = [g for g in gold if any(g <= d for d in disputed)]
        right = [d for d in disputed if any(g <= d for g in gold)]
        total += Score(len(found), len(disputed) - len(right), len(gold) - len(found))
        text_of: dict[str, str] = {s.id: s.text for a in articles.values() for s in a.sentences}
        for g in gold:
            if g not in found:
                notes.append(f"{story['dir']}: missed disagreement: " + " / ".join(text_of[s][:50] for s in sorted(g)))
        for d in disputed:
            if d not in right:
                notes.append(f"{story['dir']}: wrong conflict: " + " / ".join(text_of[s][:40] for s in sorted(d)))
    return total, notes


# --- Helpers for the real datasets (storydiff.eval.datasets): articles built from given segments,
# sentence pairs read from facts, and the naive cosine baseline with one threshold fitted on dev.


def article_from_segments(name: str, segments: Sequence[str], language: str | None = None) -> Article:
    """An article whose paragraphs are the dataset's segments (one per sentence or headline), so that
    every storydiff sentence maps back to its segment by `Sentence.paragraph`; the cleaner is not
    run (the datasets give clean text)."""
    from storydiff.models import Span, content_id

    text, spans, offset = "", [], 0
    for segment in segments:
        segment = " ".join(segment.split()) or "."
        if text:
            text += "\n\n"
            offset += 2
        spans.append(Span(segment, offset, offset + len(segment)))
        text += segment
        offset += len(segment)
    return Article(
        id=content_id(name, text),
        path=name,
        text=text,
        encoding="utf-8",
        content_type="text",
        source=None,
        language=language or "und",
        headline=None,
        published=None,
        authors=(),
        dateline=None,
        credits=(),
        captions=(),
        removed=(),
        paragraphs=tuple(spans),
        sentences=(),
        analyses=("clean", "language") if language else ("clean",),
    )


def aligned_segment_pairs(
    comparison: Any, kinds: tuple[str, ...] = ("statement", "event")
) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of (article id, segment index) from different articles that support one fact of `kinds`."""
    where = {s.id: (a.id, s.paragraph) for a in comparison.articles for s in a.sentences}
    pairs: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for fact in comparison.facts:
        if fact.kind not in kinds:
            continue
        members = sorted({where[s] for ids in fact.support.values() for s in ids})
        for x, y in combinations(members, 2):
            if x[0] != y[0]:
                pairs.add((x, y))
    return pairs


def best_threshold(scores: Sequence[float], labels: Sequence[bool], metric: str = "f1") -> float:
    """The cut on `scores` that maximises F1 (or accuracy) of `score >= cut` against `labels`."""
    import numpy as np

    values = np.asarray(scores, dtype=float)
    gold = np.asarray(labels, dtype=bool)
    best, best_value = 0.5, -1.0
    for cut in np.unique(np.round(values, 4)):
        predicted = values >= cut
        if metric == "accuracy":
            value = float((predicted == gold).mean())
        else:
            tp = float((predicted & gold).sum())
            value = 2 * tp / max(float(predicted.sum() + gold.sum()), 1.0)
        if value > best_value:
            best, best_value = float(cut), value
    return best


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
