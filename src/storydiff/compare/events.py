"""Event facts: every outlet's sentences that mention the story's event, whatever else they say.

A statement fact gathers restatements of one precise fact. A reader also wants every outlet's
sentences about THE EVENT (the arrest, the quake) side by side, though each also carries facts of
its own: "X was arrested on Friday" and "X, arrested on Friday, did not say when she entered the
clinic" report one arrest. So a sentence may support its statement fact and its story's event fact.

The event is read from the story itself, in any language: its triggers are the content words
(lower-case, so not names; not stopwords) that the headlines and leads of several of the story
group's outlets share ("arrested", "quake"), stemmed as `compare.features` stems words. A clause
mentions the event when the triggers it carries weigh enough (each weighs the share of outlets whose
lead uses it), or when it restates such a clause (a statement fact holds both: a translation, whose
words are not the triggers). Its arguments must not clash with the event's: a year, or named people
and places, that none of the event's other mentions give is another event ("arrested in 2009 in
Boston"). Event facts stay inside one story group (`compare.same_story`): twin events never share one.

Not lemmas from a parse: the articles keep none (the parse that attribution runs is not stored, and
lemmas are switched off for speed), so "dies" and "died" stay apart. Linear in clauses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storydiff.compare.features import Features, fold
from storydiff.compare.units import Unit
from storydiff.config import AlignmentSettings
from storydiff.lang import LanguagePacks
from storydiff.models import Article

__all__ = ["EventMention", "event_groups", "triggers_of"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_URL = re.compile(r"\S*(?:https?:|www\.|\.(?:com|org|net)\b|/)\S*")  # a link's slug is no lead
# A link line, even cut into pieces and spaced out by a tokeniser ("com / news / a - slug"): its
# slug spells names in lower case, which would pass for triggers.
_LINK = re.compile(r"\b(?:https?|www)\b|/[^/]*/")
_MIN_LEAD_WORDS = 3  # "html", "May 5, 2010": no lead
_MIN_STEM = 4  # the shorter stem must be this long to match a longer one it begins: host ~ hosti(ng)


@dataclass(frozen=True)
class EventMention:
    """A clause that mentions its story's event: the triggers it carries and their weight."""

    unit: int  # index into the aligner's units
    triggers: frozenset[str]
    weight: float


_fold = lru_cache(maxsize=65536)(fold)  # a story repeats its words: fold each once


def _stems(text: str, stop: frozenset[str], *, lower_only: bool) -> set[str]:
    words = _WORD.findall(_URL.sub(" ", text))
    return {_fold(w) for w in words if len(w) > 2 and w.casefold() not in stop and (w.islower() or not lower_only)}


def triggers_of(leads: Sequence[Sequence[str]], stop: frozenset[str], share: float) -> dict[str, float]:
    """The story's trigger stems, each weighed by the share of outlets whose lead (`leads`: one list
    of sentences per outlet) uses it; a stem must be in the leads of two outlets and of `share` of them."""
    count: Counter[str] = Counter()
    for sentences in leads:
        count.update(set().union(*(_stems(s, stop, lower_only=True) for s in sentences)))
    need = max(2, math.ceil(share * len(leads)))
    return {stem: n / len(leads) for stem, n in count.items() if n >= need}


