"""Who said it: the speaker of a quote, from the words around it.

In the order news text uses them:
1. After the quote: `"…," White House press secretary Jen Psaki said`, `"…," said Helena Vasquez-Moore`,
   `«…», — сказала Васкес-Мур`, `…, the White House said on Thursday`.
2. Before it: `Orlova called the agreement "…"`, `Psaki added that …`, `calling for «…»` (a participle
   speaks for its clause's subject).
3. Neither: a quote paragraph right after an attributed quote continues it (the second paragraph of
   a statement), and inherits its speaker.
The speaker is the mention (a name, a title such as "the Secretary", or a pronoun the entity stage
resolved) that stands in the attribution; otherwise the words as written, or unknown. This is per
article: the story stage (`compare.speakers`) maps the mention to the story's entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article

__all__ = [
    "SPEECH_VERBS", "Attribution", "MentionIndex", "attribute", "attribute_source", "masked", "speech_verbs_pattern",
]


@lru_cache(maxsize=8)
def speech_verbs_pattern(packs: LanguagePacks) -> str:
    """Every pack's speech verbs as one non-capturing group: "said", "told reporters" (a verb of
    `addressee_verbs` may take the one spoken to), "according to", "по словам"."""
    tails = dict.fromkeys(packs.words("addressee_verbs"), r"(?:\s+\w+)?")
    return f"(?:{alternation(packs.words('speech_verbs'), tails=tails)})"


# The built-in packs' speech verbs (what `speech_verbs_pattern(default_language_packs())` gives).
SPEECH_VERBS = speech_verbs_pattern(default_language_packs())


_TITLE_OPENERS = frozenset(w.casefold() for w in default_language_packs().words("articles"))
_QUOTE_MARK = re.compile(r"[\"“”«»„]")


@dataclass(frozen=True)
class _Speech:
    verb: re.Pattern[str]
    verb_or_belief: re.Pattern[str]  # for reported content: speech verbs and "believes", "found"
    after: re.Pattern[str]
    dash: re.Pattern[str]  # `"…" ― Name, title`: a dash and the speaker, no verb
    pronouns: frozenset[str]
    conjunctions: frozenset[str]  # "And he said": not part of the speaker
    addressee_verbs: frozenset[str]
    participle_endings: tuple[str, ...]
    according: frozenset[str]
    abbreviation_dot: re.Pattern[str]  # "Mr." "Sen." "L." "(D-Wis.)": a full stop that ends no sentence


@lru_cache(maxsize=8)
def _speech(packs: LanguagePacks) -> _Speech:
    verbs = speech_verbs_pattern(packs)
    after = re.compile(
        rf"^[\s,.;:!?»”\"]*(?:[—–-]+\s*)?(?:(?P<v1>{verbs})\b(?P<s1>[^.;\"“«]{{0,120}})|"
        rf"(?P<s2>[^.;\"“«»”]{{1,120}}?)\s+(?P<v2>{verbs})\b)",
        re.IGNORECASE,
    )
    short = alternation({w.casefold() for w in packs.words("honorifics") | packs.words("abbreviations")})
    return _Speech(
        # "so-called" is no cue: a verb never follows a hyphen.
        verb=re.compile(rf"(?<![\w-]){verbs}\b", re.IGNORECASE),
        verb_or_belief=re.compile(rf"(?<![\w-])(?:{verbs}|{alternation(packs.words('belief_verbs'))})\b",
                                  re.IGNORECASE),
        after=after,
        dash=re.compile(r"^[\s,]*(?:[—―–]|--)\s*(?P<s>[A-Z][^\"“«»”\n]{1,100}?)[\s.]*$"),
        pronouns=frozenset(w.casefold() for w in packs.words("pronouns")),
        conjunctions=frozenset(w.casefold() for w in packs.words("clause_conjunctions")),
        addressee_verbs=frozenset(w.casefold() for w in packs.words("addressee_verbs")),
        participle_endings=tuple(sorted(packs.words("participle_endings"))),
        according=frozenset(w.casefold() for w in packs.words("according_to") | packs.words("source_after_cues")),
        abbreviation_dot=re.compile(rf"(?i:\b(?:{short}))\.|\b[A-Z]\.(?=\s*[A-Z])|\.(?=[^()\s]{{0,8}}\))"
                                    r"|(?<=\bU)\.(?=S\.)|(?<=\bU\.S)\."),
    )


def masked(text: str, packs: LanguagePacks | None = None) -> str:
    """The text with the full stops of abbreviations, initials and party-state tags ("Mr.", "Sen.",
    "Mary L. Smith", "(D-Wis.)", "U.S.") replaced by a middle dot: same offsets, no sentence ends."""
    speech = _speech(packs if packs is not None else default_language_packs())
    return speech.abbreviation_dot.sub(lambda m: m.group(0).replace(".", "\u2024"), text)


@dataclass(frozen=True)
class Attribution:
    span: tuple[int, int] | None  # the speaker's mention, offsets into Article.text
    speaker_name: str | None
    verb: str | None
    cue: tuple[int, int] | None = None  # the cue's offsets ("said", "told reporters", "according to")
    pronoun: bool = False  # the speaker is a pronoun the text does not resolve here ("he added")


class MentionIndex:
    """The article's mentions by position: which name stands where."""

    def __init__(self, article: Article, packs: LanguagePacks | None = None) -> None:
        self.items = sorted((m.start, m.end, m.normal, m.type) for m in article.mentions)
        self.masked = masked(article.text, packs)

    def within(self, start: int, end: int, types: tuple[str, ...] = ("PERSON", "ORG")) -> list[tuple[int, int, str]]:
        return [(a, b, n) for a, b, n, t in self.items if start <= a and b <= end and t in types]


