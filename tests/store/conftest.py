"""Fixtures for the store tests: a PostgreSQL server for the session, a fresh schema per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.postgres_server import ServerUnavailable, fresh_schema, postgres_server


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a test database; skips (saying why) when there is no PostgreSQL to run."""
    try:
        server = postgres_server()
        url = server.__enter__()
    except ServerUnavailable as exc:
        pytest.skip(f"no PostgreSQL for the store tests: {exc}")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture
def postgres_url(postgres_database: str) -> Iterator[str]:
    """A URL whose tables land in a schema of this test's own."""
    with fresh_schema(postgres_database) as url:
        yield url
