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
