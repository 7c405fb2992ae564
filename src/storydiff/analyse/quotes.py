"""Quote spans in real, damaged text: which words an article puts in someone's mouth.

Marks are read in order, paragraph by paragraph, and paired:
1. Curly and angle marks open or close by their shape (“ ” « » „ ‹ › ‘ ’); straight marks by what
   stands beside them (a space before: opening; a letter or punctuation before: closing).
   Apostrophes (We're, States') are never marks.
2. Machine translation breaks guillemets, and the breakage has patterns:
   - `…now, «Psaki said.`: a « right before a speech verb is a closing mark;
   - `…for help» in overcoming…»`: a » with nothing open, followed by a lower-case word, opens;
   - a « while another is still open: the first was debris (a spliced headline's mark), dropped.
3. A closing mark with nothing open is a quote whose opening was lost: it starts at the fragment
   that begins in lower case (`request and how legitimate…`), or at its own sentence.
4. An English quote running over paragraphs leaves its paragraph open and opens the next one again.
   A double mark (“ or ") left open with no such continuation is a quote cut at its paragraph's end
   (complete=False); a guillemet left open was a stray mark (a spliced headline's «), not a quote.
5. A quote inside a quote (‘…’ inside “…”, „…“ inside «…») is part of the outer one: marks nest.
6. Reported speech without marks ("…, the White House said on Thursday", "Psaki added that …",
   "заявила …, что …") gives indirect quotes; a transcript's turn ("PENCE: …") is its speaker's, and
   a headline opened by a name and a colon ("Sanders: …") that name's. Where the language has a
   parser (`analyse.syntax`), indirect speech is read from grammar instead (`analyse.attribution`:
   the cue's complement, its subject the speaker), and a cue's subject names the speaker of a quote
   in marks that the words around it leave unnamed.

`QuoteFinder` then makes each quote an attribution (speaker, cue, content): the content is the whole
attributed statement — the reported clause around a few quoted words, both parts of a statement an
attribution interrupts ("…," said Smith. "…") — while `Quote.text` stays the quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from storydiff.analyse.attribution import Reported, cue_words, find_reported
from storydiff.analyse.speakers import Attribution, MentionIndex, attribute, attribute_source, speech_verbs_pattern
from storydiff.analyse.syntax import parser_for
from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, Quote, QuoteKind, Sentence, Span

__all__ = ["QuoteFinder", "QuoteSpan", "find_quote_spans"]

_OPENERS = "“„«‹‘"
_CLOSERS = "”»›’"
_MARK = re.compile(r"[\"“”„«»‹›‘’']")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # the quoted words, without marks, as offsets into Article.text
    end: int
    open_mark: int | None  # offset of the opening mark; None for a lost opening or indirect speech
    close_mark: int | None
    kind: QuoteKind
    complete: bool
    label: tuple[int, int] | None = None  # a transcript's speaker label ("PENCE:")


_TAG = re.compile(r"</?[a-z][\w-]*(?:\s[^<>]*)?/?>")
_NESTED = {"\"": "'‘", "“": "'‘", "„": "'‘‚", "«": "„“'‘"}  # what may open inside an open quote


def _nests(outer: str, inner: str) -> bool:
    return inner in _NESTED.get(outer, "")


@dataclass
class _Mark:
    position: int
    char: str
    role: str  # open | close


def _role(text: str, i: int, open_pending: str | None, lexicon: _QuoteWords) -> str | None:
    """Open, close, or None (an apostrophe or a mark we cannot place)."""
    char = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if char in "'’" and before.isalnum() and after.isalnum():
        return None  # an apostrophe: We're, don’t
    if char == "'":
        if before.isspace() or before in "([":
            return "open" if after.isalpha() else None
        return "close" if open_pending == "'" and not after.isalnum() else None
    if char == "’":
        return "close" if open_pending == "‘" else None
    if char == "“":
        return "close" if open_pending == "„" else "open"
    if char == "«":
        after_punctuation = before in ",.!?" or (before.isspace() and text[max(0, i - 2)] in ",.!?")
        if after_punctuation and lexicon.verb_ahead.match(text[i + 1 : i + 80]):
            return "close"  # machine translation moved the closing mark: `now, «Psaki said.`
        return "open"
    if char == "»":
        if open_pending is None and after.isspace() and text[i + 1 : i + 3].strip()[:1].islower():
            return "open"  # `for help» in overcoming the terrorist threat. »`
        return "close"
    if char in _OPENERS:
        return "open"
    if char in _CLOSERS:
        return "close"
    # A straight double mark: what stands beside it decides.
    if before.isspace() or before in "([—–-" or i == 0:
        return "open"
    return "close"


def _marks(text: str, start: int, end: int, pending: str | None, lexicon: _QuoteWords) -> list[_Mark]:
    marks = []
    stack = [pending] if pending else []
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text, start, end)]
    for match in _MARK.finditer(text, start, end):
        if any(a < match.start() < b for a, b in tags):
            continue  # `<tweet tweet-id="…">`: markup left in the text, not a quote
        role = _role(text, match.start(), stack[-1] if stack else None, lexicon)
        if role is None:
            continue
        char = match.group(0)
        marks.append(_Mark(match.start(), char, role))
        if role == "open":
            stack = [*stack, char] if stack and _nests(stack[-1], char) else [char]
        elif stack:
            stack.pop()
    return marks


def _fragment_start(sentences: list[Sentence], position: int, floor: int) -> int:
    """Where a quote with a lost opening begins: the nearest earlier sentence (two at most) that
    starts in lower case, a fragment of the lost text; else the start of the mark's own sentence."""
    own = next((i for i, s in enumerate(sentences) if s.start <= position < s.end + 2), None)
    if own is None:
        return floor
    for i in range(own, max(-1, own - 3), -1):
        first = sentences[i].text.lstrip("\"“«„ ")[:1]
        if first.islower() and sentences[i].start >= floor:
            return sentences[i].start
    return max(sentences[own].start, floor)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”„«»‹›"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-\"“”„«»‹›"):
        end -= 1
    return start, end


