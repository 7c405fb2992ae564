"""Do these articles tell the same story? A decision of its own, made from the whole articles.

Two reports of one event share specific things: names, places, numbers, dates, and many statements
that say the same. Two reports of similar events (two earthquakes, two arrests of footballers) read
alike sentence by sentence but differ in exactly those specifics. For every pair of articles:

- `doc`: cosine of the articles' mean sentence vectors (what they are about);
- `match`: how much of each article has a close statement in the other (mean best cosine);
- `names`: overlap of the names they mention (entity ids when the entity stage ran, so Москва and
  Moscow count as one, plus capitalised words);
- `numbers`: overlap of specific numbers (two digits or more, years aside);
- `years`: 1 when both give years and none is shared (evidence against).

A logistic model on these (weights in `SameStorySettings`, fitted on the dev splits of tgcontest and
ECB+) gives a calibrated probability. Articles whose probability reaches `same_threshold` are linked;
the story's groups are the connected components. One group: "same"; several groups with some pair
at `related_threshold` or above: "related"; otherwise "different". Everything is numpy over
articles × sentences: linear in the number of sentences per article pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.compare.features import features_of
from storydiff.config import SameStorySettings
from storydiff.embed import Embedder
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, Entity, SameStory

__all__ = ["PairEvidence", "StoryJudge", "same_story", "story_note"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class PairEvidence:
    """The features of one article pair and the probability they give."""

    first: int
    second: int
    doc: float
    match: float
    names: float
    numbers: float
    years: float
    shared_names: tuple[str, ...]
    probability: float
    top: float = 0.0  # mean of the three closest statement pairs
    lead: float = 0.0  # cosine of the opening statements (headline or first sentence)
    name_count: float = 0.0  # log(1 + shared names)
    number_count: float = 0.0  # log(1 + shared specific numbers)
    words: float = 0.0  # Jaccard of content-word stems
    whole: float = 0.0  # cosine of the whole texts, each encoded as one (headline first)

    def vector(self) -> list[float]:
        return [self.doc, self.match, self.names, self.numbers, self.years, self.top, self.lead,
                self.name_count, self.number_count, self.words, self.whole]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


class StoryJudge:
    def __init__(
        self, embedder: Embedder | None, settings: SameStorySettings | None = None, *,
        packs: LanguagePacks | None = None,
    ) -> None:
        self.embedder = embedder
        self.settings = settings or SameStorySettings()
        self.packs = packs if packs is not None else default_language_packs()

    def evidence(self, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> list[PairEvidence]:
        texts = [([a.headline.text] if a.headline and a.headline.text.strip() else [])
                 + ([s.text for s in a.sentences] or [a.text[:2000]]) for a in articles]
        vectors: list[np.ndarray] = []
        if self.embedder is not None:
            flat = self.embedder.encode([t for ts in texts for t in ts])
            matrix = np.asarray(flat, dtype=np.float32)
            wholes = np.asarray(self.embedder.encode(["\n".join(ts)[:4000] for ts in texts]), dtype=np.float32)
            start = 0
            for ts in texts:
                vectors.append(matrix[start : start + len(ts)])
                start += len(ts)
        names, numbers, years, words = [], [], [], []
        for article, ts in zip(articles, texts, strict=True):
            text = " ".join(ts)
            feats = features_of(text, packs=self.packs)
            ids = {e.id for e in entities for m in e.mentions if m.article_id == article.id}
            # Entity ids when the entity stage ran (they hold across languages and spellings), else
            # the capitalised words.
            names.append(set(ids) if ids else set(feats.names))
            words.append(set(feats.words))
            found_years = set(_YEAR.findall(text))
            years.append(found_years)
            numbers.append({n for n in _NUMBER.findall(text) if len(n.replace(".", "").replace(",", "")) >= 2}
                           - found_years)
        label = {e.id: e.name for e in entities}
        out = []
        for i in range(len(articles)):
            for j in range(i + 1, len(articles)):
                if vectors:
                    a, b = vectors[i], vectors[j]
                    ma, mb = a.mean(axis=0), b.mean(axis=0)
                    doc = float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) + 1e-9))
                    cosine = a @ b.T
                    match = float((cosine.max(axis=1).mean() + cosine.max(axis=0).mean()) / 2)
                    best = np.sort(cosine.max(axis=1))[::-1][:3]
                    top = float(best.mean())
                    lead = float(cosine[:2, :2].max())
                    whole = float(wholes[i] @ wholes[j])
                else:  # no embedder: words stand in for meaning
                    doc = match = top = lead = whole = _overlap(words[i], words[j])
                shared = names[i] & names[j]
                year_clash = 1.0 if years[i] and years[j] and not years[i] & years[j] else 0.0
                evidence = PairEvidence(
                    i, j, doc, match, _overlap(names[i], names[j]), _overlap(numbers[i], numbers[j]), year_clash,
                    tuple(sorted(label[n] for n in shared if n in label))[:5], 0.0, top, lead,
                    math.log1p(len(shared)), math.log1p(len(numbers[i] & numbers[j])),
                    len(words[i] & words[j]) / max(len(words[i] | words[j]), 1), whole,
                )
                out.append(_with_probability(evidence, self.settings))
        return out

    def judge(self, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> tuple[SameStory, list[int]]:
        """The verdict, and each article's story group (0, 1, …; one group when all tell one story)."""
        s = self.settings
        pairs = self.evidence(articles, entities)
        parent = list(range(len(articles)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for pair in pairs:
            if pair.probability >= s.same_threshold:
                parent[root(pair.first)] = root(pair.second)
        roots: dict[int, int] = {}
        groups = [roots.setdefault(root(k), len(roots)) for k in range(len(articles))]
        # Without an embedder the verdict rests on words alone (the weights were fitted with one):
        # it is given, but the articles are not kept apart on it.
        kept_apart = groups if self.embedder is not None else [0] * len(articles)
        if not pairs:
            return SameStory(1.0, "same", ()), kept_apart
        score = min(max(p.probability for p in pairs if k in (p.first, p.second)) for k in range(len(articles)))
        reasons = []
        best = max(pairs, key=lambda p: p.probability)
        if best.shared_names:
            reasons.append("shared names: " + ", ".join(best.shared_names))
        if len(roots) == 1:
            verdict = "same"
        else:
            across = [p.probability for p in pairs if groups[p.first] != groups[p.second]]
            verdict = "related" if max(across) >= s.related_threshold else "different"
            score = min(score, max(across))
            for g in range(len(roots)):
                members = [articles[k].label for k in range(len(articles)) if groups[k] == g]
                reasons.append(f"story {g + 1}: " + ", ".join(members))
        clashes = [p for p in pairs if p.years and groups[p.first] != groups[p.second]]
        if clashes:
            reasons.append("different years")
        return SameStory(round(score, 4), verdict, tuple(reasons)), kept_apart  # type: ignore[arg-type]


def _with_probability(evidence: PairEvidence, s: SameStorySettings) -> PairEvidence:
    z = s.bias + sum(w * x for w, x in zip(
        (s.doc_weight, s.match_weight, s.name_weight, s.number_weight, s.year_clash_weight, s.top_weight,
         s.lead_weight, s.name_count_weight, s.number_count_weight, s.word_weight, s.whole_weight),
        evidence.vector(), strict=True))
    from dataclasses import replace

    return replace(evidence, probability=1 / (1 + math.exp(-z)))


def same_story(
    articles: Sequence[Article], embedder: Embedder | None, entities: Sequence[Entity] = (),
    settings: SameStorySettings | None = None, *, packs: LanguagePacks | None = None,
) -> SameStory:
    return StoryJudge(embedder, settings, packs=packs).judge(articles, entities)[0]


def story_note(verdict: SameStory | None) -> str | None:
    """The line a report shows when the articles do not tell one story (None when they do)."""
    if verdict is None or verdict.verdict == "same":
        return None
    kind = "different stories" if verdict.verdict == "different" else "related but different stories"
    details = "; ".join(r for r in verdict.reasons if r.startswith("story ") or r == "different years")
    return f"These articles tell {kind} (same-story score {verdict.score:.2f})" + (f": {details}" if details else "")