def event_groups(
    articles: Sequence[Article],
    units: Sequence[Unit],
    feats: Sequence[Features],
    groups: Sequence[int] | None,
    settings: AlignmentSettings,
    packs: LanguagePacks,
    statements: Sequence[Sequence[int]] = (),
) -> list[list[EventMention]]:
    """One event fact per story group that several outlets report: its mentions. Linear in units.

    A clause in a statement fact (`statements`: unit indices) with a mention restates that mention,
    so it mentions the event too, without the trigger words: a translation, a paraphrase."""
    stop = packs.words("stopwords")
    story = {a.id: (groups[n] if groups is not None else 0) for n, a in enumerate(articles)}
    in_group: dict[int, list[int]] = {}
    for k, unit in enumerate(units):
        in_group.setdefault(story[unit.article_id], []).append(k)
    out = []
    for group in sorted(set(story.values())):
        members = [a for a in articles if story[a.id] == group]
        if len(members) < 2:
            continue
        leads = [_lead(a, settings) for a in members]
        triggers = triggers_of(leads, stop, settings.event_share)
        if not triggers:
            continue
        begun = _beginnings(triggers)
        mentions = []
        for k in in_group.get(group, []):
            found = _matches(_stems(units[k].text, stop, lower_only=False), triggers, begun)
            weight = sum(triggers[t] for t in found)
            if weight >= settings.event_evidence:
                mentions.append(EventMention(k, found, weight))
        mentions = _without_clashes(_with_restatements(mentions, statements), units, feats)
        if len({units[m.unit].article_id for m in mentions}) > 1:
            out.append(mentions)
    return out


def _with_restatements(mentions: list[EventMention], statements: Sequence[Sequence[int]]) -> list[EventMention]:
    weight = {m.unit: m.weight for m in mentions}
    added: dict[int, float] = {}
    for members in statements:
        carried = [weight[k] for k in members if k in weight]
        if carried:
            for k in members:
                if k not in weight:
                    added[k] = max(added.get(k, 0.0), max(carried))
    return sorted(mentions + [EventMention(k, frozenset(), w) for k, w in added.items()], key=lambda m: m.unit)


def _lead(article: Article, settings: AlignmentSettings) -> list[str]:
    """The headline and first sentences: `event_lead` of them, and no more than `event_lead_share` of
    the article (two at least): in a five-sentence brief the last sentences are no lead."""
    sentences = [s.text for s in article.sentences if _is_lead(s.text)]
    return sentences[: max(2, min(settings.event_lead, math.ceil(settings.event_lead_share * len(sentences))))]


def _is_lead(text: str) -> bool:
    return not _LINK.search(text) and len(_WORD.findall(text)) >= _MIN_LEAD_WORDS


def _beginnings(triggers: dict[str, float]) -> dict[str, set[str]]:
    """Each shorter beginning of a trigger (`_MIN_STEM` letters or more) -> the triggers it begins."""
    out: dict[str, set[str]] = {}
    for trigger in triggers:
        for n in range(_MIN_STEM, len(trigger)):
            out.setdefault(trigger[:n], set()).add(trigger)
    return out


def _matches(stems: set[str], triggers: dict[str, float], begun: dict[str, set[str]]) -> frozenset[str]:
    """The triggers among `stems`, a stem matching a trigger it begins or that begins it (the
    5-letter stems cut "hosting" to hosti, "host" stays host). Lookups only: no scan of the triggers."""
    found = stems & triggers.keys()
    for stem in stems - found:
        found |= begun.get(stem, set())
        found.update(stem[:n] for n in range(_MIN_STEM, len(stem)) if stem[:n] in triggers)
    return frozenset(found)


def _without_clashes(
    mentions: list[EventMention], units: Sequence[Unit], feats: Sequence[Features]
) -> list[EventMention]:
    """Drop the mentions whose years, or whose named people and places, no other outlet's mention of
    the event gives: the same action with other arguments is another event (last year's quake)."""

    def shared(values: list[tuple[str, frozenset[str]]]) -> set[str]:
        outlets: dict[str, set[str]] = {}
        for article, items in values:
            for item in items:
                outlets.setdefault(item, set()).add(article)
        return {item for item, seen in outlets.items() if len(seen) > 1}

    years = shared([(units[m.unit].article_id, feats[m.unit].years) for m in mentions])
    names = shared([(units[m.unit].article_id, feats[m.unit].entities) for m in mentions])
    kept = []
    for m in mentions:
        f = feats[m.unit]
        if years and f.years and not f.years & years:
            continue
        if names and f.entities and not f.entities & names:
            continue
        kept.append(m)
    return kept