def _verb(text: str, speech: _Speech) -> str:
    words = text.casefold().split()
    return words[0] if words[0] in speech.addressee_verbs else " ".join(words)  # "told reporters": told


def _written(region: str, speech: _Speech) -> str | None:
    """The speaker as written, when no entity stands there: "the general secretary of the bloc"."""
    words = re.sub(r"\s+", " ", region).strip(" ,—–-")
    if not words or _bare(words, speech) in speech.pronouns or len(words) > 120:
        return None
    return words


def _bare(region: str, speech: _Speech) -> str:
    """The words of a would-be speaker without a conjunction before them ("And he" -> "he")."""
    words = region.strip().casefold().split()
    while len(words) > 1 and words[0] in speech.conjunctions:
        words = words[1:]
    return " ".join(words)


def _pick(index: MentionIndex, start: int, end: int, last: bool, text: str = "") -> tuple[int, int, str] | None:
    """The speaker among the mentions in a region: a full personal name before a bare word (in
    "министр энергетики Талворы Евгения Орлова" the country is not the speaker), a person before
    a body, then the one nearest the verb."""
    # "The Union's secretary general said": the speaker is the one the possessive points to.
    found = [f for f in index.within(start, end) if not (text and text[f[1] : f[1] + 2] in ("'s", "’s"))]
    if not found:
        return None
    people = [f for f in found if _is_person(index, f)]
    # A full name, not a title ("The Prime Minister of Oskeria Mehmet Aydın": Aydın).
    full = [f for f in people if text and " " in text[f[0] : f[1]].strip()
            and text[f[0] : f[1]].split()[0].casefold() not in _TITLE_OPENERS]
    return (full or people or found)[-1 if last else 0]


def _subject_region(text: str, start: int, end: int) -> tuple[int, int]:
    """The words right before a verb that can be its subject: after the last comma ("In an interview
    with Ann Lee, the senator said": the senator), but across an appositive ("Smith, 45, said")."""
    marks = list(_QUOTE_MARK.finditer(text, start, end))
    if marks:  # a speaker never runs back over a quote mark (a broken quote, a spliced headline)
        start = marks[-1].end()
    chunk = text[start:end].rstrip()
    if chunk.endswith(","):  # "Smith, a senator from Ohio, said": the appositive and the name before it
        inner = chunk[:-1]
        cut = inner.rfind(",")
        if cut < 0:
            return start, end
        earlier = inner.rfind(",", 0, cut)
        return start + earlier + 1, end
    cut = chunk.rfind(",")
    return (start + cut + 1, end) if cut >= 0 else (start, end)


def _first_name_chunk(region: str) -> str:
    """"Cruz, leading narrowly in the polls," -> "Cruz": a capitalised name before an appositive."""
    head = region.strip().split(",")[0].strip()
    return head if "," in region.strip() and head[:1].isupper() and len(head.split()) <= 5 else region


def _is_person(index: MentionIndex, item: tuple[int, int, str]) -> bool:
    return any(a == item[0] and t == "PERSON" for a, _, _, t in index.items)


def _sentence_bounds(article: Article, position: int, floor: int, ceiling: int) -> tuple[int, int]:
    """The sentence holding `position`, as the sentence splitter cut it (spliced headlines apart)."""
    for sentence in article.sentences:
        if sentence.start <= position <= sentence.end:
            return max(floor, sentence.start), min(ceiling, sentence.end)
    return max(floor, position), ceiling


