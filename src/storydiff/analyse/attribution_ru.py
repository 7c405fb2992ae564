"""Speakers of Russian quotes from grammar: natasha's dependency parse of the sentences with a cue.

The forms Russian news uses, read from the parse rather than from word order:
- a cue verb and its subject: "«…», — заявил министр Иван Петров." (the verb hangs on the quote as
  parataxis), "Петров заявил: «…»", "Минобороны сообщило, что …" (ccomp), "Как заявил Петров, …";
- a cue noun after "по" and its genitive: "По словам Петрова, …", "по данным МВД", "по ее словам";
- a name and a colon before the quote: "Петров: «…»" (no verb to parse).
The speaker is the name mention (from the entity stage) inside the subject, a person before a body
("глава МИД Эстравии Иван Петров": the person); a pronoun ("— сказала она") goes to the most recent
person of its gender (from the verb's ending) before the quote. Only sentences that hold a quote and
a cue are parsed: the parser (inside natasha's wheel) is loaded on the first Russian quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from storydiff.analyse.quote_spans import QuoteSpan
from storydiff.analyse.speakers import Attribution, MentionIndex
from storydiff.analyse.syntax import Token
from storydiff.lang import LanguagePacks, alternation
from storydiff.models import Article

__all__ = ["RuCue", "RuWords", "read_cues", "russian_speakers", "ru_words"]

Gender = Literal["Masc", "Fem", "Neut", "Plur"]
# Closed classes of Russian grammar: a pronoun's gender, as subject and as possessive ("по ее словам").
_PRONOUN_GENDER: dict[str, Gender] = {
    "он": "Masc",
    "она": "Fem",
    "оно": "Neut",
    "они": "Plur",
    "его": "Masc",
    "ее": "Fem",
    "её": "Fem",
    "их": "Plur",
}
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_PUNCT = " \t\n,;:.!?—–-\"“”«»„'‘’()"


@dataclass(frozen=True)
class RuWords:
    verbs: frozenset[str]  # cue verb forms, lower case
    nouns: frozenset[str]  # nouns after "по" that name a source: "словам", "данным"
    bodies: frozenset[str]  # a kind of body standing for one named before ("ведомство")
    cue: re.Pattern[str]  # any cue: a sentence without one is not parsed


@lru_cache(maxsize=8)
def ru_words(packs: LanguagePacks) -> RuWords:
    pack = packs.get("ru")
    verbs = {w.casefold() for w in (pack.speech_verbs | pack.inverted_speech_verbs) if " " not in w} if pack else set()
    nouns = {w.casefold() for w in pack.cue_nouns} if pack else set()
    cue = re.compile(rf"(?<![\w-])(?:{alternation(verbs | nouns)})(?!\w)", re.IGNORECASE) if verbs else re.compile("$^")
    bodies = frozenset(w.casefold() for w in pack.generic_body_words) if pack else frozenset()
    return RuWords(frozenset(verbs), frozenset(nouns), bodies, cue)


@dataclass(frozen=True)
class RuCue:
    """One attribution read from a parse, as offsets into the article."""

    cue: tuple[int, int]
    source: tuple[int, int] | None  # the subject's words, or X of "по словам X"
    head: tuple[int, int] | None  # the source's head word
    content: tuple[int, int] | None  # what is reported: the complement, or the clause a parenthetical cue qualifies
    gender: Gender | None  # the speaker's, from the verb ending or a possessive
    pronoun: bool  # the source is a pronoun


# Parsing.


@lru_cache(maxsize=1)
def _parser() -> tuple[Any, Any, Any]:
    """natasha's segmenter, syntax parser and a one-thread BLAS limit (see `ner.natasha_ru`)."""
    from natasha import NewsSyntaxParser

    from storydiff.analyse.ner.natasha_ru import shared_models

    segmenter, embedding = shared_models()
    try:
        from threadpoolctl import ThreadpoolController

        blas: Any = ThreadpoolController()
    except ImportError:
        blas = None
    return segmenter, NewsSyntaxParser(embedding), blas


