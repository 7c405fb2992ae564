"""Schema migrations: an ordered tuple of named steps. Never change what a released step does: append one.

A store records each applied step's name in `schema_migrations(name, applied_at)`. Names, unlike a
counter, say what was applied and let two branches add steps without fighting over a number.

The SQL is written for both SQLite and PostgreSQL (a later backend runs the same steps): `"end"` is
quoted because PostgreSQL reserves END (quoting it changes nothing in SQLite: the column was always
called end), booleans are BOOLEAN, binary is BYTEA (SQLite stores it as a BLOB), and upserts use
`ON CONFLICT ... DO`. Statements are separated by semicolons, so comments must not contain one.

Stores made before named migrations counted steps in `PRAGMA user_version` (1 to 3): `LEGACY_STEPS`
maps that count to the names of the steps it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storydiff.errors import StoreError

__all__ = ["LEGACY_STEPS", "MIGRATIONS", "OLD_CODE_FENCE", "Migration", "pending"]


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str

    def statements(self) -> list[str]:
        """One statement at a time: sqlite3 runs one per execute, and executescript would commit."""
        return [s.strip() for s in self.sql.split(";") if s.strip()]


MIGRATIONS: tuple[Migration, ...] = (
    # Articles and everything cleaning and analysis derive from them.
    Migration("0001_articles", """
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
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end")
    );
    CREATE TABLE sentences (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
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
    """),
    # Inputs that could not be read are kept with their reason, never silently dropped.
    Migration("0002_problems", """
    CREATE TABLE problems (
        path TEXT NOT NULL,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (path, reason)
    );
    """),
    # Entities of each comparison, and every mention with its offsets.
    Migration("0003_entities", """
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
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (comparison_id, entity_id, article_id, start),
        FOREIGN KEY (comparison_id, entity_id) REFERENCES entities(comparison_id, id) ON DELETE CASCADE
    );
    """),
    # The text is stored once, in articles.text: every other row keeps offsets into it. A comparison
    # keeps, per article, that article's JSON as compared (its analyses, without text), because a later
    # save of the same article (say by `clean --store`) may carry other analyses and must not change
    # what an older comparison gives back. Fact support names the article and no longer points at the
    # sentences rows: those follow the article's latest save, a comparison's sentences are its own.
    Migration("0004_text_stored_once", """
    ALTER TABLE articles DROP COLUMN body;
    ALTER TABLE sentences DROP COLUMN text;
    ALTER TABLE removed DROP COLUMN text;
    ALTER TABLE entity_mentions DROP COLUMN text;
    ALTER TABLE facts DROP COLUMN text;
    ALTER TABLE comparison_articles ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE comparison_articles ADD COLUMN data TEXT;
    CREATE TABLE fact_support_v2 (
        comparison_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        sentence_id TEXT NOT NULL,
        PRIMARY KEY (comparison_id, fact_id, sentence_id),
        FOREIGN KEY (comparison_id, fact_id) REFERENCES facts(comparison_id, id) ON DELETE CASCADE
    );
    INSERT INTO fact_support_v2 (comparison_id, fact_id, article_id, sentence_id)
        SELECT f.comparison_id, f.fact_id, s.article_id, f.sentence_id
        FROM fact_support f JOIN sentences s ON s.id = f.sentence_id;
    DROP TABLE fact_support;
    ALTER TABLE fact_support_v2 RENAME TO fact_support;
    CREATE INDEX fact_support_article ON fact_support(article_id);
    """),
    # Quotes and how they changed between articles, as rows that can be queried. The comparison JSON
    # stays the source a Comparison is rebuilt from. No foreign key on speaker: it is an entity id
    # only when the speaker is one of the story's entities.
    Migration("0005_quotes", """
    CREATE TABLE quotes (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_name TEXT,
        verb TEXT,
        complete BOOLEAN NOT NULL,
        PRIMARY KEY (comparison_id, id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_name);
    CREATE TABLE quote_links (
        comparison_id TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        relation TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (comparison_id, a, b),
        FOREIGN KEY (comparison_id, a) REFERENCES quotes(comparison_id, id) ON DELETE CASCADE,
        FOREIGN KEY (comparison_id, b) REFERENCES quotes(comparison_id, id) ON DELETE CASCADE
    );
    """),
    # Sentence embeddings cached by model and text hash: the model is the slowest stage.
    Migration("0006_vectors", """
    CREATE TABLE vectors (
        model TEXT NOT NULL,
        key TEXT NOT NULL,
        dim INTEGER NOT NULL,
        data BYTEA NOT NULL,            -- float32, little-endian
        PRIMARY KEY (model, key)
    );
    """),
    # Stories of a corpus (`storydiff batch`): each grouped article's profile, each story's members,
    # and the events that made them. No foreign key from story_articles to stories: a batch replaces
    # a story's members whole and deletes stories merged away in one transaction.
    Migration("0007_stories", """
    CREATE TABLE story_profiles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        day INTEGER,                    -- days since 1970-01-01 of publication, NULL when unknown
        dim INTEGER NOT NULL,
        vector BYTEA NOT NULL,          -- float32, little-endian
        keys TEXT NOT NULL,             -- JSON list of name keys
        numbers TEXT NOT NULL,          -- JSON list of specific figures
        title TEXT NOT NULL,
        terms TEXT NOT NULL             -- JSON [[hashed word stem, weight], ...]
    );
    CREATE INDEX story_profiles_day ON story_profiles(day);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE TABLE story_events (
        batch TEXT NOT NULL,
        n INTEGER NOT NULL,
        kind TEXT NOT NULL,             -- new, join, merge, split
        story_id TEXT NOT NULL,
        article_id TEXT,
        others TEXT NOT NULL,           -- JSON list of story ids (merged in, or split from)
        score REAL NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (batch, n)
    );
    """),
    # What tells two events of one kind apart (places, people, years, days): kept with the profile
    # so that stored articles are compared on them too.
    Migration("0008_story_specifics", """
    ALTER TABLE story_profiles ADD COLUMN specifics TEXT NOT NULL DEFAULT '{}'
    """),
)

# PRAGMA user_version n of a store made before named migrations = the first n steps were applied.
LEGACY_STEPS: tuple[str, ...] = ("0001_articles", "0002_problems", "0003_entities")

# Written to PRAGMA user_version once a store has named migrations: storydiff releases from before
# them read the counter, see a number above their 3 steps and refuse ("made by a newer storydiff")
# instead of writing old-layout rows into new tables.
OLD_CODE_FENCE = 1000


def pending(applied: Iterable[str], location: str) -> list[Migration]:
    """The steps still to apply, in order; refuses a store that has steps this code does not know."""
    done = set(applied)
    unknown = sorted(done - {m.name for m in MIGRATIONS})
    if unknown:
        raise StoreError(f"{location}: made by a newer storydiff (it has migrations {', '.join(unknown)}, "
                         f"this one knows up to {MIGRATIONS[-1].name})")
    return [m for m in MIGRATIONS if m.name not in done]
