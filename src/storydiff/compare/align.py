"""Group statements from different articles that report the same thing into facts.

1. Split each article's sentences into units (clauses).
2. Score every pair of units from different articles: embedding cosine (paraphrase, translation)
   blended with word, name and number overlap.
3. Merge greedily, strongest pair first, average linkage, at most one unit per article per fact
   (two clauses of one article rarely restate each other; allowing it makes facts snowball).
4. A unit left alone that restates a fact of its own article (a lead repeated by a quote) is added
   to that fact's support instead of becoming a unique fact of its own.
5. Status: shared (every article), partial (several), unique (one); conflict when the articles
   that report it give different numbers or dates for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from storydiff.compare.conflicts import Values, disagreements, values_in, values_of
from storydiff.compare.features import Features, features_of, overlap
from storydiff.compare.units import Unit, units_of
from storydiff.config import AlignmentSettings
from storydiff.embed import Embedder
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, Entity, Fact, FactStatus, content_id

__all__ = ["AlignmentSettings", "FactAligner"]


class FactAligner:
    """One public method: `align(articles) -> facts`."""

    def __init__(
        self, embedder: Embedder | None, settings: AlignmentSettings | None = None, *,
        packs: LanguagePacks | None = None,
    ) -> None:
        self.embedder = embedder
        self.settings = settings or AlignmentSettings()
        self.packs = packs if packs is not None else default_language_packs()  # stopwords, clause cuts, dates

    @property
    def name(self) -> str:
        return f"{self.embedder.name}+lexical" if self.embedder else "lexical"

    def scores(
        self, units: Sequence[Unit], entities: Sequence[Entity] = (), languages: dict[str, str] | None = None
    ) -> list[list[float]]:
        """Pairwise similarity of units, same-article pairs included (restatements need them).

        With entities, a unit's names include its entity ids: Тлеуберди and Tleuberdi count as one name."""
        feats = [features_of(u.text, packs=self.packs) for u in units]
        if entities:
            feats = [replace(f, names=f.names | _entities_in(u, entities)) for f, u in zip(feats, units, strict=True)]
        cosine = None
        if self.embedder is not None and units:
            vectors = self.embedder.encode([u.text for u in units])
            cosine = (vectors @ vectors.T).tolist()
        n = len(units)
        matrix = [[0.0] * n for _ in range(n)]
        language = languages or {}
        for i in range(n):
            for j in range(i + 1, n):
                across = language.get(units[i].article_id, "und") != language.get(units[j].article_id, "und")
                value = self._pair_score(feats[i], feats[j], cosine[i][j] if cosine else None, across)
                matrix[i][j] = matrix[j][i] = value
        return matrix

    def _pair_score(self, a: Features, b: Features, cosine: float | None, across: bool = False) -> float:
        s = self.settings
        words, names = overlap(a.words, b.words), overlap(a.names, b.names)
        if across and cosine is not None:
            words = max(cosine, 0.0)  # no shared words across languages: the embedding speaks for them
        bonus = s.number_bonus if a.numbers & b.numbers else 0.0
        if cosine is None:
            lexical = 0.65 * words + 0.35 * names + bonus
            return lexical * (s.threshold / s.lexical_threshold)  # report on the embedding scale
        return s.embedding_weight * max(cosine, 0.0) + s.word_weight * words + s.name_weight * names + bonus

    def align(self, articles: Sequence[Article], entities: Sequence[Entity] = ()) -> list[Fact]:
        units = [u for article in articles for u in units_of(article, packs=self.packs)]
        if not units:
            return []
        matrix = self.scores(units, entities, {a.id: a.language for a in articles})
        threshold = self.settings.threshold
        clusters: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        owner = list(range(len(units)))
        pairs = sorted(
            ((matrix[i][j], i, j) for i in range(len(units)) for j in range(i + 1, len(units))
             if matrix[i][j] >= threshold and units[i].article_id != units[j].article_id),
            reverse=True,
        )
        for _, i, j in pairs:
            a, b = owner[i], owner[j]
            if a == b:
                continue
            articles_a = {units[k].article_id for k in clusters[a]}
            if articles_a & {units[k].article_id for k in clusters[b]}:
                continue
            links = [matrix[x][y] for x in clusters[a] for y in clusters[b]]
            if sum(links) / len(links) < threshold:
                continue
            clusters[a].extend(clusters.pop(b))
            for k in clusters[a]:
                owner[k] = a
        self._attach_restatements(units, matrix, clusters, owner)
        return self._facts(articles, units, matrix, list(clusters.values()))

    def _attach_restatements(
        self, units: Sequence[Unit], matrix: list[list[float]], clusters: dict[int, list[int]], owner: list[int]
    ) -> None:
        limit = self.settings.threshold + self.settings.restatement_margin
        for i in [k for k, members in clusters.items() if len(members) == 1]:
            best, best_score = None, limit
            for key, members in clusters.items():
                if len(members) < 2 or key == i:
                    continue
                others = [m for m in members if units[m].article_id != units[i].article_id]
                same = [m for m in members if units[m].article_id == units[i].article_id]
                if not same or not others:
                    continue
                score = sum(matrix[i][m] for m in others) / len(others)
                # A restatement also says what its own article already said elsewhere.
                if score >= best_score and max(matrix[i][m] for m in same) >= 0.8 * self.settings.threshold:
                    best, best_score = key, score
            if best is not None:
                clusters[best].extend(clusters.pop(i))
                owner[i] = best

    def _values(self, articles: dict[str, Article], members: Sequence[Unit]) -> dict[str, Values]:
        """Each article's numbers and dates in these statements: its claims inside them (read once by
        the claims stage), or, for an article without that stage, read from the statements now."""
        spans: dict[str, list[Unit]] = {}
        for unit in members:
            spans.setdefault(unit.article_id, []).append(unit)
        values = {}
        for article_id, parts in spans.items():
            article = articles[article_id]
            if article.has("claims"):
                values[article_id] = values_of(c for c in article.claims
                                               if any(u.start <= c.start < u.end for u in parts))
            else:
                values[article_id] = values_in(" ".join(u.text for u in parts), packs=self.packs)
        return values

    def _facts(
        self, articles: Sequence[Article], units: Sequence[Unit], matrix: list[list[float]], groups: list[list[int]]
    ) -> list[Fact]:
        order = {a.id: n for n, a in enumerate(articles)}
        language = {a.id: a.language for a in articles}
        # Facts read in the story's commonest language: a Russian clause may be the most central,
        # but an English-majority report should state the fact in English.
        majority = Counter(language.values()).most_common(1)[0][0]
        articles_by_id = {a.id: a for a in articles}
        facts = []
        for members in groups:
            members = sorted(members, key=lambda k: (order[units[k].article_id], units[k].start))
            support: dict[str, list[str]] = {}
            for k in members:
                ids = support.setdefault(units[k].article_id, [])
                if units[k].sentence_id not in ids:
                    ids.append(units[k].sentence_id)
            cross = [matrix[x][y] for x in members for y in members
                     if x < y and units[x].article_id != units[y].article_id]
            score = sum(cross) / len(cross) if cross else 1.0
            # The statement closest to all the others reads best as the fact's text.
            readable_members = [k for k in members if language[units[k].article_id] == majority] or members
            central = max(readable_members, key=lambda k: (sum(matrix[k][m] for m in members), -units[k].start))
            status: FactStatus = (
                "shared" if len(support) == len(articles) and len(articles) > 1
                else "partial" if len(support) > 1 else "unique"
            )
            conflicts = None
            if len(support) > 1:
                conflicts = disagreements(self._values(articles_by_id, [units[k] for k in members])) or None
                if conflicts:
                    status = "conflict"
            frozen = {k: tuple(v) for k, v in support.items()}
            facts.append(
                Fact(
                    id=content_id(*sorted(units[k].id for k in members), length=10),
                    text=readable(units[central].text),
                    status=status,
                    support=frozen,
                    score=score,
                    conflicts=conflicts,
                )
            )
        rank = {"shared": 0, "conflict": 1, "partial": 2, "unique": 3}
        index: dict[str, int] = {s.id: s.index for article in articles for s in article.sentences}
        first_position = {
            f.id: min((order[a], index[s]) for a, ids in f.support.items() for s in ids) for f in facts
        }
        return sorted(facts, key=lambda f: (rank[f.status], first_position[f.id]))


def _entities_in(unit: Unit, entities: Sequence[Entity]) -> frozenset[str]:
    return frozenset(
        e.id for e in entities for m in e.mentions
        if m.article_id == unit.article_id and unit.start <= m.start < unit.end
    )


def readable(text: str) -> str:
    """A statement without quote marks left dangling by scraping or by cutting it into clauses."""
    text = text.strip().strip(",;:—– ")
    for opener, closer in (("«", "»"), ("“", "”")):
        if text.count(opener) != text.count(closer):
            text = text.replace(opener, "").replace(closer, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:] if text else text
