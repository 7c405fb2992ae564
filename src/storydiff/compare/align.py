"""Group statements from different articles that report the same thing into facts.

1. Split each article's sentences into units (clauses).
2. Score every pair of units from different articles: embedding cosine (paraphrase, translation)
   blended with word, name and number overlap, less the evidence against (other years, and when
   weighed, other actors or numbers); a unit with too little content (a bare list number) scores 0.
   Articles that `compare.same_story` puts in different stories are never linked.
3. Merge, strongest pair first, average linkage over links between articles. Two statements of one
   article join one fact only as restatements (a headline and its lead): the facts merged must link
   about as strongly as their own members do; articles that translate each other keep one statement
   per article per fact, since there every sentence has its own counterpart. When such articles also
   keep one order, their sentences are first paired along it (`compare.parallel`, a monotonic path
   of 1-1, 1-2 and 2-1 beads): each bead starts as a fact, and no link crosses the path.
4. A unit left alone that restates a fact of its own article (a lead repeated by a quote) is added
   to that fact's support instead of becoming a unique fact of its own.
5. A sentence can support more than one fact: a unit as close to a fact's members as they are to
   each other supports it as well (`_extra_support`).
6. Status: shared (every article), partial (several), unique (one); conflict when the articles
   that report it give different numbers or dates for it.
7. Beside these statement facts, one event fact per story group (`compare.events`, kind "event"):
   every outlet's clauses that mention the story's event, whatever else each says; skipped when a
   statement fact already holds just those sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from storydiff.compare.conflicts import Values, disagreements, values_in, values_of
from storydiff.compare.events import event_groups
from storydiff.compare.features import Features, features_of, overlap
from storydiff.compare.units import Unit, units_of
from storydiff.config import AlignmentSettings
from storydiff.embed import Embedder
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, Entity, Fact, FactKind, FactStatus, Sentence, content_id

__all__ = ["AlignmentSettings", "FactAligner"]


class FactAligner:
    """One public method: `align(articles) -> facts`."""

    def __init__(
        self,
        embedder: Embedder | None,
        settings: AlignmentSettings | None = None,
        *,
        packs: LanguagePacks | None = None,
    ) -> None:
        self.embedder = embedder
        self.settings = settings or AlignmentSettings()
        self.packs = packs if packs is not None else default_language_packs()  # stopwords, clause cuts, dates

    @property
    def name(self) -> str:
        return f"{self.embedder.name}+lexical" if self.embedder else "lexical"

    def _confidence(self, score: float) -> float | None:
        """A fact's mean link score as a probability (fitted on the embedding path's scale only:
        the lexical path's scores mean something else, so it gives none)."""
        if self.embedder is None:
            return None
        s = self.settings
        return 1 / (1 + math.exp(-(s.confidence_slope * score + s.confidence_intercept)))

    def features(self, units: Sequence[Unit], entities: Sequence[Entity] = ()) -> list[Features]:
        """Each unit's words, names, numbers; with entities, its names include its entity ids:
        Тлеуберди and Tleuberdi count as one name."""
        feats = [features_of(u.text, packs=self.packs) for u in units]
        if entities:
            feats = [
                replace(f, names=f.names | ids, entities=ids)
                for f, u in zip(feats, units, strict=True)
                for ids in [_entities_in(u, entities)]
            ]
        return feats

    def scores(
        self,
        units: Sequence[Unit],
        entities: Sequence[Entity] = (),
        languages: dict[str, str] | None = None,
        feats: Sequence[Features] | None = None,
    ) -> list[list[float]]:
        """Pairwise similarity of units, same-article pairs included (restatements need them)."""
        feats = feats if feats is not None else self.features(units, entities)
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
        if min(a.content, b.content) < s.min_content:
            return 0.0  # a bare list number or a lone word says too little to be a fact of its own
        words, names = overlap(a.words, b.words), overlap(a.names, b.names)
        if across and cosine is not None:
            words = max(cosine, 0.0)  # no shared words across languages: the embedding speaks for them
        bonus = s.number_bonus if a.numbers & b.numbers else 0.0
        against = self._against(a, b, numbers=cosine is not None)
        if cosine is None:
            # Number clashes are fitted on the embedding scale only: on the gold set they cost the
            # lexical aligner, whose word overlap already drops when the figures differ, 0.03 F1.
            lexical = 0.65 * words + 0.35 * names + bonus - against
            return lexical * (s.threshold / s.lexical_threshold)  # report on the embedding scale
        return s.embedding_weight * max(cosine, 0.0) + s.word_weight * words + s.name_weight * names + bonus - against

    def _against(self, a: Features, b: Features, *, numbers: bool = True) -> float:
        """Evidence that two alike statements report different things: each names its own actors or
        places (entities, when the entity stage ran), gives its own years, or its own numbers. Numbers
        weigh least: the same fact with other figures is a conflict worth showing, not a new fact."""
        s = self.settings
        penalty = 0.0
        if a.entities and b.entities and not a.entities & b.entities:
            penalty += s.name_clash_penalty
        if a.years and b.years and not a.years & b.years:
            penalty += s.year_clash_penalty
        plain_a, plain_b = a.numbers - a.years, b.numbers - b.years
        if numbers and plain_a and plain_b and not plain_a & plain_b:
            penalty += s.number_clash_penalty
        return penalty

    def align(
        self, articles: Sequence[Article], entities: Sequence[Entity] = (), groups: Sequence[int] | None = None
    ) -> list[Fact]:
        """Facts of the articles. `groups` (one per article, from `compare.same_story`) keeps articles
        that tell different stories apart: their statements are never one fact."""
        units = [u for article in articles for u in units_of(article, packs=self.packs)]
        if not units:
            return []
        feats = self.features(units, entities)
        matrix = self.scores(units, entities, {a.id: a.language for a in articles}, feats)
        if groups is not None and len(set(groups)) > 1:
            story = {a.id: g for a, g in zip(articles, groups, strict=True)}
            for i, x in enumerate(units):
                row = matrix[i]
                for j, y in enumerate(units):
                    if story[x.article_id] != story[y.article_id]:
                        row[j] = 0.0
        parallel = self._parallel(units, matrix)
        seeds = self._parallel_beads(articles, units, matrix, parallel)
        clusters, owner = self._cluster(units, matrix, seeds, parallel)
        self._attach_restatements(units, matrix, clusters, owner)
        facts = self._extra_support(units, matrix, list(clusters.values()))
        statements = self._facts(articles, units, matrix, facts)
        if not self.settings.event_facts:
            return statements
        found = event_groups(articles, units, feats, groups, self.settings, self.packs, facts)
        events = [[m.unit for m in mentions] for mentions in found]
        # The event reads best in the words that carry most of its triggers (a lead, not an aside).
        weight = {m.unit: m.weight for mentions in found for m in mentions}
        # An event fact that a statement fact already is (the same sentences) would only repeat it.
        seen = {frozenset((a, s) for a, ids in f.support.items() for s in ids) for f in statements}
        fresh = [
            f
            for f in self._facts(articles, units, matrix, events, kind="event", weight=weight)
            if frozenset((a, s) for a, ids in f.support.items() for s in ids) not in seen
        ]
        return statements + fresh

    def _cluster(
        self,
        units: Sequence[Unit],
        matrix: list[list[float]],
        seeds: Sequence[Sequence[int]] = (),
        parallel: set[frozenset[str]] | None = None,
    ) -> tuple[dict[int, list[int]], list[int]]:
        """Average-linkage merging, strongest link first, over links between different articles only,
        starting from `seeds` (the beads of translated articles, `_parallel_beads`) when given.

        Two facts that both hold statements of one article (a headline and the lead restating it) merge
        when those statements are alike (`restatement_floor`) and the links between the facts are close
        to the links inside them (`restatement_ratio`): restatements fit in
        as well as the members fit each other, neighbouring facts on one topic do not. Articles that
        translate or reprint each other (`_parallel`) keep one statement per article per fact: there
        each sentence has its own counterpart."""
        s = self.settings
        article = [u.article_id for u in units]
        if parallel is None:
            parallel = self._parallel(units, matrix)
        clusters: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        owner = list(range(len(units)))
        inner: dict[int, tuple[float, int]] = {}  # cluster -> (sum, count) of its cross-article links
        for seed in seeds:
            key = min(seed)
            for k in seed:
                if k != key:
                    clusters.pop(k)
                    owner[k] = key
            clusters[key] = sorted(seed)
            links = [matrix[x][y] for x in seed for y in seed if x < y and article[x] != article[y]]
            inner[key] = (sum(links), len(links))
        pairs = sorted(
            (
                (matrix[i][j], i, j)
                for i in range(len(units))
                for j in range(i + 1, len(units))
                if matrix[i][j] >= s.threshold and article[i] != article[j]
            ),
            reverse=True,
        )
        for _, i, j in pairs:
            a, b = owner[i], owner[j]
            if a == b:
                continue
            links = [matrix[x][y] for x in clusters[a] for y in clusters[b] if article[x] != article[y]]
            mean = sum(links) / len(links)
            if mean < s.threshold:
                continue
            ids_a, ids_b = {article[k] for k in clusters[a]}, {article[k] for k in clusters[b]}
            if ids_a & ids_b:
                joined = ids_a | ids_b
                if any(frozenset((x, y)) in parallel for x in joined for y in joined if x < y):
                    continue
                # Its own statements must restate each other, not merely share a neighbour.
                if (
                    min(matrix[x][y] for x in clusters[a] for y in clusters[b] if article[x] == article[y])
                    < s.restatement_floor
                ):
                    continue
                within = [v[0] / v[1] for v in (inner.get(a), inner.get(b)) if v and v[1]]
                if within and mean < s.restatement_ratio * min(within):
                    continue
            total_a, count_a = inner.get(a, (0.0, 0))
            total_b, count_b = inner.pop(b, (0.0, 0))
            inner[a] = (total_a + total_b + sum(links), count_a + count_b + len(links))
            clusters[a].extend(clusters.pop(b))
            for k in clusters[a]:
                owner[k] = a
        return clusters, owner

    def _parallel(self, units: Sequence[Unit], matrix: list[list[float]]) -> set[frozenset[str]]:
        """Pairs of articles that translate or reprint each other: a one-to-one pairing of their
        statements (strongest first) at `parallel_link` covers `parallel_cover` of the longer one (a
        short report matched by a long one is a summary, not a translation)."""
        s = self.settings
        by_article: dict[str, list[int]] = {}
        for k, unit in enumerate(units):
            by_article.setdefault(unit.article_id, []).append(k)
        found = set()
        ids = sorted(by_article)
        for p, first in enumerate(ids):
            for second in ids[p + 1 :]:
                xs, ys = by_article[first], by_article[second]
                links = sorted(
                    ((matrix[x][y], x, y) for x in xs for y in ys if matrix[x][y] >= s.parallel_link), reverse=True
                )
                used: set[int] = set()
                for _, x, y in links:
                    if x not in used and y not in used:
                        used |= {x, y}
                if len(used) // 2 >= s.parallel_cover * max(len(xs), len(ys)):
                    found.add(frozenset((first, second)))
        return found

    def _parallel_beads(
        self,
        articles: Sequence[Article],
        units: Sequence[Unit],
        matrix: list[list[float]],
        parallel: set[frozenset[str]],
    ) -> list[list[int]]:
        """Units of articles that translate each other, grouped by the monotonic sentence pairing of
        `compare.parallel` (one group per bead, chained across several translations). Links between
        their units outside a bead are cut to 0 in `matrix`: the order of the text has spoken."""
        if self.embedder is None or not parallel:
            return []
        from storydiff.compare.parallel import align_parallel  # numpy: only when there is a translation

        order = {a.id: n for n, a in enumerate(articles)}
        text_of: dict[str, str] = {s.id: s.text for a in articles for s in a.sentences}
        by_sentence: dict[str, list[int]] = {}
        for k, unit in enumerate(units):
            by_sentence.setdefault(unit.sentence_id, []).append(k)
        sentences: dict[str, list[str]] = {}  # article -> its sentence ids, in order
        for unit in units:
            ids = sentences.setdefault(unit.article_id, [])
            if not ids or ids[-1] != unit.sentence_id:
                ids.append(unit.sentence_id)
        root = list(range(len(units)))

        def find(k: int) -> int:
            while root[k] != k:
                root[k] = root[root[k]]
                k = root[k]
            return k

        for pair in sorted(parallel, key=lambda p: sorted(order[a] for a in p)):
            first, second = sorted(pair, key=order.__getitem__)
            xs, ys = sentences[first], sentences[second]
            left = [k for s in xs for k in by_sentence[s]]
            right = [k for s in ys for k in by_sentence[s]]
            if _in_order(matrix, left, right, self.settings.threshold) < self.settings.parallel_order:
                continue  # a rewrite that moves its statements around: no path through both orders
            texts = [[text_of.get(s) or units[by_sentence[s][0]].text for s in ids] for ids in (xs, ys)]
            bead_of: dict[int, int] = {}
            for b, bead in enumerate(align_parallel(texts[0], texts[1], self.embedder, self.settings)):
                if not (bead.first and bead.second):
                    continue
                members = [k for i in bead.first for k in by_sentence[xs[i]]]
                members += [k for j in bead.second for k in by_sentence[ys[j]]]
                for k in members:
                    bead_of[k] = b
                    root[find(k)] = find(members[0])
            for x in left:
                for y in right:
                    if x not in bead_of or bead_of[x] != bead_of.get(y):
                        matrix[x][y] = matrix[y][x] = 0.0
        groups: dict[int, list[int]] = {}
        for k in range(len(units)):
            groups.setdefault(find(k), []).append(k)
        return [members for members in groups.values() if len(members) > 1]

    def _extra_support(
        self, units: Sequence[Unit], matrix: list[list[float]], groups: list[list[int]]
    ) -> list[list[int]]:
        """A sentence can support more than one fact: a unit close enough to every other-article
        member of a fact (`threshold + extra_support_margin` on average) supports it too, even when it
        already belongs to another fact; when its article already supports that fact it must also be
        close to that statement (a restatement). Numpy over units × fact members."""
        margin = self.settings.extra_support_margin
        if margin >= 1.0 or len(groups) < 2:
            return groups
        import numpy as np

        scores = np.asarray(matrix, dtype=np.float32)
        article = np.asarray([hash(u.article_id) for u in units])
        limit = self.settings.threshold + margin
        # A unit already in a fact with other articles joins another fact only as a restatement of its
        # own article's support there (a statement linked elsewhere is not evidence for a new fact).
        linked = np.zeros(len(units), dtype=bool)
        for members in groups:
            if len({units[k].article_id for k in members}) > 1:
                linked[members] = True
        out = []
        for members in groups:
            if len(members) < 2 or len({units[k].article_id for k in members}) < 2:
                out.append(members)
                continue
            cols = np.asarray(members)
            inner = scores[np.ix_(cols, cols)][article[cols][:, None] != article[cols][None, :]]
            bar = max(limit, float(inner.mean()))  # fit in as well as the members fit each other
            other = article[:, None] != article[cols][None, :]  # units × members, other-article links
            counts = other.sum(axis=1)
            mean = np.where(counts > 0, (scores[:, cols] * other).sum(axis=1) / np.maximum(counts, 1), 0.0)
            weakest = np.where(other, scores[:, cols], np.inf).min(axis=1)
            # When its article already supports the fact, the unit must also restate that support.
            own = np.where(~other, scores[:, cols], -np.inf).max(axis=1)
            restates = (((counts == len(members)) | (own >= 0.5 * self.settings.threshold)) & ~linked) | (
                own >= self.settings.threshold
            )
            extra = np.nonzero((mean >= bar) & (weakest >= self.settings.threshold) & (counts > 0) & restates)[0]
            out.append(members + [int(k) for k in extra if int(k) not in set(members)])
        return out

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
                values[article_id] = values_of(
                    c for c in article.claims if any(u.start <= c.start < u.end for u in parts)
                )
            else:
                values[article_id] = values_in(" ".join(u.text for u in parts), packs=self.packs)
        return values

    def _facts(
        self,
        articles: Sequence[Article],
        units: Sequence[Unit],
        matrix: list[list[float]],
        groups: list[list[int]],
        kind: FactKind = "statement",
        weight: dict[int, float] | None = None,
    ) -> list[Fact]:
        """Facts from groups of units. An event fact's sentences each carry their own facts as well:
        their numbers are not compared, and its score is no calibrated pair probability. `weight`
        (unit -> weight) ranks the statements for the fact's text before their centrality does."""
        weight = weight or {}
        order = {a.id: n for n, a in enumerate(articles)}
        language = {a.id: a.language for a in articles}
        # Facts read in the story's commonest language: a Russian clause may be the most central,
        # but an English-majority report should state the fact in English.
        majority = Counter(language.values()).most_common(1)[0][0]
        articles_by_id = {a.id: a for a in articles}
        sentences: dict[str, Sentence] = {s.id: s for a in articles for s in a.sentences}
        facts = []
        for members in groups:
            members = sorted(members, key=lambda k: (order[units[k].article_id], units[k].start))
            support: dict[str, list[str]] = {}
            spans: dict[str, list[tuple[int, int]]] = {}
            for k in members:
                ids = support.setdefault(units[k].article_id, [])
                if units[k].sentence_id not in ids:
                    ids.append(units[k].sentence_id)
                spans.setdefault(units[k].article_id, []).append((units[k].start, units[k].end))
            cross = [
                matrix[x][y] for x in members for y in members if x < y and units[x].article_id != units[y].article_id
            ]
            score = sum(cross) / len(cross) if cross else 1.0
            # The statement closest to all the others reads best as the fact's text.
            readable_members = [k for k in members if language[units[k].article_id] == majority] or members
            central = max(
                readable_members,
                key=lambda k: (weight.get(k, 0.0), sum(matrix[k][m] for m in members), -units[k].start),
            )
            status: FactStatus = (
                "shared"
                if len(support) == len(articles) and len(articles) > 1
                else "partial"
                if len(support) > 1
                else "unique"
            )
            conflicts = None
            if len(support) > 1 and kind == "statement":
                conflicts = disagreements(self._values(articles_by_id, [units[k] for k in members])) or None
                if conflicts:
                    status = "conflict"
            frozen = {k: tuple(v) for k, v in support.items()}
            facts.append(
                Fact(
                    id=content_id(
                        *([] if kind == "statement" else [kind]), *sorted(units[k].id for k in members), length=10
                    ),
                    text=_sentence_text(sentences.get(units[central].sentence_id), units[central]),
                    status=status,
                    support=frozen,
                    score=score,
                    conflicts=conflicts,
                    spans={a: tuple(sorted(set(v))) for a, v in spans.items()},
                    confidence=self._confidence(score) if len(support) > 1 and kind == "statement" else None,
                    kind=kind,
                )
            )
        rank = {"shared": 0, "conflict": 1, "partial": 2, "unique": 3}
        index: dict[str, int] = {s.id: s.index for article in articles for s in article.sentences}
        first_position = {f.id: min((order[a], index[s]) for a, ids in f.support.items() for s in ids) for f in facts}
        return sorted(facts, key=lambda f: (rank[f.status], first_position[f.id]))


