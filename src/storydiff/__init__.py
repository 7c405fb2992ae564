"""storydiff: how did different outlets, in different countries and languages, tell the same story?

    >>> import storydiff
    >>> comparison = storydiff.compare(["a.txt", "b.html"])
    >>> print(comparison.to_json())
"""

from storydiff.errors import (
    BadInputError,
    ConfigError,
    MissingExtraError,
    NothingToCompareError,
    StoreError,
    StorydiffError,
)
from storydiff.models import (
    SCHEMA_VERSION,
    Article,
    Comparison,
    Dateline,
    Fact,
    Problem,
    RawDocument,
    Removed,
    Sentence,
    Span,
)
from storydiff.pipeline import CleanResult, clean, compare, compare_articles, from_text

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "BadInputError",
    "CleanResult",
    "Comparison",
    "ConfigError",
    "Dateline",
    "Fact",
    "MissingExtraError",
    "NothingToCompareError",
    "Problem",
    "RawDocument",
    "Removed",
    "Sentence",
    "Span",
    "StoreError",
    "StorydiffError",
    "clean",
    "compare",
    "compare_articles",
    "from_text",
]
