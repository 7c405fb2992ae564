"""Reported speech from grammar: the cue, its subject (the source) and what it reports (the content).

Read from a dependency parse (`analyse.syntax`), in the forms news text uses:
- a cue verb and its complement: "X said (that) <clause>", "X told reporters <clause>", "X denied the
  report", "X called the plan "a gamble"", "X declined to comment", "<clause>, X said";
  a participle speaks for its clause's subject ("…, adding that <clause>", "without naming her");
  an object keeps what the parser hung on the verb after it ("cast X as part of Y");
- "As the Post reported, <clause>": the clause the cue qualifies; "(when) asked whether …": no asker;
- "according to X, <clause>" and "<clause>, according to X": the source follows the cue;
- a noun that names where it was said: "In a statement, <clause>"; "In a new poll, <clause>";
- a noun that carries content: "X's claim that <clause>";
- a stance noun and its object: "X's support for Y", "X came out in support of Y", "critics of Y",
  "X has the backing of Y" (Y's stance on X); an object that makes any verb a stance: "X took a shot at Y";
- a naming participle: "the contests known as Super Tuesday" (the noun with its name, no source).
Cues are the language packs' words (`speech_verbs`, `belief_verbs`, `stance_verbs`, `cue_nouns`,
`stance_nouns`, `stance_agent_nouns`, `stance_objects`, `naming_participles`), every form listed, so no
lemmatiser is needed. The result is offsets only: `QuoteFinder` turns each into an
indirect quote and finds the speaker's mention in the subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storydiff.analyse.syntax import Token
from storydiff.lang import LanguagePacks

__all__ = ["CueWords", "Reported", "cue_words", "find_reported"]

# Dependents of a cue verb that hold what it reports; "prep" only with the prepositions below.
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "obj"})
_OBJECT_PREPOSITIONS = frozenset({"for", "about", "against", "to", "of", "on", "at", "with", "over"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
# A participle's subject is its head's ("…, adding that", "without naming her", "by talking about").
_PASS_ON = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep"})
# After an object, the verb's dependents that complete it ("as part of …", "to help …"), unless time.
_OBJECT_REST = frozenset({"prep", "oprd", "xcomp", "advcl", "acomp", "ccomp", "dative"})
_TIME_PREPOSITIONS = frozenset({"on", "during", "after", "before", "since", "until", "at", "by"})
_WH_WORDS = frozenset({"how", "what", "why", "whether", "where", "when", "who"})
_PHRASE_PREPOSITIONS = frozenset({"at", "for", "against", "with", "of", "on"})
_NOUN_OBJECT_PREPOSITIONS = frozenset({"for", "of", "to", "against"})
_EMPTY_OBJECTS = frozenset({"it", "this", "that", "so", "something", "anything", "nothing", "what", "which", "one"})
_PUNCT = " \t\n,;:.!?—–-\"“”«»'‘’()"
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "„", "``", "''"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD", "TO"})


@dataclass(frozen=True)
class Reported:
    """One attribution read from grammar, as offsets into the parsed text."""

    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None  # the subject's words (a name, a pronoun, a description)
    source_head: tuple[int, int] | None  # its head word: where to look for the speaker's mention
    cue_text: str


@dataclass(frozen=True)
class CueWords:
    verbs: frozenset[str]  # any cue verb form, lower case
    speech: frozenset[str]  # speech verbs only: "said on Thursday" takes no object from "on"
    nouns: frozenset[str]
    according: frozenset[str]  # first words of "according to", lower case
    stances: frozenset[str]  # "support (for)": the owner holds it
    holders: frozenset[str]  # "supporters (of)": the noun holds it
    held_by_of: frozenset[str]  # "has the support of X": X holds it
    objects: frozenset[str]  # "took a shot at X": the object that makes any verb a cue
    naming: frozenset[str]  # "the contests known as X", "the plan, billed as X"
    times: frozenset[str]  # "at midnight", "on the eve of": when, not what
    addressed: frozenset[str]  # "told CNN": the object is the one spoken to
    asked: frozenset[str]  # passive participles that report a question: "when asked whether …"


@lru_cache(maxsize=8)
def cue_words(packs: LanguagePacks) -> CueWords:
    one_word = {w.casefold() for w in packs.words("speech_verbs") | packs.words("belief_verbs") if " " not in w}
    return CueWords(
        verbs=frozenset(one_word | {w.casefold() for w in packs.words("stance_verbs")}),
        speech=frozenset(w.casefold() for w in packs.words("speech_verbs") if " " not in w),
        nouns=frozenset(w.casefold() for w in packs.words("cue_nouns") if " " not in w),
        according=frozenset(w.split()[0].casefold() for w in packs.words("according_to")),
        stances=frozenset(w.casefold() for w in packs.words("stance_nouns")),
        holders=frozenset(w.casefold() for w in packs.words("stance_agent_nouns")),
        held_by_of=frozenset(w.casefold() for w in packs.words("stance_nouns_held_by_of")),
        objects=frozenset(w.casefold() for w in packs.words("stance_objects")),
        naming=frozenset(w.casefold() for w in packs.words("naming_participles")),
        times=frozenset(w.casefold() for w in packs.words("time_nouns")),
        addressed=frozenset(w.casefold() for w in packs.words("addressee_cues")),
        asked=frozenset(w.casefold() for w in packs.words("question_participles")),
    )


class _Tree:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = list(tokens)
        base = self.tokens[0].i if self.tokens else 0
        self.base = base
        self.children: dict[int, list[Token]] = {}
        for t in self.tokens:
            if t.head != t.i:
                self.children.setdefault(t.head, []).append(t)
        self._spans: dict[int, tuple[int, int]] = {}

    def token(self, i: int) -> Token:
        return self.tokens[i - self.base]

    def kids(self, t: Token, deps: frozenset[str] | None = None) -> list[Token]:
        return [c for c in self.children.get(t.i, []) if deps is None or c.dep in deps]

    def span(self, t: Token) -> tuple[int, int]:
        """Token indices (first, last) of t's subtree."""
        if t.i not in self._spans:
            lo = hi = t.i
            for c in self.kids(t):
                a, b = self.span(c)
                lo, hi = min(lo, a), max(hi, b)
            self._spans[t.i] = (lo, hi)
        return self._spans[t.i]

    def chars(self, first: int, last: int) -> tuple[int, int]:
        return self.token(first).start, self.token(last).end

    def head(self, t: Token) -> Token | None:
        return None if t.head == t.i else self.token(t.head)


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _PUNCT:
        a += 1
    while b > a and text[b - 1] in _PUNCT:
        b -= 1
    if text[a:b].casefold().startswith("that ") and b - a > 12:
        a += 5  # "said that …": the content is the clause, not its conjunction
    return a, b


