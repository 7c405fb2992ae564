"""Sentence alignment of a text with its translation: a monotonic path of beads (invented texts)."""

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pytest

from storydiff.compare.parallel import Bead, align_parallel
from storydiff.config import AlignmentSettings

# Words of a made-up two-language vocabulary mapped to shared concepts, so a fake embedder can
# "translate": "lamp" and "lampa" are one concept.
CONCEPTS = {
    "lamp": 0,
    "lampa": 0,
    "tower": 1,
    "bashnya": 1,
    "closes": 2,
    "zakryt": 2,
    "council": 3,
    "sovet": 3,
    "voted": 4,
    "golos": 4,
    "money": 5,
    "dengi": 5,
    "repairs": 6,
    "remont": 6,
    "keeper": 7,
    "smotr": 7,
    "years": 8,
    "gody": 8,
    "sea": 9,
    "more": 9,
    "museum": 10,
    "muzei": 10,
    "house": 11,
    "dom": 11,
    "storm": 12,
    "burya": 12,
    "ships": 13,
    "korabli": 13,
    "night": 14,
    "noch": 14,
    "bell": 15,
    "kolokol": 15,
}


class ConceptEmbedder:
    """Bag of concepts plus a little shared noise: deterministic, model-free, and joined sentences
    ("a b") sit between their parts as real sentence vectors do."""

    name = "concepts"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.full((len(texts), len(CONCEPTS)), 0.02, dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                if word in CONCEPTS:
                    vectors[row, CONCEPTS[word]] += 1.0
        norms: np.ndarray = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / norms


def _pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.first, b.second) for b in beads]


ENGLISH = [
    "Lamp tower closes.",
    "Council voted.",
    "Repairs money council.",
    "Keeper years tower.",
    "Keeper sea night.",
    "Museum house keeper.",
]


def test_a_faithful_translation_pairs_one_to_one():
    foreign = [
        "Lampa bashnya zakryt.",
        "Sovet golos.",
        "Remont dengi sovet.",
        "Smotr gody bashnya.",
        "Smotr more noch.",
        "Muzei dom smotr.",
    ]
    beads = align_parallel(ENGLISH, foreign, ConceptEmbedder())
    assert _pairs(beads) == [((i,), (i,)) for i in range(6)]


def test_a_sentence_split_in_two_is_one_bead():
    foreign = [
        "Lampa bashnya zakryt.",
        "Sovet golos.",
        "Remont dengi.",
        "Sovet.",
        "Smotr gody bashnya.",
        "Smotr more noch.",
        "Muzei dom smotr.",
    ]
    beads = align_parallel(ENGLISH, foreign, ConceptEmbedder())
    assert ((2,), (2, 3)) in _pairs(beads)
    assert ((3,), (4,)) in _pairs(beads) and ((5,), (6,)) in _pairs(beads)


def test_a_sentence_without_counterpart_is_skipped():
    foreign = [
        "Lampa bashnya zakryt.",
        "Sovet golos.",
        "Burya korabli.",
        "Remont dengi sovet.",
        "Smotr gody bashnya.",
        "Smotr more noch.",
        "Muzei dom smotr.",
    ]
    pairs = _pairs(align_parallel(ENGLISH, foreign, ConceptEmbedder()))
    assert ((), (2,)) in pairs
    assert ((2,), (3,)) in pairs and ((5,), (6,)) in pairs


def test_a_hub_sentence_does_not_take_the_place_of_the_right_one():
    """A catch-all sentence near everything ("lamp tower keeper sea ...") appears in the translation
    after the true counterpart of the lead: the lead still pairs with its counterpart."""
    hub = "Lampa bashnya smotr more sovet dengi."
    foreign = [
        "Lampa bashnya zakryt.",
        hub,
        "Sovet golos.",
        "Remont dengi sovet.",
        "Smotr gody bashnya.",
        "Smotr more noch.",
        "Muzei dom smotr.",
    ]
    pairs = _pairs(align_parallel(ENGLISH, foreign, ConceptEmbedder()))
    assert ((0,), (0,)) in pairs and ((1,), (2,)) in pairs
    assert ((), (1,)) in pairs


def test_long_texts_stay_in_order_within_the_band():
    """Sixty sentences, the translation missing a block of five: the band widens by the gap."""
    words, foreign_words = list(CONCEPTS)[::2], list(CONCEPTS)[1::2]
    two = list(combinations(range(16), 2))
    order = [two[k * 37 % len(two)] for k in range(60)]  # sixty distinct pairs of concepts
    first = [" ".join(words[i] for i in pair) for pair in order]
    second = [" ".join(foreign_words[i] for i in pair) for n, pair in enumerate(order) if not 20 <= n < 25]
    beads = align_parallel(first, second, ConceptEmbedder(), AlignmentSettings(parallel_band=2))
    expected = [((i,), (i if i < 20 else i - 5,)) for i in range(60) if not 20 <= i < 25]
    assert _pairs(beads) == expected[:20] + [((i,), ()) for i in range(20, 25)] + expected[20:]


def test_empty_sides():
    assert _pairs(align_parallel([], ["Lampa."], ConceptEmbedder())) == [((), (0,))]
    assert align_parallel([], [], ConceptEmbedder()) == []


# A six-sentence English report and a Russian translation that splits its third sentence in two,
# through the whole pipeline with the real multilingual embedder.
REPORT_EN = (
    "The old lighthouse at Varnholm will close next spring. "
    "The town council voted for the closure on Monday evening. "
    "Repairs to the tower would have cost four million crowns, which the council could not find. "
    "The keeper, Ilse Marrow, has lived in the tower for thirty years. "
    "She said she would miss the sound of the sea at night. "
    "A small museum may open in the keeper's house.\n"
)
REPORT_RU = (
    "Старый маяк в Варнхольме закроется следующей весной. "
    "Городской совет проголосовал за его закрытие в понедельник вечером. "
    "Ремонт башни обошёлся бы в четыре миллиона крон. "
    "Таких денег у совета не нашлось. "
    "Смотритель Ильзе Марроу живёт в башне уже тридцать лет. "
    "По её словам, ей будет не хватать шума моря по ночам. "
    "В доме смотрителя может открыться небольшой музей.\n"
)


@pytest.fixture(scope="module")
def lighthouse():
    from storydiff import compare, from_text
    from storydiff.errors import MissingExtraError

    try:
        return compare([from_text(REPORT_EN, "lighthouse-en.txt"), from_text(REPORT_RU, "lighthouse-ru.txt")])
    except MissingExtraError as exc:  # pragma: no cover - the embeddings extra is absent
        pytest.skip(str(exc))


def test_translation_pairs_follow_the_text_order(lighthouse):
    english, russian = lighthouse.articles
    assert len(english.sentences) == 6 and len(russian.sentences) == 7
    index = {s.id: s.index for a in lighthouse.articles for s in a.sentences}
    pairs = set()
    for fact in lighthouse.facts:
        en = sorted(index[s] for s in fact.support.get(english.id, ()))
        ru = sorted(index[s] for s in fact.support.get(russian.id, ()))
        pairs.add((tuple(en), tuple(ru)))
    assert pairs == {((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))}
    assert all(f.status == "shared" for f in lighthouse.facts)
