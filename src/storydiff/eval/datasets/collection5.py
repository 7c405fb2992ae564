"""collection5: Collection5 ("ne5", Mozharova & Loukachevitch), Russian news with gold named entities.

Published format: `ne5.raw.jsonl.gz`, one document a line, `{"source": {"id", "text", "spans":
[{"index", "type", "start", "stop", "text"}]}, "markups": [...]}`; offsets into `text` (\\r\\n line
ends); types PER, ORG, LOC, GEOPOLIT (countries, cities as political units), MEDIA. `markups` holds
other systems' output and is not read. No licence is stated: measured here, nothing derived is shipped.

Glosses and legal forms: this set keeps a name's gloss in brackets and a company's legal form inside
the name ("Дэвид Лоус (David Laws)", `ОАО "Аэрофлот"`); factRuEval marks them apart, and storydiff
follows it (two names merge better than one name with its gloss). A third figure scores the same
output against this set's spans cut that way, so the difference of convention shows on its own.

Scoring as naeval's conversion (the one behind natasha's published ne5 figures): GEOPOLIT and LOC
are places (LOC), MEDIA is an organisation (ORG); a span wrapped in quotes on both sides loses them
("«Союзкалий»" -> Союзкалий, but `компания "Союзкалий"` stays); a span overlapping an earlier one
goes. Figures: whole mentions (exact range and type) and naeval's token-level F1. storydiff is its
mention recognition (`EntityRecognizer`); the baseline is natasha's raw spans on the same sentences.

Reference: natasha's published figures on ne5 (slovnet README, naeval): F1 PER 0.984, LOC 0.973,
ORG 0.951 -- measured on the whole set, not on one half.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storydiff.config import Config
from storydiff.eval.datasets._ner_sets import (
    Span,
    Tally,
    plain_article,
    recording_backends,
    token_tally,
    without_overlaps,
)
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset

__all__ = ["PUBLISHED_NATASHA", "Ne5Doc", "load_documents", "run"]

_TYPES = {"PER": "PER", "ORG": "ORG", "MEDIA": "ORG", "LOC": "LOC", "GEOPOLIT": "LOC"}
_OURS = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
_QUOTES = "\"'”«„ʼ»“ʻ"
PUBLISHED_NATASHA = {"PER": 0.984, "LOC": 0.973, "ORG": 0.951}


@dataclass
class Ne5Doc:
    id: str
    text: str
    mentions: list[Span] = field(default_factory=list)  # PER/ORG/LOC, as naeval converts them
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # range -> the set's own type
    apart: list[Span] = field(default_factory=list)  # the same, glosses and legal forms apart (see `_apart`)


def _unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """naeval's `strip_span_bounds`: quotes go only when they stand on both sides."""
    chunk = text[start:end]
    word = chunk.strip(_QUOTES)
    if word and chunk[0] in _QUOTES and chunk[-1] in _QUOTES:
        first = start + chunk.find(word)
        return first, first + len(word)
    return start, end


_GLOSS = re.compile(r"^(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)$")  # "Дэвид Лоус (David Laws)"
_FORM = re.compile(r"^[^\"«„“]+?\s+[\"«„“](?P<name>[^\"«»„“”]+)[\"»“”]$")  # `ОАО "Аэрофлот"`


def _apart(text: str, start: int, end: int, kind: str) -> list[Span]:
    """factRuEval's convention on this set's spans: a name and its gloss in brackets are two names
    ("Дэвид Лоус (David Laws)"), and a quoted name is scored without its legal form (`ОАО "Аэрофлот"`)."""
    chunk = text[start:end]
    gloss = _GLOSS.match(chunk)
    if gloss:
        return [(start + gloss.start(g), start + gloss.end(g), kind) for g in ("a", "b")]
    form = _FORM.match(chunk)
    if form:
        return [(start + form.start("name"), start + form.end("name"), kind)]
    return [(start, end, kind)]