def _is_partial(text: str, sentence: Sentence | None, open_mark: int, start: int, lexicon: _QuoteWords) -> bool:
    """Words quoted inside a sentence that is otherwise the writer's own ("watching for … and
    "any actions that …," she said"), not a quote introduced by its attribution ("she said: «…»")."""
    if sentence is None:
        return False
    before = text[sentence.start : open_mark].strip()
    if not before:
        return False
    if lexicon.introduced.search(before) and before.endswith((":", ",")):
        return False
    return not before.endswith(":")


def _sentence_at(sentences: list[Sentence], position: int) -> Sentence | None:
    return next((s for s in sentences if s.start <= position < s.end), None)


def find_quote_spans(article: Article, *, packs: LanguagePacks | None = None) -> list[QuoteSpan]:
    """Direct and partial quotes (with marks, repaired), then indirect speech in the rest."""
    lexicon = _quote_words(packs if packs is not None else default_language_packs())
    text = article.text
    sentences = list(article.sentences)
    spans: list[QuoteSpan] = []
    carried: _Mark | None = None  # a quote left open at the end of the previous paragraph
    carried_end = 0  # where that paragraph ends
    paragraphs = list(article.paragraphs)
    for paragraph in paragraphs:
        stack: list[_Mark] = []  # open marks, outermost first
        marks = _marks(text, paragraph.start, paragraph.end, None, lexicon)
        if carried is not None and not (marks and marks[0].role == "open" and marks[0].position == paragraph.start):
            # The mark left open does not open a quote that goes on here: a double mark's quote was
            # cut at its paragraph's end; a guillemet was a stray mark (a spliced headline's «).
            _cut(text, sentences, carried, carried_end, spans, lexicon)
            carried = None
        for mark in marks:
            if mark.role == "open":
                if carried is not None and mark.position == paragraph.start:
                    stack, carried = [carried], None  # the same quote goes on in this paragraph
                    continue
                if stack and _nests(stack[-1].char, mark.char):
                    stack.append(mark)  # a quote inside the quote: the outer one goes on
                    continue
                stack = [mark]  # a second opening of the same kind drops the first: it was a stray mark
            elif len(stack) > 1:
                stack.pop()  # the inner quote closes
            elif stack:
                spans.append(_span(text, sentences, stack[0], mark, mark.position, lexicon))
                stack = []
            else:
                floor = spans[-1].end if spans else paragraph.start
                start = _fragment_start(sentences, mark.position, max(floor, paragraph.start))
                a, b = _trim(text, start, mark.position)
                if b - a > 1:
                    spans.append(QuoteSpan(a, b, None, mark.position, "direct", False))
        if stack:
            carried, carried_end = stack[0], paragraph.end
    if carried is not None:
        _cut(text, sentences, carried, carried_end, spans, lexicon)
    spans = [s for s in spans if s.end - s.start > 1]
    spans.extend(_transcript_spans(article, spans, lexicon))
    spans.extend(_indirect_spans(article, spans, lexicon))
    return sorted(spans, key=lambda s: s.start)