def _parse(texts: Sequence[str]) -> list[list[list[Token]]]:
    """Each text as its sentences, each a list of tokens (heads index that list; offsets into the text)."""
    from natasha import Doc

    segmenter, syntax, blas = _parser()
    docs = [Doc(text) for text in texts]
    for doc in docs:
        doc.segment(segmenter)
    limit: AbstractContextManager[Any] = blas.limit(limits=1, user_api="blas") if blas is not None else nullcontext()
    sents = [sent for doc in docs for sent in doc.sents]
    with limit:
        markups = list(syntax.map([[t.text for t in s.tokens] for s in sents]))
    parsed: dict[int, list[Token]] = {}
    for sent, markup in zip(sents, markups, strict=True):
        tokens = []
        for n, (token, tagged) in enumerate(zip(sent.tokens, markup.tokens, strict=True)):
            head = int(tagged.head_id) - 1
            tokens.append(Token(n, token.start, token.stop, token.text, tagged.rel, n if head < 0 else head, ""))
        parsed[id(sent)] = tokens
    return [[parsed[id(sent)] for sent in doc.sents] for doc in docs]


# Reading one parsed sentence.


class _Tree:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = list(tokens)
        self.children: dict[int, list[Token]] = {}
        for t in self.tokens:
            if t.head != t.i:
                self.children.setdefault(t.head, []).append(t)

    def kids(self, t: Token, deps: frozenset[str] | None = None) -> list[Token]:
        return [c for c in self.children.get(t.i, []) if deps is None or c.dep in deps]

    def head(self, t: Token) -> Token | None:
        return None if t.head == t.i else self.tokens[t.head]

    def span(self, t: Token, without: Token | None = None) -> tuple[int, int]:
        """Token indices (first, last) of t's subtree (leaving out `without`'s subtree). The parser
        does not promise a tree, so a word is visited once."""
        lo = hi = t.i
        seen, todo = {t.i}, [t]
        while todo:
            for c in self.kids(todo.pop()):
                if c.i not in seen and c is not without:
                    seen.add(c.i)
                    todo.append(c)
                    lo, hi = min(lo, c.i), max(hi, c.i)
        return lo, hi

    def chars(self, span: tuple[int, int], shift: int) -> tuple[int, int]:
        return self.tokens[span[0]].start + shift, self.tokens[span[1]].end + shift


def _gender(verb: str) -> Gender | None:
    """The subject's gender from a past-tense ending (заявил, заявила, заявило, заявили); a present
    plural (заявляют) is plural; a present singular says nothing."""
    low = verb.casefold().removesuffix("ся").removesuffix("сь")
    if low.endswith("ла"):
        return "Fem"
    if low.endswith("ло"):
        return "Neut"
    if low.endswith(("ли", "ют", "ят", "ут", "ат")):
        return "Plur"
    if low.endswith(("л", "г", "к")):  # заявил, опроверг, извлек
        return "Masc"
    return None


def _subject(tree: _Tree, verb: Token) -> Token | None:
    """The verb's subject; a second predicate's ("сказал и добавил") is its first one's. A "subject"
    after the verb's clause ("предупреждает, что …, <next sentence's subject>") is a misparse."""
    t: Token | None = verb
    for _ in range(3):
        if t is None:
            return None
        clauses = [tree.span(c)[1] for c in tree.kids(t, frozenset({"ccomp"})) if c.i > t.i]
        found = [c for c in tree.kids(t, _SUBJECTS) if not clauses or c.i < min(clauses)]
        if found:
            return found[0]
        head = tree.head(t)
        if t.dep != "conj" or head is None or head.i > t.i:  # a first predicate stands before
            return None
        t = head
    return None


def _place_source(tree: _Tree, verb: Token) -> Token | None:
    """ "заявили в МЧС", "сообщили в пресс-службе": with no subject, the body named after "в"."""
    for c in tree.kids(verb, frozenset({"obl"})):
        if any(m.text.casefold() in ("в", "во") for m in tree.kids(c, frozenset({"case"}))):
            return c
    return None


def _side(tree: _Tree, head: Token, cue: Token) -> tuple[int, int] | None:
    """The clause a parenthetical cue hangs on, on the cue's side of it: before "— сказал он", after
    "Как заявил X," and "По словам X,"."""
    first, last = tree.span(head, without=cue)
    cue_first, cue_last = tree.span(cue)
    side = (first, cue_first - 1) if head.i < cue.i else (cue_last + 1, last)
    return side if side[0] <= side[1] else None