def attribute(
    article: Article, index: MentionIndex, start: int, end: int, open_mark: int | None, close_mark: int | None,
    floor: int, partial: bool = False, *, packs: LanguagePacks | None = None, indirect: bool = False,
) -> Attribution:
    """`floor`: where the text this quote may draw on begins (the end of the previous quote).

    A partial quote belongs to the subject of the verb before it ("Brandt called the plan "a gamble",
    according to people at the meeting": Brandt's words, the meeting's report), so for partial quotes
    the text before is read first."""
    speech = _speech(packs if packs is not None else default_language_packs())
    before = _attribute_before(article, index, start, open_mark, floor, speech) if partial else None
    if before is not None and before.speaker_name is not None:
        return before
    text = article.text
    _, ceiling = _paragraph_bounds(article, start)
    # 1. After the quote.
    after = (close_mark + 1) if close_mark is not None else end
    _, sentence_end = _sentence_bounds(article, max(start, after - 1), after, ceiling)
    # A full stop after an abbreviation or initial ("Mr. Smith said") ends no attribution.
    stop = re.search(r"[.!?](?:\s|$)", index.masked[after:ceiling])
    sentence_end = max(sentence_end, min(ceiling, after + stop.start() + 1) if stop else ceiling)
    window = index.masked[after:sentence_end] if sentence_end > after else ""
    dash = speech.dash.match(window) if close_mark is not None else None
    if dash:  # `"…" ― Jane Doe, a voter in Ohio`
        region = (after + dash.start("s"), after + dash.start("s") + len(dash.group("s").split(",")[0]))
        found = _pick(index, *region, last=False, text=text)
        if found:
            return Attribution((found[0], found[1]), found[2], None)
        written = _written(text[region[0] : region[1]], speech)
        if written:
            return Attribution(None, written, None)
    # `…human rights.» He announced …`: a quote that ends its sentence is not attributed by the next one.
    ends_sentence = re.search(r"[.!?…]$", text[start:end]) and window.strip()[:1].isupper()
    match = speech.after.match(window)
    if ends_sentence and match and (match.group("v1") or len(window[match.end():].split()) > 6):
        match = None  # ... unless that sentence is only the attribution: `"Is it a bribe?" Trump asked.`
    if match and not re.search(r"[\"“«]", window[: match.start("v1") if match.group("v1") else match.start("v2")]):
        if match.group("v1"):
            # "said Helena Vasquez-Moore, spokeswoman for …": the speaker ends at the first comma.
            s1 = match.group("s1").split(",")[0]
            verb, region = match.group("v1"), (after + match.start("s1"), after + match.start("s1") + len(s1))
            cue = (after + match.start("v1"), after + match.end("v1"))
            found = _pick(index, *region, last=False, text=text)
        else:
            verb = match.group("v2")
            region = _subject_region(text, after + match.start("s2"), after + match.end("s2"))
            cue = (after + match.start("v2"), after + match.end("v2"))
            found = _pick(index, *region, last=True, text=text)
        if found:
            return Attribution((found[0], found[1]), found[2], _verb(verb, speech), cue)
        if _bare(text[region[0] : region[1]], speech) in speech.pronouns:
            return Attribution(None, None, _verb(verb, speech), cue, pronoun=True)
        written = _written(text[region[0] : region[1]], speech)
        if written and not speech.verb.search(written):
            return Attribution(None, written, _verb(verb, speech), cue)
    return before or _attribute_before(article, index, start, open_mark, floor, speech, indirect)


def _paragraph_bounds(article: Article, position: int) -> tuple[int, int]:
    paragraph = next((p for p in article.paragraphs if p.start <= position <= p.end), None)
    return (paragraph.start, paragraph.end) if paragraph else (0, len(article.text))


