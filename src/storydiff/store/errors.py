"""Errors mapped at the store's boundary, as httpx's `map_exceptions` does for transports.

Nothing below a store's public methods may leak a driver exception (sqlite3.Error, OSError) to the
caller: the CLI prints a StoreError as one line and exits 1, while anything else becomes a traceback.
Every public method runs its body inside `map_store_errors`, which names the store and what was
being done, so the user reads "s.db: cannot write to the store (attempt to write a readonly database)".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from storydiff.errors import StoreError

__all__ = ["DRIVER_ERRORS", "map_store_errors"]

# What a backend's driver raises. A PostgreSQL store passes its own (psycopg.Error) as `errors`.
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OSError)


@contextmanager
def map_store_errors(location: str, doing: str, errors: tuple[type[Exception], ...] = DRIVER_ERRORS) -> Iterator[None]:
    """Turn a driver error inside the block into StoreError("<location>: cannot <doing> the store (why)").

    `doing` is "open", "read" or "write to". A StoreError raised inside passes through unchanged, so
    nested blocks keep the innermost, most precise message."""
    try:
        yield
    except StoreError:
        raise
    except errors as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(f"{location}: cannot {doing} the store ({reason})") from exc
