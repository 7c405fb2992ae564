"""Cleaning tasks: `clean` (debris removed, character level) and `structure` (headline, dateline,
credits, captions, published date)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storydiff.eval.goldset import load_jsonl, story_articles
from storydiff.eval.scoring import Score
from storydiff.models import Article

__all__ = ["score_clean", "score_structure"]


def _article(case: dict[str, Any]) -> Article:
    if "path" in case:
        path = Path(case["path"])
        return story_articles(str(path.parent))[path.name]
    from storydiff.pipeline import clean, from_text

    return clean([from_text(case["text"])]).articles[0]


def _occurrences(text: str, needle: str) -> set[int]:
    chars: set[int] = set()
    start = text.find(needle)
    while start >= 0:
        chars.update(range(start, start + len(needle)))
        start = text.find(needle, start + 1)
    return chars


def score_clean(cases: list[dict[str, Any]] | None = None) -> tuple[Score, list[str]]:
    """Characters removed as debris vs the gold debris; lines the gold says to keep must stay in the body."""
    total = Score(0, 0, 0)
    notes = []
    for case in cases if cases is not None else load_jsonl("clean.jsonl"):
        article = _article(case)
        gold: set[int] = set()
        for snippet in case["debris"]:
            found = _occurrences(article.text, snippet)
            if not found:
                notes.append(f"{case.get('path', case.get('case'))}: gold debris not in text: {snippet!r}")
            gold |= found
        predicted = {i for r in article.removed for i in range(r.start, r.end) if not article.text[i].isspace()}
        gold = {i for i in gold if not article.text[i].isspace()}
        kept_lost = 0
        body = " ".join(s.text for s in article.sentences)
        for snippet in case.get("keep", []):
            if snippet not in body:
                kept_lost += len(snippet)
                notes.append(f"{case.get('path', case.get('case'))}: body lost {snippet!r}")
        total += Score(len(predicted & gold), len(predicted - gold) + kept_lost, len(gold - predicted))
    return total, notes


def _norm(value: object) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


def _field(score: Score, gold: object, predicted: object) -> Score:
    if gold in (None, "", []):
        return score + Score(0, 1 if predicted not in (None, "", []) else 0, 0)
    if _norm(predicted) == _norm(gold):
        return score + Score(1, 0, 0)
    return score + Score(0, 1 if predicted not in (None, "", []) else 0, 1)


def score_structure(cases: list[dict[str, Any]] | None = None) -> tuple[Score, list[str]]:
    """Each gold field is one decision: right, wrong, missed or invented."""
    total = Score(0, 0, 0)
    notes = []
    for case in cases if cases is not None else load_jsonl("clean.jsonl"):
        article = _article(case)
        name = case.get("path", case.get("case"))
        before = total
        total = _field(total, case["headline"], article.headline.text if article.headline else None)
        gold_line = case["dateline"] or {}
        line = article.dateline
        for key in ("place", "date", "agency"):
            total = _field(total, gold_line.get(key), getattr(line, key) if line else None)
        predicted_credits = [c.text for c in article.credits]
        for credit in case["credits"]:
            total = _field(total, credit, credit if credit in predicted_credits else None)
        total += Score(0, max(0, len(predicted_credits) - len(case["credits"])), 0)
        captions = [c.text for c in article.captions]
        for prefix in case["captions"]:
            hit = next((c for c in captions if c.startswith(prefix)), None)
            total = _field(total, prefix, prefix if hit else None)
        total += Score(0, max(0, len(captions) - len(case["captions"])), 0)
        if total.fp > before.fp or total.fn > before.fn:
            notes.append(f"{name}: structure errors (+{total.fp - before.fp} wrong, +{total.fn - before.fn} missed)")
    return total, notes