def _attribute_before(article: Article, index: MentionIndex, start: int, open_mark: int | None,
                      floor: int, speech: _Speech, indirect: bool = False) -> Attribution:
    """2. Before the quote, in its own sentence, or in the sentence before when that one ends with
    its cue ("Sam Lau said in a statement. "…"", "As Smith put it: "…"")."""
    text = article.text
    paragraph_start, ceiling = _paragraph_bounds(article, start)
    before_end = open_mark if open_mark is not None else start
    sentence_start, _ = _sentence_bounds(article, before_end, max(floor, paragraph_start), ceiling)
    before = index.masked[sentence_start:before_end]
    verbs = list((speech.verb_or_belief if indirect else speech.verb).finditer(before))
    if not verbs and not before.strip() and sentence_start > max(floor, paragraph_start):
        previous, _ = _sentence_bounds(article, sentence_start - 2, max(floor, paragraph_start), ceiling)
        lead = index.masked[previous:sentence_start]
        verbs = [v for v in speech.verb.finditer(lead)
                 if re.fullmatch(r"(?:\s+[\w’'-]+){0,4}\s*[.:]\s*", lead[v.end():])]
        if verbs:
            sentence_start, before = previous, lead
    if verbs:
        verb = verbs[-1]
        cue = (sentence_start + verb.start(), sentence_start + verb.end())
        words = _verb(verb.group(0), speech)
        according = any(verb.group(0).casefold().startswith(a) for a in speech.according)
        subject = _subject_region(text, sentence_start, sentence_start + verb.start())
        if verb.group(0).casefold().endswith(speech.participle_endings):  # "calling for": a participle
            found = _pick(index, sentence_start, sentence_start + verb.start(), last=False, text=text)  # the subject
        else:
            found = _pick(index, *subject, last=True, text=text)
            if according or not text[subject[0] : subject[1]].strip():  # "According to police", not an object
                found = found or _pick(index, sentence_start + verb.end(), before_end, last=False, text=text)
        if found:
            return Attribution((found[0], found[1]), found[2], words, cue)
        if according:  # "According to police, …": the source follows the cue
            source = re.split(r"[,:]", text[cue[1] : before_end])[0]
            written = _written(source, speech)
            if written:
                return Attribution(None, written, words, cue)
        region = text[subject[0] : subject[1]]
        if _bare(region, speech) in speech.pronouns:
            return Attribution(None, None, words, cue, pronoun=True)
        written = _written(_first_name_chunk(region), speech)
        if written and len(written.split()) <= 12 and not speech.verb.search(written):
            return Attribution(None, written, words, cue)
        return Attribution(None, None, words, cue)
    return Attribution(None, None, None)



def _clipped(article: Article, source: tuple[int, int], anchor: tuple[int, int]) -> tuple[int, int]:
    """The source's words within one sentence and between quote marks, on the side of its head word: a
    parse of broken text may hang a stray quote mark or a run-in headline on the subject."""
    a, b = source
    sentence = next((s for s in article.sentences if s.start <= anchor[0] < s.end), None)
    if sentence is not None:
        a, b = max(a, sentence.start), min(b, sentence.end)
    text = article.text
    marks = [m.start() for m in _QUOTE_MARK.finditer(text, a, b)]
    a = max([a, *[m + 1 for m in marks if m < anchor[0]]])
    b = min([b, *[m for m in marks if m >= anchor[1]]])
    return (a, b) if a < b else source


def attribute_source(article: Article, index: MentionIndex, source: tuple[int, int] | None,
                     head: tuple[int, int] | None, cue: tuple[int, int], *,
                     packs: LanguagePacks | None = None) -> Attribution:
    """The speaker of an attribution read from grammar: the mention at the subject's head word
    ("Sen. Ted Cruz (R-Texas)": Ted Cruz), else one inside the subject, else its words as written; a
    pronoun is left for the caller to resolve (`pronoun=True`)."""
    speech = _speech(packs if packs is not None else default_language_packs())
    text = article.text
    verb = _verb(text[cue[0] : cue[1]], speech)
    if source is None:
        return Attribution(None, None, verb, cue)
    source = _clipped(article, source, head or cue)
    if head is not None:
        at_head = [(a, b, n) for a, b, n, t in index.items if a < head[1] and head[0] < b and t in ("PERSON", "ORG")]
        if at_head:
            a, b, name = at_head[-1]
            if text[a:b].split()[0].casefold() in _TITLE_OPENERS:  # "The Prime Minister of X Jane Doe": Doe
                a, b, name = ([(a, b, name)] + index.within(b, source[1], ("PERSON",)))[-1]
            return Attribution((a, b), name, verb, cue)
    found = _pick(index, *source, last=False, text=text)
    if found:
        return Attribution((found[0], found[1]), found[2], verb, cue)
    written = text[source[0] : source[1]]
    if _bare(written, speech) in speech.pronouns:
        return Attribution(None, None, verb, cue, pronoun=True)
    words = _written(written, speech)
    if words and len(words.split()) <= 12:
        return Attribution(None, words, verb, cue)
    return Attribution(None, None, verb, cue)
