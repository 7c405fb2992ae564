"""Quotes: span F1, attribution accuracy, and link relation accuracy on the quote gold sets."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from storydiff.eval.goldset import load_jsonl
from storydiff.eval.scoring import Score

__all__ = ["score_demo_quotes", "score_quote_links", "score_quotes"]


def _norm(text: str) -> str:
    text = re.sub(r"[\"“”„«»‹›‘’']", "", text)
    return " ".join(text.split()).strip(" .,;:!?—–-").casefold()


def _without_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.casefold()).strip()


def _same_speaker(predicted: str | None, gold: str | None, matcher: Any) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    return _without_article(predicted) == _without_article(gold) or matcher.compare(predicted, gold, "PERSON").same


def score_quotes() -> tuple[Score, Score, Score, list[str]]:
    """(spans, attribution, kind, notes). Attribution and kind are counted on the quotes found."""
    from storydiff.names import NameMatcher
    from storydiff.pipeline import clean, find_entities, find_quotes, from_text

    matcher = NameMatcher()
    spans, speakers, kinds = Score(0, 0, 0), Score(0, 0, 0), Score(0, 0, 0)
    notes: list[str] = []
    for case in load_jsonl("quotes.jsonl"):
        articles, resolution = find_entities(clean([from_text(case["text"])]).articles, matcher=matcher)
        found = find_quotes(articles[:1], resolution.entities)
        predicted = {_norm(q.text): q for q in found}
        gold = {_norm(g["text"]): g for g in case["quotes"]}
        hits = set(predicted) & set(gold)
        spans += Score(len(hits), len(set(predicted) - hits), len(set(gold) - hits))
        for key in sorted(set(gold) - hits):
            notes.append(f"{case['case']}: missed {gold[key]['text']!r}; found {[q.text for q in found]}")
        for key in sorted(hits):
            quote, expected = predicted[key], gold[key]
            right = _same_speaker(quote.speaker_name, expected["speaker"], matcher)
            speakers += Score(int(right), int(not right), 0)
            kinds += Score(int(quote.kind == expected["kind"]), int(quote.kind != expected["kind"]), 0)
            if not right:
                notes.append(f"{case['case']}: speaker {quote.speaker_name!r}, expected {expected['speaker']!r}")
    return spans, speakers, kinds, notes


def score_demo_quotes() -> tuple[Score, Score, list[str]]:
    """(spans, attribution) on the hand-annotated demo stories, with story-level entities."""
    from pathlib import Path

    from storydiff.eval.goldset import load_json, story_articles
    from storydiff.names import NameMatcher
    from storydiff.pipeline import find_entities, find_quotes

    matcher = NameMatcher()
    spans, speakers = Score(0, 0, 0), Score(0, 0, 0)
    notes: list[str] = []
    for story in load_json("quotes_demo.json")["stories"]:
        articles, resolution = find_entities(list(story_articles(story["dir"]).values()), matcher=matcher)
        for article in articles:
            name = Path(article.path).name
            if name not in story["articles"]:
                continue
            found = find_quotes([article], resolution.entities)
            predicted: dict[str, list[Any]] = {}
            for quote in found:
                predicted.setdefault(_norm(quote.text), []).append(quote)
            gold: dict[str, list[list[str]]] = {}
            for item in story["articles"][name]:
                gold.setdefault(_norm(item[0]), []).append(item)
            for key in set(predicted) | set(gold):
                got, want = predicted.get(key, []), gold.get(key, [])
                hits = min(len(got), len(want))
                spans += Score(hits, len(got) - hits, len(want) - hits)
                for quote, item in zip(got, want, strict=False):
                    right = _same_speaker(quote.speaker_name, item[2], matcher)
                    speakers += Score(int(right), int(not right), 0)
                    if not right:
                        notes.append(f"{story['dir']}/{name}: speaker {quote.speaker_name!r}, expected {item[2]!r}")
                for item in want[hits:]:
                    notes.append(f"{story['dir']}/{name}: missed {item[0][:70]!r}")
                for quote in got[hits:]:
                    notes.append(f"{story['dir']}/{name}: extra {quote.text[:70]!r}")
    return spans, speakers, notes


def score_quote_links(embedder: str | None = "use-m3") -> tuple[Score, dict[str, Score], list[str]]:
    """Accuracy of the relation given to each gold pair (a pair left unlinked counts as wrong)."""
    from storydiff.pipeline import compare, from_text

    total = Score(0, 0, 0)
    by_relation: dict[str, Score] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    notes: list[str] = []
    for pair in load_jsonl("quote_links.jsonl"):
        comparison = compare([from_text(pair["a"], "<text 1>"), from_text(pair["b"], "<text 2>")], embedder=embedder)
        first = comparison.articles[0].id
        links = [link for link in comparison.quote_links
                 if link.a.startswith(first) != link.b.startswith(first)]
        got = links[0].relation if links else "none"
        right = got == pair["relation"]
        score = Score(int(right), int(not right), 0)
        total += score
        by_relation[pair["relation"]] = by_relation.get(pair["relation"], Score(0, 0, 0)) + score
        if not right:
            confusion[(pair["relation"], got)] += 1
    notes.extend(f"expected {want}, got {got}: {n}" for (want, got), n in confusion.most_common())
    return total, dict(sorted(by_relation.items())), notes
