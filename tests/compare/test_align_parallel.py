"""Articles that translate each other are paired along their sentence order (`compare.parallel`);
other articles are clustered as before (invented texts and scores)."""

from types import SimpleNamespace

from storydiff import compare, from_text
from storydiff.backends import Backends
from storydiff.compare.align import FactAligner, _in_order
from storydiff.compare.units import Unit
from storydiff.config import AlignmentSettings, Config
from tests.compare.test_parallel import ConceptEmbedder


def _unit(k: int, article: str) -> Unit:
    return Unit(f"{article}-s{k}/c0", article, f"{article}-s{k}", f"{article} statement {k}", 0, 20)


def test_seeds_start_as_facts_and_stay_apart():
    """A bead of one "a" and two "b" statements is one fact from the start; the translated articles'
    other statements pair as their scores say, and two beads never merge."""
    units = [_unit(0, "a"), _unit(1, "a"), _unit(0, "b"), _unit(1, "b"), _unit(2, "b")]
    matrix = [[0.0] * 5 for _ in range(5)]
    for i, j, value in ((0, 2, 0.6), (0, 3, 0.5), (1, 4, 0.8), (0, 4, 0.7), (1, 2, 0.7)):
        matrix[i][j] = matrix[j][i] = value
    aligner = FactAligner(None, AlignmentSettings(threshold=0.4))
    clusters, owner = aligner._cluster(units, matrix, [[0, 2, 3]], {frozenset(("a", "b"))})
    assert sorted(sorted(m) for m in clusters.values()) == [[0, 2, 3], [1, 4]]
    assert owner[3] == owner[2] == owner[0]


def test_no_beads_without_an_embedder_or_without_translations():
    units = [_unit(0, "a"), _unit(0, "b")]
    matrix = [[0.0, 0.9], [0.9, 0.0]]
    assert FactAligner(None)._parallel_beads([], units, matrix, {frozenset(("a", "b"))}) == []
    assert FactAligner(ConceptEmbedder())._parallel_beads([], units, matrix, set()) == []
    assert matrix == [[0.0, 0.9], [0.9, 0.0]]


def test_a_rewrite_that_moves_a_statement_is_not_paired_along_its_order():
    """Five statements each; the second and third are swapped in "b" (mutual best matches 0-0, 1-2,
    2-1, 3-3, 4-4): one in five out of order, so no path is forced through both texts."""
    units = [_unit(k, "a") for k in range(5)] + [_unit(k, "b") for k in range(5)]
    matrix = [[0.0] * 10 for _ in range(10)]
    for i, j in ((0, 0), (1, 2), (2, 1), (3, 3), (4, 4)):
        matrix[i][5 + j] = matrix[5 + j][i] = 0.8
    assert _in_order(matrix, range(5), range(5, 10), 0.34) == 0.8
    before = [row[:] for row in matrix]
    articles = [SimpleNamespace(id=name, sentences=()) for name in "ab"]  # only ids and order are read
    assert FactAligner(ConceptEmbedder())._parallel_beads(articles, units, matrix, {frozenset(("a", "b"))}) == []
    assert matrix == before
    for i in range(5):  # in order, with one weak stray link that is nobody's best match
        matrix[i][5 + i] = matrix[5 + i][i] = 0.8
    matrix[1][7] = matrix[7][1] = matrix[2][6] = matrix[6][2] = 0.4
    assert _in_order(matrix, range(5), range(5, 10), 0.34) == 1.0


FIRST = (
    "Lamp tower closes.\n\nCouncil voted.\n\nRepairs money council.\n\nKeeper years tower.\n\nMuseum house keeper.\n"
)
SECOND = "Lampa bashnya zakryt.\n\nSovet golos.\n\nRemont dengi.\n\nSovet.\n\nSmotr gody bashnya.\n\nMuzei dom smotr.\n"


def test_a_translation_through_compare_follows_the_beads():
    backends = Backends(Config(), embedder=ConceptEmbedder())
    comparison = compare([from_text(FIRST, "first.txt"), from_text(SECOND, "second.txt")], backends=backends)
    first, second = comparison.articles
    index = {s.id: s.index for a in comparison.articles for s in a.sentences}
    pairs = {
        (
            tuple(sorted(index[s] for s in f.support.get(first.id, ()))),
            tuple(sorted(index[s] for s in f.support.get(second.id, ()))),
        )
        for f in comparison.facts
    }
    assert pairs == {((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))}
