"""Store: persist each contract so any stage can be rerun from the one before, and read it back.

The rest of storydiff depends on the `Store` protocol and `open_store` only; `SQLiteStore` is the
backend behind a file path.
"""

from storydiff.store.base import ComparisonSummary, Store, StoredEntity, default_store_path, open_store
from storydiff.store.sqlite import SQLiteStore

__all__ = ["ComparisonSummary", "SQLiteStore", "Store", "StoredEntity", "default_store_path", "open_store"]
