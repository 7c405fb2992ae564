"""Is a store consistent? The checks behind `storydiff doctor`.

A run killed mid-write, a full disk or two writers at once must leave a store that is either as it was
before the write or as it is after it: never half a comparison, an article twice, or rows that point
at nothing. These checks read a store (SQLite or PostgreSQL: the row checks are plain SQL both run)
and list every way it falls short of that; an empty list means consistent. They only read, so they
run on a read-only store too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from storydiff.store.migrations import MIGRATIONS

__all__ = ["Finding", "StoreHealth", "check_postgres", "check_sqlite"]


class _Queryable(Protocol):
    """What the checks need of a connection: sqlite3's and psycopg's both run a query and give rows."""

    def execute(self, query: str, /) -> Any: ...


@dataclass(frozen=True)
class Finding:
    """One inconsistency: what kind (a short name tests and scripts can match) and the details."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


@dataclass(frozen=True)
class StoreHealth:
    location: str
    counts: dict[str, int]
    findings: tuple[Finding, ...]

    @property
    def consistent(self) -> bool:
        return not self.findings

    def to_text(self) -> str:
        summary = ", ".join(f"{n} {kind}" for kind, n in self.counts.items())
        if self.consistent:
            return f"{self.location}: consistent ({summary})"
        lines = [f"{self.location}: {len(self.findings)} problem(s) ({summary})"]
        lines += [f"  {finding}" for finding in self.findings]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"location": self.location, "consistent": self.consistent, "counts": self.counts,
                "findings": [{"kind": f.kind, "detail": f.detail} for f in self.findings]}


# (what is orphaned, the query that finds it): rows whose parent row is missing. Foreign keys catch
# most of these when they are on, but a store written with them off (or by an older version) may not.
_ORPHANS: tuple[tuple[str, str], ...] = (
    ("sentence without its article",
     "SELECT s.id FROM sentences s LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL"),
    ("removed span without its article",
     "SELECT r.article_id FROM removed r LEFT JOIN articles a ON a.id = r.article_id WHERE a.id IS NULL"),
    ("comparison row for a missing comparison",
     "SELECT c.comparison_id FROM comparison_articles c LEFT JOIN comparisons p ON p.id = c.comparison_id "
     "WHERE p.id IS NULL"),
    ("comparison naming a missing article",
     "SELECT c.comparison_id || ' -> ' || c.article_id FROM comparison_articles c "
     "LEFT JOIN articles a ON a.id = c.article_id WHERE a.id IS NULL"),
    ("fact of a missing comparison",
     "SELECT f.comparison_id || '/' || f.id FROM facts f LEFT JOIN comparisons p ON p.id = f.comparison_id "
     "WHERE p.id IS NULL"),
    ("fact support for a missing fact",
     "SELECT s.comparison_id || '/' || s.fact_id FROM fact_support s LEFT JOIN facts f "
     "ON f.comparison_id = s.comparison_id AND f.id = s.fact_id WHERE f.id IS NULL"),
    ("entity of a missing comparison",
     "SELECT e.comparison_id || '/' || e.id FROM entities e LEFT JOIN comparisons p ON p.id = e.comparison_id "
     "WHERE p.id IS NULL"),
    ("mention of a missing entity",
     "SELECT m.comparison_id || '/' || m.entity_id FROM entity_mentions m LEFT JOIN entities e "
     "ON e.comparison_id = m.comparison_id AND e.id = m.entity_id WHERE e.id IS NULL"),
    ("quote of a missing comparison",
     "SELECT q.comparison_id || '/' || q.id FROM quotes q LEFT JOIN comparisons p ON p.id = q.comparison_id "
     "WHERE p.id IS NULL"),
    ("story member that is in no story",
     "SELECT m.story_id || ' -> ' || m.article_id FROM story_articles m LEFT JOIN stories s ON s.id = m.story_id "
     "WHERE s.id IS NULL"),
    ("story without articles",
     "SELECT s.id FROM stories s LEFT JOIN story_articles m ON m.story_id = s.id WHERE m.story_id IS NULL"),
    ("grouped article without its profile",
     "SELECT m.article_id FROM story_articles m LEFT JOIN story_profiles p ON p.article_id = m.article_id "
     "WHERE p.article_id IS NULL"),
    ("quote link to a missing quote",
     "SELECT l.comparison_id || '/' || l.a || '~' || l.b FROM quote_links l "
     "LEFT JOIN quotes a ON a.comparison_id = l.comparison_id AND a.id = l.a "
     "LEFT JOIN quotes b ON b.comparison_id = l.comparison_id AND b.id = l.b WHERE a.id IS NULL OR b.id IS NULL"),
)

_SHOWN = 5  # examples named per finding; the count says how many there are in all


def check_sqlite(db: sqlite3.Connection, location: str) -> StoreHealth:
    findings: list[Finding] = []
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        findings.append(Finding("integrity", "; ".join(map(str, integrity[:_SHOWN]))))
        # A damaged file can make every later query fail or lie: report the damage alone.
        return StoreHealth(location, {}, tuple(findings))
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied = ({name for (name,) in db.execute("SELECT name FROM schema_migrations")}
               if "schema_migrations" in tables else set())
    missing = _missing_migrations(applied)
    if missing:
        findings.append(missing)
        return StoreHealth(location, {}, tuple(findings))
    for row in db.execute("PRAGMA foreign_key_check").fetchall()[:_SHOWN]:
        findings.append(Finding("foreign key", f"a row of {row[0]} points at a missing row of {row[2]}"))
    return _check_rows(db, location, findings)


