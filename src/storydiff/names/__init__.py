"""Names: transliteration-aware matching of people, places and organisations, with reasons."""

from storydiff.names.aliases import AliasBook, load_aliases
from storydiff.names.latin import latinize
from storydiff.names.matcher import NameMatch, NameMatcher
from storydiff.names.pairs import NamePair, read_name_pairs

__all__ = ["AliasBook", "NameMatch", "NameMatcher", "NamePair", "latinize", "load_aliases", "read_name_pairs"]
