"""`python -m storydiff.bench`: articles/second for `compare` on the demo corpus, next to
trafilatura's extraction alone on the same HTML pages; and entity mentions/second for recognition
plus merging, next to the NER models alone on the same sentences; all in one run.

The ratio is what to watch: both numbers move together when the machine is busy.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

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

    from storydiff.backends import default_backends
    from storydiff.config import Config
    from storydiff.pipeline import clean, compare

    stories = sorted(p for p in (repo_root() / "demo" / "corpus").iterdir() if p.is_dir())
    pages = sorted(p for story in stories for p in story.glob("*.html"))
    htmls = [p.read_text(encoding="utf-8") for p in pages]
    articles_per_round = sum(len(list(s.glob("*.*"))) for s in stories)

    default_backends(Config()).embedder()  # load the model once, outside the timings
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

    entity_rates = _entity_benchmark(stories, args.rounds)

    print()
    print(f"clean / trafilatura:            {cleaning / baseline:6.2f}x")
    print(f"compare / trafilatura:          {full / baseline:6.2f}x")
    print(f"compare lexical / trafilatura:  {lexical / baseline:6.2f}x")
    print(f"entities (NER + merge) / NER alone, mentions/s: {entity_rates[1] / entity_rates[0]:6.2f}x")


def _entity_benchmark(stories: list[Path], rounds: int) -> tuple[float, float]:
    """Mentions/second: the NER models alone (spaCy for English, natasha for Russian) on the same
    sentences, then storydiff's recognition (clean-up, roles, known names) plus story-level merging."""
    from storydiff.analyse.entities import EntityRecognizer
    from storydiff.backends import default_backends
    from storydiff.compare.entities import EntityResolver
    from storydiff.config import Config
    from storydiff.pipeline import clean

    backends = default_backends(Config())
    articles = [a for story in stories for a in clean([str(story)]).articles]
    english = [s.text for a in articles if a.language == "en" for s in a.sentences]
    russian = [s.text for a in articles if a.language == "ru" for s in a.sentences]
    spacy, natasha = backends.recognizer("en"), backends.recognizer("ru")  # loaded outside the timings
    if spacy is None or natasha is None:
        raise SystemExit("the entity benchmark needs the 'nlp' extra: pip install 'storydiff[nlp]'")

    start = time.perf_counter()
    count = 0
    for _ in range(rounds):
        count += sum(len(m) for m in spacy.recognize(english))
        count += sum(len(m) for m in natasha.recognize(russian))
    alone = _rate_mentions("NER models alone (spaCy EN + natasha RU)", count, time.perf_counter() - start)

    recognizer, matcher = EntityRecognizer(backends), backends.matcher()
    start = time.perf_counter()
    count = 0
    for _ in range(rounds):
        for story in stories:
            story_articles = [recognizer.recognize(a) for a in articles if Path(a.path).parent == story]
            resolution = EntityResolver(matcher).resolve(story_articles)
            count += sum(len(e.mentions) for e in resolution.entities)
    full = _rate_mentions("storydiff entities (recognise + merge)", count, time.perf_counter() - start)
    return alone, full


def _rate_mentions(label: str, count: int, seconds: float) -> float:
    rate = count / seconds if seconds else float("inf")
    print(f"{label:<46}{count:>6} mentions {seconds:>8.3f} s {rate:>10.1f} mentions/s")
    return rate


if __name__ == "__main__":
    main()
