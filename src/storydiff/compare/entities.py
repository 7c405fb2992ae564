"""Merge entity mentions into one entity per real referent across a story's articles.

1. Group mentions by name form (dictionary form, transliterated, case- and dot-folded).
2. Full names (two or more words) are compared pairwise with the name matcher; two groups merge only
   when every full name of one matches every full name of the other (complete link), so a chain of
   near-misses never joins two people.
3. Single words (surnames, acronyms, cities) join the one group they match; when they match several
   ("Bush" with George W. and Jeb), they stay apart: a guess is worse than two entries.
4. Types are repaired by evidence: a surname typed ORG joins its person; the built-in list of known
   names overrides the model's type for places and bodies it knows; the name of an outlet of the
   story ("told Meridian", "(Meridian) -" in a Meridian Wire dateline) is that outlet, never a person.
A single word joins a body or place only by a list or by the name itself, not by the people rule
that a surname alone is its person ("Talvoran" is no "ministry of energy of Talvora").
Every decision is logged with the matcher's reasons, for `storydiff entities --explain`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from storydiff.lang import LanguagePacks, alternation, default_language_packs
from storydiff.models import Article, Entity, EntityType, Mention, content_id

if TYPE_CHECKING:
    from storydiff.store import StoredEntity as StoredEntityLike
from storydiff.names import NameMatch, NameMatcher, latinize
from storydiff.names.latin import CYRILLIC, tokens

__all__ = ["EntityResolution", "EntityResolver", "MergeStep", "StoreEntity", "merge_across_stories"]


@dataclass(frozen=True)
class MergeStep:
    a: str
    b: str
    decision: str  # merged | kept apart | ambiguous
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class EntityResolution:
    entities: tuple[Entity, ...]
    steps: tuple[MergeStep, ...]

    def explain(self, name: str, matcher: NameMatcher) -> list[str]:
        """Why `name`'s entity holds the variants it holds, and what was kept apart from it."""
        entity = next((e for e in self.entities if any(v.casefold() == name.casefold() for v in e.variants)), None)
        if entity is None:
            entity = next((e for e in self.entities if any(matcher.compare(name, v).same for v in e.variants)), None)
        if entity is None:
            return [f"no entity named {name!r} in these articles"]
        forms = {v.casefold() for v in entity.variants}
        lines = [f"{entity.name} ({entity.type}, {len(entity.mentions)} mentions)",
                 f"  variants: {', '.join(entity.variants)}"]
        if entity.roles:
            lines.append(f"  roles: {', '.join(entity.roles)}")
        for step in self.steps:
            inside = (step.a.casefold() in forms, step.b.casefold() in forms)
            if any(inside) and (step.decision == "merged") == all(inside):
                lines.append(f"  {step.decision}: {step.a} ~ {step.b} ({step.score:.2f}): {'; '.join(step.reasons)}")
        # Look-alikes kept apart: other entities that share a word with this one.
        def words(e: Entity) -> set[str]:
            return {w for v in e.variants for w in tokens(v) if len(w) > 3}

        for other in self.entities:
            if other is entity or not words(entity) & words(other):
                continue
            match = matcher.compare(entity.name, other.name)
            if not match.same:
                reasons = "; ".join(match.reasons)
                lines.append(f"  kept apart: {entity.name} / {other.name} ({match.score:.2f}): {reasons}")
        return lines


@dataclass
class _Form:
    key: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Counter(m.normal for m in self.mentions if m.kind == "name").most_common(1)[0][0]

    @property
    def spellings(self) -> set[str]:
        return {m.normal for m in self.mentions if m.kind == "name"}

    @property
    def words(self) -> int:
        return len(re.findall(r"[^\W\d_]+", latinize(self.name)))

    def type_votes(self) -> Counter[str]:
        return Counter(m.type for m in self.mentions)


@lru_cache(maxsize=8)
def _country_cue(packs: LanguagePacks) -> re.Pattern[str]:
    """A name that has its own foreign minister, president or government is a country ("Lindmark Foreign
    Minister Petra Aalto", "Lindmark's support"), whatever a model that never saw it says (`country_cues`)."""
    return re.compile(rf"^(?:['’]s)?\s+(?:{alternation(packs.words('country_cues'), space=' ', any_initial=True)})")


@lru_cache(maxsize=8)
def _case_ending(packs: LanguagePacks) -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(packs.words('case_endings'))})$")


