"""storydiff: how did different outlets, in different countries and languages, tell the same story?

    >>> import storydiff
    >>> comparison = storydiff.compare(["a.txt", "b.html"])
    >>> print(comparison.to_json())
"""

# The subpackages `storydiff.clean` and `storydiff.compare` share their names with the functions:
# importing them before `pipeline` means a later (lazy) import cannot rebind `storydiff.clean`/`.compare`.
import storydiff.clean as _clean_stage  # noqa: F401
import storydiff.compare as _compare_stage  # noqa: F401
from storydiff.config import Config, load_config
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
    "Config",
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
    "load_config",
]
