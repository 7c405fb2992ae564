"""The natasha wrapper cuts natasha's spans into names (invented examples)."""

from dataclasses import dataclass

import pytest

from storydiff.analyse.ner.natasha_ru import _names


@dataclass
class Tok:
    text: str


def cut(*words: str) -> list[str]:
    return [" ".join(t.text for t in run) for run in _names([Tok(w) for w in words]) if run]


def test_a_name_and_its_gloss_in_brackets_are_two_names():
    assert cut("Ивар", "Глеймер", "(", "Ivar", "Gleimer", ")") == ["Ивар Глеймер", "Ivar Gleimer"]


def test_an_abbreviation_in_brackets_is_a_name_of_its_own():
    assert cut("Союз", "лесных", "кооперативов", "(", "СЛК") == ["Союз лесных кооперативов", "СЛК"]


def test_a_list_is_cut_at_commas_and_bullets():
    assert cut("Пуговкин", ",", "Ряшенцев") == ["Пуговкин", "Ряшенцев"]
    assert cut("Гладышев", ")", "•") == ["Гладышев"]


def test_the_legal_form_before_a_quoted_name_goes():
    assert cut("ОАО", "«", "Синий", "ёж", "»") == ["Синий ёж"]
    assert cut("центр", '"', "Брусника", '"') == ["Брусника"]


def test_a_quoted_name_with_its_gloss_after_it():
    assert cut("«", "Вересковый", "край", "»", "(", "Heather", "Land", ")") == ["Вересковый край", "Heather Land"]


def test_a_name_without_marks_is_left_whole():
    assert cut("Торговый", "дом", "Кольцова") == ["Торговый дом Кольцова"]


def test_natasha_cuts_glosses_and_legal_forms():
    pytest.importorskip("natasha", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    recognizer = NatashaRecognizer()
    text = "Глава ОАО «Северный кедр» Игорь Лавренёв (Igor Lavrenev) встретился с Петровым, Сидоровым."
    found = recognizer.recognize([text])[0]
    names = {m.text for m in found}
    assert "Северный кедр" in names and not any("ОАО" in n for n in names)
    assert not any("(" in n or "," in n for n in names)
    # as_is: natasha's own spans, each cut name lies inside one of them
    whole = recognizer.mentions(text, recognizer.tag(text), as_is=True)
    assert all(any(w.start <= m.start and m.end <= w.end for w in whole) for m in found)


def test_a_surname_of_either_gender_gets_its_nominative():
    pytest.importorskip("natasha", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    recognizer = NatashaRecognizer()
    text = "Закон подписан депутатом Сиротой вчера."  # the dictionary gives "сирота" no gender
    doc = recognizer.tag(text)
    assert [m.normal for m in recognizer.mentions(text, doc, as_is=True)] == ["Сиротой"]  # natasha alone
    assert [m.normal for m in recognizer.mentions(text, doc)] == ["Сирота"]


def test_texts_tagged_together_give_what_each_gives_alone():
    pytest.importorskip("natasha", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    recognizer = NatashaRecognizer()
    texts = [
        "Директор завода «Полярный ключ» Аркадий Вершинин встретился с мэром Тулы.",
        "Погода была хорошей.",
        "   ",
        "Вчера Вершинину вручили награду в Мурманске, сообщила пресс-служба Минпромторга.",
    ]
    assert recognizer.recognize(texts) == [recognizer.recognize([text])[0] for text in texts]


def test_only_sentences_with_a_name_are_tagged_for_morphology():
    pytest.importorskip("natasha", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    recognizer = NatashaRecognizer()
    (doc,) = recognizer.tag_all(["Дождь шёл весь день. Вечером Аркадий Вершинин уехал в Тулу."])
    plain, named = doc.sents
    assert all(t.feats is None for t in plain.tokens)  # no name: morphology is not read, so not run
    assert all(t.pos is not None for t in named.tokens)


def test_tagging_holds_blas_to_one_thread():
    pytest.importorskip("natasha", reason="needs pip install 'storydiff[nlp]'")
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from storydiff.analyse.ner.natasha_ru import NatashaRecognizer

    with NatashaRecognizer()._one_thread():
        assert all(p["num_threads"] == 1 for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas")
