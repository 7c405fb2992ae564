"""The same quote in different articles, and what happened to it on the way.

1. Candidates: every pair of quotes from different articles, scored by shared words (stems, so
   "freedom"/"freedoms" agree) and, across languages or paraphrase, by sentence embeddings.
2. Each quote keeps its best match in each other article above the threshold (one long statement
   may be cited in pieces by another outlet, so several quotes can link to one). Of these, the
   strongest links that connect each group are kept (a maximum spanning forest): a quote cited by
   300 outlets gets 299 links, not 44,850.
3. Relation, first that applies:
   - translated: the articles are in different languages;
   - same: the same words;
   - excerpt: one is a contiguous part of the other;
   - truncated: one begins or ends mid-thought (a lost opening, a cut ending);
   - altered: mostly the same words, but a negation, a number or a hedge differs;
   - paraphrase: same content, other words.
   When both speakers are known and differ, the link is `misattributed`, and its notes keep the
   relation of the words and the change of speaker.
4. A word-level diff of the two versions; across languages, the quotes are aligned phrase by phrase
   through the embedding model instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import cast

import numpy as np
from numpy.typing import NDArray

from storydiff.compare.features import features_of, fold, overlap
from storydiff.config import QuoteLinkSettings
from storydiff.embed import Embedder
from storydiff.lang import LanguagePacks, default_language_packs
from storydiff.models import Article, DiffOp, DiffOpName, Quote, QuoteLink, QuoteRelation
from storydiff.names import NameMatcher

__all__ = ["QuoteLinker", "QuoteLinkSettings"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _meaningful(packs: LanguagePacks) -> frozenset[str]:
    """Words whose change alters a quote: the packs' negations, hedges, and quantity words (number
    words and units of time: "twelve" becoming "twenty", a week becoming a month)."""
    return packs.words("negations") | packs.words("hedges") | packs.words("quantity_words")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _stems(words: list[str]) -> list[str]:
    return [fold(w) for w in words]


def _contains(big: list[str], small: list[str]) -> bool:
    if not small or len(small) > len(big):
        return False
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Word-level diff, case- and inflection-tolerant (stems), showing the words as written."""
    wa, wb = _words(a), _words(b)
    matcher = difflib.SequenceMatcher(a=_stems(wa), b=_stems(wb), autojunk=False)
    return tuple(DiffOp(cast(DiffOpName, op), " ".join(wa[i1:i2]), " ".join(wb[j1:j2]))
                 for op, i1, i2, j1, j2 in matcher.get_opcodes())