def _subject(tree: _Tree, verb: Token) -> Token | None:
    """The verb's subject; a participle's or a second predicate's is its head's ("…, adding that")."""
    t: Token | None = verb
    for _ in range(4):
        if t is None:
            return None
        found = tree.kids(t, _SUBJECTS)
        if found:
            subject = found[0]
            if subject.text.casefold() in ("who", "that", "which") and t.dep == "relcl":
                return tree.head(t)  # "Smith, who said …": Smith
            return subject
        if t.dep == "acl" and t.tag == "VBG" and (head := tree.head(t)) is not None and head.pos in ("PROPN", "NOUN"):
            return head  # "footage of Trump talking about the wall": the noun it describes
        if t.dep not in _PASS_ON:
            return None
        t = tree.head(t)
    return None


def _source(tree: _Tree, subject: Token | None) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    if subject is None:
        return None, None
    first, last = tree.span(subject)
    # An appositive or relative clause after the name is no part of where the name stands.
    for c in tree.kids(subject, frozenset({"appos", "relcl", "acl", "punct"})):
        if c.i > subject.i:
            last = min(last, tree.span(c)[0] - 1)
    last = max(last, subject.i)
    compounds = [c for c in tree.kids(subject, frozenset({"compound", "flat"})) if c.i < subject.i]
    head_first = min([subject.i, *[c.i for c in compounds]])
    # A speaker's words never run back over a quote mark, a sentence end or a verb: before the name
    # those are a broken quote or a run-in headline ("«Ecologists promise to go to court Ecologists of …"),
    # so nothing before the name itself is trusted.
    if any(
        t.text in _QUOTE_MARKS or t.text in (".", "!", "?") or t.tag in _VERB_TAGS
        for t in tree.tokens[first - tree.base : subject.i - tree.base]
    ):
        head_first = subject.i
        while (before := head_first - 1) in {c.i for c in compounds} and tree.token(before).text[:1].isupper():
            head_first = before
        first = head_first
    for t in tree.tokens[subject.i - tree.base + 1 : last - tree.base + 1]:
        if t.text in _QUOTE_MARKS:
            last = t.i - 1
            break
    return tree.chars(first, last), tree.chars(head_first, subject.i)