def _verb_content(tree: _Tree, verb: Token) -> tuple[int, int] | None:
    """What a cue verb reports: its clause (ccomp), the quote it hangs on as parataxis ("«…», — сказал
    он"), the quote hanging on it after a colon, or its object ("Минобороны сообщило подробности")."""
    head = tree.head(verb)
    if verb.dep == "parataxis" and head is not None:
        return _side(tree, head, verb)
    for deps in (frozenset({"ccomp"}), frozenset({"parataxis"}), frozenset({"obj"})):
        found = [c for c in tree.kids(verb, deps) if c.text.casefold() not in _PRONOUN_GENDER and c.text != "это"]
        if found:
            spans = [tree.span(c) for c in found]
            return min(a for a, _ in spans), max(b for _, b in spans)
    if verb.dep == "root" and head is None:
        rest = [t for t in tree.tokens if t.i > verb.i and t.text not in _PUNCT]
        colon = any(t.text == ":" for t in tree.tokens if t.i > verb.i)
        if colon and rest:  # "заявил журналистам: «…»" parsed flat
            return rest[0].i, rest[-1].i
    return None


def _noun_source(tree: _Tree, noun: Token) -> tuple[Token | None, Gender | None]:
    """X of "по словам X" (a genitive nmod), or a possessive pronoun ("по ее словам")."""
    for c in tree.kids(noun):
        low = c.text.casefold()
        if c.i < noun.i and low in _PRONOUN_GENDER:
            return c, _PRONOUN_GENDER[low]
    # The genitive itself, not "по данным на вечер понедельника".
    names = [
        c
        for c in tree.kids(noun, frozenset({"nmod", "appos", "flat:name"}))
        if c.i > noun.i and not tree.kids(c, frozenset({"case"}))
    ]
    return (names[0], None) if names else (None, None)


def _source_span(tree: _Tree, subject: Token) -> tuple[int, int]:
    """The subject's words without a relative clause or a parenthesis after them."""
    first, last = tree.span(subject)
    for c in tree.kids(subject, frozenset({"acl:relcl", "acl", "parataxis"})):
        if c.i > subject.i:
            last = min(last, tree.span(c)[0] - 1)
    return first, max(last, subject.i)


def read_cues(text: str, tokens: Sequence[Token], words: RuWords, shift: int = 0) -> list[RuCue]:
    """Every attribution in one parsed sentence; offsets into `text` plus `shift`."""
    tree = _Tree(tokens)
    out: list[RuCue] = []
    for t in tree.tokens:
        low = t.text.casefold()
        source: Token | None = None
        gender: Gender | None = None
        if low in words.verbs:
            source = _subject(tree, t) or _place_source(tree, t)
            gender = _gender(t.text)
            content = _verb_content(tree, t)
            cue = (t.start + shift, t.end + shift)
        elif low in words.nouns and any(c.text.casefold() == "по" for c in tree.kids(t, frozenset({"case"}))):
            source, gender = _noun_source(tree, t)
            head = tree.head(t)
            content = _side(tree, head, t) if head is not None else None
            case = next(c for c in tree.kids(t, frozenset({"case"})) if c.text.casefold() == "по")
            cue = (case.start + shift, t.end + shift)
        else:
            continue
        if source is None:
            out.append(RuCue(cue, None, None, _chars(text, tree, content, shift), gender, False))
            continue
        pronoun = source.text.casefold() in _PRONOUN_GENDER
        gender = gender or (_PRONOUN_GENDER.get(source.text.casefold()) if pronoun else None)
        out.append(
            RuCue(
                cue,
                tree.chars(_source_span(tree, source), shift),
                (source.start + shift, source.end + shift),
                _chars(text, tree, content, shift),
                gender,
                pronoun,
            )
        )
    return out


def _chars(text: str, tree: _Tree, span: tuple[int, int] | None, shift: int) -> tuple[int, int] | None:
    """A token span as offsets, without the marks and dashes at its edges or its "что"."""
    if span is None:
        return None
    a, b = tree.chars(span, 0)
    while a < b and text[a] in _PUNCT:
        a += 1
    while b > a and text[b - 1] in _PUNCT:
        b -= 1
    if text[a:b].casefold().startswith("что ") and b - a > 10:
        a += 4
    return (a + shift, b + shift) if b > a else None


