"""Language detection reads a bounded sample: the first 2,000 characters (invented texts)."""

import pytest

from storydiff.analyse.language import detect_language


def test_the_language_of_the_opening_decides_a_long_text():
    pytest.importorskip("lingua", reason="needs pip install 'storydiff[nlp]'")
    english = "The harbour council of Portmoor voted on Monday to rebuild the old ferry pier. " * 30
    russian = "Городской совет Приморска в понедельник решил восстановить старый паромный причал. " * 200
    assert len(english) > 2000
    assert detect_language(english + russian) == "en"  # lingua never reads the Russian part
    assert detect_language(russian) == "ru"


OBVIOUS_ENGLISH = (
    "The ferry to Portmoor was late again on Monday, and the harbour master said that it was the third "
    "time this month. He said the engine of the old boat is worn out and that the council has to decide "
    "on a new one. She said it was not the first time the town had waited for the council to act on it."
)


def test_plain_english_is_told_without_lingua(monkeypatch):
    from storydiff.analyse import language

    def no_lingua(names):
        raise AssertionError("lingua was loaded")

    monkeypatch.setattr(language, "_lingua", no_lingua)
    assert detect_language(OBVIOUS_ENGLISH) == "en"


def test_anything_less_than_plain_is_left_to_lingua():
    from storydiff.analyse.language import _obvious
    from storydiff.lang import default_language_packs

    packs = default_language_packs()
    assert _obvious(OBVIOUS_ENGLISH, packs) == "en"
    assert _obvious(OBVIOUS_ENGLISH[:120], packs) is None  # too few words
    names = " Городской совет Приморска и мэр Ильзе Варга встретились в понедельник на причале." * 3
    assert _obvious(OBVIOUS_ENGLISH + names, packs) is None  # two scripts
    listing = "Portmoor ferry timetable: Monday Tuesday Wednesday harbour pier council engine boat " * 6
    assert _obvious(listing, packs) is None  # few function words: not plain enough


def test_plain_text_gets_the_language_lingua_gives():
    pytest.importorskip("lingua", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.language import _SAMPLE, _lingua
    from storydiff.lang import default_language_packs

    packs = default_language_packs()
    detector = _lingua(tuple(p.lingua.upper() for p in packs if p.lingua))
    assert detector.detect_language_of(OBVIOUS_ENGLISH[:_SAMPLE]).iso_code_639_1.name == "EN"
