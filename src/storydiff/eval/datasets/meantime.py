"""MEANTIME (CC BY 4.0): 120 English Wikinews articles and their sentence-aligned human translations
into Spanish, Italian and Dutch. Nothing in storydiff was tuned on it: it is the held-aside check
that the alignment and the story grouping carry to languages and texts they were not fitted on
(Italian and Dutch have no language pack at all).

Two evaluations:
- `parallel-meantime`: each English article compared with its translation, sentence alignment
  scored against the sentence correspondence (sentence i is sentence i), on the articles whose
  translation has as many sentences as the original (where the correspondence is certain). The
  correspondence labels statements, so statement facts are scored; event facts (every sentence on
  the story's event, `compare.events`) pair sentence i with other sentences on the same event by
  design, and are scored beside as "all facts" (on ECB+, whose gold is the event, they count).
- `grouping-meantime`: all four languages' articles grouped into stories at once. The same article
  in two languages is certainly one story; two articles of different topics (Airbus, Apple, GM, the
  stock market) certainly are not; two English articles of one topic may or may not be. So recall
  is scored against the article (B-cubed, translations as the gold story) and precision against the
  topic, and their harmonic mean is a lower bound on the true B-cubed F1.
Baselines, with settings fitted elsewhere and not refitted here: USE cosine between sentences at the
WMT21 cut, and TF-IDF + average-linkage agglomerative clustering at the ECB+/GVC distance.
"""

from __future__ import annotations

import csv
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from storydiff.config import Config
from storydiff.eval.alignment import aligned_segment_pairs, article_from_segments, prf
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.eval.datasets.ecbplus import b_cubed

__all__ = ["LANGUAGES", "bounded_b_cubed", "detokenise", "read_articles", "run_grouping", "run_parallel"]

LANGUAGES = ("en", "es", "it", "nl")
_TRANSLATIONS = LANGUAGES[1:]
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenise(tokens: list[str]) -> str:
    """The CoNLL tokens back into running text: no space before closing punctuation or clitics."""
    text = " ".join(tokens)
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def read_articles(path: Path, language: str) -> dict[str, list[str]]:
    """Article id ("corpus_apple/10186") -> its sentences in order, for one language."""
    sentences: dict[str, dict[int, list[str]]] = {}
    with (path / language / "conll.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sentences.setdefault(row["topic/subtopic_name"], {}).setdefault(int(row["sent_id"]), []).append(
                row["token"]
            )
    return {doc: [detokenise(by_number[k]) for k in sorted(by_number)] for doc, by_number in sentences.items()}


def _published(sentences: list[str]) -> str | None:
    """The Wikinews date line (the English article's second sentence: "October 23, 2010")."""
    for sentence in sentences[1:3]:
        try:
            return datetime.strptime(sentence.strip(), "%B %d, %Y").date().isoformat()
        except ValueError:
            continue
    return None


def _articles_in_split(path: Path, split: Split, limit: int | None) -> dict[str, dict[str, list[str]]]:
    by_language = {language: read_articles(path, language) for language in LANGUAGES}
    docs = sorted(d for d in by_language["en"] if in_split(f"meantime-{d}", split))[: limit or None]
    return {
        doc: {language: by_language[language][doc] for language in LANGUAGES if doc in by_language[language]}
        for doc in docs
    }


def _index_pairs(comparison: Any, kinds: tuple[str, ...]) -> set[tuple[int, int]]:
    """(English sentence, translated sentence) pairs that support one fact of `kinds`."""
    en_id = comparison.articles[0].id
    found = aligned_segment_pairs(comparison, kinds)
    return {(x[1], y[1]) if x[0] == en_id else (y[1], x[1]) for x, y in found}