def _cut(text: str, sentences: list[Sentence], opening: _Mark, end: int, spans: list[QuoteSpan],
         lexicon: _QuoteWords) -> None:
    """A double mark left open to its paragraph's end: a quote cut there (complete=False), when it
    holds a few words; a guillemet left open was a stray mark."""
    if opening.char not in "\"“" or len(text[opening.position : end].split()) < 3:
        return
    span = _span(text, sentences, opening, None, end, lexicon)
    spans.append(QuoteSpan(span.start, span.end, span.open_mark, None, span.kind, False))


def _transcript_spans(article: Article, found: list[QuoteSpan], lexicon: _QuoteWords) -> list[QuoteSpan]:
    """`PENCE: We will …`: a paragraph opened by a speaker's name in capitals and a colon."""
    out = []
    headline = _headline_span(article, found, lexicon)
    if headline is not None:
        out.append(headline)
    for paragraph in article.paragraphs:
        match = _LABEL.match(paragraph.text)
        if not match or match.group("label").casefold().strip(" .") in lexicon.not_labels:
            continue
        start, end = paragraph.start + match.start("content"), paragraph.end
        if any(s.start < end and start < s.end for s in found):
            continue
        a, b = _trim(article.text, start, end)
        label = (paragraph.start + match.start("label"), paragraph.start + match.end("label"))
        out.append(QuoteSpan(a, b, None, None, "direct", True, label=label))
    return out


def _headline_span(article: Article, found: list[QuoteSpan], lexicon: _QuoteWords) -> QuoteSpan | None:
    """`Sanders: Clinton Email Story Has Moved`: a headline opened by its speaker and a colon says
    what that speaker said (in a headline's own words: indirect)."""
    paragraphs = list(article.paragraphs)
    if not paragraphs:
        return None
    first = paragraphs[0]  # a headline left in the body (one the cleaner took as the title is not there)
    match = _HEADLINE.match(first.text)
    if not match or match.group("label").casefold().strip(" .") in lexicon.not_labels:
        return None
    start, end = _trim(article.text, first.start + match.start("content"), first.end)
    if end - start < 6 or any(s.start < end and start < s.end for s in found):
        return None
    label = (first.start + match.start("label"), first.start + match.end("label"))
    return QuoteSpan(start, end, None, None, "indirect", True, label=label)


# A headline's speaker: a few capitalised words ("Former AG Mukasey", "NY Post"), no clock time.
_HEADLINE = re.compile(r"^(?P<label>[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5}):\s+(?P<content>\S[^\n]{5,200})$")
_LABEL = re.compile(r"^(?P<label>[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\- ]{1,40}[A-ZА-ЯЁ.]):\s+(?P<content>\S.{8,})$", re.S)


def _span(text: str, sentences: list[Sentence], opening: _Mark, closing: _Mark | None, limit: int,
          lexicon: _QuoteWords) -> QuoteSpan:
    end = closing.position if closing is not None else limit
    start, stop = _trim(text, opening.position + 1, end)
    sentence = _sentence_at(sentences, start)
    partial = _is_partial(text, sentence, opening.position, start, lexicon)
    words = text[start:stop]
    begins_well = partial or words[:1].isupper() or words[:1].isdigit()
    complete = closing is not None and begins_well
    return QuoteSpan(start, stop, opening.position, closing.position if closing else None,
                     "partial" if partial else "direct", complete)


@dataclass(frozen=True)
class _QuoteWords:
    """The patterns quote finding builds from the language packs' words, once per packs."""

    verb_ahead: re.Pattern[str]  # `now, «Psaki said.`: a speech verb right after a «
    introduced: re.Pattern[str]  # `she said: «…»`: a quote introduced by its attribution
    indirect: tuple[re.Pattern[str], ...]  # reported speech
    relative: re.Pattern[str]  # a clause, not a speaker
    not_labels: frozenset[str]  # "UPDATE:", "WATCH:": capitals and a colon that name no speaker