def _in_order(matrix: list[list[float]], left: Sequence[int], right: Sequence[int], link: float) -> float:
    """Share of the statement pairs that are each other's best match (at `link` or more) and keep the
    order of both texts (longest increasing run): near 1 for a translation or a reprint, lower for a
    rewrite that moves its statements around. Mutual best matches leave out the hub statements."""
    import bisect

    if not left or not right:
        return 0.0
    best_right = {x: max(right, key=lambda y: matrix[x][y]) for x in left}
    best_left = {y: max(left, key=lambda x: matrix[x][y]) for y in right}
    pairs = [(x, y) for x, y in best_right.items() if best_left[y] == x and matrix[x][y] >= link]
    tails: list[int] = []  # patience sorting: the longest run of pairs increasing in both texts
    for _, y in pairs:  # already in the order of the first text
        at = bisect.bisect_left(tails, y)
        tails[at : at + 1] = [y]
    return len(tails) / len(pairs) if pairs else 0.0


def _entities_in(unit: Unit, entities: Sequence[Entity]) -> frozenset[str]:
    return frozenset(
        e.id
        for e in entities
        for m in e.mentions
        if m.article_id == unit.article_id and unit.start <= m.start < unit.end
    )


def _sentence_text(sentence: Sentence | None, unit: Unit) -> str:
    """The whole sentence the unit was cut from, as the outlet wrote it: a reader can check it."""
    return re.sub(r"\s+", " ", sentence.text).strip() if sentence is not None else readable(unit.text)


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
