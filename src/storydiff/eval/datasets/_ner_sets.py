"""What the Russian NER sets share: the article natasha reads, its raw output kept, and the scoring.

Scoring counts whole mentions (exact range and type), and beside it naeval's token-level figure.

naeval (github.com/natasha/naeval, the harness behind natasha's published F1 table) does not count
whole mentions. It tokenises the text with razdel, drops spans that overlap an earlier one or do not
fall on token bounds, tags each token with the type of the span covering it (IO tags) and scores the
tagged tokens per type, summed over documents. A mention with one word too many still earns most of
its credit there, so its figures run higher than exact-span F1 on the same output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storydiff.models import Article

__all__ = [
    "BCubed",
    "Recorder",
    "Span",
    "Tally",
    "aligned",
    "plain_article",
    "recording_backends",
    "razdel_tokens",
    "token_tally",
    "without_overlaps",
]

Span = tuple[int, int, str]  # start, end, PER/ORG/LOC
Token = tuple[int, int]


def plain_article(doc_id: str, text: str) -> Article:
    """A Russian article straight from a text: paragraphs are runs of non-blank lines (\\n or \\r\\n)."""
    from dataclasses import replace

    from storydiff.analyse.sentences import split_sentences
    from storydiff.models import Sentence, content_id, sentence_id
    from storydiff.models import Span as TextSpan

    paragraphs = [
        TextSpan(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S[^\r\n]*(?:\r?\n[ \t]*\S[^\r\n]*)*", text)
    ]
    article = Article(
        id=content_id(doc_id, text),
        path=doc_id,
        text=text,
        encoding="utf-8",
        content_type="text",
        source=None,
        language="ru",
        headline=None,
        published=None,
        authors=(),
        dateline=None,
        credits=(),
        captions=(),
        removed=(),
        paragraphs=tuple(paragraphs),
        sentences=(),
        analyses=("clean", "language", "sentences"),
    )
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(text, paragraph.start, paragraph.end):
            index = len(sentences)
            sentences.append(Sentence(sentence_id(article.id, index), text[start:end], start, end, number, index))
    return replace(article, sentences=tuple(sentences))


@dataclass
class Recorder:
    """The natasha recogniser run once, keeping natasha's own spans per sentence (the baseline)
    beside what the recogniser makes of them."""

    model: Any
    name: str = "natasha"
    calls: list[tuple[Sequence[str], list[list[Any]]]] = field(default_factory=list)

    def recognize(self, texts: Sequence[str]) -> list[list[Any]]:
        if not hasattr(self.model, "tag"):  # another backend: what it returns is the baseline
            found = self.model.recognize(texts)
            self.calls.append((texts, found))
            return list(found)
        docs = [self.model.tag(text) for text in texts]
        self.calls.append((texts, [self.model.mentions(t, d, as_is=True) for t, d in zip(texts, docs, strict=True)]))
        return [self.model.mentions(t, d) for t, d in zip(texts, docs, strict=True)]

    def raw_spans(self, article: Article, types: dict[str, str]) -> set[Span]:
        """What the model returned for the article's sentences since the last `calls.clear()`."""
        raw = [found for _, results in self.calls for found in results]
        return {
            (s.start + m.start, s.start + m.end, types[m.type])
            for s, found in zip(article.sentences, raw, strict=True)
            for m in found
        }


def recording_backends(config: Any) -> tuple[Recorder, Any]:
    """Backends whose Russian recogniser is natasha behind a `Recorder`: one run gives storydiff's
    mentions and natasha's raw spans (the baseline)."""
    from storydiff.backends import Backends

    natasha = Backends(config).recognizer("ru")
    if natasha is None:
        raise RuntimeError("the Russian recogniser (natasha) is not installed: pip install 'storydiff[nlp]'")
    recorder = Recorder(natasha)
    return recorder, Backends(config, recognizers={"ru": recorder})


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[tuple[object, ...]], gold: set[tuple[object, ...]]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class BCubed:
    """B-cubed over mentions: each mention's share of its predicted cluster that is right (precision)
    and of its gold cluster that was found (recall), averaged over every mention of every document."""

    precision: float = 0.0  # sums over mentions
    recall: float = 0.0
    count: int = 0

    def add(self, gold: Mapping[str, object], predicted: Mapping[str, object]) -> None:
        """One document: mention id -> its gold entity, and -> its predicted cluster (same keys)."""
        for mention in gold:
            ours = {m for m in predicted if predicted[m] == predicted[mention]}
            real = {m for m in gold if gold[m] == gold[mention]}
            self.precision += len(ours & real) / len(ours)
            self.recall += len(ours & real) / len(real)
            self.count += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.precision / self.count if self.count else 1.0
        r = self.recall / self.count if self.count else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def razdel_tokens(text: str) -> list[Token]:
    from razdel import tokenize  # natasha's tokenizer, installed with it

    return [(t.start, t.stop) for t in tokenize(text)]


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """naeval's `filter_overlapping`: by start (longest first), a span starting inside the last kept one goes."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and kept[-1][1] > span[0]:
            continue
        kept.append(span)
    return kept


def aligned(spans: Iterable[Span], tokens: Sequence[Token]) -> list[Span]:
    """naeval's `filter_misaligned_spans`: only spans that start and end on token bounds."""
    starts, ends = {t[0] for t in tokens}, {t[1] for t in tokens}
    return [s for s in spans if s[0] in starts and s[1] in ends]


def _tags(spans: Sequence[Span], tokens: Sequence[Token], kind: str) -> list[bool]:
    from bisect import bisect_left

    tags = [False] * len(tokens)
    starts = [t[0] for t in tokens]
    for start, end, _ in (s for s in spans if s[2] == kind):
        index = bisect_left(starts, start)
        while index < len(tokens) and tokens[index][1] <= end:
            tags[index] = True
            index += 1
    return tags


def token_tally(
    tally: dict[str, Tally],
    predicted: Iterable[Span],
    gold: Iterable[Span],
    text: str,
    kinds: Sequence[str] = ("PER", "ORG", "LOC"),
) -> None:
    """Add one document's token counts per type (and "all": each type's counts summed)."""
    tokens = razdel_tokens(text)
    ours = aligned(without_overlaps(predicted), tokens)
    truth = aligned(without_overlaps(gold), tokens)
    for kind in kinds:
        mine, real = _tags(ours, tokens, kind), _tags(truth, tokens, kind)
        for one in (tally[kind], tally["all"]):
            one.tp += sum(m and r for m, r in zip(mine, real, strict=True))
            one.fp += sum(m and not r for m, r in zip(mine, real, strict=True))
            one.fn += sum(r and not m for m, r in zip(mine, real, strict=True))
