"""Is this Cyrillic token that Latin token? A discriminative pair model over the transcription tables' evidence.

`transcribe` and `reverse` are generative: they say how likely Russian practice writes a name so, and a
spelling one letter off the expected one costs little per letter, whether it is a second convention
(Dakin / Дэкин) or another name (Olzon / Олсон, Frot / Фрота). This model learns which departures from
the expected spelling mark another name, from hard negatives built as `storydiff eval --dataset
wikidata-names` builds them, but over the dev split's training part (never its scored sample, never the
test split): a logistic model on the two margins, the worst steps of the best alignment, the edits from
the table's best spelling to the given one (with their neighbours), the alignment's unlikely pieces,
the last letters, and the guessed language.

`pair_weights.tsv` (shipped, < 1 MB) is written by `scripts/train_name_pairs.py`. `logit(latin, cyrillic)`
is the log-odds that the two are one name; 0 with no table.
"""

from __future__ import annotations

import difflib
import math
from functools import lru_cache
from pathlib import Path

from storydiff.names import reverse, transcribe
from storydiff.names.language import guess_language
from storydiff.names.latin import normalise_cyrillic, normalise_latin

__all__ = ["CUT", "SCALE", "TABLE", "clear_caches", "features", "load_weights", "logit"]

TABLE = Path(__file__).with_name("pair_weights.tsv")
_WORST = -6.0  # as `reverse._WORST`: a margin this far behind says no more
_STEP_FLOOR = -14.0  # a step the table cannot explain (`transcribe.FLOOR`)
_UNLIKELY = -0.5  # nats behind the group's best spelling: the piece is named as a feature
# Where the log-odds meet the matcher's one similarity threshold, and how many log-odds above it reach
# similarity 1.0 (below it, given names keep their lower bar of 0.7: 2.7 log-odds under CUT). CUT: the
# dev split through `storydiff eval --dataset wikidata-names` at precision >= 0.98 (P 0.981, R 0.911;
# 1.05 gives F1 0.0006 more at P 0.9801, one false merge from the bar; 0.8: F1 0.947 at P 0.977).
CUT = 1.1
SCALE = 4.0
# Log-odds a case ending costs (one letter, longer: as in `transcribe.case_forms`, a one-letter ending is
# as often another name, Фрота for Frot, as a case form). 3.0 is the lowest that keeps dev precision at
# 0.98 (2.5: 0.9795); Wikidata labels are nominatives, so the longer one's cost is set to keep Эстравию.
CASE_COST, LONG_CASE_COST = 3.0, 1.5
# A pair the tables' two-way margin puts this far behind is not merged whatever the features say; the
# reverse view cannot read diacritics, so such a token is bound more tightly (Ćosić / Цосич: ć is ч).
# Fitted on the dev split (P 0.979 -> 0.981 at the same F1; -1.0 for diacritics loses recall).
_TABLES_VETO, _DIACRITIC_VETO = -1.5, -1.1
_CYRILLIC_VOWELS = set("аеёиоуыэюяйьъ")


def _deficits(latin: str, cyrillic: str) -> tuple[list[float], list[str]] | None:
    """Per piece of the best alignment, log p behind the group's best spelling; the pieces well behind."""
    pieces = transcribe.alignment(latin, cyrillic)
    if pieces is None:
        return None
    deficits, unlikely = [], []
    for start, end, written in pieces:
        found = transcribe.group_options(latin, start, end)
        value = _STEP_FLOOR if found is None else found[0].get(written, _STEP_FLOOR) - found[1]
        deficits.append(value)
        if value < _UNLIKELY:
            unlikely.append(f"pc={latin[start:end]}>{written}")
    return deficits, unlikely


def _edits(expected: str, given: str) -> list[str]:
    """The edits from the table's best spelling to the given one: alone, with their neighbours, by place."""
    a, b = f"^{expected}$", f"^{given}$"
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        edit = f"op={tag}:{a[i1:i2]}>{b[j1:j2]}"
        place = "end" if i2 >= len(a) - 1 else "start" if i1 <= 1 else "mid"
        out += [edit, f"{edit}|{a[i1 - 1 : i1]}{a[i2 : i2 + 1]}", f"op={tag}@{place}"]
    return out