# Speakers of an article's quotes.


def _name_gender(name: str) -> Gender | None:
    """A Russian person's gender from the dictionary form of the name: surname ending, else first name."""
    words = name.casefold().split()
    if not words:
        return None
    last = words[-1]
    if last.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return "Fem"
    if last.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый")):
        return "Masc"
    first = words[0]
    if len(words) > 1 and first.endswith(("а", "я")) and first not in ("никита", "илья", "кузьма", "фома", "лука"):
        return "Fem"
    if len(words) > 1 and not first.endswith(("а", "я", "о", "е", "и", "у")):
        return "Masc"
    return None


def _compatible(gender: Gender | None, kind: str, name: str) -> bool:
    if gender is None:
        return True
    if gender == "Plur":
        return kind == "ORG"
    if gender == "Neut":
        return kind == "ORG"
    return kind == "PERSON" and _name_gender(name) in (None, gender)


def _pick(index: MentionIndex, source: tuple[int, int], head: tuple[int, int] | None) -> tuple[int, int, str] | None:
    """The speaker's mention inside the source: a full personal name, then any person, then the name at
    the head word, then a body ("пресс-служба Минздрава": Минздрав)."""
    found = [(a, b, n, t) for a, b, n, t in index.items if source[0] <= a and b <= source[1] and t in ("PERSON", "ORG")]
    if not found:
        return None
    people = [f for f in found if f[3] == "PERSON"]
    full = [f for f in people if " " in f[2]]
    at_head = [f for f in found if head is not None and f[0] < head[1] and head[0] < f[1]]
    a, b, name, _ = (full or people or at_head or found)[0]
    return a, b, name


def _windows(article: Article, spans: Sequence[QuoteSpan], words: RuWords) -> list[tuple[int, int]]:
    """The stretches to parse: the sentences each quote touches (and the one after a quote that ends
    its sentence, where "— сказал он." may stand), merged, kept only when they hold a cue."""
    sentences = list(article.sentences)
    out: list[tuple[int, int]] = []
    for span in spans:
        lo = span.open_mark if span.open_mark is not None else span.start
        hi = (span.close_mark + 1) if span.close_mark is not None else span.end
        touched = [n for n, s in enumerate(sentences) if s.start < hi + 1 and lo < s.end]
        if not touched:
            continue
        first, last = touched[0], touched[-1]
        if sentences[last].end <= hi + 1 and last + 1 < len(sentences):
            last += 1
        out.append((sentences[first].start, sentences[last].end))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(set(out)):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [(a, b) for a, b in merged if words.cue.search(article.text, a, b)]


def _cue_for(span: QuoteSpan, cues: Sequence[RuCue], text: str) -> RuCue | None:
    """The cue that reports the quote: one whose content holds the quote's words, else one standing
    right after the closing mark ("», — сказал") or right before the opening one ("заявил: «")."""
    outside = [c for c in cues if not (span.start <= c.cue[0] < span.end)]
    holding = [c for c in outside if c.content is not None and c.content[0] < span.end and span.start < c.content[1]]
    if holding:
        return min(holding, key=lambda c: abs(c.cue[0] - span.start) if c.cue[0] < span.start else c.cue[0] - span.end)
    after = (span.close_mark + 1) if span.close_mark is not None else span.end
    before = span.open_mark if span.open_mark is not None else span.start
    near = [
        c
        for c in outside
        if (c.cue[0] >= after and re.fullmatch(r"[\s,.—–-]*(?:как\s+)?", text[after : c.cue[0]], re.IGNORECASE))
        or (c.cue[1] <= before and len(text[c.cue[1] : before].split()) <= 3 and ":" in text[c.cue[1] : before])
    ]
    return near[0] if near else None


_COLON_LABEL = re.compile(r":\s*$")


def _colon_speaker(article: Article, index: MentionIndex, span: QuoteSpan) -> Attribution | None:
    """ "Петров: «…»" — a name and a colon right before the opening mark, nothing else in between."""
    if span.open_mark is None or not _COLON_LABEL.search(article.text, 0, span.open_mark):
        return None
    colon = article.text.rfind(":", 0, span.open_mark)
    names = [
        (a, b, n, t)
        for a, b, n, t in index.items
        if t in ("PERSON", "ORG") and b <= colon and not article.text[b:colon].strip()
    ]
    if not names:
        return None
    a, b, name, _ = names[-1]
    return Attribution((a, b), name, None)


