"""PolNeAR (Political News Attribution Relations): attributions in US election news, 2015–2016.

Published format: `text/<name>.txt` (the article) and `attributions/<name>_<annotator>.ann`, brat
standoff: `T<n>\tSource|Cue|Content start end[;start end]\ttext` and
`E<n>\tAttribution:T.. Content:T.. Cue:T.. Source:T..` (`Attribution-no-source` without a source).
An article annotated by several annotators is read from the first annotator's file (sorted name).

Each text is run through storydiff as one article (clean, sentences, mentions), its quotes found
with `QuoteFinder(attributions="all")` (PolNeAR annotates stances and objects as attributions too),
speakers resolved among its own names as `quotes_by_article` does. Figures:
- direct recall: gold contents with quote marks; found when a predicted quote (direct or partial,
  its attributed content) covers at least half the gold content's characters;
- direct precision: predicted quotes (direct or partial) with at least half their characters inside
  gold contents (quote marks around words nobody is said to have said are scare quotes);
- attributions recall: every gold content, any predicted quote; attributions precision: predicted
  quotes of any kind with at least half their characters inside gold contents;
- speaker accuracy, where the gold source is a name (a capitalised word that is no pronoun or
  determiner): on the gold attributions found, the predicted speaker contains the gold surname
  (case-insensitive) or the name matcher calls them the same.
The baseline is one regex: text between double quote marks (straight or curly), no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from storydiff.config import Config
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset

__all__ = ["GoldAttribution", "read_annotations", "run_polnear"]

BASELINE = re.compile(r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?”")
_MARKS = re.compile(r"[\"“”]")
_NOT_NAMES = frozenset(
    "i he she it we they you me him her us them his hers its our their your the a an this that these those "
    "one some many most several all both each other others another who which what mr mrs ms".split()
)


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    source_text: str
    content_text: str

    @property
    def direct(self) -> bool:
        return bool(_MARKS.search(self.content_text))

    @property
    def surname(self) -> str | None:
        """The last capitalised word of the name a source starts with: before an appositive or a
        clause ("Smith, a senator", "Smith of Ohio", "Smith who"), outside a party tag ("(D-Wis.)")."""
        head = re.split(r",|\s(?:of|for|at|from|with|who|which|whose|in)\s", self.source_text)[0]
        words = re.findall(r"[A-Z][\w'’.-]*", re.sub(r"\([^)]*\)?", " ", head))
        names = [w.strip(".’'") for w in words if w.casefold().strip(".’'") not in _NOT_NAMES]
        names = [w for w in names if len(w) > 1 and not w.endswith(("'s", "’s"))] or names
        return names[-1] if names else None


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_annotations(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(where))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""), ("", ()))[1]
        out.append(GoldAttribution(content[1], source, " ".join(text[a:b] for a, b in source),
                                   " ".join(text[a:b] for a, b in content[1])))
    return out


def _items(path: Path, split: Split) -> Iterator[tuple[str, Path, Path]]:
    annotations: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(name, ann)  # the first annotator's file, by sorted name
    for name, ann in sorted(annotations.items()):
        text = path / "text" / f"{name}.txt"
        if text.exists() and in_split(name, split):
            yield name, text, ann


def _offset_map(raw: str, cleaned: str) -> list[int] | None:
    """Cleaned-text offsets to raw-text offsets (None: identical texts)."""
    if cleaned == raw[: len(cleaned)]:
        return None
    mapping = [-1] * (len(cleaned) + 1)
    for block in SequenceMatcher(None, cleaned, raw, autojunk=False).get_matching_blocks():
        for k in range(block.size + 1):
            if block.a + k <= len(cleaned):
                mapping[block.a + k] = block.b + k
    last = 0
    for i, value in enumerate(mapping):
        if value < 0:
            mapping[i] = last
        last = mapping[i]
    return mapping


def _covered(predicted: list[set[int]], gold: tuple[tuple[int, int], ...]) -> tuple[int, float]:
    """The predicted content covering the largest share of the gold content, and that share."""
    chars = {i for a, b in gold for i in range(a, b)}
    if not chars:
        return -1, 0.0
    best, share = -1, 0.0
    for n, p in enumerate(predicted):
        s = len(chars & p) / len(chars)
        if s > share:
            best, share = n, s
    return best, share


@dataclass
class _Tally:
    direct_found: int = 0
    direct_total: int = 0
    pred_right: int = 0
    pred_total: int = 0
    all_found: int = 0
    all_total: int = 0
    any_right: int = 0  # predicted attributions of any kind mostly inside gold contents
    any_total: int = 0
    speaker_right: int = 0
    speaker_total: int = 0

    def ratio(self, a: str, b: str) -> float:
        total = getattr(self, b)
        return getattr(self, a) / total if total else 0.0


def _same_speaker(predicted: str | None, gold: GoldAttribution, matcher: Any) -> bool:
    surname = gold.surname
    if predicted is None or surname is None:
        return False
    if surname.casefold() in predicted.casefold():
        return True
    written = predicted.casefold()
    if len(written) > 2 and written not in _NOT_NAMES and written in gold.source_text.casefold():
        return True
    return bool(matcher.compare(predicted, gold.source_text, "PERSON").same)


def _score(gold: list[GoldAttribution], predicted: list[set[int]], quoted: list[bool],
           speakers: list[str | None] | None, tally: _Tally, matcher: Any, errors: list[str] | None,
           name: str, text: str) -> None:
    for g in gold:
        best, share = _covered(predicted, g.content)
        hit = share >= 0.5
        tally.all_total += 1
        tally.all_found += hit
        if errors is not None and not hit and not g.direct:
            errors.append(f"{name}: attribution missed at {g.content[0][0]} ({share:.2f} covered)")
        if g.direct:
            tally.direct_total += 1
            q_best, q_share = _covered([p if q else set() for p, q in zip(predicted, quoted, strict=True)], g.content)
            tally.direct_found += q_share >= 0.5
            if errors is not None and q_share < 0.5:
                errors.append(f"{name}: direct missed at {g.content[0][0]} ({q_share:.2f} covered)")
        if speakers is not None and hit and g.source and g.surname is not None:
            tally.speaker_total += 1
            right = _same_speaker(speakers[best], g, matcher)
            tally.speaker_right += right
            if errors is not None and not right:
                errors.append(f"{name}: speaker {speakers[best]!r}, gold {g.source_text!r} at {g.content[0][0]}")
    golds = [{i for a, b in g.content for i in range(a, b)} for g in gold]
    for p, q in zip(predicted, quoted, strict=True):
        right = bool(p) and sum(1 for i in p if any(i in g for g in golds)) / len(p) >= 0.5
        tally.any_total += 1
        tally.any_right += right
        if not q:
            continue
        tally.pred_total += 1
        tally.pred_right += right
        if errors is not None and not right and p:
            errors.append(f"{name}: extra quote at {min(p)}")


def _quote_chars(quote: Any, mapping: list[int] | None) -> set[int]:
    spans = [(s.start, s.end) for s in getattr(quote, "content", ())] or [(quote.start, quote.end)]
    chars: set[int] = set()
    for a, b in spans:
        if mapping is not None:
            a, b = mapping[a], mapping[b]
        chars.update(range(a, b))
    return chars


def run_polnear(path: Path, split: Split, config: Config, limit: int | None) -> DatasetReport:
    from storydiff.analyse.quotes import QuoteFinder
    from storydiff.backends import default_backends
    from storydiff.compare.entities import EntityResolver
    from storydiff.compare.speakers import resolve_speakers
    from storydiff.names import NameMatcher
    from storydiff.pipeline import from_text, quotes_by_article

    backends = default_backends(config)
    matcher = NameMatcher()
    # PolNeAR annotates every attribution (stances and objects too): the finder's "all" scope.
    finder = QuoteFinder(packs=backends.packs(), attributions="all")
    resolver = EntityResolver(backends.matcher(), packs=backends.packs())
    ours, base = _Tally(), _Tally()
    errors: list[str] | None = [] if split == "dev" else None
    texts = 0
    for name, text_path, ann in _items(path, split):
        if limit is not None and texts >= limit:
            break
        texts += 1
        raw = text_path.read_text(encoding="utf-8")
        gold = read_annotations(ann, raw)
        found, _ = quotes_by_article([from_text(raw, name)], config=config, backends=backends)
        predicted: list[set[int]] = []
        quoted: list[bool] = []
        speakers: list[str | None] = []
        seen: set[frozenset[int]] = set()
        for item in found:
            mapping = _offset_map(raw, item.article.text)
            entities = resolver.resolve([item.article]).entities if config.models.entities else ()
            for quote in resolve_speakers(finder.find(item.article), entities):
                chars = _quote_chars(quote, mapping)
                key = frozenset(chars)
                if key in seen:  # pieces of one statement share its content
                    continue
                seen.add(key)
                predicted.append(chars)
                quoted.append(quote.kind != "indirect")
                speakers.append(quote.speaker_name)
        _score(gold, predicted, quoted, speakers, ours, matcher, errors, name, raw)
        baseline = [set(range(m.start() + 1, m.end() - 1)) for m in BASELINE.finditer(raw)]
        _score(gold, baseline, [True] * len(baseline), None, base, matcher, None, name, raw)
    report = DatasetReport("polnear", split, baseline="text between double quote marks (one regex), no speaker")
    report.figures = [
        Figure("direct quotes: recall", ours.ratio("direct_found", "direct_total"),
               base.ratio("direct_found", "direct_total"), ours.direct_total),
        Figure("direct quotes: precision", ours.ratio("pred_right", "pred_total"),
               base.ratio("pred_right", "pred_total"), ours.pred_total, note=f"baseline n={base.pred_total}"),
        Figure("all attributions: recall", ours.ratio("all_found", "all_total"),
               base.ratio("all_found", "all_total"), ours.all_total),
        Figure("all attributions: precision", ours.ratio("any_right", "any_total"),
               base.ratio("any_right", "any_total"), ours.any_total, note=f"baseline n={base.any_total}"),
        Figure("speaker accuracy (gold source a name)", ours.ratio("speaker_right", "speaker_total"),
               None, ours.speaker_total, note="on the gold attributions found"),
        Figure("texts", float(texts), None, texts),
    ]
    report.errors = errors or []
    return report


register_dataset(DatasetEval(
    name="polnear",
    description="PolNeAR attribution relations (brat standoff): direct quotes, all attributions, speakers",
    run=run_polnear,
    default_path="quotes-polnear-train",
))
