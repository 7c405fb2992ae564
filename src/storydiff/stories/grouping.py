"""Articles into stories, incrementally: each new article joins the story it matches, starts a new
one, or joins stories it shows to be one (a merge); a merged story that falls apart is split.

Cost is linear in the corpus. An article is compared only with its candidates: its nearest
neighbours by vector among the articles published within `window_days` of it, plus the articles
sharing a rare name key with it in that window. Each comparison is a logistic model on a few
features of two profiles (`StoryGroupingSettings`), so no article is ever re-read.

Every change is kept as a `StoryEvent`, so a user can see when a story began, what joined it,
and which stories were merged or split and why.

Memory is bounded by the articles of a few windows, not by the corpus. The grouper keeps a clock:
the newest publication day among the articles it has placed (restored ones do not move it). Once
the clock passes a story's newest article by more than `window_days + retire_margin_days`, no
article from then on can meet it, so the story is retired: its profiles, vectors, term rows and
name-key rows leave memory, and only its members' ids stay (for `story_of`, `groups` and the
caller's save) when this grouper changed it. The corpus counts behind the rarities (rows added, the
articles giving each name key, figure and word stem) are kept, retired rows included: a word's
rarity stays the corpus's, so retiring changes no score, and an article meets exactly the rows it
met before. Those counts grow with the vocabulary, far slower than the rows.
- An undated article does not move the clock. It meets every live row (no longer every row ever
  added) and, for retiring, counts as published on the clock's day when it arrived; before any
  dated article it never retires (a corpus without dates, as ECB+, keeps everything).
- A late article (dated more than `retire_margin_days` before the clock) meets only what is still
  live: the stories of its own days are retired, so it most often starts one of its own. Within one
  `add` articles are placed in order of publication, so only a later call can bring one; the batch
  path (`run.batch`) gives each window its own grouper, loaded from the store by the new articles'
  days, so there a late article meets the stored stories of its days as any other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from storydiff.config import StoryGroupingSettings
from storydiff.stories.index import NeighbourIndex
from storydiff.stories.profile import StoryProfile
from storydiff.stories.terms import TermTable

__all__ = ["StoryEvent", "StoryGrouper", "pair_features", "pair_probability", "term_cosine"]

EventKind = Literal["new", "join", "merge", "split"]
_UNDATED = -(10**9)  # the bucket of articles without a date


@dataclass(frozen=True)
class StoryEvent:
    kind: EventKind
    story: str  # the story that began, grew, absorbed others, or was split off
    article: str | None = None  # the article that caused it
    others: tuple[str, ...] = ()  # merge: the stories absorbed; split: the story it came from
    score: float = 0.0


def _overlap(a: frozenset[str], b: frozenset[str], weight: dict[str, float] | None = None) -> float:
    if not a or not b:
        return 0.0
    shared = a & b
    if not shared:
        return 0.0
    if weight is None:
        return len(shared) / min(len(a), len(b))
    total = min(sum(weight.get(k, 1.0) for k in a), sum(weight.get(k, 1.0) for k in b))
    return sum(weight.get(k, 1.0) for k in shared) / total if total else 0.0


def _rarest_shared(a: frozenset[str], b: frozenset[str], rarity: dict[str, float] | None) -> float:
    """How rare the rarest key both give is, 0-1 (0: none shared). A town or a toll of 412 that two
    reports share is strong evidence; a common noun or a "10" is not."""
    shared = a & b
    if not shared:
        return 0.0
    return max(rarity.get(k, 1.0) for k in shared) if rarity is not None else 1.0


def _rare_clash(a: frozenset[str], b: frozenset[str], rarity: dict[str, float] | None) -> float:
    """How much rarer than anything they share is what each gives alone: two reports that each name a
    town or a person the other does not, sharing only common words (a language without an entity
    model gives its nouns as names), tell two events. 0 when one gives nothing the other lacks."""
    if rarity is None or not a or not b:
        return 0.0
    alone = min(
        max((rarity.get(k, 1.0) for k in a - b), default=0.0), max((rarity.get(k, 1.0) for k in b - a), default=0.0)
    )
    return max(0.0, alone - _rarest_shared(a, b, rarity))


def _clash(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both give some and share none: two events of one kind, with other figures, years or days."""
    return 1.0 if a and b and not a & b else 0.0


