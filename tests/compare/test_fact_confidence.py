"""A fact that several articles support carries a calibrated confidence; one article's fact none."""

from __future__ import annotations

import json

from storydiff.compare import AlignmentSettings
from storydiff.models import Comparison


def test_multi_article_facts_carry_a_confidence_that_rises_with_their_score(demo_comparison):
    facts = [f for f in demo_comparison.facts if f.kind == "statement"]  # an event fact's score is no pair's
    shared = [f for f in facts if len(f.support) > 1]
    assert shared and all(0.0 < f.confidence < 1.0 for f in shared)
    assert all(f.confidence is None for f in facts if len(f.support) == 1)
    ranked = sorted(shared, key=lambda f: f.score)
    assert ranked[0].confidence <= ranked[-1].confidence


def test_the_confidence_follows_the_calibration_settings():
    import math

    s = AlignmentSettings()
    # The fitted line: a fact at the joining threshold is still more likely right than wrong.
    at_threshold = 1 / (1 + math.exp(-(s.confidence_slope * s.threshold + s.confidence_intercept)))
    assert s.confidence_slope > 0 and at_threshold > 0.5


def test_the_confidence_round_trips_through_json(demo_comparison):
    again = Comparison.from_dict(json.loads(json.dumps(demo_comparison.to_dict())))
    assert [f.confidence for f in again.facts] == [
        None if f.confidence is None else round(f.confidence, 3) for f in demo_comparison.facts
    ]
