"""Ingest: turn paths (files and directories) into RawDocuments, or say exactly why not."""

from storydiff.ingest.reader import DEFAULT_MAX_BYTES, expand_paths, read_document, read_text_input

__all__ = ["DEFAULT_MAX_BYTES", "expand_paths", "read_document", "read_text_input"]
