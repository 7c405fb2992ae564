"""Real articles for the batch benchmark, read where they lie (`../shared/devdata`), never copied.

Each set is read through its dataset loader (`storydiff.eval.datasets`), so the benchmark sees the
texts the evals see: tgcontest's Russian pairs (each article once), PolNeAR's English election news,
ECB+ and GVC documents (their sentences, one paragraph each, as the grouping evals build them).
A set whose folder is absent is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storydiff.eval.datasets.base import Split
from storydiff.models import RawDocument

__all__ = ["REAL_SETS", "RealSet", "real_sets"]


@dataclass(frozen=True)
class RealSet:
    name: str
    folder: str  # under the devdata folder
    read: Callable[[Path, Split, int], list[RawDocument]]


def _document(origin: str, text: str, title: str | None = None, published: str | None = None) -> RawDocument:
    return RawDocument(
        origin=origin, text=text, content_type="text", encoding="utf-8", title=title, published=published
    )


def _tgcontest(path: Path, split: Split, count: int) -> list[RawDocument]:
    from storydiff.eval.datasets.tgcontest import read_pairs

    seen: set[str] = set()
    out: list[RawDocument] = []
    for row in read_pairs(path, split):
        for side in ("first", "second"):
            title, text = row[f"{side}_title"].strip(), row[f"{side}_text"].strip()
            if text and text not in seen and len(out) < count:
                seen.add(text)
                out.append(_document(f"{row['id']}-{side}", f"{title}\n\n{text}", title))
    return out


def _polnear(path: Path, split: Split, count: int) -> list[RawDocument]:
    from storydiff.eval.datasets.polnear import _items

    out: list[RawDocument] = []
    for name, text, _ in _items(path, split):
        if len(out) >= count:
            break
        out.append(_document(name, text.read_text(encoding="utf-8")))
    return out


def _grouping(name: str) -> Callable[[Path, Split, int], list[RawDocument]]:
    def read(path: Path, split: Split, count: int) -> list[RawDocument]:
        from storydiff.eval.datasets.story_grouping import grouping_docs

        docs = grouping_docs(name, path, split)[:count]
        return [_document(d.name, "\n\n".join(d.segments), published=d.published) for d in docs]

    return read


REAL_SETS = (
    RealSet("tgcontest-ru", "pairs-tgcontest-ru", _tgcontest),
    RealSet("polnear-en", "quotes-polnear-train", _polnear),
    RealSet("ecbplus-en", "events-ecbplus", _grouping("grouping-ecbplus")),
    RealSet("gvc-en", "incidents-gvc", _grouping("grouping-gvc")),
)


def real_sets(devdata: Path, per_set: int, split: Split = "dev") -> list[tuple[str, list[RawDocument]]]:
    """(set name, up to `per_set` documents) for every set whose folder is present."""
    return [(s.name, s.read(devdata / s.folder, split, per_set)) for s in REAL_SETS if (devdata / s.folder).is_dir()]
