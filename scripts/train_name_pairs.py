"""Learn `src/storydiff/names/pair_weights.tsv` (`names.pair_model`) from the CC0 Wikidata name pairs.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_name_pairs.py [../shared/devdata/names-wikidata-en-ru [out.tsv]]

Needs the `eval` extra (scikit-learn). Only the dev split is read: positives and hard negatives are built
exactly as `storydiff eval --dataset wikidata-names` builds them (`name_pairs`), but from the dev split's
training part: the first EXTRA positives in hash order minus the scored sample (the first SAMPLE), and
minus every pair whose Latin token or Cyrillic spelling the sample holds, as for the transcription tables.
The tables themselves barely overfit these pairs (merge F1 0.940 on them, 0.937 on the sample), so their
margins are fair features here. Only pairs the matcher scores with the tables are kept (one token each
side, not the same key). A logistic model (features seen fewer than MIN_COUNT times left out) is fitted;
the sample's best cuts are printed to choose `pair_model.CUT` (the dev split only).
"""

from __future__ import annotations

import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from storydiff.eval.datasets.wikidata_names import SAMPLE, NamePairItem, name_pairs
from storydiff.names import pair_model
from storydiff.names.latin import token_key, tokens
from storydiff.names.matcher import NameMatcher, _gendered_pair

EXTRA = 40000  # positives in hash order, the sample's included (22000: dev F1 0.0014 lower at P 0.98)
MIN_COUNT = 3
C = 1.0  # inverse regularisation: 0.3 and 3 gave lower dev F1


def scored(item: NamePairItem) -> bool:
    """The matcher decides the pair with the tables (no earlier rule does)."""
    a, b = tokens(item.latin), tokens(item.cyrillic)
    return len(a) == 1 and len(b) == 1 and token_key(a[0]) != token_key(b[0]) and not _gendered_pair(a[0], b[0])


def _features(item: NamePairItem) -> dict[str, float]:
    return pair_model.features(item.latin, item.cyrillic)


def _best_cuts(values: list[tuple[float, bool]], positives: int, tp: int, fp: int) -> None:
    """Best F1, and best F1 at precision >= 0.98, over cuts of the scored pairs (`tp`, `fp`: the others')."""
    values = sorted(values, key=lambda v: -v[0])
    best, best98 = (0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 0.0)
    for index, (value, same) in enumerate(values):
        tp, fp = tp + same, fp + (not same)
        if index + 1 < len(values) and values[index + 1][0] == value:
            continue
        p, r = tp / (tp + fp), tp / positives
        f = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f, value, p, r))
        if p >= 0.98:
            best98 = max(best98, (f, value, p, r))
    for name, (f, value, p, r) in (("best F1", best), ("best F1 at P >= 0.98", best98)):
        print(f"dev sample, {name}: cut {value:.3f}, P {p:.3f} R {r:.3f} F1 {f:.4f}")


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devdata/names-wikidata-en-ru")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else pair_model.TABLE
    sample = name_pairs(path, "dev")
    held_latin, held_cyrillic = {i.latin for i in sample}, {i.cyrillic for i in sample}
    items = [
        i
        for i in name_pairs(path, "dev", EXTRA)[2 * SAMPLE :]
        if i.latin not in held_latin and i.cyrillic not in held_cyrillic and scored(i)
    ]
    print(f"training on {len(items)} dev-split pairs ({sum(i.same for i in items)} positives)")
    with Pool(2) as pool:
        rows = pool.map(_features, items, chunksize=200)
    seen = Counter(name for row in rows for name in row)
    rows = [{k: v for k, v in row.items() if seen[k] >= MIN_COUNT} for row in rows]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=5000).fit(vectorizer.fit_transform(rows), [i.same for i in items])
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), 4)
    }
    lines = [
        "# feature\tweight (logistic; @bias the intercept) -- scripts/train_name_pairs.py, names.pair_model.features",
        f"@bias\t{float(model.intercept_[0]):.4f}",
        *(f"{name}\t{w}" for name, w in sorted(weights.items())),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(weights)} weights, {out.stat().st_size // 1024} KB)")
    pair_model.TABLE = out
    pair_model.clear_caches()
    matcher = NameMatcher()
    merged = [i for i in sample if not scored(i) and matcher.compare(i.latin, i.cyrillic, "PERSON").same]
    _best_cuts(
        [(pair_model.logit(i.latin, i.cyrillic), i.same) for i in sample if scored(i)],
        sum(i.same for i in sample),
        sum(i.same for i in merged),
        sum(not i.same for i in merged),
    )


if __name__ == "__main__":
    main()
