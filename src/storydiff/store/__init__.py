"""Store: persist each contract so any stage can be rerun from the one before."""

from storydiff.store.sqlite import SQLiteStore, StoredEntity, default_store_path

__all__ = ["SQLiteStore", "StoredEntity", "default_store_path"]