def check_postgres(db: _Queryable, location: str) -> StoreHealth:
    """The PostgreSQL store, in the schema its search_path names. PostgreSQL checks its own pages, so
    there is no integrity_check here; foreign keys it always enforces, yet a row written with them
    off (session_replication_role, a dropped constraint) is still found by the orphan queries."""
    findings: list[Finding] = []
    if db.execute("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
                  "AND tablename = 'schema_migrations'").fetchone() is None:
        applied: set[str] = set()
    else:
        applied = {name for (name,) in db.execute("SELECT name FROM schema_migrations")}
    missing = _missing_migrations(applied)
    if missing:
        return StoreHealth(location, {}, (missing,))
    invalid = [name for (name,) in db.execute(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE NOT i.indisvalid AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
        "ORDER BY c.relname")]
    if invalid:  # left by a failed CREATE INDEX CONCURRENTLY: queries ignore it, uniqueness is not enforced
        findings.append(Finding("index", f"{len(invalid)} invalid (rebuild with REINDEX): "
                                         f"{', '.join(invalid[:_SHOWN])}"))
    return _check_rows(db, location, findings)


def _missing_migrations(applied: Iterable[str]) -> Finding | None:
    done = set(applied)
    missing = [m.name for m in MIGRATIONS if m.name not in done]
    if not missing:
        return None
    return Finding("migrations", f"not applied: {', '.join(missing)} (opening the store for writing applies them)")


def _check_rows(db: _Queryable, location: str, findings: list[Finding]) -> StoreHealth:
    """The checks both backends share, on a store whose tables are all there."""
    for what, query in _ORPHANS:
        rows = [str(r[0]) for r in db.execute(query).fetchall()]
        if rows:
            findings.append(Finding("orphan", f"{len(rows)} {what}: {', '.join(rows[:_SHOWN])}"))
    twice = [str(r[0]) for r in db.execute(
        "SELECT article_id FROM story_articles GROUP BY article_id HAVING COUNT(*) > 1").fetchall()]
    if twice:
        findings.append(Finding("story", f"{len(twice)} article(s) in more than one story: "
                                         f"{', '.join(twice[:_SHOWN])}"))
    findings += _check_articles(db)
    findings += _check_comparisons(db)
    counts = {t: int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
              for t in ("articles", "comparisons", "stories", "problems")}
    return StoreHealth(location, counts, tuple(findings))


def _check_articles(db: _Queryable) -> list[Finding]:
    findings = []
    bad_json, bad_offsets = [], []
    for article_id, data in db.execute("SELECT id, data FROM articles"):
        try:
            json.loads(data)
        except (TypeError, ValueError):
            bad_json.append(article_id)
    for article_id, in db.execute(
        'SELECT DISTINCT s.article_id FROM sentences s JOIN articles a ON a.id = s.article_id '
        'WHERE s.start < 0 OR s."end" < s.start OR s."end" > length(a.text)'
    ):
        bad_offsets.append(article_id)
    if bad_json:
        findings.append(Finding("article", f"{len(bad_json)} with unreadable JSON: {', '.join(bad_json[:_SHOWN])}"))
    if bad_offsets:
        findings.append(Finding("article", f"{len(bad_offsets)} with sentence offsets outside their text: "
                                           f"{', '.join(bad_offsets[:_SHOWN])}"))
    return findings


def _check_comparisons(db: _Queryable) -> list[Finding]:
    """Every comparison whole: its JSON readable, and its article, fact and quote rows all there."""
    findings = []
    members: dict[str, set[str]] = {}
    for comparison_id, article_id in db.execute("SELECT comparison_id, article_id FROM comparison_articles"):
        members.setdefault(comparison_id, set()).add(article_id)
    facts = dict(db.execute("SELECT comparison_id, COUNT(DISTINCT id) FROM facts GROUP BY comparison_id"))
    quotes = dict(db.execute("SELECT comparison_id, COUNT(DISTINCT id) FROM quotes GROUP BY comparison_id"))
    for comparison_id, data in db.execute("SELECT id, data FROM comparisons"):
        try:
            comparison = json.loads(data)
        except (TypeError, ValueError):
            findings.append(Finding("half comparison", f"{comparison_id}: its JSON cannot be read"))
            continue
        # Stored comparisons list their articles by id (older ones as whole article objects).
        expected = {a["id"] if isinstance(a, dict) else a for a in comparison.get("articles", ())}
        if "articles" in comparison and members.get(comparison_id, set()) != expected:
            findings.append(Finding("half comparison", f"{comparison_id}: {len(members.get(comparison_id, ()))} "
                                                       f"article rows for {len(expected)} articles"))
        for kind, rows in (("facts", facts), ("quotes", quotes)):
            want = len({item["id"] for item in comparison.get(kind, ()) if isinstance(item, dict) and "id" in item})
            if rows.get(comparison_id, 0) != want:
                findings.append(Finding("half comparison", f"{comparison_id}: {rows.get(comparison_id, 0)} {kind} "
                                                           f"rows for {want} {kind}"))
    return findings