def run_parallel(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.backends import Backends
    from storydiff.eval.datasets.wmt21 import BASELINE_THRESHOLD
    from storydiff.pipeline import compare_articles

    backends = Backends(config)
    embedder = backends.embedder()
    ours = {language: [0, 0, 0] for language in _TRANSLATIONS}
    every = [0, 0, 0]  # statement and event facts
    base = {language: [0, 0, 0] for language in _TRANSLATIONS}
    skipped = 0
    errors: list[str] = []
    for doc, versions in _articles_in_split(path, split, limit).items():
        source = versions["en"]
        for language in _TRANSLATIONS:
            target = versions.get(language)
            if target is None or len(target) != len(source):
                skipped += 1
                continue
            en = article_from_segments(f"{doc}.en", source, "en")
            other = article_from_segments(f"{doc}.{language}", target, language)
            comparison = compare_articles([en, other], config=config, backends=backends)
            predicted = _index_pairs(comparison, ("statement",))
            gold = {(i, i) for i in range(len(source))}
            with_events = _index_pairs(comparison, ("statement", "event"))
            every[0] += len(with_events & gold)
            every[1] += len(with_events - gold)
            every[2] += len(gold - with_events)
            counts = ours[language]
            counts[0] += len(predicted & gold)
            counts[1] += len(predicted - gold)
            counts[2] += len(gold - predicted)
            if split == "dev":
                errors += [f"{doc} en~{language}: wrong pair {i}~{j}" for i, j in sorted(predicted - gold)[:2]]
                errors += [f"{doc} en~{language}: missed pair {i}~{j}" for i, j in sorted(gold - predicted)[:2]]
            if embedder is not None:
                cosine = np.asarray(embedder.encode(source)) @ np.asarray(embedder.encode(target)).T
                hits = cosine >= BASELINE_THRESHOLD
                diagonal = np.eye(len(source), dtype=bool)
                base[language][0] += int((hits & diagonal).sum())
                base[language][1] += int((hits & ~diagonal).sum())
                base[language][2] += int((~hits & diagonal).sum())
    figures = []
    total, total_base = [0, 0, 0], [0, 0, 0]
    for language in _TRANSLATIONS:
        total = [a + b for a, b in zip(total, ours[language], strict=True)]
        total_base = [a + b for a, b in zip(total_base, base[language], strict=True)]
        figures.append(
            Figure(
                f"sentence-align-f1-en-{language}",
                prf(*ours[language])[2],
                prf(*base[language])[2],
                ours[language][0] + ours[language][2],
            )
        )
    p, r, f = prf(*total)
    bp, br, bf = prf(*total_base)
    count = total[0] + total[2]
    figures = [
        Figure("sentence-align-f1", f, bf, count),
        Figure("sentence-align-precision", p, bp, count),
        Figure("sentence-align-recall", r, br, count),
        *figures,
        Figure("sentence-align-f1-all-facts", prf(*every)[2], bf, count, "event facts' pairs counted too"),
        Figure(
            "pairs-skipped",
            float(skipped),
            None,
            skipped,
            "translations whose sentence count differs from the original's",
        ),
    ]
    return DatasetReport(
        "parallel-meantime",
        split,
        figures,
        baseline=f"USE cosine between sentences >= {BASELINE_THRESHOLD} (the WMT21 cut, not refitted)",
        errors=errors,
    )


def bounded_b_cubed(predicted: list[int], article: list[str], topic: list[str]) -> tuple[float, float, float]:
    """B-cubed precision against the topics (a story never crosses topics), recall against the
    articles (every translation of an article is in its story), and their harmonic mean."""
    precision = b_cubed(predicted, topic)[0]
    recall = b_cubed(predicted, article)[1]
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def run_grouping(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.eval.datasets.story_grouping import TFIDF_DISTANCE, GroupingDoc, group, profiles_for
    from storydiff.eval.datasets.story_grouping import _tfidf_baseline as tfidf_groups

    docs = []
    for doc, versions in _articles_in_split(path, split, limit).items():
        published = _published(versions["en"])
        for language, sentences in versions.items():
            docs.append(GroupingDoc(f"{doc}.{language}", doc, tuple(sentences), language, published))
    started = time.perf_counter()
    predicted = group(profiles_for(docs, config), config)
    seconds = time.perf_counter() - started
    baseline = tfidf_groups(docs, TFIDF_DISTANCE["grouping-ecbplus"])
    articles = [d.story for d in docs]
    topics = [d.story.split("/")[0] for d in docs]
    ours, base = bounded_b_cubed(predicted, articles, topics), bounded_b_cubed(baseline, articles, topics)
    n = len(docs)
    figures = [
        Figure("story-grouping-bounded-f1", ours[2], base[2], n, "a lower bound on B-cubed F1"),
        Figure("story-grouping-precision-by-topic", ours[0], base[0], n),
        Figure("story-grouping-recall-by-article", ours[1], base[1], n, "every translation joins its original"),
        Figure(
            "stories-found",
            len(set(predicted)),
            len(set(baseline)),
            n,
            f"baseline column: TF-IDF's; {len(set(articles))} articles, {len(set(topics))} topics",
        ),
        Figure("documents-per-second", n / seconds if seconds else 0.0, None, n),
    ]
    return DatasetReport(
        "grouping-meantime",
        split,
        figures,
        baseline="TF-IDF + average-linkage agglomerative clustering at the ECB+ distance",
    )


register_dataset(
    DatasetEval(
        name="parallel-meantime",
        description="Held aside: sentence alignment of English Wikinews articles with their Spanish, Italian "
        "and Dutch translations (MEANTIME), beside USE cosine at the WMT21 cut.",
        run=run_parallel,
        default_path="crosslingual-meantime",
    )
)
register_dataset(
    DatasetEval(
        name="grouping-meantime",
        description="Held aside: MEANTIME's articles in four languages grouped into stories (recall: "
        "translations together; precision: never across topics).",
        run=run_grouping,
        default_path="crosslingual-meantime",
    )
)
