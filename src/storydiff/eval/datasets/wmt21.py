"""WMT21 news test, Russian → English: a Russian article and one professional English translation of
it, compared as two articles. Sentence alignment is scored against the segment-index correspondence
(segment i of the original is segment i of the translation).

Each segment is given to storydiff as one paragraph (its sentences map back to it); a predicted
pair is a Russian and an English segment supporting one fact. Baseline: USE cosine between every
Russian and English segment, pairs at or above one threshold (fitted on the dev split).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from storydiff.backends import Backends
from storydiff.config import Config
from storydiff.eval.alignment import aligned_segment_pairs, article_from_segments, best_threshold, prf
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset

__all__ = ["BASELINE_THRESHOLD", "run"]

BASELINE_THRESHOLD = 0.55  # USE cosine; the F1-best cut on the dev split


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.pipeline import compare_articles

    docs = [json.loads(line) for line in (path / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    docs = [d for d in docs if in_split(d["doc_id"], split)][: limit or None]
    backends = Backends(config)
    embedder = backends.embedder()
    ours, base = [0, 0, 0], [0, 0, 0]
    scores: list[float] = []
    labels: list[bool] = []
    errors: list[str] = []
    for doc in docs:
        source, target = doc["src_segments"], doc["refs"][sorted(doc["refs"])[0]]  # translation A
        ru = article_from_segments(f"{doc['doc_id']}.ru", source)
        en = article_from_segments(f"{doc['doc_id']}.en", target)
        comparison = compare_articles([ru, en], config=config, backends=backends)
        ru_id = comparison.articles[0].id
        predicted = {(x[1], y[1]) if x[0] == ru_id else (y[1], x[1]) for x, y in aligned_segment_pairs(comparison)}
        gold = {(i, i) for i in range(min(len(source), len(target)))}
        ours[0] += len(predicted & gold)
        ours[1] += len(predicted - gold)
        ours[2] += len(gold - predicted)
        if split == "dev":
            for i, j in sorted(predicted - gold)[:3]:
                errors.append(f"{doc['doc_id']}: wrong pair {i}~{j}")
            for i, j in sorted(gold - predicted)[:3]:
                errors.append(f"{doc['doc_id']}: missed pair {i}~{j}")
        if embedder is not None:
            a, b = embedder.encode(list(source)), embedder.encode(list(target))
            cosine = np.asarray(a) @ np.asarray(b).T
            hits = cosine >= BASELINE_THRESHOLD
            diagonal = np.zeros_like(hits)
            n = min(len(source), len(target))
            diagonal[np.arange(n), np.arange(n)] = True
            base[0] += int((hits & diagonal).sum())
            base[1] += int((hits & ~diagonal).sum())
            base[2] += int((~hits & diagonal).sum())
            scores.extend(cosine.ravel().tolist())
            labels.extend(diagonal.ravel().tolist())
    p, r, f = prf(*ours)
    bp, br, bf = prf(*base)
    count = ours[0] + ours[2]
    figures = [
        Figure("sentence-align-f1", f, bf, count),
        Figure("sentence-align-precision", p, bp, count),
        Figure("sentence-align-recall", r, br, count),
        Figure("documents", float(len(docs)), None, len(docs)),
    ]
    if split == "dev" and scores:
        figures.append(Figure("baseline-threshold-fitted", best_threshold(scores, labels), BASELINE_THRESHOLD,
                              len(scores), note="F1-best cosine cut on this split (baseline column: the one used)"))
    return DatasetReport("parallel-wmt21-ru-en", split, figures,
                         baseline=f"USE cosine between segments >= {BASELINE_THRESHOLD} (fitted on dev)",
                         errors=errors)


register_dataset(DatasetEval(
    name="parallel-wmt21-ru-en",
    description="Sentence alignment of a Russian article with its English translation (WMT21 news test): "
    "P/R/F1 against the segment correspondence, beside USE cosine with one threshold.",
    run=run,
    default_path="parallel-wmt21-ru-en",
))
