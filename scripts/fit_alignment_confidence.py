"""Fit the calibration of a fact's confidence (`confidence_slope`, `confidence_intercept` in
`AlignmentSettings`) on dev splits, and show how well it holds on the test splits.

A fact's `score` is the mean similarity of its cross-article links; its `confidence` is
`sigmoid(slope * score + intercept)`: the probability that two statements the fact puts together,
from two articles, are a true pair. The truth per source:
- events-ecbplus: the two sentences mention one event instance (ECB+'s coreference; generous:
  two facts about one event count as a true pair);
- parallel-wmt21-ru-en: the two segments translate each other;
- the repo's gold stories (`storydiff eval --task align`): the two sentences report one fact.
Each source weighs the same in the fit. Prints the two settings, then per source and split the
reliability: mean confidence against the share of true pairs, by confidence band, and the
expected calibration error. Run from the repo root:

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_alignment_confidence.py [--wmt-docs 20]
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path

import numpy as np

from storydiff.backends import Backends
from storydiff.config import Config
from storydiff.eval.alignment import _pairs, _sentence, article_from_segments
from storydiff.eval.datasets import ecbplus
from storydiff.eval.datasets.base import in_split
from storydiff.eval.goldset import load_json, story_articles
from storydiff.models import Comparison
from storydiff.pipeline import compare_articles

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"
Sample = tuple[list[float], list[bool]]  # fact scores of cross-article pairs, and whether each is true


def _fact_pairs(comparison: Comparison) -> list[tuple[float, tuple[str, int], tuple[str, int]]]:
    """(fact score, one segment, another) for the cross-article pairs each multi-article fact makes."""
    where = {s.id: (a.id, s.paragraph) for a in comparison.articles for s in a.sentences}
    out = []
    for fact in comparison.facts:
        if len(fact.support) < 2:
            continue
        members = sorted({where[s] for ids in fact.support.values() for s in ids})
        out += [(fact.score, x, y) for x, y in combinations(members, 2) if x[0] != y[0]]
    return out


def ecb_sample(split: str, config: Config, backends: Backends) -> Sample:
    scores, truth = [], []
    for _, documents in ecbplus.sample_topics(DEVDATA / "events-ecbplus", split):  # type: ignore[arg-type]
        if len(documents) < 2:
            continue
        comparison = compare_articles(ecbplus.articles_of(documents), config=config, backends=backends)
        doc = {a.id: d for a, d in zip(comparison.articles, documents, strict=True)}
        for score, (a, ka), (b, kb) in _fact_pairs(comparison):
            if ka not in doc[a].annotated or kb not in doc[b].annotated:
                continue  # only fully annotated sentences have a truth
            scores.append(score)
            truth.append(bool(doc[a].instances.get(ka, frozenset()) & doc[b].instances.get(kb, frozenset())))
    return scores, truth


def wmt_sample(split: str, config: Config, backends: Backends, limit: int) -> Sample:
    path = DEVDATA / "parallel-wmt21-ru-en" / "docs.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs = [d for d in docs if in_split(d["doc_id"], split)][:limit]  # type: ignore[arg-type]
    scores, truth = [], []
    for doc in docs:
        ru = article_from_segments(f"{doc['doc_id']}.ru", doc["src_segments"])
        en = article_from_segments(f"{doc['doc_id']}.en", doc["refs"][sorted(doc["refs"])[0]])
        comparison = compare_articles([ru, en], config=config, backends=backends)
        for score, x, y in _fact_pairs(comparison):
            scores.append(score)
            truth.append(x[1] == y[1])
    return scores, truth


def gold_sample(config: Config, backends: Backends) -> Sample:
    scores, truth = [], []
    for story in load_json("align.json")["stories"]:
        articles = story_articles(story["dir"])
        article_of = {s.id: a.id for a in articles.values() for s in a.sentences}
        groups = [{_sentence(articles[ref.split("::", 1)[0]], ref.split("::", 1)[1]) for ref in fact}
                  for fact in story["facts"]]
        gold = _pairs(groups, article_of)
        comparison = compare_articles(list(articles.values()), config=config, backends=backends)
        for fact in comparison.facts:
            if len(fact.support) < 2:
                continue
            ids = sorted({s for ids in fact.support.values() for s in ids})
            for x, y in combinations(ids, 2):
                if article_of[x] != article_of[y]:
                    scores.append(fact.score)
                    truth.append(frozenset((x, y)) in gold)
    return scores, truth


def fit(samples: dict[str, Sample]) -> tuple[float, float]:
    """Weighted logistic regression of truth on score, each source weighing the same (Newton)."""
    x = np.concatenate([np.asarray(s, dtype=float) for s, _ in samples.values()])
    y = np.concatenate([np.asarray(t, dtype=float) for _, t in samples.values()])
    weight = np.concatenate([np.full(len(s), 1.0 / max(len(s), 1)) for s, _ in samples.values()])
    weight *= len(x) / weight.sum()
    z = np.c_[x, np.ones_like(x)]
    w = np.zeros(2)
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (weight * (p - y)) / len(y) + 1e-4 * w
        hessian = (z * (weight * p * (1 - p))[:, None]).T @ z / len(y) + 1e-4 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), float(w[1])


def reliability(sample: Sample, slope: float, intercept: float) -> str:
    scores, truth = np.asarray(sample[0], dtype=float), np.asarray(sample[1], dtype=bool)
    if not len(scores):
        return "no pairs"
    confidence = 1 / (1 + np.exp(-(slope * scores + intercept)))
    bands, error = [], 0.0
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 0.95), (0.95, 1.01)):
        inside = (confidence >= low) & (confidence < high)
        if inside.any():
            mean, share = float(confidence[inside].mean()), float(truth[inside].mean())
            error += inside.sum() / len(scores) * abs(mean - share)
            bands.append(f"[{low:.2f},{min(high, 1):.2f}) n={int(inside.sum())} conf {mean:.2f} true {share:.2f}")
    return f"n={len(scores)} true {truth.mean():.3f} ECE {error:.3f}: " + "; ".join(bands)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wmt-docs", type=int, default=20, help="WMT21 documents per split")
    args = parser.parse_args()
    config = Config()
    backends = Backends(config)
    dev = {
        "ecb+": ecb_sample("dev", config, backends),
        "wmt21": wmt_sample("dev", config, backends, args.wmt_docs),
        "gold": gold_sample(config, backends),
    }
    slope, intercept = fit(dev)
    print(f"    confidence_slope: float = {slope:.3f}\n    confidence_intercept: float = {intercept:.3f}")
    for name, sample in dev.items():
        print(f"dev  {name:<6} {reliability(sample, slope, intercept)}")
    test = {"ecb+": ecb_sample("test", config, backends), "wmt21": wmt_sample("test", config, backends, args.wmt_docs)}
    for name, sample in test.items():
        print(f"test {name:<6} {reliability(sample, slope, intercept)}")


if __name__ == "__main__":
    main()