@lru_cache(maxsize=8)
def _quote_words(packs: LanguagePacks) -> _QuoteWords:
    verbs = speech_verbs_pattern(packs)
    reported = f"(?:{verbs}|{alternation(packs.words('belief_verbs'))})"  # "believes that …" too
    that = alternation(packs.words("indirect_that"))
    according = packs.words("according_to")
    according_opening = alternation({w[:1].upper() + w[1:] for w in according}, space=" ")
    bare = alternation(packs.words("bare_speech_verbs"), tails=dict.fromkeys(packs.words("addressee_verbs"), r"\s+\w+"))
    # Reported speech. Each pattern names the content and the attribution around it.
    indirect = (
        # "Psaki added that Blinken called for …"; "заявил, что …"
        re.compile(rf"^(?P<pre>.{{2,160}}?)\b(?P<verb>{reported})(?:\s+\w+){{0,4}},?\s+(?:{that})\s+"
                   rf"(?P<content>.{{10,}}?)[.!?]?$"),
        # "According to the minister, 11 people died"; "По словам министра, …"
        re.compile(rf"^(?P<verb>{according_opening})\s+(?P<pre>[^,]{{2,80}}),\s+(?P<content>.{{10,}}?)[.!?]?$"),
        # "…, the White House said on Thursday."; "…, White House spokesman Jen Psaki said at a briefing."
        # After the verb only circumstances may follow (when, where, to whom), not a clause of its own.
        re.compile(rf"^(?P<content>.{{20,}}?),\s+(?P<pre>[^,\"“«]{{3,90}}?)\s+(?P<verb>{verbs})\b"
                   rf"(?:\s+(?:{alternation(packs.words('articles'))})\s+\w+(?:\s+\w+)?)?"  # "told a news conference"
                   rf"(?:\s+(?:{alternation(packs.words('circumstance_words'))})\b[^,\"“«]{{0,50}})?"
                   rf"(?:\s+\w+)?[.!?]$"),
        # "Oskeria's prime minister, Mehmet Aydin, said gas would start to flow in January 2026." (no "that")
        re.compile(rf"^(?P<pre>[^,\"“«]{{2,80}}?(?:,[^,\"“«]{{2,60}},)?)\s+(?P<verb>{bare})\s+"
                   rf"(?P<content>[a-z][^\"“«]{{10,}}?)[.!?]?$"),
        # "…, заявила во вторник официальный представитель МИД Линдмарка Хелена Васкес-Мур." (Russian order)
        re.compile(rf"^(?P<content>.{{20,}}?),\s+(?:—\s+)?(?P<verb>{alternation(packs.words('inverted_speech_verbs'))})"
                   rf"(?P<pre>\s+[^,\"“«]{{3,120}}?)[.!?]$"),
        # "…, according to the ministry."
        re.compile(rf"^(?P<content>.{{20,}}?),\s+(?P<verb>{alternation(according, space=' ')})\s+"
                   rf"(?P<pre>[^,]{{3,90}}?)[.!?]$"),
    )
    return _QuoteWords(
        verb_ahead=re.compile(rf"^\s*(?:[A-ZА-ЯЁ][\w'’.-]+\s+){{0,3}}{verbs}\b"),
        introduced=re.compile(rf"{verbs}[^.]{{0,40}}[:,]?$"),
        indirect=indirect,
        relative=re.compile(rf"\b(?:{alternation(packs.words('relative_words'))})\b", re.I),
        not_labels=frozenset(w.casefold() for w in packs.words("not_speaker_labels")),
    )


def _indirect_spans(article: Article, direct: list[QuoteSpan], lexicon: _QuoteWords) -> list[QuoteSpan]:
    out = []
    for sentence in article.sentences:
        if any(s.start < sentence.end and sentence.start < s.end for s in direct):
            continue
        for pattern in lexicon.indirect:
            match = pattern.match(sentence.text)
            if match and lexicon.relative.search(match.group("pre")):
                continue  # "Lindmark, which is not a member, questioned who had asked …": not a speaker
            if match:
                a, b = _trim(article.text, sentence.start + match.start("content"),
                             sentence.start + match.end("content"))
                out.append(QuoteSpan(a, b, None, None, "indirect", True))
                break
    return out