def _form_key(name: str, packs: LanguagePacks | None = None) -> str:
    """Grouping key: transliterated and folded. Cyrillic words lose their case ending (`case_endings`)
    first, for names a dictionary cannot put in the nominative (Эстравию, Эстравии -> Эстрав-)."""
    if CYRILLIC.search(name):
        ending = _case_ending(packs if packs is not None else default_language_packs())
        name = " ".join(ending.sub("", w) if len(w) > 4 else w for w in name.split())
    return " ".join(latinize(name).replace(".", "").replace("-", " ").casefold().split())


_ARTICLES = frozenset({"the", "la", "le", "les", "el", "los", "die", "der", "das"})


def _outlet_keys(articles: Sequence[Article], packs: LanguagePacks) -> set[str]:
    """Form keys of the story's outlets: each source's name, its first word when the name has more
    ("Meridian" of "Meridian Wire"; not "The"), and the agency its dateline credits."""
    keys: set[str] = set()
    for article in articles:
        for name in (article.source, article.dateline.agency if article.dateline else None):
            if not name:
                continue
            keys.add(_form_key(name, packs))
            words = name.split()
            if len(words) > 1 and words[0][:1].isupper() and words[0].casefold() not in _ARTICLES:
                keys.add(_form_key(words[0], packs))
    keys.discard("")
    return keys


def _surname_rule(match: NameMatch) -> bool:
    """The matcher's people rule decided: the last words agree and one name gives nothing else."""
    return any(reason.startswith("one name gives the last name only") for reason in match.reasons)


def _trim_leading_place(mention: Mention, places: set[str], packs: LanguagePacks | None = None) -> Mention:
    """Russian models often run a genitive place into the name after it ("министр иностранных дел
    Линдмарка Петра Аалто" -> PER "Линдмарка Петра Аалто"). A first word that the story uses as a
    place or organisation is cut off."""
    words = mention.text.split()
    if (mention.type != "PERSON" or mention.kind != "name" or len(words) < 3
            or _form_key(words[0], packs) not in places):
        return mention
    cut = len(words[0]) + 1
    normal_words = mention.normal.split()
    normal = " ".join(normal_words[1:]) if len(normal_words) == len(words) else mention.text[cut:]
    return replace(mention, start=mention.start + cut, text=mention.text[cut:], normal=normal)


