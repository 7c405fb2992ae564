"""`python -m storydiff.bench.batch`: the corpus path's speed, as ratios within one run.

On the generated multilingual corpus (`storydiff.bench.corpus`), at growing sizes:
- the whole per-article analysis plus story profiles (`run.analyse_chunk`), articles/s, beside
  trafilatura-free cleaning alone and beside the grouping alone;
- peak memory (resident set) after each size;
- the cost per article at each size over the smallest: flat means linear;
- with `--dask`, a `distributed.LocalCluster` of two one-thread workers against one process on the
  same articles.

    python -m storydiff.bench.batch --sizes 200 400 800 [--dask]
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace

from storydiff.bench.corpus import generate
from storydiff.config import Config
from storydiff.models import RawDocument

__all__ = ["main"]


def _documents(count: int, seed: int = 21) -> list[RawDocument]:
    return [RawDocument(origin=a.id, text=a.text, content_type="text", encoding="utf-8", title=a.title,
                        published=a.published, site_name=a.source) for a in generate(count, seed=seed)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunks(documents: list[RawDocument], size: int = 32) -> list[list[RawDocument]]:
    return [documents[k : k + size] for k in range(0, len(documents), size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--dask", action="store_true", help="also time a two-worker LocalCluster")
    parser.add_argument("--no-entities", action="store_true", help="without the entity recognisers")
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

    print(f"{'articles':>9}{'clean/s':>10}{'analyse/s':>11}{'group/s':>10}{'ms/article':>12}{'vs first':>10}"
          f"{'peak MB':>9}")
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
        print(f"{size:>9}{size / cleaning:>10.1f}{size / analysing:>11.1f}{size / grouping:>10.0f}"
              f"{per_article:>12.1f}{per_article / first:>10.2f}{_peak_mb():>9.0f}")

    if args.dask:
        from distributed import Client, LocalCluster

        from storydiff.run import DaskExecutor

        documents = _documents(args.sizes[0])
        start = time.perf_counter()
        list(LocalExecutor().map_chunks(_chunks(documents), config))
        local = time.perf_counter() - start
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                               dashboard_address=None)
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            executor = DaskExecutor(client)
            list(executor.map_chunks(_chunks(documents[:16], 8), config))  # workers load their models
            start = time.perf_counter()
            list(executor.map_chunks(_chunks(documents), config))
            distributed = time.perf_counter() - start
        print(f"\n{len(documents)} articles: one process {len(documents) / local:.1f}/s, "
              f"LocalCluster 2 workers {len(documents) / distributed:.1f}/s ({local / distributed:.2f}x)")


if __name__ == "__main__":
    main()