class QuoteFinder:
    """One public method: `find(article) -> quotes`, each with the mention (or words) that name its
    speaker. Needs the article's mentions; `compare.speakers` maps speakers to the story's entities.
    `packs`: the language packs whose speech verbs and cues it reads (default: the built-in ones).
    `attributions`: "quotes" (default) finds what a reader calls quotes: words in marks and reported
    speech; "all" adds every attribution a parse shows (stances and objects too: "X declined to
    comment", "X denied the report"), as attribution corpora such as PolNeAR annotate them."""

    def __init__(
        self, *, packs: LanguagePacks | None = None, attributions: Literal["quotes", "all"] = "quotes"
    ) -> None:
        self.packs = packs if packs is not None else default_language_packs()
        self.attributions = attributions

    def find(self, article: Article) -> list[Quote]:
        index = MentionIndex(article, self.packs)
        quotes: list[Quote] = []
        spans = find_quote_spans(article, packs=self.packs)
        grammar, hints = self._grammar(article, index, spans)
        if self.attributions != "all":
            grammar = {}  # the parse only names speakers: the patterns' indirect speech stays as tuned
        if grammar:
            spans = sorted([s for s in spans if s.kind != "indirect" or not any(_overlap(s, g) for g in grammar)]
                           + list(grammar), key=lambda s: s.start)
        floor = 0
        for span in spans:
            if span in grammar:
                who = grammar[span]
            elif span.label is not None:
                who = self._labelled(article, index, span.label)
            else:
                who = attribute(article, index, span.start, span.end, span.open_mark, span.close_mark, floor,
                                partial=span.kind == "partial", packs=self.packs, indirect=span.kind == "indirect")
            hint = hints.get(span)
            if hint is not None and who.span is None and (who.speaker_name is None or (
                    hint.span is not None and not who.speaker_name[:1].isupper())):  # "but", "is": no name
                who = hint  # the subject of the cue in the parse, where the words around gave no name
            if who.pronoun and who.span is None and who.speaker_name is None:
                who = _recent_subject(article, index, span.open_mark or span.start, quotes, who)
            if who.span is None and who.speaker_name is None and span.kind == "direct":
                who = _signed(article, index, span) or who
            if who.span is None and who.speaker_name is None and span.kind == "direct" and quotes:
                who = self._continued(article, quotes[-1], span) or who
            who = _full_name(article, index, who, span.start)
            quotes.append(Quote(
                id=f"{article.id}-q{len(quotes)}",
                article_id=article.id,
                text=article.text[span.start : span.end],
                start=span.start,
                end=span.end,
                kind=span.kind,
                speaker=None,
                speaker_name=who.speaker_name,
                speaker_span=Span(article.text[who.span[0]:who.span[1]], *who.span) if who.span else None,
                verb=who.verb,
                complete=span.complete,
                cue_span=Span(article.text[who.cue[0]:who.cue[1]], *who.cue) if who.cue else None,
                content=_content(article, index, span, who),
            ))
            if span not in grammar:  # a clause read from grammar takes no words from the next quote's attribution
                floor = (span.close_mark + 1) if span.close_mark is not None else span.end
        kept = [(q, s) for q, s in zip(quotes, spans, strict=True) if not _scare_quote(q)]
        joined = _joined(article, [q for q, _ in kept], [s for _, s in kept], self.packs)
        return [replace(q, id=f"{article.id}-q{n}") for n, q in enumerate(joined)]

    def _grammar(self, article: Article, index: MentionIndex, spans: list[QuoteSpan]
                 ) -> tuple[dict[QuoteSpan, Attribution], dict[QuoteSpan, Attribution]]:
        """Indirect speech read from a parse of the paragraphs with a cue word, where the article's
        language has a parser: each attribution outside the quotes in marks, with its speaker; and
        for a quote in marks that a cue's complement takes in, that cue's speaker (a hint)."""
        pack = self.packs.get(article.language)
        parser = parser_for(pack.ner) if pack is not None else None
        if parser is None:
            return {}, {}
        cue = _cue_pattern(self.packs)
        quoted = [s for s in spans if s.kind != "indirect"]
        # Reading quotes only, the parse (most of this stage's time) only hints speakers of words in marks.
        hints_only = self.attributions != "all"
        paragraphs = [
            p
            for p in article.paragraphs
            if (not hints_only or any(q.start < p.end and p.start < q.end for q in quoted)) and cue.search(p.text)
        ]
        out: dict[QuoteSpan, Attribution] = {}
        hints: dict[QuoteSpan, Attribution] = {}
        for paragraph, tokens in zip(paragraphs, parser.parse([p.text for p in paragraphs]), strict=True):
            for found in find_reported(paragraph.text, tokens, self.packs):
                item = _shifted(found, paragraph.start)
                span = QuoteSpan(*item.content, None, None, "indirect", True)
                if span in out or any(q.start <= item.cue[0] < q.end for q in quoted):
                    continue
                taken = [q for q in quoted if _overlap(span, q)]
                who = attribute_source(article, index, item.source, item.source_head, item.cue, packs=self.packs)
                if taken:  # words in marks are quotes of their own; the cue may still name their speaker
                    if who.span is not None or who.speaker_name is not None:
                        hints.setdefault(taken[0], who)
                    continue
                out[span] = who
        return out, hints

    @staticmethod
    def _labelled(article: Article, index: MentionIndex, label: tuple[int, int]) -> Attribution:
        found = index.within(*label, types=("PERSON", "ORG"))
        if found:
            return Attribution((found[0][0], found[0][1]), found[0][2], None)
        return Attribution(None, article.text[label[0] : label[1]].strip(" ."), None)

    @staticmethod
    def _continued(article: Article, previous: Quote, span: QuoteSpan) -> Attribution | None:
        """A quote with no attribution, in the paragraph of an attributed quote or the next one,
        goes on with it (the second paragraph of a statement) and keeps its speaker."""
        if previous.speaker_name is None:
            return None
        paragraph_of = {
            position: n for n, p in enumerate(article.paragraphs) for position in (previous.start, span.start)
            if p.start <= position <= p.end
        }
        if paragraph_of.get(span.start, -9) - paragraph_of.get(previous.start, -99) > 1:
            return None
        mention = (previous.speaker_span.start, previous.speaker_span.end) if previous.speaker_span else None
        return Attribution(mention, previous.speaker_name, None)


