"""Alignment units: a sentence cut into clauses where it carries several facts, never into an
attribution left on its own."""

from __future__ import annotations

from storydiff.compare.units import _clauses


def _parts(text: str) -> list[str]:
    return [text[a:b] for a, b in _clauses(text)]


def test_a_dash_between_two_clauses_cuts_them():
    text = "The storm cut power to forty thousand homes — crews expect to restore it by the end of Friday."
    assert _parts(text) == [
        "The storm cut power to forty thousand homes",
        "crews expect to restore it by the end of Friday.",
    ]


def test_the_dash_after_a_quote_opens_its_attribution_and_does_not_cut():
    for text in (
        '"Мы откроем мост до конца лета, если позволит погода", — заявил мэр города Ильмар Сепп.',
        "«Мы откроем мост до конца лета, если позволит погода», — заявил мэр города Ильмар Сепп.",
        "«Мы откроем мост до конца лета, если позволит погода»,  — заявил мэр города Ильмар Сепп.",
    ):
        assert _parts(text) == [text]