def load_documents(path: Path) -> list[Ne5Doc]:
    source = path / "ne5.raw.jsonl.gz" if path.is_dir() else path
    docs = []
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)["source"]
            doc = Ne5Doc(str(record["id"]), record["text"])
            spans = [(s["start"], s["stop"], s["type"]) for s in record["spans"] if s["type"] in _TYPES]
            for start, end, kind in without_overlaps(spans):
                start, end = _unquoted(doc.text, start, end)
                doc.mentions.append((start, end, _TYPES[kind]))
                doc.kinds[start, end] = kind
                doc.apart.extend(_apart(doc.text, start, end, _TYPES[kind]))
            docs.append(doc)
    return docs


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.analyse.entities import EntityRecognizer

    recorder, backends = recording_backends(config)
    recognizer = EntityRecognizer(backends)
    docs = [d for d in load_documents(path) if in_split(d.id, split)][: limit if limit is not None else None]
    ours: dict[str, Tally] = defaultdict(Tally)
    base: dict[str, Tally] = defaultdict(Tally)
    tokens: dict[str, Tally] = defaultdict(Tally)
    tokens_base: dict[str, Tally] = defaultdict(Tally)
    apart: dict[str, Tally] = defaultdict(Tally)
    apart_base: dict[str, Tally] = defaultdict(Tally)
    found_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # the set's type -> found, total
    errors: list[str] = []
    for doc in docs:
        gold = set(doc.mentions)
        recorder.calls.clear()
        article = recognizer.recognize(plain_article(doc.id, doc.text))
        predicted = {(m.start, m.end, _OURS[m.type]) for m in article.mentions if m.kind == "name"}
        natasha_spans = recorder.raw_spans(article, _OURS)
        for kind in ("PER", "ORG", "LOC", "all"):

            def pick(items: set[Span], kind: str = kind) -> set[tuple[object, ...]]:
                return {m for m in items if kind == "all" or m[2] == kind}

            ours[kind].add(pick(predicted), pick(gold))
            base[kind].add(pick(natasha_spans), pick(gold))
            apart[kind].add(pick(predicted), pick(set(doc.apart)))
            apart_base[kind].add(pick(natasha_spans), pick(set(doc.apart)))
        token_tally(tokens, predicted, gold, doc.text)
        token_tally(tokens_base, natasha_spans, gold, doc.text)
        for mention in gold:
            tally = found_by_kind[doc.kinds[mention[0], mention[1]]]
            tally[0] += mention in predicted
            tally[1] += 1
        if split == "dev":
            errors += [f"{doc.id}: extra {m[2]} {doc.text[m[0] : m[1]]!r}" for m in sorted(predicted - gold)[:3]]
            errors += [
                f"{doc.id}: missed {doc.kinds[m[0], m[1]]} {doc.text[m[0] : m[1]]!r}"
                for m in sorted(gold - predicted)[:3]
            ]
    report = DatasetReport("collection5", split, baseline="natasha alone (raw spans)")
    for label, mine, theirs in (
        ("mentions", ours, base),
        ("naeval tokens", tokens, tokens_base),
        ("mentions glosses apart", apart, apart_base),
    ):
        for kind in ("PER", "ORG", "LOC", "all"):
            p, r, f = mine[kind].prf()
            bp, br, bf = theirs[kind].prf()
            count = mine[kind].tp + mine[kind].fn
            note = f"{len(docs)} documents" if kind == "all" else ""
            if label == "mentions glosses apart" and kind == "all":
                note = "factRuEval's convention: 'A (B)' two names, a quoted name without its legal form"
            if label == "naeval tokens" and kind in PUBLISHED_NATASHA:
                note = f"natasha published {PUBLISHED_NATASHA[kind]:.3f} (slovnet README, naeval, whole set)"
            report.figures += [
                Figure(f"{label} {kind} precision", p, bp, count),
                Figure(f"{label} {kind} recall", r, br, count),
                Figure(f"{label} {kind} F1", f, bf, count, note=note),
            ]
    for kind in sorted(found_by_kind):
        found, total = found_by_kind[kind]
        report.figures.append(Figure(f"mentions {kind} recall (set's type)", found / total, None, total))
    report.errors = errors
    return report


register_dataset(
    DatasetEval(
        "collection5",
        "Collection5 (ne5): Russian PER/ORG/LOC mention F1 (exact span and type; naeval's token F1 beside it)",
        run,
        "ner-collection5-ru",
    )
)