class EntityResolver:
    """One public method: `resolve(articles) -> EntityResolution`."""

    def __init__(self, matcher: NameMatcher | None = None, *, packs: LanguagePacks | None = None) -> None:
        self.matcher = matcher or NameMatcher()
        self.packs = packs if packs is not None else default_language_packs()

    def resolve(self, articles: Sequence[Article]) -> EntityResolution:
        forms: dict[str, _Form] = {}
        titles: list[Mention] = []
        places = {_form_key(m.normal, self.packs) for a in articles for m in a.mentions
                  if m.type != "PERSON" and m.kind == "name"}
        for article in articles:
            for mention in map(lambda m: _trim_leading_place(m, places, self.packs), article.mentions):
                if mention.kind != "name":  # a title or a pronoun joins the entity of the name it stands for
                    titles.append(mention)
                    continue
                key = _form_key(mention.normal, self.packs)
                forms.setdefault(key, _Form(key)).mentions.append(mention)
        ordered = sorted(forms.values(), key=lambda f: (-len(f.mentions), f.key))
        text_of = {a.id: a.text for a in articles}
        outlets = _outlet_keys(articles, self.packs)
        types = {f.key: "ORG" if f.key in outlets else self._type_of(f, text_of) for f in ordered}
        parent = {f.key: f.key for f in ordered}
        steps: list[MergeStep] = []
        cache: dict[tuple[str, str], NameMatch] = {}

        def find(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        def compare(a: _Form, b: _Form) -> NameMatch:
            pair = (a.key, b.key)
            if pair not in cache:
                kind = types[a.key] if types[a.key] == types[b.key] else None
                match = self.matcher.compare(a.name, b.name, kind)
                if a.words == 1 and b.words == 1 and not match.listed:
                    # A single word's inflected forms (Талвора, Талворы) are one form: its best-spelled
                    # one decides, not whichever case the text used most.
                    for x in sorted(a.spellings - {a.name}):
                        for y in sorted(b.spellings | {b.name}):
                            other = self.matcher.compare(x, y, kind)
                            if other.same and other.score > match.score:
                                match = other
                cache[pair] = match
            return cache[pair]

        def members(root: str) -> list[_Form]:
            return [f for f in ordered if find(f.key) == root]

        full = [f for f in ordered if f.words >= 2]
        short = [f for f in ordered if f.words < 2]
        # 2. Full names: complete link.
        for i, a in enumerate(full):
            for b in full[i + 1 :]:
                if find(a.key) == find(b.key) or not self._compatible(types[a.key], types[b.key], compare(a, b)):
                    continue
                match = compare(a, b)
                if not match.same:
                    if match.score >= 0.4:
                        steps.append(MergeStep(a.name, b.name, "kept apart", match.score, match.reasons))
                    continue
                group_a = [f for f in members(find(a.key)) if f.words >= 2]
                group_b = [f for f in members(find(b.key)) if f.words >= 2]
                if all(compare(x, y).same for x in group_a for y in group_b):
                    parent[find(b.key)] = find(a.key)
                    steps.append(MergeStep(a.name, b.name, "merged", match.score, match.reasons))
        # 3. Single words: first with each other (Эстравии / Estravia), complete link ...
        for i, a in enumerate(short):
            for b in short[i + 1 :]:
                if find(a.key) == find(b.key):
                    continue
                match = compare(a, b)
                if not match.same or not self._compatible(types[a.key], types[b.key], match, single=True):
                    continue
                group_a, group_b = members(find(a.key)), members(find(b.key))
                if all(compare(x, y).same for x in group_a for y in group_b):
                    parent[find(b.key)] = find(a.key)
                    steps.append(MergeStep(a.name, b.name, "merged", match.score, match.reasons))
        # ... then each group of single words joins the one group of full names it matches.
        for a in short:
            if find(a.key) != a.key:
                continue
            candidates: dict[str, NameMatch] = {}
            for b in full:
                if find(b.key) == find(a.key):
                    continue
                match = compare(a, b)
                if types[b.key] != "PERSON" and not match.listed and _surname_rule(match):
                    continue
                if match.same and self._compatible(types[a.key], types[b.key], match, single=True):
                    candidates.setdefault(find(b.key), match)
            listed = {r: m for r, m in candidates.items() if m.listed}
            candidates = listed or candidates  # an alias file or the known-names list outranks a guess
            roots = {find(r) for r in candidates}
            if len(roots) == 1:
                root, match = next(iter(candidates.items()))
                parent[find(a.key)] = find(root)
                steps.append(MergeStep(a.name, self._label(members(find(root))), "merged", match.score, match.reasons))
            elif len(roots) > 1:
                names = ", ".join(sorted(self._label(members(r)) for r in roots))
                steps.append(MergeStep(a.name, names, "ambiguous", 0.0, ("matches several entities; left apart",)))
        groups: dict[str, list[_Form]] = {}
        for form in ordered:
            groups.setdefault(find(form.key), []).append(form)
        entities = [self._entity(group, types, titles) for group in groups.values()]
        entities.sort(key=lambda e: (-len(e.mentions), e.name))
        return EntityResolution(tuple(entities), tuple(steps))

    def _type_of(self, form: _Form, text_of: dict[str, str]) -> str:
        known = self.matcher.aliases.type_of(form.name)
        if known:
            return known
        if form.words == 1:
            # Anywhere in the story, not only at the mentions the model found: it often swallows the
            # tell-tale "Lindmark Foreign Minister" into a span it then drops.
            country_cue = _country_cue(self.packs)
            for surface in {m.text for m in form.mentions}:
                pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?=['’\s])")
                for text in text_of.values():
                    if any(country_cue.match(text[x.end() : x.end() + 40]) for x in pattern.finditer(text)):
                        return "PLACE"
        if any(m.role for m in form.mentions if m.kind == "name") and form.words >= 2:
            return "PERSON"  # "spokeswoman Helena Vasquez-Moore": a role makes a person, whatever the model said
        votes = form.type_votes()
        return max(votes, key=lambda t: (votes[t], t == "PERSON"))

    @staticmethod
    def _compatible(a: str, b: str, match: NameMatch, single: bool = False) -> bool:
        """Same type; or the model mistyped one (a surname typed ORG, "Kassym-Zhomart Tokayev" as ORG):
        accepted when the names agree strongly, or a list vouches for them."""
        if a == b:
            return True
        if match.listed:
            return True
        if "PERSON" in (a, b):
            return match.score >= (0.8 if single else 0.95)
        return False

    @staticmethod
    def _label(group: list[_Form]) -> str:
        return max(group, key=lambda f: (f.words, len(f.mentions))).name

    def _entity(self, group: list[_Form], types: dict[str, str], titles: list[Mention]) -> Entity:
        names = {f.name for f in group}
        mentions = [m for f in group for m in f.mentions]
        mentions += [t for t in titles if t.normal in names]
        votes: Counter[str] = Counter()
        for form in group:
            votes[types[form.key]] += len(form.mentions) * (3 if form.words >= 2 else 1)
        if "PERSON" in votes and len(votes) > 1 and all(f.words == 1 for f in group if types[f.key] == "PERSON"):
            # A person is named in full somewhere; a single word typed a person beside the same word
            # typed a place or body is a model guessing at an unknown name (Талвора, "Washington").
            del votes["PERSON"]
        kind = cast(EntityType, max(votes, key=lambda t: votes[t]))
        canonical = self._canonical(group)
        variants = sorted({m.text for m in mentions if m.kind == "name"} | names, key=str.casefold)
        roles = sorted({m.role for m in mentions if m.role and m.kind == "name"})
        mentions.sort(key=lambda m: (m.article_id, m.start))
        return Entity(
            id=content_id(kind, canonical, length=10),
            name=canonical,
            type=kind,
            variants=tuple(variants),
            roles=tuple(roles),
            mentions=tuple(mentions),
        )

    @staticmethod
    def _canonical(group: list[_Form]) -> str:
        """The commonest full form in Latin script (an expansion rather than its acronym)."""
        def rank(form: _Form) -> tuple[bool, bool, int, int]:
            return (not CYRILLIC.search(form.name), form.words >= 2, len(form.mentions), len(form.name))

        best = max(group, key=rank)
        return best.name if not CYRILLIC.search(best.name) else latinize(best.name)


@dataclass(frozen=True)
class StoreEntity:
    """One referent across every story in a store."""

    name: str
    type: str
    variants: tuple[str, ...]
    stories: int
    mentions: int


def _generic(name: str, packs: LanguagePacks | None = None) -> bool:
    """A name made only of words that name a kind of body, not a particular one (`generic_body_words`):
    "the Security Council" of one story is Kazakhstan's, of another Estravia's."""
    generic = (packs if packs is not None else default_language_packs()).words("generic_body_words")
    words = re.findall(r"[^\W\d_]+", name.casefold())
    return bool(words) and all(w in generic for w in words)


def merge_across_stories(
    stored: Sequence[StoredEntityLike], matcher: NameMatcher, *, packs: LanguagePacks | None = None
) -> list[StoreEntity]:
    """Entities of different stories are one referent when they share a variant, or when every
    full name of one matches every full name of the other (the same complete link as within a
    story). Generic names ("Security Council") stay with their story."""
    parent = list(range(len(stored)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def full_names(i: int) -> list[str]:
        return [stored[j].name for j in range(len(stored)) if find(j) == find(i) and " " in stored[j].name]

    by_variant: dict[tuple[str, str], int] = {}
    distinctive = [i for i, e in enumerate(stored) if not _generic(e.name, packs)]
    for i in distinctive:
        entity = stored[i]
        for variant in entity.variants:
            if _generic(variant, packs):
                continue
            key = (entity.type, _form_key(variant, packs))
            if key in by_variant and find(by_variant[key]) != find(i):
                parent[find(i)] = find(by_variant[key])
            by_variant.setdefault(key, i)
    for n, i in enumerate(distinctive):
        for j in distinctive[n + 1 :]:
            a, b = stored[i], stored[j]
            if a.type != b.type or find(i) == find(j):
                continue
            if matcher.compare(a.name, b.name, a.type).same and all(
                matcher.compare(x, y, a.type).same for x in full_names(i) for y in full_names(j)
            ):
                parent[find(j)] = find(i)
    groups: dict[int, list[StoredEntityLike]] = {}
    for i, entity in enumerate(stored):
        groups.setdefault(find(i), []).append(entity)
    merged = []
    for members in groups.values():
        names = Counter(m.name for m in members)
        merged.append(StoreEntity(
            name=max(names, key=lambda n: (names[n], not CYRILLIC.search(n), len(n))),
            type=members[0].type,
            variants=tuple(sorted({v for m in members for v in m.variants}, key=str.casefold)),
            stories=len({m.comparison_id for m in members}),
            mentions=sum(m.mentions for m in members),
        ))
    merged.sort(key=lambda e: (-e.stories, -e.mentions, e.name))
    return merged