class QuoteLinker:
    """One public method: `link(articles, quotes) -> links`."""

    def __init__(
        self, embedder: Embedder | None, settings: QuoteLinkSettings | None = None, matcher: NameMatcher | None = None,
        *, packs: LanguagePacks | None = None,
    ) -> None:
        self.embedder = embedder
        self.settings = settings or QuoteLinkSettings()
        self.matcher = matcher or NameMatcher()
        self.packs = packs if packs is not None else default_language_packs()

    def link(self, articles: Sequence[Article], quotes: Sequence[Quote]) -> list[QuoteLink]:
        if len(quotes) < 2:
            return []
        language = {a.id: a.language for a in articles}
        best = self._best_matches(quotes, language)
        links = []
        for (i, j), score in _spanning_links(best):
            a, b = quotes[i], quotes[j]
            across = language[a.article_id] != language[b.article_id]
            links.append(self._describe(a, b, score, across))
        return links

    def _best_matches(self, quotes: Sequence[Quote], language: dict[str, str]) -> dict[tuple[int, int], float]:
        """Each quote's best match in each other article, as {(i, j) with i < j: score}. Candidates come
        from shared word stems (an inverted index) and from the embedding matrix above its threshold,
        so pairs with nothing in common are never looked at one by one."""
        settings = self.settings
        cosine = self._cosines([q.text for q in quotes])
        words = [features_of(q.text, packs=self.packs).words for q in quotes]
        postings: dict[str, list[int]] = {}
        for i, stems in enumerate(words):
            for stem in stems:
                postings.setdefault(stem, []).append(i)
        candidates: set[tuple[int, int]] = set()
        for i, stems in enumerate(words):
            shared: dict[int, int] = {}
            for stem in stems:
                for j in postings[stem]:
                    if j > i:
                        shared[j] = shared.get(j, 0) + 1
            candidates.update((i, j) for j, n in shared.items() if n >= settings.min_shared_words)
        if cosine is not None:
            rows, cols = np.nonzero(np.triu(cosine >= settings.embedding_threshold, k=1))
            candidates.update(zip(rows.tolist(), cols.tolist(), strict=True))
        best: dict[tuple[int, str], tuple[float, int]] = {}
        for i, j in candidates:
            a, b = quotes[i], quotes[j]
            if a.article_id == b.article_id:
                continue
            shared_count = len(words[i] & words[j])
            lexical = overlap(words[i], words[j]) if shared_count >= settings.min_shared_words else 0.0
            across = language[a.article_id] != language[b.article_id]
            sim = float(cosine[i, j]) if cosine is not None else 0.0
            linked = lexical >= settings.word_threshold or (
                sim >= settings.embedding_threshold
                and (across or lexical >= settings.paraphrase_word_floor or self._same_speaker(a, b))
            )
            if not linked:
                continue
            score = max(lexical, sim)
            for one, other in ((i, j), (j, i)):  # the pair is seen once: offer it to both ends
                key = (one, quotes[other].article_id)
                if key not in best or (score, -other) > (best[key][0], -best[key][1]):
                    best[key] = (score, other)
        return {(min(i, j), max(i, j)): score for (i, _), (score, j) in best.items()}

    def _same_speaker(self, a: Quote, b: Quote) -> bool:
        """One entity, or names the matcher takes for one person (entities are per story, so a
        written speaker or a name the recogniser missed is compared by name)."""
        if a.speaker and b.speaker and a.speaker == b.speaker:
            return True
        if not a.speaker_name or not b.speaker_name:
            return False
        if a.speaker_name.casefold() == b.speaker_name.casefold():
            return True
        return self.matcher.compare(a.speaker_name, b.speaker_name, "PERSON").same

    def _cosines(self, texts: list[str]) -> NDArray[np.float32] | None:
        if self.embedder is None:
            return None
        vectors = self.embedder.encode(texts)
        cosines: NDArray[np.float32] = vectors @ vectors.T
        return cosines

    def _describe(self, a: Quote, b: Quote, score: float, across: bool) -> QuoteLink:
        relation = self._relation(a, b, across, packs=self.packs)
        notes: list[str] = []
        if a.speaker_name and b.speaker_name and not self._same_speaker(a, b):
            notes.append(f"speaker changed: {a.speaker_name} -> {b.speaker_name}")
            notes.append(f"words: {relation}")
            relation = "misattributed"
        if not a.complete or not b.complete:
            cut = [q for q in (a, b) if not q.complete]
            notes.extend(f"begins or ends mid-thought: {q.id}" for q in cut)
        diff = self._phrase_alignment(a.text, b.text) if across else word_diff(a.text, b.text)
        return QuoteLink(a.id, b.id, relation, score, diff, tuple(notes))

    @staticmethod
    def _relation(a: Quote, b: Quote, across: bool, *, packs: LanguagePacks | None = None) -> QuoteRelation:
        packs = packs if packs is not None else default_language_packs()
        if across:
            return "translated"
        sa, sb = _stems(_words(a.text)), _stems(_words(b.text))
        if sa == sb:
            return "same"
        if not a.complete or not b.complete:
            return "truncated"  # a part of the other too, but one that begins or ends mid-thought
        if _contains(sa, sb) or _contains(sb, sa):
            return "excerpt"
        diff = word_diff(a.text, b.text)
        changed = {w.casefold() for d in diff if d.op != "equal" for w in (d.a + " " + d.b).split()}
        shared = overlap(features_of(a.text, packs=packs).words, features_of(b.text, packs=packs).words)
        if shared >= 0.6 and (changed & _meaningful(packs) or any(w[:1].isdigit() for w in changed)):
            return "altered"
        return "paraphrase"

    def _phrase_alignment(self, a: str, b: str) -> tuple[DiffOp, ...]:
        """Across languages: each phrase of one version next to its most similar phrase of the other."""
        phrases_a = [p for p in re.split(r"(?<=[,.;:!?])\s+", a) if p.strip()]
        phrases_b = [p for p in re.split(r"(?<=[,.;:!?])\s+", b) if p.strip()]
        if self.embedder is None or not phrases_a or not phrases_b:
            return (DiffOp("replace", a, b),)
        va, vb = self.embedder.encode(phrases_a), self.embedder.encode(phrases_b)
        sims = (va @ vb.T).tolist()
        ops: list[DiffOp] = []
        used: set[int] = set()
        for i, phrase in enumerate(phrases_a):
            j = max(range(len(phrases_b)), key=lambda k: sims[i][k])
            if sims[i][j] >= 0.4 and j not in used:
                used.add(j)
                ops.append(DiffOp("aligned", phrase, phrases_b[j]))
            else:
                ops.append(DiffOp("delete", phrase, ""))
        ops.extend(DiffOp("insert", "", phrases_b[j]) for j in range(len(phrases_b)) if j not in used)
        return tuple(ops)




def _spanning_links(best: dict[tuple[int, int], float]) -> list[tuple[tuple[int, int], float]]:
    """The strongest links that connect each group of versions of one quote, and no more: a maximum
    spanning forest (Kruskal). A quote cited by n outlets gets n - 1 links, each between two versions
    that match closely, so the output grows with the quotes found, not with the square of the
    outlets; the groups (what the reports show) are the same as with every link kept."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = []
    for (i, j), score in sorted(best.items(), key=lambda item: (-item[1], item[0])):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[rj] = ri
            kept.append(((i, j), score))
    return sorted(kept)
