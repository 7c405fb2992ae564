"""Fit the same-story model's weights (`SameStorySettings` in src/storydiff/config.py) on dev splits.

Reads the dev halves of pairs-tgcontest-ru and events-ecbplus from ../shared/devdata (never the test
halves), plus the repo's own gold stories as "same" pairs, computes the article-pair features that
`compare.same_story.StoryJudge` uses, and fits a weighted, L2-regularised logistic regression (each
source weighted equally). Prints the weights to copy into `SameStorySettings`, and the dev accuracy
per source. Run from the repo root:

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_same_story.py [--l2 0.01]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from storydiff.backends import Backends
from storydiff.compare.entities import EntityResolver
from storydiff.compare.same_story import StoryJudge
from storydiff.config import Config
from storydiff.eval.datasets import ecbplus, tgcontest
from storydiff.eval.goldset import load_json, story_articles
from storydiff.models import Article
from storydiff.pipeline import analyse_articles, clean, from_text

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"


def features(split: str = "dev") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    config = Config()
    backends = Backends(config)
    judge = StoryJudge(backends.embedder(), config.same_story, packs=backends.packs())
    resolver = EntityResolver(backends.matcher(), packs=backends.packs())
    rows: list[tuple[str, list[float], bool]] = []

    def evidence(articles: list[Article]) -> list:  # type: ignore[type-arg]
        analysed = analyse_articles(articles, config=config, backends=backends)
        return judge.evidence(analysed, resolver.resolve(analysed).entities)

    for row in tgcontest.read_pairs(DEVDATA / "pairs-tgcontest-ru", split):  # type: ignore[arg-type]
        first = f"{row['first_title'].strip()}\n\n{row['first_text'].strip()}"
        second = f"{row['second_title'].strip()}\n\n{row['second_text'].strip()}"
        pair = clean([from_text(first, "a"), from_text(second, "b")], config=config, backends=backends)
        if len(pair.articles) == 2:
            rows += [("tg", e.vector(), row["label"].strip() == "OK") for e in evidence(list(pair.articles))]
    for _, documents in ecbplus.sample_topics(DEVDATA / "events-ecbplus", split):  # type: ignore[arg-type]
        for e in evidence(ecbplus.articles_of(documents)):
            rows.append(("ecb", e.vector(), documents[e.first].event == documents[e.second].event))
    for story in load_json("align.json")["stories"]:
        rows += [("gold", e.vector(), True) for e in evidence(list(story_articles(story["dir"]).values()))]
    return (np.array([r[1] for r in rows]), np.array([float(r[2]) for r in rows]), np.array([r[0] for r in rows]))


def fit(x: np.ndarray, y: np.ndarray, source: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Gradient descent on standardised features; weights returned on the raw scale."""
    weight = np.array([1.0 / (source == s).sum() for s in source])
    weight = weight / weight.mean()
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(5000):
        p = 1 / (1 + np.exp(-z @ w))
        w -= 0.5 * (z.T @ (weight * (p - y)) / len(y) + l2 * np.r_[w[:-1], 0])
    raw = w[:-1] / scale
    return raw, float(w[-1] - (w[:-1] * mean / scale).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--l2", type=float, default=1e-2)
    args = parser.parse_args()
    x, y, source = features("dev")
    raw, bias = fit(x, y, source, args.l2)
    print("weights (in the order of PairEvidence.vector):", np.round(raw, 2).tolist(), "bias:", round(bias, 2))
    p = 1 / (1 + np.exp(-(x @ raw + bias)))
    for name in ("tg", "ecb", "gold"):
        chosen = source == name
        print(f"{name}: dev accuracy at 0.5 = {((p[chosen] >= 0.5) == (y[chosen] == 1)).mean():.3f} "
              f"({int(chosen.sum())} pairs)")


if __name__ == "__main__":
    main()
