"""Quotes as attributions: each quote span (`analyse.quote_spans`) gets its speaker, cue and content.

`QuoteFinder` then makes each quote an attribution (speaker, cue, content): the content is the whole
attributed statement — the reported clause around a few quoted words, both parts of a statement an
attribution interrupts ("…," said Smith. "…") — while `Quote.text` stays the quoted words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Literal

from storydiff.analyse.attribution import Reported, cue_words, find_reported
from storydiff.analyse.attribution_ru import russian_speakers
from storydiff.analyse.quote_spans import QuoteSpan, find_quote_spans, sentence_at, trim_span
from storydiff.analyse.speakers import Attribution, MentionIndex, attribute, attribute_source
from storydiff.analyse.syntax import parser_for
from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, Quote, Span

__all__ = ["QuoteFinder", "QuoteSpan", "find_quote_spans"]


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
        written: list[Attribution] = []
        quotes_only = self.attributions != "all"
        if quotes_only:
            # The parse only names speakers the words around leave unnamed: read those first, then
            # parse only the paragraphs of the quotes still without one (the parse is most of the time).
            written = self._written(article, index, spans, russian_speakers(article, index, spans, self.packs))
            unnamed = [s for s, w in zip(spans, written, strict=True) if _parse_may_name(s, w)]
            grammar, hints = self._grammar(article, index, spans, unnamed)
            parsed, grammar = grammar, {}  # the patterns' indirect speech stays as tuned
        else:
            grammar, hints = self._grammar(article, index, spans)
            parsed = grammar
        if grammar:
            # A headline's label ("Sanders: …") names who said all of it, whatever the parse finds inside.
            spans = sorted([s for s in spans if s.kind != "indirect" or s.label is not None
                            or not any(_overlap(s, g) for g in grammar)] + list(grammar), key=lambda s: s.start)
        russian = {} if quotes_only else russian_speakers(article, index, spans, self.packs)  # {} but for Russian
        floor = 0
        for n, span in enumerate(spans):
            if quotes_only:
                who = written[n]
            elif span in grammar:
                who = grammar[span]
            elif span.label is not None:
                who = self._labelled(article, index, span.label)
            else:
                who = attribute(article, index, span.start, span.end, span.open_mark, span.close_mark, floor,
                                partial=span.kind == "partial", packs=self.packs, indirect=span.kind == "indirect")
            who = russian.get(span, who)  # a Russian quote's speaker read from its parse
            if who.span is None and (read := parsed.get(span)) is not None and read.speaker_name is not None:
                who = read  # words before a cue as written give way to the clause's subject in the parse
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
        # A clause read from grammar that a quote in marks already carries as its content is that quote.
        carried = {tuple((c.start, c.end) for c in q.content) for q in joined if q.kind != "indirect"}
        joined = [q for q in joined if q.kind != "indirect" or ((q.start, q.end),) not in carried]
        return [replace(q, id=f"{article.id}-q{n}") for n, q in enumerate(joined)]

    def _written(self, article: Article, index: MentionIndex, spans: list[QuoteSpan],
                 russian: dict[QuoteSpan, Attribution]) -> list[Attribution]:
        """Each span's speaker as the words around it (or a Russian parse) name it, span by span: an
        attribution takes no words from the previous quote's."""
        out = []
        floor = 0
        for span in spans:
            if span.label is not None:
                who = self._labelled(article, index, span.label)
            else:
                who = attribute(article, index, span.start, span.end, span.open_mark, span.close_mark, floor,
                                partial=span.kind == "partial", packs=self.packs, indirect=span.kind == "indirect")
            out.append(russian.get(span, who))
            floor = (span.close_mark + 1) if span.close_mark is not None else span.end
        return out

    def _grammar(self, article: Article, index: MentionIndex, spans: list[QuoteSpan],
                 unnamed: list[QuoteSpan] | None = None,
                 ) -> tuple[dict[QuoteSpan, Attribution], dict[QuoteSpan, Attribution]]:
        """Indirect speech read from a parse of the paragraphs with a cue word, where the article's
        language has a parser: each attribution outside the quotes in marks, with its speaker; and
        for a quote in marks that a cue's complement takes in, that cue's speaker (a hint). With
        `unnamed` (reading quotes only), only the paragraphs of those spans are parsed."""
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
            if (not hints_only or any(q.start < p.end and p.start < q.end for q in quoted))
            and (unnamed is None or any(q.start < p.end and p.start < q.end for q in unnamed))
            and cue.search(p.text)
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
                    inside = sum(min(span.end, q.end) - max(span.start, q.start) for q in taken)
                    if inside * 2 > span.end - span.start:
                        continue  # a clause mostly in marks is that quote; a few words in marks leave it its own
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


def _parse_may_name(span: QuoteSpan, who: Attribution) -> bool:
    """Whether the parse could change this span's speaker (see `find`): it gives one only where the
    words name no mention; an indirect span may be a clause the parse reads, with its subject; words
    in marks take a cue's subject as a hint where the words name no one, or no capitalised name."""
    if who.span is not None:
        return False
    return span.kind == "indirect" or who.speaker_name is None or not who.speaker_name[:1].isupper()


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
    every = words.verbs | words.nouns | words.according | words.stances | words.holders | words.objects | words.naming
    return re.compile(rf"\b(?:{alternation(every)})\b", re.IGNORECASE)


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
    sentence = sentence_at(list(article.sentences), span.start)
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
    a, b = trim_span(text, lo, hi)
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
        # The dictionary forms match too: "По словам Нестерова" is Глеб Нестеров.
        same = words[-1].strip("’'s") == written.strip("’'s") or name.split()[-1:] == [who.speaker_name]
        if len(words) >= 2 and same:
            best = (a, b, name)
    if best is None:
        return who
    return Attribution((best[0], best[1]), best[2], who.verb, who.cue, who.pronoun)
