"""Name matching: pairs that must merge and look-alikes that must not, across romanisations."""

from __future__ import annotations

import csv
from collections import defaultdict

from storydiff.eval.goldset import GOLD_DIR
from storydiff.eval.scoring import Score
from storydiff.names import NameMatcher

__all__ = ["score_names"]


def score_names() -> tuple[Score, dict[str, Score], list[str]]:
    """Merge precision and recall over all pairs, and per source language."""
    matcher = NameMatcher()
    total = Score(0, 0, 0)
    by_language: dict[str, Score] = defaultdict(lambda: Score(0, 0, 0))
    notes = []
    with (GOLD_DIR / "names.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            result = matcher.compare(row["a"], row["b"])
            gold = row["same"] == "1"
            score = Score(int(gold and result.same), int(result.same and not gold), int(gold and not result.same))
            total += score
            by_language[row["language"]] += score
            if result.same != gold:
                verdict = "merged" if result.same else "kept apart"
                notes.append(f"{row['language']}: {verdict} {row['a']!r} / {row['b']!r}: {'; '.join(result.reasons)}")
    return total, dict(sorted(by_language.items())), notes
