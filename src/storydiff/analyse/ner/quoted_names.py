"""Organisations named in quotes after the word for their kind: "партии «Dog with two tails»",
"газета «Кориера делла Сера»", `ОАО "Башкирэнерго"`.

A second pass after the model, which misses names it has never seen, foreign names above all; the
kind word says the quoted words are an organisation's name. The kind words (word beginnings, so every
case form matches) come from the language packs' `org_kind_words`; only the quoted name is the
mention, without its quotes or its kind, as the Russian gold sets mark it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storydiff.analyse.ner.base import RawMention
from storydiff.lang import LanguagePacks

__all__ = ["QuotedNameRecognizer"]

_MAX_WORDS = 6  # longer quoted runs are titles or sayings, not names


class QuotedNameRecognizer:
    name = "quoted-names"

    def __init__(self, packs: LanguagePacks) -> None:
        kinds = sorted(packs.words("org_kind_words"), key=len, reverse=True)
        # A lower-case beginning also matches capitalised (a sentence's first word); abbreviations as written.
        forms = {k for kind in kinds for k in (kind, kind[:1].upper() + kind[1:])}
        self._pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(forms, key=len, reverse=True)) + r")\w*"
                r"\s+[«\"„“](?P<name>[A-ZА-ЯЁ0-9][^«»\"„“”\n]{0,80}?)[»\"“”]"
            )
            if kinds
            else None
        )

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        out: list[list[RawMention]] = []
        for text in texts:
            found = []
            for match in self._pattern.finditer(text) if self._pattern else ():
                name = match.group("name").strip()
                if name and len(name.split()) <= _MAX_WORDS:
                    start = match.start("name")
                    found.append(RawMention(start, start + len(name), name, "ORG", name))
            out.append(found)
        return out
