"""Telegram data clustering contest pairs (Russian): two real articles labelled OK (one story) or BAD
(different stories; hard negatives chosen because they look alike).

Each pair is compared as two articles (headline line, then the text, cleaned as any input) and
`Comparison.same_story` is read: "same" counts as OK, "related" and "different" as BAD. Scored:
accuracy, and precision/recall/F1 on OK. Baseline: USE cosine of the two whole texts (headline and
text, one vector each) with one threshold fitted on the dev split.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

from storydiff.backends import Backends
from storydiff.config import Config
from storydiff.eval.alignment import best_threshold, prf
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.models import content_id

__all__ = ["BASELINE_THRESHOLD", "read_pairs", "run"]

BASELINE_THRESHOLD = 0.74  # USE cosine of whole texts; the accuracy-best cut on the dev split


def read_pairs(path: Path, split: Split, limit: int | None = None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with (path / "pairs.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, row in enumerate(rows):
        row["id"] = f"tgcontest-{n}-" + content_id(row["first_title"], row["second_title"], length=8)
    return [r for r in rows if in_split(r["id"], split)][: limit or None]


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.pipeline import clean, compare_articles, from_text

    backends = Backends(config)
    embedder = backends.embedder()
    rows = read_pairs(path, split, limit)
    gold, ours, scores = [], [], []
    errors: list[str] = []
    for row in rows:
        first = f"{row['first_title'].strip()}\n\n{row['first_text'].strip()}"
        second = f"{row['second_title'].strip()}\n\n{row['second_text'].strip()}"
        cleaned = clean([from_text(first, f"{row['id']}-a"), from_text(second, f"{row['id']}-b")],
                        config=config, backends=backends)
        if len(cleaned.articles) < 2:  # the same text twice: one story
            verdict, score = "same", 1.0
        else:
            comparison = compare_articles(cleaned.articles, config=config, backends=backends)
            assert comparison.same_story is not None
            verdict, score = comparison.same_story.verdict, comparison.same_story.score
        is_ok = row["label"].strip() == "OK"
        gold.append(is_ok)
        ours.append(verdict == "same")
        if split == "dev" and (verdict == "same") != is_ok:
            errors.append(f"{row['id']}: {verdict} ({score:.2f}), gold {row['label']}")
        if embedder is not None:
            vectors = np.asarray(embedder.encode([first, second]))
            scores.append(float(vectors[0] @ vectors[1]))
    g, o = np.asarray(gold, dtype=bool), np.asarray(ours, dtype=bool)
    b = np.asarray(scores) >= BASELINE_THRESHOLD if scores else np.zeros_like(g)

    def figures_for(pred: np.ndarray) -> tuple[float, float, float, float]:
        p, r, f = prf(int((pred & g).sum()), int((pred & ~g).sum()), int((~pred & g).sum()))
        return float((pred == g).mean()) if len(g) else 0.0, p, r, f

    acc, p, r, f = figures_for(o)
    bacc, bp, br, bf = figures_for(b)
    figures = [
        Figure("same-story-accuracy", acc, bacc, len(g)),
        Figure("same-story-precision", p, bp, len(g), note="on OK (same story)"),
        Figure("same-story-recall", r, br, len(g)),
        Figure("same-story-f1", f, bf, len(g)),
    ]
    if split == "dev" and scores:
        figures.append(Figure("baseline-threshold-fitted", best_threshold(scores, gold, "accuracy"),
                              BASELINE_THRESHOLD, len(scores), note="accuracy-best cut on this split"))
    return DatasetReport("pairs-tgcontest-ru", split, figures,
                         baseline=f"USE cosine of the whole texts >= {BASELINE_THRESHOLD} (fitted on dev)",
                         errors=errors)


register_dataset(DatasetEval(
    name="pairs-tgcontest-ru",
    description="Same story or not, on real Russian news pairs with hard negatives (tgcontest): accuracy "
    "and P/R/F1 on OK of Comparison.same_story, beside USE cosine of whole texts with one threshold.",
    run=run,
    default_path="pairs-tgcontest-ru",
))