def term_cosine(a: dict[int, float], b: dict[int, float], idf: Callable[[int], float]) -> float:
    """TF-IDF cosine of two hashed bags of word stems, rare words weighing more."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(w * large[k] * idf(k) ** 2 for k, w in small.items() if k in large)
    if not dot:
        return 0.0
    norm_a = math.sqrt(sum((w * idf(k)) ** 2 for k, w in a.items()))
    norm_b = math.sqrt(sum((w * idf(k)) ** 2 for k, w in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def pair_features(
    a: StoryProfile,
    b: StoryProfile,
    settings: StoryGroupingSettings,
    idf: dict[str, float] | None = None,
    term_idf: Callable[[int], float] | None = None,
    terms: float | None = None,
) -> tuple[float, ...]:
    """The features `pair_probability` weighs, in the order of `StoryGroupingSettings.weights()`.
    `idf`: the rarity (0-1, IDF over its largest value) of the name keys and figures in the corpus so
    far; without it every key counts as rare. `terms`: their `term_cosine`, when already computed
    (the grouper scores many pairs at once)."""
    cosine = float(a.vector @ b.vector)
    across = 1.0 if a.language != b.language else 0.0
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else 0
    if terms is None:
        terms = term_cosine(a.terms, b.terms, term_idf or (lambda slot: 1.0))
    numbers_clash = _clash(a.numbers, b.numbers)
    # Both dated: a desk's day holds many same-kind events whose leads read alike, so a close lead
    # says less and a clash of figures, places or names says more. Undated pairs (ECB+) are untouched.
    dated = 1.0 if a.day is not None and b.day is not None else 0.0
    # The dated pairs' own bias is weighed against the names they share or not, so it applies only
    # where both give names: two reports without any (never seen in the fit) are not held apart.
    named = dated if a.keys and b.keys else 0.0
    # Computed once, each weighed twice (alone and when both are dated).
    numbers = _overlap(a.numbers, b.numbers)
    dates_clash = _clash(a.dates, b.dates)
    entities_a, entities_b = a.places | a.people, b.places | b.people
    return (
        cosine,
        across * cosine,
        across,
        _overlap(a.keys, b.keys, idf),
        numbers,
        numbers_clash,
        min(gap, settings.window_days) / max(settings.window_days, 1),
        terms,
        _overlap(entities_a, entities_b),
        _clash(a.years, b.years),
        1.0 if a.dates & b.dates else 0.0,
        dates_clash,
        named,
        dated * cosine,
        dated * numbers_clash,
        dated * _clash(a.places, b.places),
        dated * _clash(a.keys, b.keys),
        dated * _rarest_shared(a.keys, b.keys, idf),
        dated * _rarest_shared(a.numbers, b.numbers, idf),
        dated * dates_clash,
        dated * _overlap(entities_a, entities_b, idf),
        dated * _rare_clash(a.keys, b.keys, idf),
        dated * terms,
        dated * numbers,
    )


def pair_probability(
    a: StoryProfile,
    b: StoryProfile,
    settings: StoryGroupingSettings,
    idf: dict[str, float] | None = None,
    term_idf: Callable[[int], float] | None = None,
    terms: float | None = None,
) -> float:
    """How likely two articles tell one story, from their profiles alone."""
    z = settings.bias + sum(
        w * x for w, x in zip(settings.weights(), pair_features(a, b, settings, idf, term_idf, terms), strict=True)
    )
    return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))


@dataclass
class _Story:
    id: str
    members: list[int] = field(default_factory=list)
    last: int | None = None  # its newest member's day (an undated one's: the clock when it came)


_TitleKey = tuple[int, str, str]  # (day, article id, headline): the earliest titled article first


@dataclass(frozen=True)
class _Retired:
    """What stays of a retired story this grouper changed: enough for its caller to save it."""

    members: tuple[str, ...]  # article ids
    title: _TitleKey | None


def _title_key(profile: StoryProfile) -> _TitleKey | None:
    if not profile.title:
        return None
    return (profile.day if profile.day is not None else 10**9, profile.article_id, profile.title)


class StoryGrouper:
    """Feed it profiles (`add`), in any number of batches; read `story_of` and `events`."""

    def __init__(self, settings: StoryGroupingSettings | None = None) -> None:
        self.settings = settings or StoryGroupingSettings()
        # Live rows (numbered in order of addition, never reused) -> profile, without its `terms`: the
        # term table holds them as arrays (`TermTable.terms` gives them back) in a fraction of the memory.
        self.profiles: dict[int, StoryProfile] = {}
        self._added = 0  # rows added, retired ones included: the corpus size of every IDF
        self.peak_rows = 0  # the most rows held live at once: what memory is bounded by
        self._index = NeighbourIndex(self.settings.ann_min_rows, self.settings.ann_oversample)
        self._days: dict[int, list[int]] = {}  # day -> live rows published that day
        self._key_rows: dict[str, list[int]] = {}  # name key -> live rows giving it
        self._key_df: dict[str, int] = {}  # name key -> rows giving it, retired ones included
        self._terms = TermTable()  # live rows' hashed stems, and how many rows use each
        self._number_df: dict[str, int] = {}  # figure -> articles giving it
        self._clock: int | None = None  # the newest day placed
        self._stamp: dict[int, int] = {}  # undated live row -> the clock when it came
        self._changed: set[str] = set()  # live stories this grouper began or changed (their events)
        self._retired: dict[str, _Retired] = {}
        self._merged_into: dict[str, str] = {}  # absorbed story -> the one that absorbed it
        # Key -> `_rarity_of`, and the profiles whose keys it holds (kept alive, so ids are not
        # reused); both emptied as each row is added, which changes the counts.
        self._rarity_memo: dict[str, float] = {}
        self._rarity_filled: dict[int, StoryProfile] = {}
        self._story_of_row: dict[int, str] = {}
        self.stories: dict[str, _Story] = {}
        self.events: list[StoryEvent] = []

    # -- reading

    @property
    def story_of(self) -> dict[str, str]:
        """Article id -> story id, for the live rows and the members of the retired stories this
        grouper changed (every article it placed)."""
        out = {article: sid for sid, retired in self._retired.items() for article in retired.members}
        out.update((p.article_id, self._story_of_row[k]) for k, p in self.profiles.items())
        return out

    def groups(self) -> dict[str, list[str]]:
        """Story id -> article ids: the live stories, and the retired ones this grouper changed."""
        out = {sid: [self.profiles[k].article_id for k in story.members] for sid, story in self.stories.items()}
        for sid, retired in self._retired.items():
            out[sid] = [*retired.members, *out.get(sid, ())]
        return out

    def story_ids(self) -> set[str]:
        """The stories `groups` gives."""
        return set(self.stories) | set(self._retired)

    def title(self, story_id: str) -> str:
        """The headline of the story's earliest article that has one."""
        story, retired = self.stories.get(story_id), self._retired.get(story_id)
        keys = [_title_key(self.profiles[k]) for k in story.members] if story else []
        keys.append(retired.title if retired else None)
        titled = [k for k in keys if k is not None]
        return min(titled)[2] if titled else ""

    # -- adding

    def add(self, profiles: Iterable[StoryProfile]) -> list[StoryEvent]:
        """Place each profile in a story (in order of publication, so stories grow as they did)."""
        start = len(self.events)
        # Dated first, in order: undated articles then join the stories the dated ones made.
        ordered = sorted(profiles, key=lambda p: (p.day is None, p.day or 0, p.article_id))
        for profile in ordered:
            self._place(profile)
        return self.events[start:]

    def _idf(self, key: str) -> float:
        """Of a name key or a figure (figures begin with a digit, keys never do)."""
        known = self._number_df.get(key, 0) if key[:1].isdigit() else self._key_df.get(key, 0)
        return math.log(1 + self._added / (1 + known))

    def _rarity_of(self, key: str) -> float:
        """`_idf` over its largest value, kept until the next row changes the counts: an article's
        keys are looked up once for all its candidates."""
        value = self._rarity_memo.get(key)
        if value is None:
            top = math.log(1 + self._added)
            value = self._rarity_memo[key] = self._idf(key) / top if top else 1.0
        return value

    def rarity(self, a: StoryProfile, b: StoryProfile) -> dict[str, float]:
        """The IDF of the keys and figures of two profiles over its largest value (a key no other
        article gives), so 0-1 at any corpus size."""
        keys = a.keys | b.keys | a.numbers | b.numbers | a.places | b.places | a.people | b.people
        return {k: self._rarity_of(k) for k in keys}

    def _rarities(self, a: StoryProfile, b: StoryProfile) -> dict[str, float]:
        """What `rarity` gives, and more: the memo itself, once it holds every key of both. The pair
        features only look up the keys of the two, so the values they read are the same."""
        for profile in (a, b):
            if id(profile) in self._rarity_filled:
                continue
            for keys in (profile.keys, profile.numbers, profile.places, profile.people):
                for key in keys:
                    if key not in self._rarity_memo:
                        self._rarity_of(key)
            self._rarity_filled[id(profile)] = profile
        return self._rarity_memo

    def _term_idf(self, slot: int) -> float:
        return math.log((1 + self._added) / (1 + self._terms.df(slot))) + 1.0

    def probability(self, a: StoryProfile, b: StoryProfile, terms: float | None = None) -> float:
        """`pair_probability` with the corpus's statistics so far (rare names and words weigh more).
        `terms`: their TF-IDF cosine, when already computed in bulk (`TermTable.cosines`)."""
        return pair_probability(a, b, self.settings, self._rarities(a, b), self._term_idf, terms)

    def _window(self, day: int | None) -> list[int]:
        """The rows an article can meet. A dated article meets those published within the window; an
        undated one meets every live row (its story may be any of them; undated articles are few, so
        the cost stays linear). Dated articles do not meet undated ones: an undated article would
        bridge two floods in one town months apart into one story."""
        if day is None:
            return list(self.profiles)
        rows: list[int] = []
        for d in range(day - self.settings.window_days, day + self.settings.window_days + 1):
            rows.extend(self._days.get(d, ()))
        return rows

    def _candidates(self, profile: StoryProfile) -> list[int]:
        window = self._window(profile.day)
        if not window:
            return []
        s = self.settings
        chosen = set(self._index.nearest(profile.vector, window, s.neighbours))
        in_window = set(window)
        for key in profile.keys:  # rare names shared: candidates the vectors may miss (other languages)
            if self._key_df.get(key, 0) <= s.max_key_frequency:  # rare in the corpus, not just among the live
                chosen.update(r for r in self._key_rows.get(key, ()) if r in in_window)
        return sorted(chosen)

    def restore(self, profiles: Sequence[StoryProfile], story_of: dict[str, str]) -> None:
        """Load earlier articles and their stories (from a store) before adding new ones: new
        articles then join those stories, and nothing is clustered again."""
        for profile in sorted(profiles, key=lambda p: (p.day is None, p.day or 0, p.article_id)):
            row = self._added
            self._remember(profile, row)
            story_id = story_of[profile.article_id]
            while story_id in self._merged_into:  # the store does not know of this run's merges yet
                story_id = self._merged_into[story_id]
            if story_id in self._retired:  # more of a story retired after a change: saved with it
                self._changed.add(story_id)
            story = self.stories.setdefault(story_id, _Story(story_id))
            story.members.append(row)
            story.last = _later(story.last, self._row_day(row))
            self._story_of_row[row] = story_id

    def _new_story_id(self, founder: StoryProfile) -> str:
        """Named after the article that began it: the same story gets the same id in every run."""
        return f"s-{founder.article_id}"

    def _row_day(self, row: int) -> int | None:
        day = self.profiles[row].day
        return day if day is not None else self._stamp.get(row)

    def _event(self, event: StoryEvent) -> None:
        self.events.append(event)
        self._changed.add(event.story)

    def _place(self, profile: StoryProfile) -> None:
        s = self.settings
        if profile.day is not None:
            self.advance(profile.day)
        row = self._added
        candidates = self._candidates(profile)
        scores: dict[str, list[float]] = {}
        cosines = self._terms.cosines(profile.terms, candidates)
        for k, terms in zip(candidates, cosines.tolist(), strict=True):
            scores.setdefault(self._story_of_row[k], []).append(self.probability(profile, self.profiles[k], terms))
        # A story's score: the mean over its members among the candidates (average linkage), so one
        # look-alike article in a story does not pull an unrelated report in.
        ranked = sorted(((sum(v) / len(v), sid) for sid, v in scores.items()), reverse=True)
        matching = [(score, sid) for score, sid in ranked if score >= s.threshold]
        self._remember(profile, row)
        if profile.day is None and self._clock is not None:
            self._stamp[row] = self._clock
        if not matching:
            story = _Story(self._new_story_id(profile), [row], self._row_day(row))
            self.stories[story.id] = story
            self._story_of_row[row] = story.id
            self._event(StoryEvent("new", story.id, profile.article_id))
            return
        best_score, best = matching[0]
        self.stories[best].members.append(row)
        self.stories[best].last = _later(self.stories[best].last, self._row_day(row))
        self._story_of_row[row] = best
        self._event(StoryEvent("join", best, profile.article_id, score=round(best_score, 4)))
        # Without a date an article cannot tell a story from its repeat months later: it merges only
        # stories whose dated members all lie within one window. A merge is only made while the
        # result can still be checked (`max_recheck`): past it, a wrong merge would never be split,
        # and each further look-alike would grow it (one story of a hundred floods).
        absorbed: list[str] = []
        size = len(self.stories[best].members)
        for score, sid in matching[1:]:
            if score < s.merge_threshold or (profile.day is None and not self._within_window(best, sid)):
                continue
            if size + len(self.stories[sid].members) <= s.max_recheck:
                absorbed.append(sid)
                size += len(self.stories[sid].members)
        if absorbed:
            for sid in absorbed:
                gone = self.stories.pop(sid)
                self._changed.discard(sid)
                self._merged_into[sid] = best
                if sid in self._retired:  # its members retired earlier go with it
                    self._keep_retired(best, self._retired.pop(sid))
                self.stories[best].last = _later(self.stories[best].last, gone.last)
                for member in gone.members:
                    self.stories[best].members.append(member)
                    self._story_of_row[member] = best
            self._event(StoryEvent("merge", best, profile.article_id, tuple(absorbed), round(best_score, 4)))
            self._maybe_split(best)

    def _within_window(self, *story_ids: str) -> bool:
        days = [self.profiles[k].day for sid in story_ids for k in self.stories[sid].members]
        dated = [d for d in days if d is not None]
        return not dated or max(dated) - min(dated) <= self.settings.window_days

    def _remember(self, profile: StoryProfile, row: int) -> None:
        """Hold a new row (`row`: the next number, `self._added`) and count it in the corpus."""
        self._rarity_memo.clear()
        self._rarity_filled.clear()
        self.profiles[row] = replace(profile, terms={}) if profile.terms else profile
        self._added += 1
        self.peak_rows = max(self.peak_rows, len(self.profiles))
        numbered = (self._index.add(profile.vector), self._terms.add(profile.terms))
        assert numbered == (row, row), "rows are added in order"
        self._days.setdefault(profile.day if profile.day is not None else _UNDATED, []).append(row)
        for key in profile.keys:
            self._key_rows.setdefault(key, []).append(row)
            self._key_df[key] = self._key_df.get(key, 0) + 1
        for number in profile.numbers:
            self._number_df[number] = self._number_df.get(number, 0) + 1

    def advance(self, day: int) -> None:
        """Move the clock on to `day` (placing an article of that day does): retire the stories no
        article from then on can meet (its window starts `window_days` before it; the margin lets
        articles that late meet them still). A caller loading stored rows day by day calls it first."""
        if self._clock is not None and day <= self._clock:
            return
        self._clock = day
        cutoff = day - self.settings.window_days - self.settings.retire_margin_days
        self.retire([sid for sid, story in self.stories.items() if story.last is not None and story.last < cutoff])

    def retire(self, story_ids: Collection[str]) -> None:
        """Drop live stories from memory (see the module): their rows are never candidates again."""
        rows: list[int] = []
        for sid in story_ids:
            story = self.stories.pop(sid)
            rows += story.members
            if sid in self._changed:  # its caller saves it: keep who is in it
                self._changed.discard(sid)
                titles = [k for k in (_title_key(self.profiles[k]) for k in story.members) if k]
                members = tuple(self.profiles[k].article_id for k in story.members)
                self._keep_retired(sid, _Retired(members, min(titles) if titles else None))
        if not rows:
            return
        dead = set(rows)
        days: set[int] = set()
        keys: set[str] = set()
        for row in rows:
            profile = self.profiles.pop(row)
            del self._story_of_row[row]
            self._stamp.pop(row, None)
            days.add(profile.day if profile.day is not None else _UNDATED)
            keys |= profile.keys
        for day in days:
            if kept := [r for r in self._days[day] if r not in dead]:
                self._days[day] = kept
            else:
                del self._days[day]
        for key in keys:
            if kept := [r for r in self._key_rows[key] if r not in dead]:
                self._key_rows[key] = kept
            else:
                del self._key_rows[key]
        self._index.retire(sorted(rows))
        self._terms.retire(rows)
        self._rarity_filled.clear()  # it holds profiles (by id); the values it vouches for still hold

    def _keep_retired(self, story_id: str, retired: _Retired) -> None:
        earlier = self._retired.get(story_id)
        if earlier is not None:
            titles = [t for t in (earlier.title, retired.title) if t]
            retired = _Retired((*earlier.members, *retired.members), min(titles) if titles else None)
        self._retired[story_id] = retired

    def _maybe_split(self, story_id: str) -> None:
        """After a merge, cluster the story's members again (average linkage over all their pairs,
        bounded by the story's size): if they fall into parts, the parts become stories again."""
        story = self.stories[story_id]
        members = story.members
        if len(members) > self.settings.max_recheck:
            return
        # Each member's term cosines with the later ones, in bulk: the pairs the clustering scores.
        later = {
            x: dict(
                zip(
                    members[n + 1 :],
                    self._terms.cosines(self._terms.terms(x), members[n + 1 :]).tolist(),
                    strict=True,
                )
            )
            for n, x in enumerate(members)
        }
        parts = _average_linkage(
            members,
            lambda x, y: self.probability(self.profiles[x], self.profiles[y], later[x][y]),
            self.settings.threshold,
        )
        if len(parts) < 2:
            return
        # The part holding the article the story is named after keeps its id. Its first member is not
        # always that article (a story split off earlier lists its members unordered), and naming a
        # part after its own founder would then reuse the id of the story being split.
        founder = next((m for m in members if self._new_story_id(self.profiles[m]) == story_id), members[0])
        parts.sort(key=lambda part: founder not in part)
        story.members = parts[0]
        story.last = _latest(self._row_day(m) for m in parts[0])
        for part in parts[1:]:
            new_id = self._new_story_id(self.profiles[min(part)])
            while new_id in self.stories or new_id in self._retired:  # a restored store may name stories otherwise
                new_id += "'"
            new = _Story(new_id, part, _latest(self._row_day(m) for m in part))
            self.stories[new.id] = new
            self._merged_into.pop(new.id, None)  # the id is a story again
            for member in part:
                self._story_of_row[member] = new.id
            self._event(StoryEvent("split", new.id, None, (story_id,)))


