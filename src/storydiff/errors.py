"""Every error storydiff raises, in one place. The CLI maps each to a one-line message and an exit code.

Exit codes: 0 ok, 1 bad input, 2 usage, 3 internal.
"""

from __future__ import annotations

__all__ = [
    "BadInputError",
    "ConfigError",
    "MissingExtraError",
    "NothingToCompareError",
    "OutputError",
    "StageError",
    "StoreError",
    "StorydiffError",
    "UsageError",
]


class StorydiffError(Exception):
    """Base class: something went wrong that the user can act on."""

    exit_code = 3


class BadInputError(StorydiffError):
    """An input file is missing, empty, binary, too large or cannot be decoded."""

    exit_code = 1

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NothingToCompareError(StorydiffError):
    """Fewer usable articles than a comparison needs."""

    exit_code = 1


class ConfigError(StorydiffError):
    """A rules or configuration file is malformed."""

    exit_code = 2


class MissingExtraError(StorydiffError):
    """An optional dependency is not installed; the message names the extra that adds it."""

    exit_code = 1

    def __init__(self, extra: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs the '{extra}' extra: pip install 'storydiff[{extra}]'")
        self.extra = extra


class StoreError(StorydiffError):
    """The store (a SQLite file or a PostgreSQL database) cannot be opened, migrated or written."""

    exit_code = 1


class UsageError(StorydiffError):
    """The command line asks for something that cannot be done as asked (such as -o onto an input)."""

    exit_code = 2


class OutputError(StorydiffError):
    """A report or export cannot be written where asked; nothing there was changed."""

    exit_code = 1

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot write the report ({reason})")
        self.path = path
        self.reason = reason


class StageError(StorydiffError):
    """A pipeline stage was asked to run before the stages it needs (a bug in how stages were put
    together, not in the input)."""

    exit_code = 3
