"""Names from a list: the built-in known variants plus the user's alias file, found as whole words.

The fallback for languages without a model, and a second pass after a model that catches what a
small model misses ("CSTO" inside "CSTO peacekeepers"). It reads the same `AliasBook` as the name
matcher, so a user's alias file adds names here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storydiff.analyse.ner.base import RawMention
from storydiff.names import AliasBook

__all__ = ["KnownNameRecognizer"]


class KnownNameRecognizer:
    name = "known-names"

    def __init__(self, aliases: AliasBook) -> None:
        self._aliases = aliases
        names = sorted({n for group in aliases.group_names for n in group if len(n) > 1}, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        out = []
        for text in texts:
            found = []
            for match in self._pattern.finditer(text):
                kind = self._aliases.type_of(match.group(0)) or "ORG"
                found.append(RawMention(match.start(), match.end(), match.group(0), kind, match.group(0)))  # type: ignore[arg-type]
            out.append(found)
        return out
