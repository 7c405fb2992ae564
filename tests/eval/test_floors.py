"""Quality floors on the gold set. Raise a floor when you improve a score; never lower it quietly."""

import pytest

from storydiff.eval import run_evaluation

pytestmark = pytest.mark.slow  # runs every gold task end to end; `make test` still runs it

FLOORS = {
    "clean": 0.99,
    "structure": 0.97,
    "align": 0.82,
    "align-cross-language": 0.86,
    "conflicts": 0.75,
    "html-body": 0.97,
    "html-metadata": 1.0,
    "names-merge": 0.96,
    "entities-mentions": 0.89,
    "entities-merge": 0.95,
    "quotes-spans": 0.97,
    "quotes-demo-spans": 0.95,
}

# Accuracies: the share of quotes (or gold pairs) given the right answer.
ACCURACY_FLOORS = {
    "quotes-attribution": 0.97,
    "quotes-demo-attribution": 0.9,
    "quotes-kind": 0.95,
    "quote-links-relation": 0.9,
}


@pytest.mark.parametrize("task", sorted(ACCURACY_FLOORS))
def test_accuracy_above_floor(report, task):
    assert report.scores[task].precision >= ACCURACY_FLOORS[task], report.to_text()


@pytest.fixture(scope="module")
def report():
    return run_evaluation()


@pytest.mark.parametrize("task", sorted(FLOORS))
def test_score_above_floor(report, task):
    assert report.scores[task].f1 >= FLOORS[task], report.to_text()


def test_body_extraction_at_least_as_good_as_trafilatura_alone(report):
    assert report.scores["html-body"].f1 >= report.scores["html-body-trafilatura"].f1


def test_lexical_alignment_floor():
    """Without embeddings only same-language links are reachable; their floor is the one the lexical
    aligner held before the Russian articles joined the gold set."""
    report = run_evaluation(["align"], embedder=None)
    assert report.scores["align-same-language"].f1 >= 0.62


def test_name_merge_precision(report):
    """Merging two people is worse than missing a variant: precision has its own floor."""
    assert report.scores["names-merge"].precision >= 0.99
    assert report.scores["names-merge"].recall >= 0.93
