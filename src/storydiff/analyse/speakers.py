"""Who said it: the speaker of a quote, from the words around it.

In the order news text uses them:
1. After the quote: `"…," White House press secretary Jen Psaki said`, `"…," said Helena Vasquez-Moore`,
   `«…», — сказала Васкес-Мур`, `…, the White House said on Thursday`.
2. Before it: `Orlova called the agreement "…"`, `Psaki added that …`, `calling for «…»` (a participle
   speaks for its clause's subject).
3. Neither: a quote paragraph right after an attributed quote continues it (the second paragraph of
   a statement), and inherits its speaker.
The speaker is the entity whose mention (a name, a title such as "the Secretary", or a pronoun the
entity stage resolved) stands in the attribution; otherwise the words as written, or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storydiff.models import Article, Entity

__all__ = ["SPEECH_VERBS", "Attribution", "MentionIndex", "attribute"]

SPEECH_VERBS = (
    r"(?:said|says|say|reported|told(?:\s+\w+)?|tells|added|adds|stressed|noted|warned|announced|stated|claimed|"
    r"insisted|admitted|declared|explained|argued|wrote|asked|replied|recalled|reiterated|urged|called|"
    r"calling|advocated|denied|confirmed|acknowledged|vowed|promised|appealed|demanded|accused|described|decided|"
    r"according\s+to|in\s+a\s+statement|in\s+the\s+words\s+of|обратил(?:ся|ась)|"
    r"сказал[аи]?|заявил[аи]?|сообщил[аи]?|отметил[аи]?|добавил[аи]?|подчеркнул[аи]?|признал[аи]?|"
    r"напомнил[аи]?|призвал[аи]?|уточнил[аи]?|пояснил[аи]?|по\s+словам|обещал[аи]?|решил[аи]?)"
)
_VERB = re.compile(rf"\b{SPEECH_VERBS}\b", re.IGNORECASE)
_AFTER = re.compile(
    rf"^[\s,.;:!?»”\"]*(?:[—–-]+\s*)?(?:(?P<v1>{SPEECH_VERBS})\b(?P<s1>[^.;\"“«]{{0,120}})|"
    rf"(?P<s2>[^.;\"“«»”]{{1,90}}?)\s+(?P<v2>{SPEECH_VERBS})\b)",
    re.IGNORECASE,
)
_PRONOUNS = {"he", "she", "they", "он", "она", "они"}


@dataclass(frozen=True)
class Attribution:
    speaker: str | None  # entity id
    speaker_name: str | None
    verb: str | None


class MentionIndex:
    """Entity mentions of one article by position: which entity stands where."""

    def __init__(self, article: Article, entities: tuple[Entity, ...]) -> None:
        self.items = sorted(
            (m.start, m.end, e.id, e.name, e.type)
            for e in entities for m in e.mentions if m.article_id == article.id
        )

    def within(
        self, start: int, end: int, types: tuple[str, ...] = ("PERSON", "ORG")
    ) -> list[tuple[int, int, str, str]]:
        return [(a, b, i, n) for a, b, i, n, t in self.items if start <= a and b <= end and t in types]


def _verb(text: str) -> str:
    words = text.casefold().split()
    return "told" if words[0] == "told" else " ".join(words)


def _written(region: str) -> str | None:
    """The speaker as written, when no entity stands there: "the general secretary of the bloc"."""
    words = re.sub(r"\s+", " ", region).strip(" ,—–-")
    if not words or words.casefold() in _PRONOUNS or len(words) > 80:
        return None
    return words


def _pick(index: MentionIndex, start: int, end: int, last: bool, text: str = "") -> tuple[str, str] | None:
    """The speaker among the mentions in a region: a full personal name before a bare word (in
    "министр энергетики Талворы Евгения Орлова" the country is not the speaker), a person before
    a body, then the one nearest the verb."""
    # "The Union's secretary general said": the speaker is the one the possessive points to.
    found = [f for f in index.within(start, end) if not (text and text[f[1] : f[1] + 2] in ("'s", "’s"))]
    if not found:
        return None
    people = [f for f in found if _is_person(index, f)]
    full = [f for f in people if text and " " in text[f[0] : f[1]].strip()]
    chosen = (full or people or found)[-1 if last else 0]
    return chosen[2], chosen[3]


def _is_person(index: MentionIndex, item: tuple[int, int, str, str]) -> bool:
    return any(a == item[0] and t == "PERSON" for a, _, _, _, t in index.items)


def _sentence_bounds(article: Article, position: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The sentence holding `position`, as the sentence splitter cut it (spliced headlines apart)."""
    for sentence in article.sentences:
        if sentence.start <= position <= sentence.end:
            return max(floor, sentence.start), min(ceiling, sentence.end)
    return max(floor, position), ceiling


