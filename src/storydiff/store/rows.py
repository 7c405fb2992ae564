"""The rows every SQL backend writes, written once: articles (replaced whole), problems, comparisons
with their query rows, cached vectors. Each function runs inside the caller's transaction on a DB-API
connection, with the driver's placeholder (`?` for SQLite, `%s` for PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from storydiff.models import Article, Comparison, Problem
from storydiff.store.codec import pack_article, pack_comparison

__all__ = ["dumps", "now", "put_article", "put_comparison", "put_problems", "vector_rows"]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sql(statement: str, mark: str) -> str:
    return statement.replace("?", mark)


def _index(db: Any, mark: str, table: str, columns: str, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert derived rows, skipping one whose key is already there."""
    marks = ",".join([mark] * (columns.count(",") + 1))
    db.cursor().executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)


def put_article(db: Any, mark: str, article: Article) -> None:
    """The article's row, replaced whole with its sentences and removed debris: a rerun that finds
    fewer sentences leaves none of the old ones behind."""
    data = article.to_dict()
    db.execute(_sql(
        "INSERT INTO articles (id, path, source, language, headline, published, content_type, encoding, text, "
        "data) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET path = excluded.path, "
        "source = excluded.source, language = excluded.language, headline = excluded.headline, "
        "published = excluded.published, content_type = excluded.content_type, encoding = excluded.encoding, "
        "text = excluded.text, data = excluded.data", mark),
        (article.id, article.path, article.source, article.language, data["headline"], article.published,
         article.content_type, article.encoding, article.text, dumps(pack_article(data))),
    )
    db.execute(_sql("DELETE FROM sentences WHERE article_id = ?", mark), (article.id,))
    db.execute(_sql("DELETE FROM removed WHERE article_id = ?", mark), (article.id,))
    cursor = db.cursor()
    cursor.executemany(_sql('INSERT INTO sentences (id, article_id, start, "end") VALUES (?,?,?,?)', mark),
                       [(s.id, article.id, s.start, s.end) for s in article.sentences])
    cursor.executemany(
        _sql('INSERT INTO removed (article_id, start, "end", reason) VALUES (?,?,?,?) ON CONFLICT DO NOTHING', mark),
        [(article.id, r.start, r.end, r.reason) for r in article.removed])


def put_problems(db: Any, mark: str, problems: Iterable[Problem]) -> None:
    seen = now()
    db.cursor().executemany(_sql(
        "INSERT INTO problems (path, reason, seen_at) VALUES (?,?,?) "
        "ON CONFLICT (path, reason) DO UPDATE SET seen_at = excluded.seen_at", mark),
        [(p.path, p.reason, seen) for p in problems])


def put_comparison(db: Any, mark: str, comparison: Comparison) -> None:
    """Articles, the comparison and its rows; an older save of the same id is deleted first (its rows
    cascade), so a comparison is replaced whole."""
    data = comparison.to_dict()
    texts = {a.id: a.text for a in comparison.articles}
    cid = comparison.id
    for article in comparison.articles:
        put_article(db, mark, article)
    db.execute(_sql("DELETE FROM comparisons WHERE id = ?", mark), (cid,))
    db.execute(_sql("INSERT INTO comparisons (id, created_at, aligner, data) VALUES (?,?,?,?)", mark),
               (cid, now(), comparison.aligner, dumps(pack_comparison(data, texts))))
    db.cursor().executemany(
        _sql("INSERT INTO comparison_articles (comparison_id, article_id, position, data) VALUES (?,?,?,?)", mark),
        [(cid, a["id"], n, dumps(pack_article(a))) for n, a in enumerate(data["articles"])])
    # The rows below are an index for queries; the comparison JSON is what a Comparison is rebuilt
    # from. So a repeated id among them is skipped (DO NOTHING) rather than failing the save.
    _index(db, mark, "facts", "comparison_id, id, status, score",
           [(cid, f.id, f.status, f.score) for f in comparison.facts])
    _index(db, mark, "fact_support", "comparison_id, fact_id, article_id, sentence_id",
           [(cid, f.id, a, s) for f in comparison.facts for a, ids in f.support.items() for s in ids])
    _index(db, mark, "entities", "comparison_id, id, name, type, variants",
           [(cid, e.id, e.name, e.type, json.dumps(list(e.variants), ensure_ascii=False))
            for e in comparison.entities])
    _index(db, mark, "entity_mentions", 'comparison_id, entity_id, article_id, sentence_id, start, "end", kind',
           [(cid, e.id, m.article_id, m.sentence_id, m.start, m.end, m.kind)
            for e in comparison.entities for m in e.mentions])
    _index(db, mark, "quotes",
           'comparison_id, id, article_id, start, "end", kind, speaker, speaker_name, verb, complete',
           [(cid, q.id, q.article_id, q.start, q.end, q.kind, q.speaker, q.speaker_name, q.verb, bool(q.complete))
            for q in comparison.quotes])
    _index(db, mark, "quote_links", "comparison_id, a, b, relation, score",
           [(cid, link.a, link.b, link.relation, link.score) for link in comparison.quote_links])
    put_problems(db, mark, comparison.problems)


def vector_rows(model: str, vectors: Any, numpy: Any) -> list[tuple[str, str, int, bytes]]:
    """Little-endian float32 on every machine and backend, so a store can be copied between them."""
    rows = []
    for key, vector in vectors.items():
        array = numpy.asarray(vector, dtype="<f4")
        if array.ndim != 1:
            raise ValueError(f"vector {key!r} of {model}: expected one dimension, got shape {array.shape}")
        rows.append((model, key, int(array.shape[0]), array.tobytes()))
    return rows
