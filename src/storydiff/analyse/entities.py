"""Entity mentions in one article: people, organisations and places, with roles.

The model that reads a language is a backend (`storydiff.analyse.ner`), loaded once and only when
needed by `storydiff.backends.Backends`: spaCy's small English model, natasha for Russian (with
each name's dictionary form: Мухтаром Тлеуберди -> Мухтар Тлеуберди). For any language, and after a
model as a second pass, the known-names list (built-in variants plus the user's alias file) finds
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
from typing import TYPE_CHECKING

from storydiff.analyse.ner import RawMention
from storydiff.analyse.ner.known_names import KnownNameRecognizer
from storydiff.analyse.ner.quoted_names import QuotedNameRecognizer
from storydiff.analyse.roles import find_roles, find_title_references, role_head
from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, EntityType, Mention, Sentence

if TYPE_CHECKING:
    from storydiff.backends import Backends

__all__ = ["EntityRecognizer", "RawMention"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _EntityWords:
    """What the clean-up reads from the language packs, built once per packs."""

    # Words that make a capitalised run a title or an adjective, not a name ("Kazakh Foreign", "State").
    not_name: frozenset[str]
    # A single capitalised word before one of these is an adjective ("Kazakh Foreign Minister",
    # "his Kazakh counterpart"), however the model typed it.
    adjective_before: re.Pattern[str]
    pronoun: re.Pattern[str]  # "she said": resolved to the one person in reach
    lead: re.Pattern[str]  # an article or marks before a name
    marks: re.Pattern[str]  # marks alone before a name


@lru_cache(maxsize=8)
def _entity_words(packs: LanguagePacks) -> _EntityWords:
    cues = alternation(packs.words("adjective_cues"), any_initial=True)
    then_lowercase = alternation(packs.words("adjective_cues_then_lowercase"), any_initial=True)
    articles = alternation(packs.words("definite_articles"), any_initial=True)
    return _EntityWords(
        not_name=frozenset(w.casefold() for w in packs.words("not_name_words")),
        adjective_before=re.compile(rf"^\s+(?:{cues}|(?:{then_lowercase})\s+[a-z])"),
        pronoun=re.compile(rf"\b(?:{alternation(packs.words('person_pronouns'), any_initial=True)})\b"),
        lead=re.compile(rf"^(?:(?:{articles})\s+|[«\"“'(]+)"),
        marks=re.compile(r"^[«\"“'(]+"),
    )


def _tidy(
    text: str, start: int, end: int, packs: LanguagePacks | None = None, *, keep_article: bool = False
) -> tuple[int, int] | None:
    """Trim articles, possessives and stray punctuation; None when what is left is not a name.
    `keep_article`: in a language without articles, "The Independent" is a title, kept whole."""
    lexicon = _entity_words(packs if packs is not None else default_language_packs())
    span = text[start:end]
    lead = (lexicon.marks if keep_article else lexicon.lead).match(span)
    if lead:
        start += lead.end()
    tail = re.search(r"(?:['’]s?|[»\"”')\s.,:;-]+)$", text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    span = text[start:end]
    if "\n" in span or not re.search(r"[A-ZА-ЯЁ]", span):
        return None
    words = re.findall(r"[^\W\d_]+", span.casefold())
    not_name = lexicon.not_name
    if not words or all(w in not_name for w in words) or (len(words) == 2 and words[1] in not_name):
        return None
    return start, end


class EntityRecognizer:
    """One public method: `recognize(Article) -> Article` with `mentions` set.

    `backends` gives the model for the article's language and the known-names list (built-in
    variants plus the user's alias file)."""

    def __init__(self, backends: Backends | None = None, *, packs: LanguagePacks | None = None) -> None:
        from storydiff.backends import Backends

        self.backends = backends or Backends()
        self.packs = packs if packs is not None else default_language_packs()
        self._known: KnownNameRecognizer | None = None
        self._quoted: QuotedNameRecognizer | None = None

    def _quoted_names(self) -> QuotedNameRecognizer:
        if self._quoted is None:
            self._quoted = QuotedNameRecognizer(self.packs)
        return self._quoted

    def _known_names(self) -> KnownNameRecognizer:
        if self._known is None:
            self._known = KnownNameRecognizer(self.backends.aliases())
        return self._known

    def recognize(self, article: Article) -> Article:
        from dataclasses import replace

        sentences = list(article.sentences)
        texts = [s.text for s in sentences]
        model = self.backends.recognizer(article.language)
        known = self._known_names().recognize(texts)
        found = model.recognize(texts) if model is not None else known
        quoted = self._quoted_names().recognize(texts)
        common = frozenset(re.findall(r"\b[^\W\d_]+\b", article.text))
        mentions: list[Mention] = []
        for sentence, raw, extra, named in zip(sentences, found, known, quoted, strict=True):
            for more in (extra, named):  # the model's spans first, then the lists' where they are free
                taken = [(m.start, m.end) for m in raw]
                raw = raw + [k for k in more if all(k.end <= a or k.start >= b for a, b in taken)]
            mentions.extend(self._mentions_in(article, sentence, raw, packs=self.packs, common=common))
        mentions.extend(self._seen_again(article, mentions, packs=self.packs))
        mentions.extend(self._title_references(article, mentions, packs=self.packs))
        mentions.extend(self._pronoun_references(article, mentions, packs=self.packs))
        mentions.sort(key=lambda m: (m.start, m.end))
        return replace(article, mentions=tuple(mentions))

    @staticmethod
    def _mentions_in(
        article: Article,
        sentence: Sentence,
        raw: list[RawMention],
        *,
        packs: LanguagePacks | None = None,
        common: frozenset[str] = frozenset(),
    ) -> Iterator[Mention]:
        """`common`: the article's words; a capitalised word opening a sentence that the article also
        writes in lower case is a common word ("Посольство сообщило…"), whatever the model made of it."""
        packs = packs if packs is not None else default_language_packs()
        adjective_before = _entity_words(packs).adjective_before
        own = packs.get(article.language)
        keep_article = own is not None and not own.definite_articles
        for item in raw:
            tidy = _tidy(sentence.text, item.start, item.end, packs, keep_article=keep_article)
            if tidy is None:
                continue
            start, end = tidy
            surface = sentence.text[start:end]
            opens = not re.search(r"[^\W_]", sentence.text[:start])
            if opens and " " not in surface and not surface.isupper() and surface.lower() in common:
                continue
            if item.type != "PERSON" and " " not in surface and adjective_before.match(sentence.text[end:]):
                continue
            normal = item.normal if item.normal != item.text else surface
            role = find_roles(sentence.text, start, packs=packs)
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

    @classmethod
    def _seen_again(
        cls, article: Article, mentions: list[Mention], *, packs: LanguagePacks | None = None
    ) -> Iterator[Mention]:
        """A person's name, or their surname, found somewhere in the article is that person wherever
        else it stands as it was written ("Бхутто заявила…" after "Беназир Бхутто"): a model misses
        bare surnames, at a sentence's start above all. Not a word the model also typed otherwise,
        nor one the article also writes in lower case (a common word opening a sentence)."""
        kinds: dict[str, set[EntityType]] = {}
        normals: dict[str, str] = {}
        for m in mentions:
            words, normal = m.text.split(), m.normal.split()
            if m.type != "PERSON":  # spread, a model's wrong guess (a spacecraft as an organisation) costs more
                kinds.setdefault(m.text, set()).add(m.type)
                continue
            # The whole name first ("Виктор Понедельник"), then its surname alone.
            for name, norm in ((m.text, m.normal), (words[-1], normal[-1] if len(normal) == len(words) else words[-1])):
                if len(name) > 2 and name[:1].isupper() and re.fullmatch(r"\w+(?:[- ]\w+)*", name):
                    kinds.setdefault(name, set()).add(m.type)
                    normals.setdefault(name, norm)
        # A word also written in lower case in the article is a common word ("Адвокат" opening a sentence).
        lower = set(re.findall(r"\w+", article.text)) if kinds else set()
        known = {w: next(iter(k)) for w, k in kinds.items() if k == {"PERSON"} and w.lower() not in lower}
        if not known:
            return
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(known, key=len, reverse=True)) + r")(?![\w-])"
        )
        taken = [(m.start, m.end) for m in mentions]
        for sentence in article.sentences:
            raw = [
                RawMention(hit.start(), hit.end(), hit.group(0), known[hit.group(0)], normals[hit.group(0)])
                for hit in pattern.finditer(sentence.text)
                if all(sentence.start + hit.end() <= a or sentence.start + hit.start() >= b for a, b in taken)
            ]
            if raw:
                yield from cls._mentions_in(article, sentence, raw, packs=packs)

    @staticmethod
    def _pronoun_references(
        article: Article, mentions: list[Mention], *, packs: LanguagePacks | None = None
    ) -> Iterator[Mention]:
        """`"…," she said.` -> the one person named in this sentence before the pronoun, or else in
        the three sentences before it. With two people in reach there is no guess."""
        pronoun = _entity_words(packs if packs is not None else default_language_packs()).pronoun
        people_by_sentence: dict[str, list[Mention]] = {}
        for mention in mentions:
            if mention.type == "PERSON" or (mention.role and " " in mention.text):  # a role makes a person
                people_by_sentence.setdefault(mention.sentence_id, []).append(mention)
        sentences = list(article.sentences)
        for index, sentence in enumerate(sentences):
            for match in pronoun.finditer(sentence.text):
                start = sentence.start + match.start()
                here = [m for m in people_by_sentence.get(sentence.id, []) if m.end <= start]
                window = here or [
                    m for s in sentences[max(0, index - 3) : index] for m in people_by_sentence.get(s.id, [])
                ]
                # "Khaidarov" and "Rustam Khaidarov" are one person: count people by last name.
                people = {m.normal.split()[-1].casefold(): m.normal for m in window}
                if len(people) != 1:
                    continue
                normal = max((m.normal for m in window), key=len)
                yield Mention(
                    article.id,
                    sentence.id,
                    start,
                    sentence.start + match.end(),
                    match.group(0),
                    "PERSON",
                    normal,
                    kind="pronoun",
                )

    @staticmethod
    def _title_references(
        article: Article, mentions: list[Mention], *, packs: LanguagePacks | None = None
    ) -> Iterator[Mention]:
        holders: dict[str, set[str]] = {}
        for mention in mentions:
            if mention.role and mention.type == "PERSON":
                holders.setdefault(role_head(mention.role, packs=packs), set()).add(mention.normal)
        for sentence in article.sentences:
            for title in find_title_references(sentence.text, packs=packs):
                people = holders.get(role_head(title.role, packs=packs), set())
                if len(people) != 1:
                    continue  # nobody, or several people, hold this title: no guess
                start = sentence.start + title.start
                if any(m.start <= start < m.end for m in mentions):
                    continue
                yield Mention(
                    article.id,
                    sentence.id,
                    start,
                    sentence.start + title.end,
                    title.role,
                    "PERSON",
                    next(iter(people)),
                    role=title.role,
                    kind="title",
                )