def attribute(
    article: Article, index: MentionIndex, start: int, end: int, open_mark: int | None, close_mark: int | None,
    floor: int, partial: bool = False,
) -> Attribution:
    """`floor`: where the text this quote may draw on begins (the end of the previous quote).

    A partial quote belongs to the subject of the verb before it ("Brandt called the plan "a gamble",
    according to people at the meeting": Brandt's words, the meeting's report), so for partial quotes
    the text before is read first."""
    before = _attribute_before(article, index, start, open_mark, floor) if partial else None
    if before is not None and before.speaker_name is not None:
        return before
    text = article.text
    _, ceiling = _paragraph_bounds(article, start)
    # 1. After the quote.
    after = (close_mark + 1) if close_mark is not None else end
    _, sentence_end = _sentence_bounds(article, max(start, after - 1), after, ceiling)
    window = text[after:sentence_end] if sentence_end > after else ""
    # `…human rights.» He announced …`: a quote that ends its sentence is not attributed by the next one.
    ends_sentence = re.search(r"[.!?…]$", text[start:end]) and window.strip()[:1].isupper()
    match = None if ends_sentence else _AFTER.match(window)
    if match and not re.search(r"[\"“«]", window[: match.start("v1") if match.group("v1") else match.start("v2")]):
        if match.group("v1"):
            # "said Helena Vasquez-Moore, spokeswoman for …": the speaker ends at the first comma.
            s1 = match.group("s1").split(",")[0]
            verb, region = match.group("v1"), (after + match.start("s1"), after + match.start("s1") + len(s1))
            found = _pick(index, *region, last=False, text=text)
        else:
            verb, region = match.group("v2"), (after + match.start("s2"), after + match.end("s2"))
            found = _pick(index, *region, last=True, text=text)
        if found:
            return Attribution(found[0], found[1], _verb(verb))
        written = _written(text[region[0] : region[1]])
        if written and not _VERB.search(written):
            return Attribution(None, written, _verb(verb))
        if match.group("v2") and text[region[0] : region[1]].strip().casefold() in _PRONOUNS:
            return Attribution(None, None, _verb(verb))
    return before or _attribute_before(article, index, start, open_mark, floor)


def _paragraph_bounds(article: Article, position: int) -> tuple[int, int]:
    paragraph = next((p for p in article.paragraphs if p.start <= position <= p.end), None)
    return (paragraph.start, paragraph.end) if paragraph else (0, len(article.text))


def _attribute_before(article: Article, index: MentionIndex, start: int, open_mark: int | None,
                      floor: int) -> Attribution:
    """2. Before the quote, in its own sentence."""
    text = article.text
    paragraph_start, ceiling = _paragraph_bounds(article, start)
    before_end = open_mark if open_mark is not None else start
    sentence_start, _ = _sentence_bounds(article, before_end, max(floor, paragraph_start), ceiling)
    before = text[sentence_start:before_end]
    verbs = list(_VERB.finditer(before))
    if verbs:
        verb = verbs[-1]
        if verb.group(0).casefold().endswith("ing"):
            found = _pick(index, sentence_start, sentence_start + verb.start(), last=False, text=text)  # the subject
        else:
            found = _pick(index, sentence_start, sentence_start + verb.start(), last=True, text=text)
            found = found or _pick(index, sentence_start + verb.end(), before_end, last=False, text=text)
        if found:
            return Attribution(found[0], found[1], _verb(verb.group(0)))
        written = _written(before[: verb.start()])
        if written and len(written.split()) <= 8 and not _VERB.search(written):
            return Attribution(None, written, _verb(verb.group(0)))
        return Attribution(None, None, _verb(verb.group(0)))
    return Attribution(None, None, None)
