"""A file of name pairs to compare: one pair a line, tab-separated; blank lines and # comments skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storydiff.errors import BadInputError

__all__ = ["NamePair", "read_name_pairs"]


@dataclass(frozen=True)
class NamePair:
    a: str
    b: str
    line: int


def read_name_pairs(path: str | Path) -> list[NamePair]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise BadInputError(str(path), "is not UTF-8 text") from exc
    except OSError as exc:
        raise BadInputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    pairs = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise BadInputError(str(path), f"line {number}: expected two tab-separated names")
        pairs.append(NamePair(parts[0].strip(), parts[1].strip(), number))
    return pairs
