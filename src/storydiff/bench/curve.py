"""`python -m storydiff.bench.curve`: the whole batch path at growing corpus sizes: the cost curve.

For each size, a generated multilingual corpus (`storydiff.bench.corpus`) with a fixed number of
articles per day, as a desk's archive grows, goes through `run_batch` into a new SQLite store: read,
clean, every per-article stage, story profiles, grouping, saving. Each size runs in a child process
of its own, so its peak memory (resident set) is its own. Printed per size: the stories found against
the generated ones and their B-cubed F1 (quality at that density), articles/s, ms/article,
ms/article over the smallest size (flat means linear), the most articles the grouper held at once
(live rows: flat once the corpus spans more than two grouping windows of days), the batch's peak MB
(resident set, before the scoring reads every story back) and the peak with the scoring, and, as a
baseline that slows with the machine, the cleaning alone on the first 500 articles in the same
process, with the ratio.

    python -m storydiff.bench.curve --sizes 1000 10000 100000 --per-day 500
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

__all__ = ["main"]


def b_cubed(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 from the cell counts: linear, where the pairwise form is not."""
    cells = Counter(zip(predicted, gold, strict=True))
    sizes_p, sizes_g = Counter(predicted), Counter(gold)
    n = len(gold) or 1
    p = sum(c * c / sizes_p[a] for (a, _), c in cells.items()) / n
    r = sum(c * c / sizes_g[b] for (_, b), c in cells.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _child(size: int, per_day: int, workdir: Path) -> dict[str, float]:
    """One size, in this process: returns the figures."""
    from storydiff.bench.corpus import generate
    from storydiff.config import Config
    from storydiff.models import RawDocument
    from storydiff.pipeline import clean
    from storydiff.run import run_batch
    from storydiff.store.sqlite import SQLiteStore

    corpus = workdir / f"corpus-{size}.jsonl"
    days = max(1, round(size / per_day))
    with corpus.open("w", encoding="utf-8") as out:
        for article in generate(size, seed=size, days=days):
            out.write(json.dumps(asdict(article), ensure_ascii=False) + "\n")
    config = Config()
    sample = []
    with corpus.open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(500), strict=False):
            record = json.loads(line)
            sample.append(
                RawDocument(
                    origin=record["id"],
                    text=record["text"],
                    content_type="text",
                    encoding="utf-8",
                    title=record["title"],
                )
            )
    clean(sample[:20], config=config)  # load the models outside the timings
    started = time.perf_counter()
    clean(sample, config=config)
    clean_rate = len(sample) / (time.perf_counter() - started)
    with SQLiteStore(workdir / f"store-{size}.db") as store:
        started = time.perf_counter()
        report = run_batch([str(corpus)], store, config=config)
        seconds = time.perf_counter() - started
        # The batch's own peak: the scoring below reads every story back at once, which a batch never does.
        batch_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        found = store.stories()
    gold = {}
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            gold[f"{corpus}#{number}"] = json.loads(line)["story"]
    predicted = {a.path: s.id for s in found for a in s.articles}
    paths = sorted(predicted)
    _, _, f1 = b_cubed([predicted[p] for p in paths], [gold[p] for p in paths])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "size": size,
        "days": days,
        "analysed": report.analysed,
        "seconds": seconds,
        "rate": report.analysed / seconds,
        "clean_rate": clean_rate,
        "peak_mb": peak_mb,
        "batch_mb": batch_mb,
        "live_rows": report.peak_live_rows,
        "stories": len(found),
        "gold_stories": len(set(gold.values())),
        "b_cubed": f1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--per-day", type=int, default=500, help="articles per day in the generated corpus")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.per_day, args.workdir)))
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="storydiff-curve-") as workdir:
        for size in args.sizes:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "storydiff.bench.curve",
                    "--child",
                    str(size),
                    "--per-day",
                    str(args.per_day),
                    "--workdir",
                    workdir,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            _print(rows[-1], first=rows[0], header=len(rows) == 1)


def _print(row: dict[str, float], *, first: dict[str, float], header: bool) -> None:
    """One row as each size finishes (a 100k run takes a while)."""
    if header:
        print(
            f"{'articles':>9} {'days':>5} {'stories':>8} {'gold':>6} {'B-cubed':>8} {'articles/s':>11} "
            f"{'ms/article':>11} {'vs first':>9} {'live rows':>10} {'batch MB':>9} {'peak MB':>8} {'clean/s':>8} "
            f"{'ratio':>6}"
        )
    ms = 1000 / row["rate"]
    print(
        f"{row['size']:>9,} {row['days']:>5} {row['stories']:>8,} {row['gold_stories']:>6,} {row['b_cubed']:>8.3f} "
        f"{row['rate']:>11.1f} {ms:>11.1f} "
        f"{ms / (1000 / first['rate']):>9.2f} {row.get('live_rows', 0):>10,} {row['batch_mb']:>9.0f} "
        f"{row['peak_mb']:>8.0f} {row['clean_rate']:>8.0f} "
        f"{row['rate'] / row['clean_rate']:>6.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