def _verb_content(tree: _Tree, verb: Token, words: CueWords) -> tuple[int, int] | None:
    """Token indices of what a cue verb reports: its complements on one side of it."""
    parts = [c for c in tree.kids(verb, _COMPLEMENTS)]
    low = verb.text.casefold()
    for c in tree.kids(verb, frozenset({"prep"})):
        # "called for a ban", "accused him of lying", "took aim at"; never "said on Thursday".
        if c.i < verb.i:
            continue
        word = c.text.casefold()
        if word in ("on", "at", "in") and any(o.text.casefold() in words.times for o in tree.kids(c)):
            continue  # "talked at midnight", "on multiple occasions": when, not what
        if word in _OBJECT_PREPOSITIONS and low not in words.speech or word in ("for", "about", "against", "of"):
            parts.append(c)
    if parts:  # "said the city needs …, but that he would not …": a second clause of the same cue
        parts += [c for c in tree.kids(verb, frozenset({"conj"})) if c.i > verb.i and _marked(tree, c, "that")]
    for c in tree.kids(verb, frozenset({"advcl"})):
        marks = {m.text.casefold() for m in tree.kids(c, frozenset({"mark"}))}
        if marks & {"if", "whether"} or "for" in marks and c.i > verb.i:
            parts.append(c)  # "asked if …"; "called for the US to step up …"
    if verb.dep == "parataxis":  # "<clause>, he said": the parser hangs the verb on the clause
        head = tree.head(verb)
        if head is not None and head.i < verb.i:
            first, _ = tree.span(head)
            return (first, tree.span(verb)[0] - 1) if tree.span(verb)[0] > first else None
    if not parts and low in words.speech:
        # "said on Friday during a news conference that …": the parser hung the clause on a noun.
        first, last = tree.span(verb)
        for t in tree.tokens[verb.i - tree.base + 1 : last - tree.base + 1]:
            if t.dep in ("ccomp", "acl", "advcl", "relcl") and any(
                m.text.casefold() == "that" and m.i < t.i for m in tree.kids(t, frozenset({"mark"}))
            ):
                return tree.span(t)
    if not parts:
        return None
    after = [p for p in parts if p.i > verb.i]
    before = [p for p in parts if p.i < verb.i and p.dep == "ccomp"]
    side = before if before and (not after or all(p.dep != "ccomp" for p in after)) else after
    clause = [p for p in side if p.dep == "ccomp" and p.i > verb.i]
    if clause and low in words.speech:  # "told reporters the budget was balanced": not the addressee
        side = [p for p in side if p.i >= clause[0].i]
    if not side or low in words.addressed and all(p.dep in ("dobj", "obj", "dative") for p in side):
        return None  # "Lee told CNN": the one spoken to, not what was said
    # "called for a ban": the content is the preposition's object, not the preposition.
    spans = [(p.i + 1, tree.span(p)[1]) if p.dep == "prep" and tree.span(p)[1] > p.i else tree.span(p) for p in side]
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    if first == last and tree.token(first).text.casefold() in _EMPTY_OBJECTS and low in words.speech:
        return None  # "said so", "said it": no content of its own (a stance on "it" is one: "denied it")
    if all(p.dep in ("dobj", "obj") for p in side) and first > verb.i:
        last = _object_rest(tree, verb, last)
    return first, _and_how(tree, last) if first > verb.i else last


def _and_how(tree: _Tree, last: int) -> int:
    """ "talk about the border and how it changed": a question clause joined to the content, wherever
    the parser hung it."""
    end = tree.base + len(tree.tokens) - 1
    if last + 2 > end or tree.token(last + 1).text.casefold() not in ("and", "or"):
        return last
    wh = tree.token(last + 2)
    clause = tree.head(wh)
    if wh.text.casefold() not in _WH_WORDS or clause is None or clause.dep != "conj":
        return last
    return max(last, tree.span(clause)[1])


def _object_rest(tree: _Tree, verb: Token, last: int) -> int:
    """An object's complement the parser hung on the verb belongs to what is reported: "cast the
    Clintons as part of the establishment", "proposed $1 billion in funds to help states"."""
    for c in sorted(tree.kids(verb), key=lambda k: k.i):
        if c.i <= last:
            continue
        if c.dep not in _OBJECT_REST or tree.token(c.i - 1).text in ",;:—–(":
            break
        if c.dep == "advcl" and any(m.dep in ("mark", "advmod") and m.i < c.i for m in tree.kids(c)):
            break  # "…, when asked", "…, because it failed": circumstances, not content
        if c.text.casefold() not in _TIME_PREPOSITIONS:  # "on Monday" only inside: "blasted X on Monday over Y"
            last = tree.span(c)[1]
    return last