def _recent(
    article: Article,
    index: MentionIndex,
    position: int,
    gender: Gender | None,
    spoken: Sequence[tuple[int, Attribution, Gender | None]],
    *,
    speakers_only: bool = False,
) -> tuple[int, int, str] | None:
    """A pronoun's person: the most recent speaker before it of its gender, else, sentence by sentence
    back, the first name of its gender (a sentence's subject usually opens it). `speakers_only`: a
    body word ("ведомство") stands only for a body already quoted: any name before may be another."""
    sentences = [s for s in article.sentences if s.start < position][-5:]
    for sentence in reversed(sentences):
        said = [(p, w, g) for p, w, g in spoken if sentence.start <= p < min(sentence.end, position) and w.span]
        for _, who, known in reversed(said):
            kind = next((t for a, _, _, t in index.items if who.span and a == who.span[0]), "PERSON")
            if (
                gender is None
                or known == gender
                or (known is None and _compatible(gender, kind, who.speaker_name or ""))
            ):
                assert who.span is not None and who.speaker_name is not None
                return who.span[0], who.span[1], who.speaker_name
        for a, b, name, kind in [] if speakers_only else index.items:
            inside = sentence.start <= a and b <= min(sentence.end, position) and kind in ("PERSON", "ORG")
            if inside and _compatible(gender, kind, name) and (gender is not None or kind == "PERSON"):
                return a, b, name
    return None


def russian_speakers(
    article: Article, index: MentionIndex, spans: Sequence[QuoteSpan], packs: LanguagePacks
) -> dict[QuoteSpan, Attribution]:
    """The speaker grammar gives each quote of a Russian article (a quote it says nothing of is left
    out, for the patterns to read). Empty for any other language or without natasha."""
    if article.language != "ru" or not spans:
        return {}
    words = ru_words(packs)
    windows = _windows(article, spans, words)
    try:
        parsed = _parse([article.text[a:b] for a, b in windows]) if windows else []
    except ImportError:
        return {}
    cues = [
        cue
        for (a, b), sents in zip(windows, parsed, strict=True)
        for tokens in sents
        for cue in read_cues(article.text[a:b], tokens, words, a)
    ]
    out: dict[QuoteSpan, Attribution] = {}
    spoken: list[tuple[int, Attribution, Gender | None]] = []
    for span in sorted(spans, key=lambda s: s.start):
        who, gender = _speaker(article, index, span, cues, words, spoken)
        if who is not None:
            out[span] = who
            if who.span is not None:
                spoken.append((who.span[0] if who.span[0] < span.start else span.start, who, gender))
    return out


def _speaker(
    article: Article,
    index: MentionIndex,
    span: QuoteSpan,
    cues: Sequence[RuCue],
    words: RuWords,
    spoken: Sequence[tuple[int, Attribution, Gender | None]],
) -> tuple[Attribution | None, Gender | None]:
    cue = _cue_for(span, cues, article.text)
    if cue is None:
        return _colon_speaker(article, index, span), None
    verb = article.text[cue.cue[0] : cue.cue[1]].casefold()
    if cue.source is None:
        return None, cue.gender
    written = " ".join(article.text[cue.source[0] : cue.source[1]].split()).strip(_PUNCT)
    body = written.casefold() in words.bodies
    if cue.pronoun or body:  # "— сказала она", "Ведомство обещает": someone named before
        found = _recent(
            article, index, min(cue.cue[0], span.start), "Neut" if body else cue.gender, spoken, speakers_only=body
        )
        if found is not None:
            return Attribution((found[0], found[1]), found[2], verb, cue.cue), cue.gender
        if not body:
            return None, cue.gender
    mention = _pick(index, cue.source, cue.head)
    if mention is not None:
        return Attribution((mention[0], mention[1]), mention[2], verb, cue.cue), cue.gender
    if not written or len(written.split()) > 8 or written.split()[0].casefold() in ("в", "во"):
        # "сообщили в отделе коммуникации" with no name there: the patterns may know better
        return None, cue.gender
    return Attribution(None, written, verb, cue.cue), cue.gender
