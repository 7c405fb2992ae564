"""wikidata-names: name tokens from Wikidata labels with their Russian spelling, scored as merge decisions.

Published format (`wd_russian_80`, CC0): `latin_token<TAB>space-separated Cyrillic letters<TAB>count`.
A positive pair is the Latin token and its Cyrillic spelling (the letters joined). Every positive gets
a hard negative built the same way whatever the language: another Cyrillic spelling of the same split
whose Wikipedia-scheme transliteration is nearest (edit distance, not equal, not a spelling of the same
Latin token or of one that folds to the same romanisation key: Осип, spelled for Osip, is no negative
for Osyp; nor of a token whose key differs from this one's by one letter inside the word, added or left
out, first and last letters kept: Latin spellings of one name differ so (a silent h, a doubled or
digraph letter: Gerhardo / Gerardo, Brault / Bralt), while a different name or the other gender's form
changes a letter or an end (Marta / Maria, Malkov / Malkova). Until 2026-11 that second rule was absent
(`name_pairs(..., inner_variants=False)` builds the older sample). Items are split by the Latin token
(`in_split`), so every spelling of a token is on one side; the sample is the first N positives of the
split in hash order, so it never changes with the file's order.

`NameMatcher.compare(latin, cyrillic, "PERSON")` decides each pair; the baseline transliterates the
Cyrillic with iuliia's Wikipedia scheme and merges when difflib's ratio of the folded forms reaches a
threshold fitted on the dev split (`BASELINE_RATIO`).
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from storydiff.config import Config
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.names.matcher import edit_distance

__all__ = ["BASELINE_RATIO", "NamePairItem", "baseline_same", "load_entries", "name_pairs", "run"]

FILE = "wd_russian_80"
SAMPLE = 2000  # positives per split (and as many hard negatives)
BASELINE_RATIO = 0.7  # fitted on the dev split (best F1 of 0.5..0.95 in steps of 0.05)


@dataclass(frozen=True)
class NamePairItem:
    latin: str
    cyrillic: str
    same: bool


def load_entries(path: Path) -> list[tuple[str, str, int]]:
    """(latin token, Cyrillic spelling, count) rows in file order."""
    file = path / FILE if path.is_dir() else path
    rows = []
    with file.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0] or not parts[1].strip():
                continue
            count = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            rows.append((parts[0], "".join(parts[1].split()), count))
    return rows


def _rank(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _translit(cyrillic: str) -> str:
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(cyrillic)).casefold()


def _fold(latin: str) -> str:
    decomposed = unicodedata.normalize("NFKD", latin.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _deletes(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))} | {text}


def _inner_variant(a: str, b: str) -> bool:
    """One key is the other with one letter inside it added (not the first or the last)."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1 or len(shorter) < 2:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer) - 1))


def name_pairs(path: Path, split: Split, limit: int | None = None, inner_variants: bool = True) -> list[NamePairItem]:
    """SAMPLE (or `limit`) positives of the split, each followed by its hard negative. `inner_variants`:
    a spelling of a token one inner letter away is no negative (see the module's docstring)."""
    entries = [e for e in load_entries(path) if in_split(e[0], split)]
    from storydiff.names.latin import token_key

    spellings: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)  # Cyrillic spelling -> keys of the Latin tokens it spells
    for latin, cyrillic, _ in entries:
        spellings[latin].add(cyrillic)
        sources[cyrillic].add(token_key(_fold(latin)))
    forms = sorted({c for _, c, _ in entries})
    translit = {c: _translit(c) for c in forms}
    near: dict[str, list[str]] = defaultdict(list)  # a one-deletion form -> spellings
    for cyrillic in forms:
        for key in _deletes(translit[cyrillic]):
            near[key].append(cyrillic)
    by_start: dict[str, list[str]] = defaultdict(list)
    for cyrillic in sorted(forms, key=_rank):
        by_start[translit[cyrillic][:1]].append(cyrillic)
    wanted = limit if limit is not None else SAMPLE
    chosen = sorted(entries, key=lambda e: _rank(f"{e[0]}\t{e[1]}"))[:wanted]
    items = []
    for latin, cyrillic, _ in chosen:
        own = translit[cyrillic]
        attested = {translit[c] for c in spellings[latin]}

        key = token_key(_fold(latin))

        def allowed(
            other: str, own: str = own, attested: set[str] = attested, latin: str = latin, key: str = key
        ) -> bool:
            # Not a spelling of this token, nor of a variant of it (Osyp / Осип, spelled for Osip).
            return (
                other not in spellings[latin]
                and translit[other] != own
                and translit[other] not in attested
                and key not in sources[other]
                and not (inner_variants and any(_inner_variant(key, k) for k in sources[other]))
            )

        candidates = {c for key in _deletes(own) for c in near.get(key, ()) if allowed(c)}
        if not candidates:  # nothing one edit away: two or three edits away
            candidates = {c for one in _deletes(own) for key in _deletes(one) for c in near.get(key, ()) if allowed(c)}
        if not candidates:  # else the nearest of a bounded, hash-ordered sample with the same first letter
            candidates = {c for c in by_start[own[:1]][:400] if allowed(c)}
        if not candidates:
            continue
        negative = min(candidates, key=lambda c: (edit_distance(own, translit[c]), _rank(f"{latin}\t{c}")))
        items.append(NamePairItem(latin, cyrillic, True))
        items.append(NamePairItem(latin, negative, False))
    return items


def baseline_same(latin: str, cyrillic: str, threshold: float = BASELINE_RATIO) -> bool:
    return difflib.SequenceMatcher(None, _fold(latin), _fold(_translit(cyrillic))).ratio() >= threshold


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    from storydiff.names import NameMatcher, load_aliases

    matcher = NameMatcher(load_aliases(config.aliases), threshold=config.names.threshold)
    items = name_pairs(path, split, limit)
    ours = [0, 0, 0]  # tp fp fn
    base = [0, 0, 0]
    errors = []
    for item in items:
        result = matcher.compare(item.latin, item.cyrillic, "PERSON")
        for tally, same in ((ours, result.same), (base, baseline_same(item.latin, item.cyrillic))):
            tally[0] += int(same and item.same)
            tally[1] += int(same and not item.same)
            tally[2] += int(item.same and not same)
        if result.same != item.same and split == "dev":
            verdict = "merged" if result.same else "kept apart"
            errors.append(f"{verdict} {item.latin} / {item.cyrillic}: {'; '.join(result.reasons)}")
    p, r, f = _prf(*ours)
    bp, br, bf = _prf(*base)
    positives = sum(i.same for i in items)
    report = DatasetReport(
        "wikidata-names",
        split,
        baseline=(f"iuliia Wikipedia transliteration, difflib ratio >= {BASELINE_RATIO} (fitted on dev)"),
    )
    report.figures += [
        Figure("merge precision", p, bp, len(items)),
        Figure("merge recall", r, br, positives),
        Figure("merge F1", f, bf, len(items), note=f"{positives} positives + {len(items) - positives} hard negatives"),
    ]
    report.errors = errors
    return report


register_dataset(
    DatasetEval(
        "wikidata-names",
        "Latin name tokens vs their Russian spelling (Wikidata labels) and hard look-alike negatives: merge P/R/F1",
        run,
        "names-wikidata-en-ru",
    )
)
