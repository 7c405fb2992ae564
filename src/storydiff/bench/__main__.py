"""`python -m storydiff.bench`: articles/second for `compare` on the demo corpus, next to
trafilatura's extraction alone on the same HTML pages, in one run.

The ratio is what to watch: both numbers move together when the machine is busy.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

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

    def timed(label: str, count: int, run: Callable[[], object], repeat: int) -> float:
        start = time.perf_counter()
        for _ in range(repeat):
            run()
        return _rate(label, count * repeat, time.perf_counter() - start)

    def each_page() -> None:
        for html in htmls:
            trafilatura.extract(html)

    def each_story(step: Callable[..., object], **options: object) -> Callable[[], None]:
        def run() -> None:
            for story in stories:
                step([str(story)], **options)
        return run

    baseline = timed("trafilatura.extract (HTML pages only)", len(htmls), each_page, args.rounds * 10)
    cleaning = timed("storydiff clean (all demo articles)", articles_per_round, each_story(clean), args.rounds)
    full = timed("storydiff compare (clean + embed + align)", articles_per_round, each_story(compare), args.rounds)
    lexical = timed("storydiff compare --no-embeddings", articles_per_round, each_story(compare, embedder=None),
                    args.rounds)

    print()
    print(f"clean / trafilatura:            {cleaning / baseline:6.2f}x")
    print(f"compare / trafilatura:          {full / baseline:6.2f}x")
    print(f"compare lexical / trafilatura:  {lexical / baseline:6.2f}x")


if __name__ == "__main__":
    main()
