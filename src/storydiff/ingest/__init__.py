"""Ingest: turn paths, URLs, feeds, archives and API exports into RawDocuments, or say exactly why not."""

from storydiff.ingest.duplicates import dedupe, near_duplicate_groups
from storydiff.ingest.feed import read_feed
from storydiff.ingest.reader import DEFAULT_MAX_BYTES, expand_paths, read_document, read_text_input
from storydiff.ingest.records import FieldMapping, read_records
from storydiff.ingest.sources import read_source
from storydiff.ingest.url import Fetcher, FetchPolicy
from storydiff.ingest.warc import read_warc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchPolicy",
    "Fetcher",
    "FieldMapping",
    "dedupe",
    "expand_paths",
    "near_duplicate_groups",
    "read_document",
    "read_feed",
    "read_records",
    "read_source",
    "read_text_input",
    "read_warc",
]