def _marked(tree: _Tree, t: Token, word: str) -> bool:
    return any(m.text.casefold() == word for m in tree.kids(t, frozenset({"mark"})))


def _clause_without(tree: _Tree, anchor: Token, cut: tuple[int, int]) -> tuple[int, int] | None:
    """The clause `anchor` belongs to (its root's words) without the words `cut`: the larger side."""
    root = anchor
    while (up := tree.head(root)) is not None:
        root = up
    first, last = tree.span(root)
    left = (first, cut[0] - 1) if cut[0] > first else None
    right = (cut[1] + 1, last) if cut[1] < last else None
    sides = [s for s in (left, right) if s is not None and s[1] >= s[0]]
    return max(sides, key=lambda s: s[1] - s[0]) if sides else None


def _phrase_object(tree: _Tree, verb: Token, words: CueWords) -> tuple[Token, Token] | None:
    """(preposition, its object) after a verb's object that makes the verb a stance: "took a shot at X"."""
    for o in tree.kids(verb, frozenset({"dobj", "obj"})):
        if o.i < verb.i or o.text.casefold() not in words.objects:
            continue
        preps = sorted(tree.kids(o, frozenset({"prep"})) + tree.kids(verb, frozenset({"prep"})), key=lambda k: k.i)
        for p in preps:
            objects = tree.kids(p, frozenset({"pobj", "pcomp"}))
            timely = bool(objects) and objects[0].text.casefold() in words.times  # "made the case for weeks"
            if p.i > o.i and p.text.casefold() in _PHRASE_PREPOSITIONS and objects and not timely:
                return p, objects[0]
    return None


def _named(tree: _Tree, participle: Token) -> Token | None:
    """The noun a naming participle describes, with its "as" ("known as X", "referred to as X"):
    the whole "the string of contests", not only "contests"."""
    if not any(p.text.casefold() == "as" for p in tree.kids(participle, frozenset({"prep"}))):
        return None  # "arms, considered sacrosanct": a judgement of the noun, not its name
    noun = tree.head(participle)
    if noun is None or noun.pos not in ("NOUN", "PROPN"):
        return None
    while noun.dep == "pobj" and (of := tree.head(noun)) is not None and of.text.casefold() == "of":
        up = tree.head(of)
        if up is None or up.pos != "NOUN":
            break
        noun = up
    return noun


def _holder(tree: _Tree, noun: Token, holds: bool) -> Token | None:
    """Who holds a stance noun's stance: its owner ("Lee's support for"); the one it stands for
    ("Lee, a critic of", "Lee is a critic of"); the noun itself ("critics of …"); else the subject of
    the verb it hangs on ("Lee came out in support of")."""
    owner = tree.kids(noun, frozenset({"poss"}))
    if owner:
        return owner[0]
    head = tree.head(noun)
    if noun.dep == "appos" and head is not None:
        return head
    if noun.dep == "attr" and head is not None:
        return _subject(tree, head)
    if holds:
        return noun
    t = noun
    while t.dep in ("pobj", "dobj", "obj", "prep") and (up := tree.head(t)) is not None:
        if up.pos in ("VERB", "AUX"):
            return _subject(tree, up)
        t = up
    return None


