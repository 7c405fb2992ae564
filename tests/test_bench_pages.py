"""The real-pages benchmark reads trafilatura's pages where they lie (skips without devdata)."""

from pathlib import Path

import pytest

from storydiff.bench.pages import read_pages

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"


def test_reads_real_pages_as_html():
    if not (DEVDATA / "pages-trafilatura" / "pages.json").exists():
        pytest.skip(f"{DEVDATA / 'pages-trafilatura'} is not present (../shared/devdata is not part of a fresh clone)")
    pages = read_pages(DEVDATA, 3)
    assert len(pages) == 3 and all("<" in page for page in pages)
