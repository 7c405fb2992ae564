"""Schema migrations, in order. Never edit a released step: append a new one.

The database's `PRAGMA user_version` records how many steps have been applied.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: tuple[str, ...] = (
    # 1: articles and everything cleaning and analysis derive from them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,            -- content hash of the decoded text
        path TEXT NOT NULL,
        source TEXT,
        language TEXT NOT NULL,
        headline TEXT,
        published TEXT,
        content_type TEXT NOT NULL,
        encoding TEXT NOT NULL,
        text TEXT NOT NULL,
        body TEXT NOT NULL,
        data TEXT NOT NULL              -- the article as JSON (schema_version 1)
    );
    CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, end)
    );
    CREATE TABLE sentences (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id);
    CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,            -- hash of the compared article ids
        created_at TEXT NOT NULL,
        aligner TEXT NOT NULL,
        data TEXT NOT NULL              -- the full comparison JSON
    );
    CREATE TABLE comparison_articles (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (comparison_id, article_id)
    );
    CREATE TABLE facts (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (comparison_id, id)
    );
    CREATE TABLE fact_support (
        comparison_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        sentence_id TEXT NOT NULL REFERENCES sentences(id),
        PRIMARY KEY (comparison_id, fact_id, sentence_id),
        FOREIGN KEY (comparison_id, fact_id) REFERENCES facts(comparison_id, id) ON DELETE CASCADE
    );
    """,
    # 2: inputs that could not be read are kept with their reason, never silently dropped
    """
    CREATE TABLE problems (
        path TEXT NOT NULL,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (path, reason)
    );
    """,
    # 3: entities of each comparison, and every mention with its offsets
    """
    CREATE TABLE entities (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        variants TEXT NOT NULL,          -- JSON list
        PRIMARY KEY (comparison_id, id)
    );
    CREATE INDEX entities_name ON entities(name);
    CREATE TABLE entity_mentions (
        comparison_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        sentence_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (comparison_id, entity_id, article_id, start),
        FOREIGN KEY (comparison_id, entity_id) REFERENCES entities(comparison_id, id) ON DELETE CASCADE
    );
    """,
)
