"""Which language's spelling a Latin name token follows: the hint the transcription table is conditioned on."""

import pytest

from storydiff.names.language import guess_language, load_rules


@pytest.mark.parametrize(
    ("token", "language"),
    [
        ("Szewczarek", "pl"),  # sz, cz
        ("Lubomirska", "pl"),  # -ska
        ("Hořenek", "cs"),  # háček
        ("Brandtschel", "de"),  # sch
        ("Weinholtzer", "de"),  # ei, tz
        ("Beaumarteau", "fr"),  # eau
        ("Castelloux", "fr"),
        ("Tsurumaki", "ja"),  # kana syllables only
        ("Xianbao", "zh"),  # pinyin syllables with a pinyin-only group
        ("Petrovenko", "ru"),
        ("Cavallucci", "it"),
        ("Whitmoor", "en"),
        ("Malda", ""),  # nothing tells
    ],
)
def test_guess_from_the_letters(token, language):
    assert guess_language(token) == language


def test_look_alikes_of_syllable_scripts_are_not_taken_for_them():
    assert guess_language("Simonte") != "ja"  # si, ti are not Hepburn
    assert guess_language("Landen") != "zh"  # parses as pinyin but has no pinyin-only group
    assert guess_language("Kao") == ""  # too short to tell


def test_rules_are_data_with_conditions_on_the_rule_above():
    rules = load_rules()
    assert all(language and pattern for language, pattern, _ in rules)
    assert any(condition.startswith("-") for _, pattern, condition in rules if pattern == "@hepburn")
