"""`python -m storydiff.bench.pages --devdata ../shared/devdata`: ingest + clean on real web pages,
pages/s, beside trafilatura's extraction alone on the same HTML, in one run.

The pages are trafilatura's own evaluation pages (`pages-trafilatura`), read where they lie. Each
round times both on every page, alternating which goes first, so a busy machine slows both alike;
the ratio is the figure to watch. Our path is what `storydiff clean page.html` does: decoding,
trafilatura's extraction and metadata, the page's markup evidence (furniture, links, dates, the
headline), then the text cleaner.

    python -m storydiff.bench.pages --devdata ../shared/devdata [--limit 200] [--rounds 3] [--split dev]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

from storydiff.eval.datasets.base import Split, in_split

__all__ = ["main", "read_pages"]


def read_pages(devdata: Path, limit: int, split: Split = "all") -> list[str]:
    """The HTML of the first `limit` pages of the set (of one split of it: the eval's), in its order."""
    path = devdata / "pages-trafilatura"
    pages = json.loads((path / "pages.json").read_text(encoding="utf-8"))
    out = []
    for item in [item for url, item in pages.items() if in_split(url, split)][:limit]:
        file = path / "html" / (item["file"] + ("" if item["file"].endswith(".gz") else ".gz"))
        out.append(gzip.decompress(file.read_bytes()).decode("utf-8", errors="replace"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devdata", type=Path, default=Path("../shared/devdata"))
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all")
    args = parser.parse_args()

    import trafilatura

    from storydiff.backends import default_backends
    from storydiff.clean import Cleaner
    from storydiff.clean.rules import load_rules
    from storydiff.config import Config
    from storydiff.errors import StorydiffError
    from storydiff.ingest import read_text_input

    htmls = read_pages(args.devdata, args.limit, args.split)
    config = Config()
    cleaner = Cleaner(load_rules(config.rules_dirs), packs=default_backends(config).packs())
    failed = 0

    def ours() -> None:
        nonlocal failed
        for html in htmls:
            try:
                cleaner.clean(read_text_input(html, "page.html"))
            except StorydiffError:
                failed += 1  # an empty page is reported, not timed out of the run

    def trafilatura_alone() -> None:
        for html in htmls:
            trafilatura.extract(html)

    def trafilatura_with_metadata() -> None:
        for html in htmls:
            trafilatura.bare_extraction(html, with_metadata=True)

    runs: dict[str, tuple[Callable[[], None], list[float]]] = {
        "storydiff ingest + clean": (ours, []),
        "trafilatura.extract": (trafilatura_alone, []),
        "trafilatura.bare_extraction + metadata": (trafilatura_with_metadata, []),
    }
    ours()  # warm: rules, language packs, lxml
    order = list(runs)
    for number in range(args.rounds):
        for label in order if number % 2 == 0 else reversed(order):
            run, seconds = runs[label]
            started = time.process_time()
            run()
            seconds.append(time.process_time() - started)
    count = len(htmls) * args.rounds
    print(f"{len(htmls)} real pages x {args.rounds} rounds (CPU seconds)")
    rates = {}
    for label, (_, seconds) in runs.items():
        rates[label] = count / sum(seconds)
        print(f"{label:<42}{rates[label]:>8.1f} pages/s {1000 * sum(seconds) / count:>8.1f} ms/page")
    base = rates["trafilatura.extract"]
    print(f"storydiff / trafilatura.extract:          {rates['storydiff ingest + clean'] / base:6.2f}x")
    with_metadata = rates["trafilatura.bare_extraction + metadata"]
    print(f"storydiff / bare_extraction + metadata:   {rates['storydiff ingest + clean'] / with_metadata:6.2f}x")
    if failed:
        print(f"{failed // (args.rounds + 1)} page(s) had no extractable text (reported as errors)")


if __name__ == "__main__":
    main()