def find_reported(text: str, tokens: Sequence[Token], packs: LanguagePacks) -> list[Reported]:
    """Every attribution the parse of `text` shows. `tokens`: one parse, offsets into `text`."""
    if not tokens:
        return []
    words = cue_words(packs)
    tree = _Tree(tokens)
    out: list[Reported] = []

    def add(
        content: tuple[int, int] | None,
        cue: Token,
        subject: Token | None,
        source: tuple[int, int] | None = None,
        head: tuple[int, int] | None = None,
        cue_end: int | None = None,
        holds_cue: bool = False,
    ) -> None:
        if content is None:
            return
        a, b = _trimmed(text, *tree.chars(*content))
        if b - a < 2 or a <= cue.start < b and not holds_cue:
            return
        if subject is not None and source is None:
            source, head = _source(tree, subject)
        end = cue.end if cue_end is None else cue_end
        out.append(Reported((a, b), (cue.start, end), source, head, text[cue.start : end]))

    for t in tree.tokens:
        low = t.text.casefold()
        if t.pos == "NOUN" and (low in words.stances or low in words.holders):
            # "his support for the ban", "critics of the plan": the preposition's object is the content.
            for p in tree.kids(t, frozenset({"prep"})):
                objects = tree.kids(p, frozenset({"pobj"}))
                if p.i <= t.i or p.text.casefold() not in _NOUN_OBJECT_PREPOSITIONS or not objects:
                    continue
                holder = _holder(tree, t, low in words.holders)
                verb = tree.head(t)
                if (
                    low in words.held_by_of
                    and p.text.casefold() == "of"
                    and t.dep in ("dobj", "obj")
                    and not tree.kids(t, frozenset({"poss"}))
                    and verb is not None
                    and holder is not None
                ):
                    # "Ruiz has the support of the unions": the unions' stance on Ruiz.
                    first, last = tree.span(objects[0])
                    add(
                        tree.span(holder),
                        t,
                        None,
                        tree.chars(first, last),
                        tree.chars(objects[0].i, objects[0].i),
                        cue_end=p.end,
                    )
                elif holder is t:  # "critics of the plan": the critics, not what they criticise
                    own = tree.chars(tree.span(t)[0], t.i)
                    add(tree.span(objects[0]), t, None, own, (t.start, t.end), cue_end=p.end)
                elif not (low in words.held_by_of and p.text.casefold() == "of" and tree.kids(t, frozenset({"det"}))):
                    # ("with the support of X": X's stance on something the sentence leaves unsaid.)
                    add(tree.span(objects[0]), t, holder, cue_end=p.end)
                break
        if low in words.naming and t.dep == "acl" and t.tag == "VBN" and (noun := _named(tree, t)) is not None:
            # "the contests known as Ferry Day": the noun with the name it is given, the cue inside.
            add(tree.span(noun), t, None, holds_cue=True)
        if t.pos in ("VERB", "AUX") and (phrase := _phrase_object(tree, t, words)) is not None:
            add(tree.span(phrase[1]), t, _subject(tree, t), cue_end=phrase[0].end)
        # A past participle is a cue only with a subject of its own ("has said"), not as an adjective
        # or a passive ("the expected result", "was asked").
        if low in words.verbs and t.pos in ("VERB", "AUX") and (t.tag != "VBN" or tree.kids(t, _SUBJECTS)):
            content = _verb_content(tree, t, words)
            if content is None and t.dep == "advcl" and _marked(tree, t, "as"):
                # "As the Post reported, <clause>": the clause the cue qualifies is what it reports.
                content = _clause_without(tree, t, tree.span(t))
            add(content, t, _subject(tree, t))
        elif low in words.asked and t.tag == "VBN":
            # "(when) asked whether …", "was asked a question about …": the one asking is not written.
            add(_verb_content(tree, t, words), t, None)
        elif low in words.according and t.dep == "prep":
            to = tree.kids(t, frozenset({"prep"}))
            objects = [o for p in to for o in tree.kids(p, frozenset({"pobj"}))]
            if objects:
                source = tree.chars(*tree.span(objects[0]))
                cut = tree.span(t)
                # "according to X" with its comma: the clause it qualifies is the rest of the sentence.
                add(
                    _clause_without(tree, t, cut),
                    t,
                    None,
                    source,
                    tree.chars(objects[0].i, objects[0].i),
                    cue_end=to[0].end,
                )
        elif low in words.nouns and t.pos == "NOUN":
            for c in tree.kids(t, frozenset({"acl", "ccomp"})):
                if any(m.text.casefold() == "that" for m in tree.kids(c, frozenset({"mark"}))):
                    owner = tree.kids(t, frozenset({"poss"}))
                    add(tree.span(c), t, owner[0] if owner else None)
            prep = tree.head(t) if t.dep == "pobj" else None
            verb = tree.head(prep) if prep is not None and prep.text.casefold() in ("in", "from") else None
            if (
                prep is not None
                and verb is not None
                and verb.pos in ("VERB", "AUX")
                and prep.i < verb.i
                and verb.text.casefold() not in words.speech
            ):
                # "In a new poll, Clinton leads …": the poll says the rest of its sentence.
                first, last = tree.span(t)
                add(
                    _clause_without(tree, verb, tree.span(prep)), t, None, tree.chars(first, last), tree.chars(t.i, t.i)
                )
    return out
