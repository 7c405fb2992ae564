"""Learn `src/storydiff/names/transcription.tsv` from the CC0 Wikidata name pairs (names-wikidata-en-ru).

Only the dev split is read (`in_split(latin, "dev")`), and the pairs `storydiff eval --dataset
wikidata-names --split dev` scores are left out (their Latin tokens and both Cyrillic spellings), so
the test split and the dev sample stay unseen. Hard EM: align every pair with the current table
(Viterbi over Latin groups of 1-3 letters and Cyrillic groups of 0-3 letters), count, re-estimate;
the first alignment uses a small hand-made seed of usual correspondences.

    .venv/bin/python scripts/train_transcription.py [../shared/devdata/names-wikidata-en-ru]
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from storydiff.eval.datasets import in_split
from storydiff.eval.datasets.wikidata_names import load_entries, name_pairs
from storydiff.names.transcribe import (
    MAX_CYRILLIC,
    MAX_LATIN,
    TABLE,
    context_keys,
    context_of,
    normalise_cyrillic,
    normalise_latin,
)

SEED = {
    "a": "а", "b": "б", "c": "к ц с ч", "d": "д", "e": "е э и", "f": "ф", "g": "г ж х", "h": "х  г",
    "i": "и й ы", "j": "дж й ж х", "k": "к", "l": "л ль", "m": "м", "n": "н нь", "o": "о", "p": "п",
    "q": "к", "r": "р", "s": "с з ш", "t": "т", "u": "у ю", "v": "в", "w": "в у", "x": "кс х с", "y": "й и ы я",
    "z": "з ц дз", "sh": "ш", "ch": "ч х ш к", "zh": "ж", "kh": "х", "ts": "ц", "tz": "ц", "sch": "ш", "sz": "ш",
    "cz": "ч", "ya": "я", "yu": "ю", "yo": "е", "ye": "е", "ja": "я", "ju": "ю", "ie": "ье и", "th": "т",
    "ph": "ф", "gh": "г", "ck": "к", "qu": "кв к", "ll": "лл ль", "ss": "сс", "tt": "тт", "nn": "нн",
    "ł": "л в", "ć": "ч ць", "ś": "сь ш", "ź": "зь ж", "ż": "ж", "ń": "нь", "ę": "е ен", "ą": "о он",
    "č": "ч", "š": "ш", "ž": "ж", "ř": "рж рш", "đ": "дж", "ñ": "нь", "ü": "ю у", "ö": "е", "ä": "е я",
    "ß": "сс", "ø": "е", "å": "о", "é": "е э", "è": "е э", "á": "а", "í": "и", "ó": "о", "ú": "у", "ý": "и ы й",
    "ě": "е", "ů": "у", "ő": "е", "ű": "ю", "ç": "с ч", "ğ": "", "ı": "ы и", "ş": "ш", "ō": "о", "ū": "у",
}
SEED_COST, OTHER_COST = -1.0, -7.0


def seed_table() -> dict[tuple[str, str], float]:
    table: dict[tuple[str, str], float] = {}
    for latin, options in SEED.items():
        for cyrillic in options.split(" "):
            table[(latin, cyrillic)] = SEED_COST
    return table


def align(pair: tuple[str, str], table: dict[tuple[str, str], float]) -> list[tuple[str, str, str]] | None:
    """Best alignment as (latin group, context, cyrillic group) triples; None when none is found."""
    latin, cyrillic = pair
    n, m = len(latin), len(cyrillic)
    minus = -math.inf
    score = [[minus] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = score[i][j]
            if here == minus:
                continue
            if j < m and cyrillic[j] in "ьъ" and here - 8.0 > score[i][j + 1]:
                score[i][j + 1], back[i][j + 1] = here - 8.0, (i, j)
            for a in range(1, MAX_LATIN + 1):
                if i + a > n:
                    break
                group = latin[i : i + a]
                for b in range(0, MAX_CYRILLIC + 1):
                    if j + b > m:
                        break
                    value = table.get((group, cyrillic[j : j + b]))
                    if value is None:
                        if b == 0 and a > 1:
                            continue  # only a single letter may go unwritten (silent h, e)
                        value = table.get(("", ""), OTHER_COST) - 2.0 * (a - 1) - 2.0 * abs(b - 1)
                    if here + value > score[i + a][j + b]:
                        score[i + a][j + b], back[i + a][j + b] = here + value, (i, j)
    if score[n][m] == minus:
        return None
    out = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None
        pi, pj = step
        if pi != i:
            out.append((latin[pi:i], context_of(latin, pi, i), cyrillic[pj:j]))
        i, j = pi, pj
    return list(reversed(out))


_TABLE: dict[tuple[str, str], float] = {}


def _init(table: dict[tuple[str, str], float]) -> None:
    global _TABLE
    _TABLE = table


def _align(pair: tuple[str, str]) -> list[tuple[str, str, str]] | None:
    return align(pair, _TABLE)


def estimate(alignments: list[list[tuple[str, str, str]]], weights: list[int]) -> tuple[
        dict[tuple[str, str], float], dict[str, dict[str, float]]]:
    joint: Counter[tuple[str, str]] = Counter()
    contextual: Counter[tuple[str, str]] = Counter()
    for pieces, weight in zip(alignments, weights, strict=True):
        for latin, context, cyrillic in pieces:
            joint[(latin, cyrillic)] += weight
            contextual[(context_keys(latin, context)[0], cyrillic)] += weight
    # Joint probabilities p(latin group, cyrillic group): a rare group pays for its rarity, so no
    # segmentation wins by choosing groups seen once with a noisy pair.
    rows: dict[str, dict[str, float]] = {}
    table: dict[tuple[str, str], float] = {}
    total = sum(joint.values())
    for counts, minimum in ((joint, 2), (contextual, 3)):
        for (latin, cyrillic), count in counts.items():
            group = latin.split("|")[0]
            if cyrillic == "" and len(group) > 1:
                continue
            if count < minimum * (1 if len(group) == 1 else 3):
                continue
            value = math.log(count / total)
            rows.setdefault(latin, {})[cyrillic] = value
            if "|" not in latin:
                table[(latin, cyrillic)] = value
    table[("", "")] = math.log(0.5 / total)
    return table, rows


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/devdata/names-wikidata-en-ru")
    held = name_pairs(path, "dev")
    held_latin = {i.latin for i in held}
    held_cyrillic = {i.cyrillic for i in held}
    pairs, weights = [], []
    for latin, cyrillic, count in load_entries(path):
        if not in_split(latin, "dev") or latin in held_latin or cyrillic in held_cyrillic:
            continue
        pairs.append((normalise_latin(latin), normalise_cyrillic(cyrillic)))
        weights.append(min(count, 5))
    print(f"training on {len(pairs)} dev-split pairs ({len(held)} scored pairs set aside)")
    table = seed_table()
    rows: dict[str, dict[str, float]] = {}
    for iteration in range(4):
        with Pool(2, initializer=_init, initargs=(table,)) as pool:
            found = pool.map(_align, pairs, chunksize=500)
        kept = [(a, w) for a, w in zip(found, weights, strict=True) if a is not None]
        table, rows = estimate([a for a, _ in kept], [w for _, w in kept])
        print(f"iteration {iteration}: {len(kept)} aligned, {len(table)} group pairs")
    lines = ["# latin group[|context: ^ word start, then v|c|# what follows]\tcyrillic group\t"
             "log p(latin group, cyrillic group) -- scripts/train_transcription.py"]
    for latin in sorted(rows):
        for cyrillic, value in sorted(rows[latin].items(), key=lambda kv: -kv[1]):
            lines.append(f"{latin}\t{cyrillic}\t{value:.3f}")
    TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TABLE} ({TABLE.stat().st_size // 1024} KB, {len(lines) - 1} rows)")


if __name__ == "__main__":
    main()
