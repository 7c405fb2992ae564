"""The corpus benchmark table (issue: from a pile of articles to stories), every part in one go.

Each part is a module of `storydiff.bench` (or `storydiff eval`) run in its own process, in turn, so
a part's memory never counts in the next. Every part reports ratios against a baseline measured in
the same process (trafilatura, spaCy, TF-IDF clustering, the smallest size, one process vs Dask):
on a shared two-core machine the absolute rates move, the ratios much less.

    python benchmarks/corpus.py --devdata ../shared/devdata                  # about 25 minutes
    python benchmarks/corpus.py --devdata ../shared/devdata --sizes 1000 10000 100000   # the full curve

Parts: (1) ingest + clean on real web pages beside trafilatura alone; (2) the whole per-article
analysis on real articles (tgcontest, PolNeAR, ECB+, GVC) beside spaCy alone; (3) the cost curve of
the batch path (articles/s, ms/article over the smallest size, memory) on the generated corpus;
(4) story grouping B-cubed on ECB+ dev topics and GVC validation incidents beside TF-IDF +
agglomerative clustering; (5) a two-worker Dask LocalCluster against one process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def _run(title: str, command: list[str]) -> int:
    print(f"\n## {title}\n\n$ {' '.join(command)}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, "HF_HUB_OFFLINE": "1"}, check=False)
    print(f"({time.perf_counter() - started:.0f} s)", flush=True)
    return done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devdata", type=Path, default=Path("../shared/devdata"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 20000])
    parser.add_argument("--per-day", type=int, default=500)
    args = parser.parse_args()
    python, devdata = sys.executable, str(args.devdata)
    storydiff = str(Path(python).with_name("storydiff"))
    parts = [
        (
            "Ingest + clean, real web pages, beside trafilatura alone",
            [python, "-m", "storydiff.bench.pages", "--devdata", devdata, "--limit", "200"],
        ),
        (
            "Per-article analysis, real articles, beside spaCy alone",
            [python, "-m", "storydiff.bench.batch", "--real", devdata, "--per-set", "40", "--repeat", "2"],
        ),
        (
            "Cost curve of the batch path (generated corpus)",
            [python, "-m", "storydiff.bench.curve", "--sizes", *map(str, args.sizes), "--per-day", str(args.per_day)],
        ),
        (
            "Story grouping, ECB+ dev topics, beside TF-IDF + agglomerative",
            [storydiff, "eval", "--dataset", "grouping-ecbplus", devdata + "/events-ecbplus", "--split", "dev"],
        ),
        (
            "Story grouping, GVC validation incidents (dev part), beside TF-IDF + agglomerative",
            [storydiff, "eval", "--dataset", "grouping-gvc", devdata + "/incidents-gvc", "--split", "dev"],
        ),
        (
            "Dask LocalCluster (2 workers) against one process",
            [python, "-m", "storydiff.bench.batch", "--sizes", "400", "--dask"],
        ),
    ]
    failed = [title for title, command in parts if _run(title, command) != 0]
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
