"""Rule patterns (`clean.rules`): a rule's search is its pattern's, however it is found (invented lines)."""

import re

import pytest

from storydiff.clean.rules import LineRule, _after_spaces


@pytest.mark.parametrize(
    ("pattern", "fast"),
    [
        (r"(?i)\s*read more$", True),
        (r"\s*\b(?:RELATED|MORE)\s*:\s*[A-Z ]{3,40}", True),
        (r"(?i)\s*(?<=[.!?])\s*(?:also read|see also)\s*:\s*[^.!?\n]{3,60}", True),  # the rest opens with spaces too
        (r"(?i)\s*[(\[](?:photo|credit)s?\s*:\s*[^()\[\]\n]{2,40}[)\]]", True),
        (r"\s*a|b", False),  # an alternation around it: not one sequence
        (r"\s*?x", False),  # lazy
        (r"(?a)\s*x", False),  # ASCII spaces only
        (r"^\s*x", False),
    ],
)
def test_search_finds_what_the_pattern_finds(pattern, fast):
    compiled = re.compile(pattern)
    rule = LineRule("test", compiled, "test", _after_spaces(compiled))
    assert (rule.after_spaces is not None) == fast
    lines = [
        "The ferry left. Read more",
        "The ferry left.   read more",
        "Read more about the ferry",
        "Quay reopens. RELATED: FERRY STRIKE ENDS  Traders wait",
        "Quay reopens.  Also read: the storm in the bay.",
        "Quay reopens.\u00a0\u2003See also: Traders wait",
        "The quay (Photo: Jan Novak) reopened",
        " \t (credits: Harbour Press)",
        "a b x  x",
        "",
        "   ",
    ]
    for line in lines:
        want, got = compiled.search(line), rule.search(line)
        assert (want and (want.span(), want.groups())) == (got and (got.span(), got.groups())), line
