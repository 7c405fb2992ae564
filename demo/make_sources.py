"""Write the demo corpus in the shapes a newsroom's sources come in, for `make demo`'s batch:
an RSS feed of the gas-deal story (`gas-deal.rss`) and a web archive of the monitors story
(`monitors.warc.gz`), in the folder given. Fictional outlets at example domains.

    python demo/make_sources.py demo-output/
"""

from __future__ import annotations

import html
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
PUBLISHED = {"gas-deal": "Mon, 03 Mar 2025 21:05:00 +0000"}  # as a wire's feed states it


def _feed(story: Path, out: Path) -> None:
    items = []
    for n, path in enumerate(sorted(story.iterdir())):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".txt":  # a feed carries HTML: one paragraph per blank-line block
            body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
        else:
            body = text
        found = re.search(r"<title>(.*?)</title>", text, re.S)
        title = text.split("\n", 1)[0] if path.suffix == ".txt" else html.unescape(found.group(1)) if found else ""
        title = title.split(" | ")[0]  # a feed's item title carries no site name
        items.append(
            f"<item><title>{html.escape(title)}</title><pubDate>{PUBLISHED[story.name]}</pubDate>"
            f"<link>https://{path.stem}.example/{story.name}/{n}</link>"
            f"<guid>https://{path.stem}.example/{story.name}/{n}</guid>"
            f"<description>{html.escape(body)}</description></item>")
    out.write_text('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                   f"<title>Demo wire: {story.name}</title><link>https://wire.example/</link>"
                   f"<description>fictional demo feed</description>{''.join(items)}</channel></rss>\n",
                   encoding="utf-8")


def _warc(story: Path, out: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for path in sorted(story.iterdir()):
            kind = "text/html; charset=utf-8" if path.suffix == ".html" else "text/plain; charset=utf-8"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://{path.stem}.example/{story.name}/{path.name}", "response",
                payload=io.BytesIO(path.read_bytes()), http_headers=headers,
                warc_headers_dict={"WARC-Date": datetime(2025, 3, 5, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})
            writer.write_record(record)


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "demo-output")
    target.mkdir(parents=True, exist_ok=True)
    _feed(CORPUS / "gas-deal", target / "gas-deal.rss")
    _warc(CORPUS / "monitors", target / "monitors.warc.gz")
    print(f"wrote {target / 'gas-deal.rss'} and {target / 'monitors.warc.gz'}")


if __name__ == "__main__":
    main()
