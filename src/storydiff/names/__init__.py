"""Names: transliteration-aware matching of people, places and organisations, with reasons."""

from storydiff.names.aliases import AliasBook, load_aliases
from storydiff.names.latin import latinize
from storydiff.names.matcher import NameMatch, NameMatcher

__all__ = ["AliasBook", "NameMatch", "NameMatcher", "latinize", "load_aliases"]
