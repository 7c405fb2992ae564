"""Learn `src/storydiff/names/transcription.tsv` from the CC0 Wikidata name pairs (names-wikidata-en-ru).

Only the dev split is read (`in_split(latin, "dev")`), and the pairs `storydiff eval --dataset
wikidata-names --split dev` scores are left out (their Latin tokens and both Cyrillic spellings), so
the test split and the dev sample stay unseen. Hard EM: align every pair with the current table
(Viterbi over Latin groups of 1-3 letters and Cyrillic groups of 0-3 letters), count, re-estimate;
the first alignment uses a small hand-made seed of usual correspondences. The last alignment is then
counted in context (`transcribe.context_keys`) and by the language the Latin token's letters suggest
(`language.guess_language`, rows `group|@language`); contexts seen fewer than MIN_CONTEXT times are
left to the wider ones, which keeps the shipped table small. REALIGN more rounds align with that context model
itself, leaving out pairs more than NOISE nats a letter behind its best spelling (wrong Wikidata pairs).

    .venv/bin/python scripts/train_transcription.py [--reverse] [../shared/devdata/names-wikidata-en-ru [OUT.tsv]]

`--reverse` learns `src/storydiff/names/transliteration.tsv` instead (`names.reverse`: Cyrillic -> Latin)
from the same pairs read backwards.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from storydiff.eval.datasets import in_split
from storydiff.eval.datasets.wikidata_names import load_entries, name_pairs
from storydiff.names import reverse, transcribe
from storydiff.names.language import guess_language
from storydiff.names.latin import normalise_cyrillic, normalise_latin
from storydiff.names.transcribe import (
    MAX_CYRILLIC,
    MAX_LATIN,
    TABLE,
    alignment,
    context_keys,
    margin,
)

SEED = {
    "a": "а",
    "b": "б",
    "c": "к ц с ч",
    "d": "д",
    "e": "е э и",
    "f": "ф",
    "g": "г ж х",
    "h": "х  г",
    "i": "и й ы",
    "j": "дж й ж х",
    "k": "к",
    "l": "л ль",
    "m": "м",
    "n": "н нь",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с з ш",
    "t": "т",
    "u": "у ю",
    "v": "в",
    "w": "в у",
    "x": "кс х с",
    "y": "й и ы я",
    "z": "з ц дз",
    "sh": "ш",
    "ch": "ч х ш к",
    "zh": "ж",
    "kh": "х",
    "ts": "ц",
    "tz": "ц",
    "sch": "ш",
    "sz": "ш",
    "cz": "ч",
    "ya": "я",
    "yu": "ю",
    "yo": "е",
    "ye": "е",
    "ja": "я",
    "ju": "ю",
    "ie": "ье и",
    "th": "т",
    "ph": "ф",
    "gh": "г",
    "ck": "к",
    "qu": "кв к",
    "ll": "лл ль",
    "ss": "сс",
    "tt": "тт",
    "nn": "нн",
    "ł": "л в",
    "ć": "ч ць",
    "ś": "сь ш",
    "ź": "зь ж",
    "ż": "ж",
    "ń": "нь",
    "ę": "е ен",
    "ą": "о он",
    "č": "ч",
    "š": "ш",
    "ž": "ж",
    "ř": "рж рш",
    "đ": "дж",
    "ñ": "нь",
    "ü": "ю у",
    "ö": "е",
    "ä": "е я",
    "ß": "сс",
    "ø": "е",
    "å": "о",
    "é": "е э",
    "è": "е э",
    "á": "а",
    "í": "и",
    "ó": "о",
    "ú": "у",
    "ý": "и ы й",
    "ě": "е",
    "ů": "у",
    "ő": "е",
    "ű": "ю",
    "ç": "с ч",
    "ğ": "",
    "ı": "ы и",
    "ş": "ш",
    "ō": "о",
    "ū": "у",
}
SEED_COST, OTHER_COST = -1.0, -7.0
MIN_CONTEXT = 50  # weighted pairs a context needs before it gets its own row
MIN_SPELLING = 2  # weighted pairs a spelling needs in a row
REALIGN = 2  # hard-EM rounds with the context model after the context-free ones
NOISE = 1.2  # nats a letter behind the best spelling: a pair further off is left out of those rounds


def seed_table() -> dict[tuple[str, str], float]:
    table: dict[tuple[str, str], float] = {}
    for latin, options in SEED.items():
        for cyrillic in options.split(" "):
            table[(latin, cyrillic)] = SEED_COST
    return table


def align(
    pair: tuple[str, str], table: dict[tuple[str, str], float], max_out: int = MAX_CYRILLIC
) -> list[tuple[int, int, str]] | None:
    """Best alignment as (start, end of the Latin group, Cyrillic group) triples; None when none is found.
    The same for the reversed pairs of `--reverse` (Cyrillic groups, Latin groups of up to `max_out`)."""
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
                for b in range(0, max_out + 1):
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
            out.append((pi, i, cyrillic[pj:j]))
        i, j = pi, pj
    return list(reversed(out))


_TABLE: dict[tuple[str, str], float] = {}


def _init(table: dict[tuple[str, str], float]) -> None:
    global _TABLE
    _TABLE = table


def _plausible_alignment(latin: str, cyrillic: str) -> list[tuple[int, int, str]] | None:
    """The context model's alignment, or None for a pair it finds implausible: Wikidata labels hold
    some wrong pairs (another person's name), which would teach the model their noise."""
    return alignment(latin, cyrillic) if margin(latin, cyrillic) > -NOISE else None


def _align(pair: tuple[str, str]) -> list[tuple[int, int, str]] | None:
    return align(pair, _TABLE)


def _align_reverse(pair: tuple[str, str]) -> list[tuple[int, int, str]] | None:
    return align(pair, _TABLE, reverse.MAX_OUT)


def estimate(
    pairs: list[tuple[str, str]], alignments: list[list[tuple[int, int, str]] | None], weights: list[int]
) -> dict[tuple[str, str], float]:
    """Joint probabilities p(latin group, cyrillic group) for the next alignment: a rare group pays for
    its rarity, so no segmentation wins by choosing groups seen once with a noisy pair."""
    joint: Counter[tuple[str, str]] = Counter()
    for (latin, _), pieces, weight in zip(pairs, alignments, weights, strict=True):
        for start, end, cyrillic in pieces or ():
            joint[(latin[start:end], cyrillic)] += weight
    total = sum(joint.values())
    table = {
        (latin, cyrillic): math.log(count / total)
        for (latin, cyrillic), count in joint.items()
        if not (cyrillic == "" and len(latin) > 1) and count >= 2 * (1 if len(latin) == 1 else 3)
    }
    table[("", "")] = math.log(0.5 / total)
    return table


def context_rows(
    pairs: list[tuple[str, str]], alignments: list[list[tuple[int, int, str]] | None], weights: list[int]
) -> list[str]:
    """The shipped rows: spelling counts for every group and for its contexts seen often enough, and the
    log-probability that a group's letters are read as one unit where they occur."""
    counts: dict[str, Counter[str]] = {}
    units: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for (latin, _), pieces, weight in zip(pairs, alignments, weights, strict=True):
        if pieces is None:
            continue
        for size in range(1, MAX_LATIN + 1):
            for start in range(len(latin) - size + 1):
                occurrences[latin[start : start + size]] += weight
        language = guess_language(latin)
        for start, end, cyrillic in pieces:
            units[latin[start:end]] += weight
            keys = context_keys(latin, start, end)
            if language:  # the group in its token's language, alone and with the classes around it
                keys += (f"{latin[start:end]}|@{language}", f"{keys[1]}@{language}")
            for key in keys:
                counts.setdefault(key, Counter())[cyrillic] += weight
    rows = []
    for key in sorted(counts):
        row = counts[key]
        if "|" in key and sum(row.values()) < MIN_CONTEXT:
            continue
        for cyrillic, count in sorted(row.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_SPELLING:
                rows.append(f"{key}\t{cyrillic}\t{count}")
    for group in sorted(units):
        if units[group] >= MIN_SPELLING:
            rows.append(f"@unit\t{group}\t{math.log((units[group] + 0.1) / (occurrences[group] + 1)):.3f}")
    return rows


def reverse_seed() -> dict[tuple[str, str], float]:
    """SEED read backwards (Cyrillic group -> folded Latin group), with the letters only Russian has."""
    table: dict[tuple[str, str], float] = {}
    for latin, options in SEED.items():
        for cyrillic in options.split(" "):
            if cyrillic and len(reverse.fold_latin(latin)) <= reverse.MAX_OUT:
                table[(cyrillic, reverse.fold_latin(latin))] = SEED_COST
    for cyrillic, options in {"ь": "", "ъ": "", "щ": "shch sch", "ы": "y i", "э": "e", "й": "y i j"}.items():
        for latin in options.split(" "):
            table[(cyrillic, latin)] = SEED_COST
    return table


def reverse_rows(
    pairs: list[tuple[str, str]], alignments: list[list[tuple[int, int, str]] | None], weights: list[int]
) -> list[str]:
    """`context_rows` for the reversed pairs: Cyrillic groups in context (`reverse.context_keys`). Rows by
    the Latin token's language and realigning with the context model left dev F1 unchanged: not done."""
    counts: dict[str, Counter[str]] = {}
    units: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for (cyrillic, _), pieces, weight in zip(pairs, alignments, weights, strict=True):
        if pieces is None:
            continue
        for size in range(1, reverse.MAX_IN + 1):
            for start in range(len(cyrillic) - size + 1):
                occurrences[cyrillic[start : start + size]] += weight
        for start, end, latin in pieces:
            units[cyrillic[start:end]] += weight
            for key in reverse.context_keys(cyrillic, start, end):
                counts.setdefault(key, Counter())[latin] += weight
    rows = []
    for key in sorted(counts):
        row = counts[key]
        if "|" in key and sum(row.values()) < MIN_CONTEXT:
            continue
        for latin, count in sorted(row.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_SPELLING:
                rows.append(f"{key}\t{latin}\t{count}")
    for group in sorted(units):
        if units[group] >= MIN_SPELLING:
            rows.append(f"@unit\t{group}\t{math.log((units[group] + 0.1) / (occurrences[group] + 1)):.3f}")
    return rows


def train_reverse(pairs: list[tuple[str, str]], weights: list[int], out: Path) -> None:
    """The Cyrillic -> Latin table: pairs the forward table finds implausible (NOISE) are left out, the
    rest aligned backwards by hard EM from `reverse_seed` and counted in context."""
    with Pool(2) as pool:
        keep = pool.starmap(margin, pairs, chunksize=500)
    kept = [
        ((cyrillic, reverse.fold_latin(latin)), weight)
        for (latin, cyrillic), weight, value in zip(pairs, weights, keep, strict=True)
        if value > -NOISE and reverse.fold_latin(latin)
    ]
    backwards, backward_weights = [p for p, _ in kept], [w for _, w in kept]
    print(f"reverse: {len(backwards)} plausible pairs")
    table = reverse_seed()
    found: list[list[tuple[int, int, str]] | None] = []
    for iteration in range(4):
        with Pool(2, initializer=_init, initargs=(table,)) as pool:
            found = pool.map(_align_reverse, backwards, chunksize=500)
        table = estimate(backwards, found, backward_weights)
        print(f"reverse iteration {iteration}: {sum(a is not None for a in found)} aligned, {len(table)} group pairs")
    header = (
        "# cyrillic group[|context]\tlatin group (folded)\tweighted count; @unit\tgroup\tlog p(read as one unit) "
        "-- scripts/train_transcription.py --reverse (keys: reverse.context_keys)"
    )
    out.write_text("\n".join([header, *reverse_rows(backwards, found, backward_weights)]) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


def main() -> None:
    arguments = [a for a in sys.argv[1:] if a != "--reverse"]
    backwards = "--reverse" in sys.argv[1:]
    path = Path(arguments[0] if arguments else "../shared/devdata/names-wikidata-en-ru")
    # Another path: try a table without shipping it.
    out = Path(arguments[1]) if len(arguments) > 1 else reverse.TABLE if backwards else TABLE
    held = name_pairs(path, "dev")
    held_latin = {i.latin for i in held}
    held_cyrillic = {i.cyrillic for i in held}
    pairs, weights = [], []
    for latin, cyrillic, count in load_entries(path):
        if not in_split(latin, "dev") or latin in held_latin or cyrillic in held_cyrillic or "|" in latin:
            continue
        pairs.append((normalise_latin(latin), normalise_cyrillic(cyrillic)))
        weights.append(min(count, 5))
    print(f"training on {len(pairs)} dev-split pairs ({len(held)} scored pairs set aside)")
    if backwards:
        train_reverse(pairs, weights, out)
        return
    table = seed_table()
    found: list[list[tuple[int, int, str]] | None] = []
    for iteration in range(4):
        with Pool(2, initializer=_init, initargs=(table,)) as pool:
            found = pool.map(_align, pairs, chunksize=500)
        table = estimate(pairs, found, weights)
        print(f"iteration {iteration}: {sum(a is not None for a in found)} aligned, {len(table)} group pairs")
    lines = [
        "# latin group[|context]\tcyrillic group\tweighted count; @unit\tgroup\tlog p(read as one unit) "
        "-- scripts/train_transcription.py (keys: transcribe.context_keys)"
    ]
    for iteration in range(REALIGN + 1):
        out.write_text("\n".join(lines + context_rows(pairs, found, weights)) + "\n", encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
        transcribe.TABLE = out  # the next alignment reads the table just written
        transcribe.clear_caches()
        if iteration < REALIGN:  # align again with the context model just written
            with Pool(2) as pool:
                found = pool.starmap(_plausible_alignment, pairs, chunksize=500)
            print(f"context iteration {iteration}: {sum(a is not None for a in found)} aligned and plausible")


if __name__ == "__main__":
    main()
