"""factrueval: factRuEval-2016 (dev set, MIT): Russian news with typed name mentions and which are one entity.

Published format (`devset/book_N.*`, README in Russian): `.txt` the text; `.spans` `id type start length
first_token token_count # ...`; `.objects` `id type span_id... # text` (an object is a mention made of
spans); `.coref` records separated by blank lines, first line `entity_id object_id...`, then `key value`.

Mentions, two ways. "mentions": each object of type Person (PER), Org (ORG), Location or LocOrg (LOC)
is the character range from its first to its last naming span, descriptor spans (org_descr,
loc_descr, job) left out, so the Org "мэрии Москвы" is scored as ORG "Москвы"; a predicted mention
counts when its range and type are exactly a gold one's. Stricter than the standard figure.
"naeval tokens": naeval's conversion and scoring, the way natasha's published figures were made
(`_ner_sets`): a person's whole range, an organisation's org_name spans and a place's loc_name spans
each on its own ("мэрии Москвы" gives no organisation), scored token by token. Project and Facility
objects are not scored either way. storydiff is its Russian mention recognition (`EntityRecognizer`:
natasha sentence by sentence, cut and tidied, plus the known-names and quoted-names passes); the
baseline is natasha alone: its own spans on the same sentences, before any of that.

Identification: pairs of Person mentions within a document that the `.coref` layer puts in one entity,
against the pairs storydiff's `EntityResolver` puts in one entity; only gold mentions that storydiff
found (exact range) are paired, so the figure measures merging, not recognition. The baseline merges
mentions whose dictionary forms (natasha's normal form) are equal. Beside it, B-cubed over the same
found mentions, of people and of every type (only objects named by their own kind of name), against
a stronger naive baseline: same surname for people, same dictionary form for the rest.

Reference: natasha's own published figures on factRuEval (slovnet README, "Evaluation / NER" table,
github.com/natasha/slovnet): F1 PER 0.959, LOC 0.915, ORG 0.825 -- measured by naeval on the factRuEval
test set; compare them with the "naeval tokens" figures, on a different half of different documents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from storydiff.config import Config
from storydiff.eval.datasets._ner_sets import (
    BCubed,
    Tally,
    plain_article,
    recording_backends,
    token_tally,
    without_overlaps,
)
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset

__all__ = ["PUBLISHED_NATASHA", "FactDoc", "load_documents", "run"]

# Span types that describe rather than name ("мэрии Москвы", "реку Нарву", "мэра"): left out of a
# mention's range, as in the NER conversions of this set (the name without its descriptor).
_DESCRIPTORS = {"org_descr", "loc_descr", "job", "prj_descr"}
_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
_OURS = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
PUBLISHED_NATASHA = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}

Mention = tuple[int, int, str]  # start, end, PER/ORG/LOC


@dataclass
class FactDoc:
    id: str
    text: str
    mentions: dict[str, Mention] = field(default_factory=dict)  # object id -> mention
    entities: list[set[str]] = field(default_factory=list)  # object ids that are one entity
    standard: list[Mention] = field(default_factory=list)  # naeval's conversion (see `_ner_sets`)
    # Objects named by their own kind of name ("Газпром"), not by another's ("правительства Израиля":
    # an organisation whose only name is a place's): what the entity B-cubed figure reads.
    named: set[str] = field(default_factory=set)


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def load_documents(path: Path) -> list[FactDoc]:
    folder = path / "devset" if (path / "devset").is_dir() else path
    docs = []
    for text_file in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        stem = text_file.with_suffix("")
        doc = FactDoc(text_file.stem, text_file.read_text(encoding="utf-8"))
        spans: dict[str, tuple[int, int, str]] = {}
        for line in Path(f"{stem}.spans").read_text(encoding="utf-8").splitlines():
            parts = _fields(line)
            if len(parts) >= 4:
                spans[parts[0]] = (int(parts[2]), int(parts[2]) + int(parts[3]), parts[1])
        for line in Path(f"{stem}.objects").read_text(encoding="utf-8").splitlines():
            parts = _fields(line)
            if len(parts) < 3 or parts[1] not in _TYPES:
                continue
            kind = _TYPES[parts[1]]
            own = [spans[s] for s in parts[2:] if s in spans]
            ranges = [r for r in own if r[2] not in _DESCRIPTORS]
            if ranges:
                doc.mentions[parts[0]] = (min(r[0] for r in ranges), max(r[1] for r in ranges), kind)
            # naeval's conversion: a person's whole range; an organisation's org_name spans, a place's
            # loc_name spans, each on its own ("мэрии Москвы" gives no organisation name).
            wanted = {"PER": "", "ORG": "org_name", "LOC": "loc_name"}[kind]
            if kind == "PER" and own:
                doc.standard.append((min(r[0] for r in own), max(r[1] for r in own), kind))
            else:
                doc.standard.extend(without_overlaps((r[0], r[1], kind) for r in own if r[2] == wanted))
            if ranges and (kind == "PER" or all(r[2] == wanted for r in ranges)):
                doc.named.add(parts[0])
        coref = Path(f"{stem}.coref")
        if coref.exists():
            for record in re.split(r"\n\s*\n", coref.read_text(encoding="utf-8")):
                lines = record.strip().splitlines()
                if lines:
                    doc.entities.append(set(lines[0].split()[1:]))
        docs.append(doc)
    return docs


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.analyse.entities import EntityRecognizer
    from storydiff.compare.entities import EntityResolver

    recorder, backends = recording_backends(config)  # natasha runs once; its raw spans are the baseline
    recognizer = EntityRecognizer(backends)
    resolver = EntityResolver(backends.matcher())
    docs = [d for d in load_documents(path) if in_split(d.id, split)][: limit if limit is not None else None]
    ours: dict[str, Tally] = defaultdict(Tally)
    base: dict[str, Tally] = defaultdict(Tally)
    merge, merge_base = Tally(), Tally()
    bcubed: dict[str, BCubed] = defaultdict(BCubed)
    bcubed_base: dict[str, BCubed] = defaultdict(BCubed)
    tokens: dict[str, Tally] = defaultdict(Tally)  # naeval's token-level figure, natasha's published way
    tokens_base: dict[str, Tally] = defaultdict(Tally)
    errors: list[str] = []
    for doc in docs:
        gold = set(doc.mentions.values())
        recorder.calls.clear()
        article = recognizer.recognize(plain_article(doc.id, doc.text))
        names = [m for m in article.mentions if m.kind == "name"]
        predicted = {(m.start, m.end, _OURS[m.type]) for m in names}
        natasha_spans = recorder.raw_spans(article, _OURS)
        for kind in ("PER", "ORG", "LOC", "all"):

            def pick(items: set[Mention], kind: str = kind) -> set[tuple[object, ...]]:
                return {m for m in items if kind == "all" or m[2] == kind}

            ours[kind].add(pick(predicted), pick(gold))
            base[kind].add(pick(natasha_spans), pick(gold))
        token_tally(tokens, predicted, doc.standard, doc.text)
        token_tally(tokens_base, natasha_spans, doc.standard, doc.text)
        if split == "dev":
            for m in sorted(predicted - gold)[:3]:
                errors.append(f"{doc.id}: extra {m[2]} {doc.text[m[0] : m[1]]!r}")
            for m in sorted(gold - predicted)[:3]:
                errors.append(f"{doc.id}: missed {m[2]} {doc.text[m[0] : m[1]]!r}")
        # Identification: Person mentions found exactly, paired within the document.
        resolution = resolver.resolve([article])
        entity_of = {(m.start, m.end): e.id for e in resolution.entities for m in e.mentions if m.kind == "name"}
        normal_of = {(m.start, m.end): m.normal.casefold() for m in names}
        gold_entity = {obj: n for n, members in enumerate(doc.entities) for obj in members}
        people = [
            (obj, m)
            for obj, m in doc.mentions.items()
            if m[2] == "PER" and (m[0], m[1]) in entity_of and obj in gold_entity
        ]
        gold_pairs, our_pairs, base_pairs = set(), set(), set()
        for (oa, ma), (ob, mb) in combinations(people, 2):
            pair = (oa, ob)
            if gold_entity[oa] == gold_entity[ob]:
                gold_pairs.add(pair)
            if entity_of[ma[0], ma[1]] == entity_of[mb[0], mb[1]]:
                our_pairs.add(pair)
            if normal_of.get((ma[0], ma[1])) == normal_of.get((mb[0], mb[1])):
                base_pairs.add(pair)
        merge.add(our_pairs, gold_pairs)  # type: ignore[arg-type]
        merge_base.add(base_pairs, gold_pairs)  # type: ignore[arg-type]
        # B-cubed over every mention found exactly, of each type; the baseline keys a person by the
        # surname in the dictionary form, an organisation or place by its whole dictionary form.
        found = {
            obj: m
            for obj, m in doc.mentions.items()
            if (m[0], m[1]) in entity_of and obj in gold_entity and obj in doc.named
        }
        for kind in ("PER", "all"):
            chosen = [obj for obj, m in found.items() if kind == "all" or m[2] == kind]
            gold_of = {obj: gold_entity[obj] for obj in chosen}
            spans = {obj: (found[obj][0], found[obj][1]) for obj in chosen}
            bcubed[kind].add(gold_of, {obj: entity_of[spans[obj]] for obj in chosen})
            bcubed_base[kind].add(
                gold_of, {obj: _naive_key(normal_of.get(spans[obj], ""), found[obj][2]) for obj in chosen}
            )
        if split == "dev":
            for oa, ob in sorted(our_pairs ^ gold_pairs)[:3]:
                verdict = "merged" if (oa, ob) in our_pairs else "kept apart"
                a, b = doc.mentions[oa], doc.mentions[ob]
                errors.append(f"{doc.id}: {verdict} {doc.text[a[0] : a[1]]!r} / {doc.text[b[0] : b[1]]!r}")
    report = DatasetReport(
        "factrueval", split, baseline=("mentions: natasha alone (raw spans); identification: same dictionary form")
    )
    for kind in ("PER", "ORG", "LOC", "all"):
        p, r, f = ours[kind].prf()
        bp, br, bf = base[kind].prf()
        count = ours[kind].tp + ours[kind].fn
        published = (
            f"natasha published {PUBLISHED_NATASHA[kind]:.3f} is naeval's token F1: see 'naeval tokens {kind} F1'"
            if kind in PUBLISHED_NATASHA
            else f"{len(docs)} documents"
        )
        report.figures += [
            Figure(f"mentions {kind} precision", p, bp, count),
            Figure(f"mentions {kind} recall", r, br, count),
            Figure(f"mentions {kind} F1", f, bf, count, note=published),
        ]
    for kind in ("PER", "ORG", "LOC", "all"):
        p, r, f = tokens[kind].prf()
        bp, br, bf = tokens_base[kind].prf()
        count = tokens[kind].tp + tokens[kind].fn
        note = (
            f"natasha published {PUBLISHED_NATASHA[kind]:.3f} (slovnet README, naeval, factRuEval test set)"
            if kind in PUBLISHED_NATASHA
            else ""
        )
        report.figures += [
            Figure(f"naeval tokens {kind} precision", p, bp, count),
            Figure(f"naeval tokens {kind} recall", r, br, count),
            Figure(f"naeval tokens {kind} F1", f, bf, count, note=note),
        ]
    p, r, f = merge.prf()
    bp, br, bf = merge_base.prf()
    pairs = merge.tp + merge.fn
    report.figures += [
        Figure("person identification pair precision", p, bp, pairs),
        Figure("person identification pair recall", r, br, pairs),
        Figure("person identification pair F1", f, bf, pairs, note="Person mentions found exactly, within a document"),
    ]
    for kind, label in (("PER", "person"), ("all", "entity")):
        p, r, f = bcubed[kind].prf()
        bp, br, bf = bcubed_base[kind].prf()
        count = bcubed[kind].count
        report.figures += [
            Figure(f"{label} identification B3 precision", p, bp, count),
            Figure(f"{label} identification B3 recall", r, br, count),
            Figure(
                f"{label} identification B3 F1",
                f,
                bf,
                count,
                note="baseline: same surname (people) / same dictionary form (others)",
            ),
        ]
    report.errors = errors
    return report


def _naive_key(normal: str, kind: str) -> tuple[str, str]:
    words = normal.split()
    return kind, words[-1] if kind == "PER" and words else normal


register_dataset(
    DatasetEval(
        "factrueval",
        "factRuEval-2016 dev set: Russian PER/ORG/LOC mention F1 (exact span and type) and person identification pairs",
        run,
        "ner-factrueval-ru",
    )
)
