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
4. An English quote running over paragraphs leaves its paragraph open and opens the next one again;
   a mark left open with no such continuation was a stray mark, not a quote.
5. Reported speech without marks ("…, the White House said on Thursday", "Psaki added that …",
   "заявила …, что …") gives indirect quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.analyse.speakers import Attribution, MentionIndex, attribute, speech_verbs_pattern
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
    for match in _MARK.finditer(text, start, end):
        role = _role(text, match.start(), pending, lexicon)
        if role is None:
            continue
        marks.append(_Mark(match.start(), match.group(0), role))
        pending = match.group(0) if role == "open" else None
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
    paragraphs = list(article.paragraphs)
    for paragraph in paragraphs:
        pending: _Mark | None = None
        marks = _marks(text, paragraph.start, paragraph.end, None, lexicon)
        if carried is not None and not (marks and marks[0].role == "open" and marks[0].position == paragraph.start):
            # The mark left open does not open a quote that goes on here: it was a stray mark (a
            # spliced headline's «), and what follows it is not a quote.
            carried = None
        for mark in marks:
            if mark.role == "open":
                if carried is not None and mark.position == paragraph.start:
                    pending, carried = carried, None  # the same quote goes on in this paragraph
                    continue
                pending = mark  # a second opening drops the first: it was a stray mark
            elif pending is not None:
                spans.append(_span(text, sentences, pending, mark, mark.position, lexicon))
                pending = None
            else:
                floor = spans[-1].end if spans else paragraph.start
                start = _fragment_start(sentences, mark.position, max(floor, paragraph.start))
                a, b = _trim(text, start, mark.position)
                if b - a > 1:
                    spans.append(QuoteSpan(a, b, None, mark.position, "direct", False))
        if pending is not None:
            carried = pending
    spans = [s for s in spans if s.end - s.start > 1]
    spans.extend(_indirect_spans(article, spans, lexicon))
    return sorted(spans, key=lambda s: s.start)


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


@lru_cache(maxsize=8)
def _quote_words(packs: LanguagePacks) -> _QuoteWords:
    verbs = speech_verbs_pattern(packs)
    that = alternation(packs.words("indirect_that"))
    according = packs.words("according_to")
    according_opening = alternation({w[:1].upper() + w[1:] for w in according}, space=" ")
    bare = alternation(packs.words("bare_speech_verbs"), tails=dict.fromkeys(packs.words("addressee_verbs"), r"\s+\w+"))
    # Reported speech. Each pattern names the content and the attribution around it.
    indirect = (
        # "Psaki added that Blinken called for …"; "заявил, что …"
        re.compile(rf"^(?P<pre>.{{2,160}}?)\b(?P<verb>{verbs})(?:\s+\w+){{0,4}},?\s+(?:{that})\s+"
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
    `packs`: the language packs whose speech verbs and cues it reads (default: the built-in ones)."""

    def __init__(self, *, packs: LanguagePacks | None = None) -> None:
        self.packs = packs if packs is not None else default_language_packs()

    def find(self, article: Article) -> list[Quote]:
        index = MentionIndex(article)
        quotes: list[Quote] = []
        floor = 0
        for span in find_quote_spans(article, packs=self.packs):
            who = attribute(article, index, span.start, span.end, span.open_mark, span.close_mark, floor,
                            partial=span.kind == "partial", packs=self.packs)
            if who.span is None and who.speaker_name is None and span.kind == "direct" and quotes:
                who = self._continued(article, quotes[-1], span) or who
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
            ))
            floor = (span.close_mark + 1) if span.close_mark is not None else span.end
        return quotes

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
