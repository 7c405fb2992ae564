"""Real data through the new readers (read from ../shared/devdata, never copied here).

- pages-trafilatura (Apache-2.0): the same pages archived in a WARC and exported as JSONL records
  give the same main text and headline as the file reader gives for them.
- pairs-tgcontest-ru (Apache-2.0): no hard-negative pair (two different stories that look alike) is
  taken for near-duplicates at the default threshold.
Both splits are scored; the limits bound the time.
"""

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest

DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
PAGES = DEVDATA / "pages-trafilatura"
PAIRS = DEVDATA / "pairs-tgcontest-ru"
PAGES_PER_SPLIT = 12


def _pages(split):
    from storydiff.eval.datasets.base import in_split

    if not (PAGES / "pages.json").is_file():
        pytest.skip(f"devdata not available ({PAGES}): pages are read from ../shared/devdata")
    pages = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))
    chosen = [(url, item) for url, item in pages.items() if in_split(url, split)][:PAGES_PER_SPLIT]
    for url, item in chosen:
        file = PAGES / "html" / (item["file"] + ("" if item["file"].endswith(".gz") else ".gz"))
        yield url, gzip.decompress(file.read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_warc_and_records_agree_with_the_file_reader(tmp_path, split):
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from storydiff.errors import BadInputError
    from storydiff.ingest import read_records, read_text_input, read_warc
    from storydiff.models import RawDocument

    expected = {}
    archive, export = tmp_path / "pages.warc.gz", tmp_path / "pages.jsonl"
    with open(archive, "wb") as warc, open(export, "w", encoding="utf-8") as jsonl:
        writer = WARCWriter(warc, gzip=True)
        for number, (url, data) in enumerate(_pages(split), start=1):
            html = data.decode("utf-8", errors="replace")
            try:
                expected[url] = expected[f"{export}#{number}"] = read_text_input(html, "page.html")
            except BadInputError:
                expected[url] = expected[f"{export}#{number}"] = None
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")), http_headers=headers)
            )
            jsonl.write(json.dumps({"url": url, "html": html}) + "\n")
    for read in (read_warc(str(archive)), read_records(str(export))):
        agree = 0
        for item in read:
            want = expected[item.origin] if isinstance(item, RawDocument) else expected[item.path]
            got = item if isinstance(item, RawDocument) else None
            agree += (want is None and got is None) or (
                want is not None and got is not None and (got.text, got.title) == (want.text, want.title)
            )
        assert agree == len(expected) // 2


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_hard_negative_pairs_are_not_near_duplicates(split):
    pytest.importorskip("numpy")
    if not (PAIRS / "pairs.tsv").is_file():
        pytest.skip(f"devdata not available ({PAIRS}): pairs are read from ../shared/devdata")
    from storydiff.eval.datasets.tgcontest import read_pairs
    from storydiff.ingest import near_duplicate_groups
    from storydiff.models import RawDocument

    flagged = {"OK": 0, "BAD": 0}
    for row in read_pairs(PAIRS, split):
        pair = [
            RawDocument(origin=side, text=row[f"{side}_text"], content_type="text", encoding="utf-8")
            for side in ("first", "second")
        ]
        flagged[row["label"].strip()] += bool(near_duplicate_groups(pair))
    assert flagged["BAD"] == 0  # measured: 0 of 36 (dev), 0 of 46 (test)