def _overlap(a: QuoteSpan, b: QuoteSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _shifted(found: Reported, by: int) -> Reported:
    def move(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + by, span[1] + by)

    content, cue = move(found.content), move(found.cue)
    assert content is not None and cue is not None
    return replace(found, content=content, cue=cue, source=move(found.source), source_head=move(found.source_head))


@lru_cache(maxsize=8)
def _cue_pattern(packs: LanguagePacks) -> re.Pattern[str]:
    """Any cue word: a paragraph without one is not worth parsing."""
    words = cue_words(packs)
    return re.compile(rf"\b(?:{alternation(words.verbs | words.nouns | words.according)})\b", re.IGNORECASE)


_SIGNATURE = re.compile(r"^\s*(?:[-—–―]+|--)\s*(?P<s>[A-ZА-ЯЁ@][^\n]{1,100}?)[\s.]*$")


def _signed(article: Article, index: MentionIndex, span: QuoteSpan) -> Attribution | None:
    """A quote set off on its own, signed in the next paragraph ("— Jane Doe, a voter in Ohio")."""
    paragraphs = list(article.paragraphs)
    own = next((n for n, p in enumerate(paragraphs) if p.start <= span.start <= p.end), None)
    if own is None or own + 1 >= len(paragraphs) or span.end < paragraphs[own].end - 3:
        return None
    following = paragraphs[own + 1]
    match = _SIGNATURE.match(following.text)
    if not match or len(match.group("s").split()) > 14:
        return None
    a = following.start + match.start("s")
    head = match.group("s").split(",")[0]
    found = index.within(a, a + len(head), types=("PERSON", "ORG"))
    if found:
        return Attribution((found[0][0], found[0][1]), found[0][2], None)
    return Attribution(None, head.strip(), None)


def _scare_quote(quote: Quote) -> bool:
    """A few words in marks inside the writer's own sentence, with no one said to say them (the
    “establishment” candidate): a name for something, not a quote."""
    return (quote.kind == "partial" and quote.verb is None and quote.speaker_name is None
            and len(quote.text.split()) <= 4)


def _content(article: Article, index: MentionIndex, span: QuoteSpan, who: Attribution) -> tuple[Span, ...]:
    """The attributed statement. A partial quote's is the reported clause around the quoted words:
    the sentence without its attribution ("X said the plan was 'dead on arrival'"), when the cue
    stands in the sentence; otherwise (and for direct and indirect quotes) the quoted words."""
    text = article.text
    own = Span(text[span.start : span.end], span.start, span.end)
    if span.kind != "partial" or who.cue is None:
        return (own,)
    sentence = _sentence_at(list(article.sentences), span.start)
    if sentence is None or not (sentence.start <= who.cue[0] < sentence.end):
        return (own,)
    lo, hi = sentence.start, sentence.end
    if who.cue[1] <= (span.open_mark if span.open_mark is not None else span.start):
        lo = who.cue[1]  # "X said (that) the plan was 'dead on arrival'"
        rest = re.match(r"[\s,:]*(?:that\b|что\b)?", text[lo:hi])
        lo += rest.end() if rest else 0
    elif who.cue[0] >= span.end:
        attribution_start = min(who.cue[0], who.span[0] if who.span and who.span[0] >= span.end else who.cue[0])
        hi = attribution_start  # "the plan was 'dead on arrival,' X said"
    else:
        return (own,)
    a, b = _trim(text, lo, hi)
    b = a + len(text[a:b].rstrip(" .!?,;"))
    if not (a <= span.start and span.end <= b + 1) or b - a <= span.end - span.start:
        return (own,)
    return (Span(text[a:b], a, b),)


def _joined(article: Article, quotes: list[Quote], spans: list[QuoteSpan], packs: LanguagePacks) -> list[Quote]:
    """One statement an attribution interrupts ("…," said Smith. "…"; "…," Smith said, "…"): both
    parts share the speaker and carry the whole statement as content."""
    text = article.text
    out = list(quotes)
    for n in range(1, len(out)):
        first, second = out[n - 1], out[n]
        one, two = spans[n - 1], spans[n]
        if first.kind != "direct" or second.kind == "indirect" or one.close_mark is None or two.open_mark is None:
            continue
        between = text[one.close_mark + 1 : two.open_mark]
        if text[one.close_mark - 1] not in ",—–-" and not between.lstrip().startswith(","):
            continue
        if len(between.split()) > 12 or "\n" in between or first.verb is None or first.cue_span is None:
            continue
        if not between.rstrip().endswith((",", ".", ":", ";")):
            continue  # `she said, showing off the "…" hat`: the writer's words go on
        if not (one.close_mark < first.cue_span.start < two.open_mark):
            continue
        if second.speaker_name is not None and second.speaker_name != first.speaker_name and second.verb is not None:
            continue  # the second part has an attribution of its own
        content = (*first.content, *second.content)
        out[n - 1] = replace(first, content=content)
        out[n] = replace(second, content=content, speaker_name=first.speaker_name, speaker_span=first.speaker_span,
                         verb=second.verb or first.verb, cue_span=second.cue_span or first.cue_span)
    return out


def _recent_subject(article: Article, index: MentionIndex, position: int, quotes: list[Quote],
                    who: Attribution) -> Attribution:
    """"he added" with no name in reach: the most recent subject before the quote — the speaker of
    an earlier quote in that sentence, else the first person the sentence names."""
    sentences = [s for s in article.sentences if s.end <= position or s.start <= position < s.end]
    for sentence in reversed(sentences[-6:]):
        spoken = [q for q in quotes if sentence.start <= q.start < sentence.end and q.speaker_name is not None]
        said = spoken[-1].speaker_span if spoken else None
        if said is not None:
            return Attribution((said.start, said.end), spoken[-1].speaker_name, who.verb, who.cue)
        people = index.within(sentence.start, min(sentence.end, position), types=("PERSON",))
        # A name opening its sentence is its subject, whatever type the recogniser gave it.
        people = people or [m for m in index.within(sentence.start, min(sentence.end, position),
                                                     types=("PERSON", "ORG", "PLACE"))
                            if article.text[sentence.start : m[0]].strip() == "" and " " in article.text[m[0] : m[1]]]
        if people:
            a, b, name = people[0]
            return Attribution((a, b), name, who.verb, who.cue)
    return who


def _full_name(article: Article, index: MentionIndex, who: Attribution, position: int) -> Attribution:
    """A bare surname ("Clinton said") is the nearest full name before it with that surname."""
    if who.span is None:
        return who
    written = article.text[who.span[0] : who.span[1]].strip()
    if " " in written or not written[:1].isupper():
        return who
    best = None
    for a, b, name, kind in index.items:
        if kind != "PERSON" or a >= who.span[0]:
            continue
        words = article.text[a:b].split()
        if len(words) >= 2 and words[-1].strip("’'s") == written.strip("’'s"):
            best = (a, b, name)
    if best is None:
        return who
    return Attribution((best[0], best[1]), best[2], who.verb, who.cue, who.pronoun)
