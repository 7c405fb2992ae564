"""Facts may hold several statements of one article when they restate each other (a headline and
its lead), but not when the articles translate each other (invented unit scores)."""

from storydiff.compare.align import FactAligner
from storydiff.compare.units import Unit
from storydiff.config import AlignmentSettings


def _unit(k: int, article: str) -> Unit:
    return Unit(f"{article}-s{k}/c0", article, f"{article}-s{k}", f"{article} statement {k}", 0, 20)


def _clusters(matrix: list[list[float]], units: list[Unit], **settings: float) -> list[list[int]]:
    aligner = FactAligner(None, AlignmentSettings(threshold=0.4, **settings))
    clusters, _ = aligner._cluster(units, matrix)
    return sorted(sorted(members) for members in clusters.values() if len(members) > 1)


def _padded(matrix: list[list[float]]) -> tuple[list[list[float]], list[Unit]]:
    """Two more statements in each article, about other things: the articles are not translations."""
    n = len(matrix)
    out = [row + [0.1] * 4 for row in matrix] + [[0.1] * (n + 4) for _ in range(4)]
    return out, UNITS + [_unit(k, a) for a in "ab" for k in (2, 3)]


# a-s0 headline, a-s1 lead restating it; b-s0 headline, b-s1 lead: all four report one thing.
HEADLINES = [[0.0, 0.7, 0.8, 0.6], [0.7, 0.0, 0.6, 0.7], [0.8, 0.6, 0.0, 0.7], [0.6, 0.7, 0.7, 0.0]]
UNITS = [_unit(0, "a"), _unit(1, "a"), _unit(0, "b"), _unit(1, "b")]


def test_a_headline_and_its_lead_support_one_fact():
    assert _clusters(*_padded(HEADLINES)) == [[0, 1, 2, 3]]


def test_neighbouring_facts_of_one_topic_stay_apart():
    """Each pair links strongly inside (0.9) and weakly across (0.45): two facts, not one."""
    matrix = [[0.0, 0.3, 0.9, 0.45], [0.3, 0.0, 0.45, 0.9], [0.9, 0.45, 0.0, 0.3], [0.45, 0.9, 0.3, 0.0]]
    assert _clusters(*_padded(matrix)) == [[0, 2], [1, 3]]
    assert _clusters(*_padded(matrix), restatement_ratio=0.0) == [[0, 1, 2, 3]]


def test_translations_keep_one_statement_per_article_per_fact():
    """Three sentences with clear counterparts (0.9): the articles translate each other, so the
    headline and lead stay two facts even though they restate each other."""
    units = [_unit(k, "ru") for k in range(3)] + [_unit(k, "en") for k in range(3)]
    matrix = [[0.0] * 6 for _ in range(6)]
    for i in range(3):
        matrix[i][i + 3] = matrix[i + 3][i] = 0.9
    for i, j in ((0, 4), (1, 3), (0, 1), (3, 4)):  # headline and lead, and across
        matrix[i][j] = matrix[j][i] = 0.8
    aligner = FactAligner(None, AlignmentSettings(threshold=0.4))
    assert aligner._parallel(units, matrix) == {frozenset(("ru", "en"))}
    assert _clusters(matrix, units) == [[0, 3], [1, 4], [2, 5]]
    assert _clusters(matrix, units, parallel_cover=1.1) == [[0, 1, 3, 4], [2, 5]]


def test_articles_sharing_a_few_statements_are_not_parallel():
    """Two of four statements pair up: two reports of one story, not a translation."""
    assert FactAligner(None)._parallel(*reversed(_padded(HEADLINES))) == set()


def test_other_sums_tell_twin_events_apart():
    """Two heists at one store, other sums: the number clash lowers the match (embedding scale)."""
    from storydiff.compare.features import features_of

    aligner = FactAligner(None)
    first = features_of("Robbers took jewels worth 40 million from the Ostrel store")
    second = features_of("Robbers took jewels worth 2 million from the Ostrel store")
    assert aligner._pair_score(first, second, 0.8) <= aligner._pair_score(first, first, 0.8) - 0.1