def _later(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _latest(days: Iterable[int | None]) -> int | None:
    return max((d for d in days if d is not None), default=None)


def _average_linkage(members: Sequence[int], probability, threshold: float) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Agglomerative clustering, average linkage, stopped at `threshold`. Each step joins the pair of
    clusters of highest mean probability (ties: the later pair). Only the joined cluster's means are
    computed again (each still as the mean of its block), so a step costs one row, not all pairs."""
    index = {m: n for n, m in enumerate(members)}
    size = len(members)
    matrix = np.zeros((size, size))
    for a in members:
        for b in members:
            if index[a] < index[b]:
                matrix[index[a], index[b]] = matrix[index[b], index[a]] = probability(a, b)
    # clusters[c]: the rows of the cluster first holding row c (None once joined to an earlier one);
    # means[x, y] for live x < y, -inf elsewhere. Cluster order never changes, so ids order as positions.
    clusters: list[list[int] | None] = [[n] for n in range(size)]
    means = np.full((size, size), -np.inf)
    upper = np.triu_indices(size, 1)
    means[upper] = matrix[upper]
    while size > 1:
        flat = int(means.size - 1 - np.argmax(means.ravel()[::-1]))  # the last of equal maxima
        x, y = divmod(flat, len(members))
        if not means[x, y] >= threshold:
            break
        joined, gone = clusters[x], clusters[y]
        assert joined is not None and gone is not None
        joined.extend(gone)
        clusters[y] = None
        means[y, :] = means[:, y] = -np.inf
        for other, rows in enumerate(clusters):
            if rows is None or other == x:
                continue
            first, second = (rows, joined) if other < x else (joined, rows)
            # The block as `matrix[np.ix_(first, second)]` gives it (same values, same layout), cheaper.
            means[min(other, x), max(other, x)] = float(matrix[first][:, second].mean())
        size -= 1
    return [[members[k] for k in cluster] for cluster in clusters if cluster is not None]