def features(latin: str, cyrillic: str) -> dict[str, float]:
    """The pair's features by name (the weights file's keys)."""
    lat, cyr = normalise_latin(latin), normalise_cyrillic(cyrillic)
    forward = max(transcribe.margin(latin, cyrillic), _WORST)
    backward = max(reverse.margin(latin, cyrillic), _WORST)
    if reverse.fold_latin(latin) != lat:  # blind to diacritics, the reverse view cannot vouch (Ćosić / Цосич)
        backward = min(backward, forward)
    two_way = reverse.two_way_margin(latin, cyrillic)
    out: dict[str, float] = {
        "two": two_way,
        "f": forward,
        "b": backward,
        "invl": 1 / max(len(lat), 1),
        "dl": (len(cyr) - len(lat)) / max(len(lat), 1),
    }
    # The case form (`transcribe.case_forms`) the forward margin was read on.
    best: tuple[float, str, float] | None = None
    for form, cost in transcribe.case_forms(cyr):
        if lat and form:
            given, top = transcribe.score(lat, form)
            value = given - top - cost * len(lat)
            if best is None or value > best[0]:
                best = (value, form, cost)
    found = _deficits(lat, best[1]) if best is not None and best[0] > -math.inf else None
    if found is None or not found[0]:
        out.update(worst=-1.0, second=-1.0, nbad=5.0, last=-1.0)
        unlikely = ["pc=none"]
    else:
        deficits, unlikely = found
        ordered = sorted(max(d, _STEP_FLOOR) / -_STEP_FLOOR for d in deficits)
        out.update(
            worst=ordered[0],
            second=ordered[1] if len(ordered) > 1 else 0.0,
            nbad=float(sum(d < -1.5 for d in deficits)),
            last=max(deficits[-1], _STEP_FLOOR) / -_STEP_FLOOR,
        )
        out["case"] = float(best is not None and best[2] > 0)
    for name in [*_edits(transcribe.best_spelling(latin) if lat else "", cyr), *unlikely]:
        out[name] = out.get(name, 0.0) + 1.0
    out[f"end={lat[-1:]}>{cyr[-1:]}"] = 1.0
    language = guess_language(lat) if lat else ""
    out[f"lang={language}"] = 1.0
    out[f"lang*two={language}"] = two_way
    return out


@lru_cache(maxsize=1)
def load_weights() -> dict[str, float]:
    """{feature: weight}, with the intercept under "@bias"; empty when the table is absent."""
    weights: dict[str, float] = {}
    if TABLE.exists():
        for line in TABLE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit("\t", 1)
                weights[name] = float(value)
    return weights


def clear_caches() -> None:
    """Forget the loaded weights and scores (the training script rewrites the table)."""
    load_weights.cache_clear()
    logit.cache_clear()


def _model(latin: str, cyrillic: str) -> float:
    weights = load_weights()
    return weights.get("@bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features(latin, cyrillic).items())


def _vowel_dropped(latin: str, cyrillic: str) -> bool:
    """The best alignment leaves a vowel between consonants unwritten (Tileuberdi / Тлеуберди)."""
    lat, cyr = normalise_latin(latin), normalise_cyrillic(cyrillic)
    pieces = transcribe.alignment(lat, cyr) if lat and cyr else None
    return any(
        not written and end - start == 1 and 0 < start < len(lat) - 1 and transcribe.reduced_vowel(lat, start)
        for start, end, written in pieces or ()
    )


@lru_cache(maxsize=65536)
def logit(latin: str, cyrillic: str) -> float:
    """Log-odds that `cyrillic` spells the Latin token `latin` (features the table does not know add nothing).

    Two variants the Wikidata labels cannot teach, since they are nominatives and seldom Kazakh, keep the
    tables' own judgement: a case form (or a feminine name's masculine lemma) is scored on the nominative
    it may stand for, less a cost (`transcribe.case_forms`), and a reduced vowel left unwritten by the
    tables' two-way margin."""
    if not load_weights():
        return 0.0
    two_way = reverse.two_way_margin(latin, cyrillic)
    value = _model(latin, cyrillic)
    plain = reverse.fold_latin(latin) == normalise_latin(latin)
    if two_way < (_TABLES_VETO if plain else _DIACRITIC_VETO):
        value = min(value, CUT - 0.01)
    cyr = normalise_cyrillic(cyrillic)
    forms = [
        (form, LONG_CASE_COST if cost == transcribe.LONG_CASE_COST else CASE_COST)
        for form, cost in transcribe.case_forms(cyr)[1:]
    ]
    if normalise_latin(latin).endswith("a") and cyr[-1:] not in _CYRILLIC_VOWELS:
        forms.append((cyr + "а", CASE_COST))  # a lemmatiser's masculine lemma of a feminine name (Петра -> Петр)
    for form, cost in forms:
        value = max(value, _model(latin, form) - cost)
    if value < CUT and _vowel_dropped(latin, cyrillic):  # the tables' margin on the same scale
        value = max(value, CUT + SCALE * (two_way + reverse.MARGIN) / reverse.MARGIN)
    return value
