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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from storydiff.analyse.speakers import speech_verbs_pattern
from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, QuoteKind, Sentence

__all__ = ["QuoteSpan", "find_quote_spans", "sentence_at", "trim_span"]

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


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
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


def sentence_at(sentences: list[Sentence], position: int) -> Sentence | None:
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
                a, b = trim_span(text, start, mark.position)
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
    """`PENCE: We will …`: a paragraph opened by a speaker's name in capitals and a colon; a headline opened
    by a name and a colon names the quote in marks it holds (relabelled in `found`)."""
    out = []
    headline = _headline_span(article, found, lexicon)
    if headline is not None and headline.kind != "indirect":
        found[found.index(replace(headline, label=None))] = headline  # a quote in marks gets its label
    elif headline is not None:
        out.append(headline)
    # "Matthews: Well, …": names in title case open turns only in a transcript, where several do.
    turns = [m for p in article.paragraphs if (m := _TURN.match(p.text))
             and m.group("label").casefold().strip(" .") not in lexicon.not_labels]
    titled = len(turns) >= 3 and len({m.group("label") for m in turns}) < len(turns)
    for paragraph in article.paragraphs:
        match = _LABEL.match(paragraph.text) or (_TURN.match(paragraph.text) if titled else None)
        if not match or match.group("label").casefold().strip(" .") in lexicon.not_labels:
            continue
        start, end = paragraph.start + match.start("content"), paragraph.end
        if any(s.start < end and start < s.end for s in found):
            continue
        a, b = trim_span(article.text, start, end)
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
    word = match.group("label").casefold().strip(" .") if match else ""
    if not match or word in lexicon.not_labels and word not in lexicon.headline_sources:
        return None
    start, end = trim_span(article.text, first.start + match.start("content"), first.end)
    # Words in marks inside it ("McCain: Anger Appeals to ‘Bad Angels’") leave the rest its label's.
    inside = [s for s in found if s.start < end and start < s.end]
    quoted = sum(min(end, s.end) - max(start, s.start) for s in inside)
    label = (first.start + match.start("label"), first.start + match.end("label"))
    if end - start < 6:
        return None
    if quoted > (end - start) / 2:  # `Trump: ‘I’m the Worst Thing …’`: the label names the quote's speaker
        return replace(inside[0], label=label) if len(inside) == 1 and inside[0].label is None else None
    return QuoteSpan(start, end, None, None, "indirect", True, label=label)


# A headline's speaker: a few capitalised words ("Former AG Mukasey", "NY Post"), no clock time; after
# a tag in capitals ("EXCLUSIVE – ").
_HEADLINE = re.compile(
    r"^(?:[A-Z]{3,}\s+[–—-]+\s+)?(?P<label>[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5}):\s+(?P<content>\S[^\n]{5,200})$"
)
# "Matthews: Well, …": a transcript's turn in title case (read only where several paragraphs open so).
_TURN = re.compile(r"^(?P<label>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}):\s+(?P<content>\S.{8,})$", re.S)
_LABEL = re.compile(r"^(?P<label>[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\- ]{1,40}[A-ZА-ЯЁ.]):\s+(?P<content>\S.{8,})$", re.S)


def _span(text: str, sentences: list[Sentence], opening: _Mark, closing: _Mark | None, limit: int,
          lexicon: _QuoteWords) -> QuoteSpan:
    end = closing.position if closing is not None else limit
    start, stop = trim_span(text, opening.position + 1, end)
    sentence = sentence_at(sentences, start)
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
    headline_sources: frozenset[str]  # "Poll:" opening a headline: what the poll found


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
        headline_sources=frozenset(w.casefold() for w in packs.words("headline_sources")),
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
                a, b = trim_span(article.text, sentence.start + match.start("content"),
                             sentence.start + match.end("content"))
                out.append(QuoteSpan(a, b, None, None, "indirect", True))
                break
    return out
