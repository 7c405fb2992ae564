"""factrueval: factRuEval-2016 (dev set, MIT): Russian news with typed name mentions and which are one entity.

Published format (`devset/book_N.*`, README in Russian): `.txt` the text; `.spans` `id type start length
first_token token_count # ...`; `.objects` `id type span_id... # text` (an object is a mention made of
spans); `.coref` records separated by blank lines, first line `entity_id object_id...`, then `key value`.

Mentions: each object of type Person (PER), Org (ORG), Location or LocOrg (LOC) is the character range
from its first to its last naming span: descriptor spans (org_descr, loc_descr, job) are left out, so
the Org "мэрии Москвы" is scored as its name part "Москвы", as NER conversions of this set do; Project
and Facility objects are not scored. A
predicted mention counts when its range and type are exactly a gold one's. storydiff is its Russian
mention recognition (`EntityRecognizer`: natasha sentence by sentence, tidied, plus the known-names
list); the baseline is natasha alone: its raw spans on the same sentences, before storydiff's clean-up.

Identification: pairs of Person mentions within a document that the `.coref` layer puts in one entity,
against the pairs storydiff's `EntityResolver` puts in one entity; only gold mentions that storydiff
found (exact range) are paired, so the figure measures merging, not recognition. The baseline merges
mentions whose dictionary forms (natasha's normal form) are equal.

Reference: natasha's own published figures on factRuEval (slovnet README, "Evaluation / NER" table,
github.com/natasha/slovnet): F1 PER 0.959, LOC 0.915, ORG 0.825 -- measured by naeval on its conversion
of the factRuEval test set, not on these dev-set spans; see the note in the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from storydiff.config import Config
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.models import Article

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


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def load_documents(path: Path) -> list[FactDoc]:
    folder = path / "devset" if (path / "devset").is_dir() else path
    docs = []
    for text_file in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        stem = text_file.with_suffix("")
        doc = FactDoc(text_file.stem, text_file.read_text(encoding="utf-8"))
        spans: dict[str, tuple[int, int]] = {}
        for line in Path(f"{stem}.spans").read_text(encoding="utf-8").splitlines():
            parts = _fields(line)
            if len(parts) >= 4 and parts[1] not in _DESCRIPTORS:
                spans[parts[0]] = (int(parts[2]), int(parts[2]) + int(parts[3]))
        for line in Path(f"{stem}.objects").read_text(encoding="utf-8").splitlines():
            parts = _fields(line)
            if len(parts) < 3 or parts[1] not in _TYPES:
                continue
            ranges = [spans[s] for s in parts[2:] if s in spans]
            if ranges:
                doc.mentions[parts[0]] = (min(r[0] for r in ranges), max(r[1] for r in ranges), _TYPES[parts[1]])
        coref = Path(f"{stem}.coref")
        if coref.exists():
            for record in re.split(r"\n\s*\n", coref.read_text(encoding="utf-8")):
                lines = record.strip().splitlines()
                if lines:
                    doc.entities.append(set(lines[0].split()[1:]))
        docs.append(doc)
    return docs


def _article(doc: FactDoc) -> Article:
    from dataclasses import replace

    from storydiff.analyse.sentences import split_sentences
    from storydiff.models import Sentence, Span, content_id, sentence_id

    paragraphs = [Span(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", doc.text)]
    article = Article(
        id=content_id(doc.id, doc.text), path=doc.id, text=doc.text, encoding="utf-8", content_type="text",
        source=None, language="ru", headline=None, published=None, authors=(), dateline=None, credits=(),
        captions=(), removed=(), paragraphs=tuple(paragraphs), sentences=(),
        analyses=("clean", "language", "sentences"),
    )
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(doc.text, paragraph.start, paragraph.end):
            index = len(sentences)
            sentences.append(Sentence(sentence_id(article.id, index), doc.text[start:end], start, end, number, index))
    return replace(article, sentences=tuple(sentences))


class _Recorder:
    """The natasha recogniser, keeping what it returned (its raw spans, per sentence)."""

    name = "natasha"

    def __init__(self, model: Any) -> None:
        self.model = model
        self.calls: list[tuple[Sequence[str], list[list[Any]]]] = []

    def recognize(self, texts: Sequence[str]) -> list[list[Any]]:
        found = self.model.recognize(texts)
        self.calls.append((texts, found))
        return list(found)


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[tuple[object, ...]], gold: set[tuple[object, ...]]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.analyse.entities import EntityRecognizer
    from storydiff.backends import Backends
    from storydiff.compare.entities import EntityResolver

    natasha = Backends(config).recognizer("ru")
    if natasha is None:
        raise RuntimeError("the Russian recogniser (natasha) is not installed: pip install 'storydiff[nlp]'")
    recorder = _Recorder(natasha)  # natasha runs once; its raw spans are the baseline
    backends = Backends(config, recognizers={"ru": recorder})
    recognizer = EntityRecognizer(backends)
    resolver = EntityResolver(backends.matcher())
    docs = [d for d in load_documents(path) if in_split(d.id, split)][: limit if limit is not None else None]
    ours: dict[str, _Tally] = defaultdict(_Tally)
    base: dict[str, _Tally] = defaultdict(_Tally)
    merge, merge_base = _Tally(), _Tally()
    errors: list[str] = []
    for doc in docs:
        gold = set(doc.mentions.values())
        recorder.calls.clear()
        article = recognizer.recognize(_article(doc))
        names = [m for m in article.mentions if m.kind == "name"]
        predicted = {(m.start, m.end, _OURS[m.type]) for m in names}
        raw = [found for _, results in recorder.calls for found in results]
        natasha_spans = {(s.start + m.start, s.start + m.end, _OURS[m.type])
                         for s, found in zip(article.sentences, raw, strict=True) for m in found}
        for kind in ("PER", "ORG", "LOC", "all"):
            def pick(items: set[Mention], kind: str = kind) -> set[tuple[object, ...]]:
                return {m for m in items if kind == "all" or m[2] == kind}

            ours[kind].add(pick(predicted), pick(gold))
            base[kind].add(pick(natasha_spans), pick(gold))
        if split == "dev":
            for m in sorted(predicted - gold)[:3]:
                errors.append(f"{doc.id}: extra {m[2]} {doc.text[m[0]:m[1]]!r}")
            for m in sorted(gold - predicted)[:3]:
                errors.append(f"{doc.id}: missed {m[2]} {doc.text[m[0]:m[1]]!r}")
        # Identification: Person mentions found exactly, paired within the document.
        resolution = resolver.resolve([article])
        entity_of = {(m.start, m.end): e.id for e in resolution.entities for m in e.mentions if m.kind == "name"}
        normal_of = {(m.start, m.end): m.normal.casefold() for m in names}
        gold_entity = {obj: n for n, members in enumerate(doc.entities) for obj in members}
        people = [(obj, m) for obj, m in doc.mentions.items()
                  if m[2] == "PER" and (m[0], m[1]) in entity_of and obj in gold_entity]
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
        if split == "dev":
            for oa, ob in sorted(our_pairs ^ gold_pairs)[:3]:
                verdict = "merged" if (oa, ob) in our_pairs else "kept apart"
                a, b = doc.mentions[oa], doc.mentions[ob]
                errors.append(f"{doc.id}: {verdict} {doc.text[a[0]:a[1]]!r} / {doc.text[b[0]:b[1]]!r}")
    report = DatasetReport("factrueval", split, baseline=(
        "mentions: natasha alone (raw spans); identification: same dictionary form"))
    for kind in ("PER", "ORG", "LOC", "all"):
        p, r, f = ours[kind].prf()
        bp, br, bf = base[kind].prf()
        count = ours[kind].tp + ours[kind].fn
        published = f"natasha published F1 {PUBLISHED_NATASHA[kind]:.3f} (slovnet README, test set via naeval)" \
            if kind in PUBLISHED_NATASHA else f"{len(docs)} documents"
        report.figures += [
            Figure(f"mentions {kind} precision", p, bp, count),
            Figure(f"mentions {kind} recall", r, br, count),
            Figure(f"mentions {kind} F1", f, bf, count, note=published),
        ]
    p, r, f = merge.prf()
    bp, br, bf = merge_base.prf()
    pairs = merge.tp + merge.fn
    report.figures += [
        Figure("person identification pair precision", p, bp, pairs),
        Figure("person identification pair recall", r, br, pairs),
        Figure("person identification pair F1", f, bf, pairs, note="Person mentions found exactly, within a document"),
    ]
    report.errors = errors
    return report


register_dataset(DatasetEval(
    "factrueval",
    "factRuEval-2016 dev set: Russian PER/ORG/LOC mention F1 (exact span and type) and person identification pairs",
    run,
    "ner-factrueval-ru",
))
