"""Exact and near duplicates among raw documents.

Exact: the same text (up to whitespace) twice is read once (`dedupe`, by `RawDocument.content_hash`).

Near: syndicated copies of one wire story differ by a headline, a dateline, a trimmed last paragraph.
`near_duplicate_groups` estimates the Jaccard similarity of the documents' word 5-shingles by MinHash
and finds candidates by locality-sensitive hashing (bands of the signature as bucket keys), so the
work grows with the number of documents, not with the number of pairs. The MinHash is ours (numpy,
the `ingest` extra): 128 seeded 64-bit mixes of CRC-32 shingle hashes, deterministic across runs.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from storydiff.errors import MissingExtraError
from storydiff.models import Problem, RawDocument

__all__ = ["dedupe", "lsh_bands", "minhash", "near_duplicate_groups"]

_T = TypeVar("_T", RawDocument, Problem, RawDocument | Problem)
_WORD = re.compile(r"\w+")
_CHUNK = 4096  # shingles per block: bounds memory at CHUNK x num_perm x 8 bytes
_REPRESENTATIVES = 8  # groups a new document is checked against per shared bucket


def dedupe(items: Iterable[_T]) -> Iterator[_T]:
    """Each text once, the first one read kept; Problems pass through. Lazy, so it can sit on a
    stream (it remembers one hash per document)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, RawDocument):
            digest = item.content_hash
            if digest in seen:
                continue
            seen.add(digest)
        yield item


def _numpy() -> Any:
    try:
        import numpy
    except ImportError as exc:
        raise MissingExtraError("ingest", "finding near-duplicate articles") from exc
    return numpy


@lru_cache(maxsize=8)
def _factors(count: int, seed: int) -> tuple[Any, Any]:
    """Fixed (signatures must compare across runs) odd multipliers and offsets."""
    np = _numpy()
    rng = np.random.default_rng(seed)
    top = np.iinfo(np.uint64).max
    return rng.integers(0, top, size=count, dtype=np.uint64) | np.uint64(1), rng.integers(
        0, top, size=count, dtype=np.uint64
    )


def _mix(x: Any) -> Any:
    """splitmix64's finaliser: spreads the shingle hashes over all 64 bits before the family below
    (uint64 arithmetic wraps, as the mixer means it to)."""
    x = (x ^ (x >> _u64(30))) * _u64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> _u64(27))) * _u64(0x94D049BB133111EB)
    return x ^ (x >> _u64(31))


def _u64(value: int) -> Any:
    return _numpy().uint64(value)


def _shingle_hashes(text: str, size: int) -> Any:
    """One 64-bit hash per word `size`-gram: CRC-32 of each word, combined by position (vectorised,
    where joining the words of every shingle costs more than all the rest)."""
    np = _numpy()
    words = _WORD.findall(text.casefold())
    if not words:
        return None
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    positions, _ = _factors(width, 7)  # a word's weight depends on its place: "a b" is not "b a"
    count = len(words) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        hashes += _mix(ids[k : k + count]) * positions[k]
    return np.unique(_mix(hashes))


def minhash(text: str, num_perm: int = 128, shingle_size: int = 5) -> Any:
    """The MinHash signature (uint64 array of num_perm) of the text's word shingles; None when the
    text has no words. Two signatures agree in a share of places that estimates the Jaccard
    similarity of the two shingle sets. The family is multiply-shift, (a*x + b) >> 32 on 64 bits."""
    np = _numpy()
    values = _shingle_hashes(text, shingle_size)
    if values is None:
        return None
    a, b = _factors(num_perm, 20240601)
    signature = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    shift = _u64(32)
    for start in range(0, len(values), _CHUNK):
        block = values[start : start + _CHUNK, None]
        np.minimum(signature, ((block * a + b) >> shift).min(axis=0), out=signature)
    return signature


def lsh_bands(threshold: float, num_perm: int, recall: float = 0.995) -> tuple[int, int]:
    """(bands, rows): the longest rows (fewest spurious candidates) for which a pair at the
    threshold still shares a bucket with probability >= recall."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= recall:
            best = (bands, rows)
    return best


def near_duplicate_groups(
    documents: Iterable[RawDocument], threshold: float = 0.8, *, num_perm: int = 128, shingle_size: int = 5
) -> list[tuple[RawDocument, ...]]:
    """Groups (two or more, in input order) of documents whose estimated shingle Jaccard similarity
    is at least `threshold`, joined transitively; a document in no group is not listed."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    np = _numpy()
    docs = list(documents)
    signatures = [minhash(d.text, num_perm, shingle_size) for d in docs]
    bands, rows = lsh_bands(threshold, num_perm)
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # bucket -> representatives: one document per group met in that bucket, so a bucket that many
    # copies share costs each newcomer a few comparisons, not one per earlier copy
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, signature in enumerate(signatures):
        if signature is None:
            continue
        for band in range(bands):
            members = buckets[(band, signature[band * rows : (band + 1) * rows].tobytes())]
            mine = root(i)
            joined = False
            for j in members[:_REPRESENTATIVES]:
                other = root(j)
                if other == mine:
                    joined = True
                    continue
                if float(np.mean(signatures[j] == signature)) >= threshold:
                    parent[max(other, mine)] = min(other, mine)
                    mine = root(i)
                    joined = True
            if not joined:
                members.append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[root(i)].append(i)
    return [tuple(docs[i] for i in members) for members in groups.values() if len(members) > 1]
