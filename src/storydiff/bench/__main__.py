"""`python -m storydiff.bench`: articles/second for `compare` on the demo corpus, next to
trafilatura's extraction alone on the same HTML pages, in one run.

The ratio is what to watch: both numbers move together when the machine is busy.
"""

from __future__ import annotations

import argparse
import time

from storydiff.eval.goldset import repo_root


def _rate(label: str, count: int, seconds: float) -> float:
    rate = count / seconds if seconds else float("inf")
    print(f"{label:<46}{count:>6} articles {seconds:>8.3f} s {rate:>10.1f} articles/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import trafilatura

    from storydiff.embed import available_embedder
    from storydiff.pipeline import clean, compare

    stories = sorted(p for p in (repo_root() / "demo" / "corpus").iterdir() if p.is_dir())
    pages = sorted(p for story in stories for p in story.glob("*.html"))
    htmls = [p.read_text(encoding="utf-8") for p in pages]
    articles_per_round = sum(len(list(s.glob("*.*"))) for s in stories)

    available_embedder()  # load the model once, outside the timings
    compare([str(stories[0])])  # warm caches

    start = time.perf_counter()
    for _ in range(args.rounds * 10):
        for html in htmls:
            trafilatura.extract(html)
    baseline = _rate("trafilatura.extract (HTML pages only)", len(htmls) * args.rounds * 10,
                     time.perf_counter() - start)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for story in stories:
            clean([str(story)])
    cleaning = _rate("storydiff clean (all demo articles)", articles_per_round * args.rounds,
                     time.perf_counter() - start)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for story in stories:
            compare([str(story)])
    full = _rate("storydiff compare (clean + embed + align)", articles_per_round * args.rounds,
                 time.perf_counter() - start)

    start = time.perf_counter()
    for _ in range(args.rounds):
        for story in stories:
            compare([str(story)], embedder=None)
    lexical = _rate("storydiff compare --no-embeddings", articles_per_round * args.rounds,
                    time.perf_counter() - start)

    print()
    print(f"clean / trafilatura:            {cleaning / baseline:6.2f}x")
    print(f"compare / trafilatura:          {full / baseline:6.2f}x")
    print(f"compare lexical / trafilatura:  {lexical / baseline:6.2f}x")


if __name__ == "__main__":
    main()
