"""Organisations named in quotes after the word for their kind (invented examples)."""

from storydiff.analyse.ner.quoted_names import QuotedNameRecognizer
from storydiff.lang import default_language_packs


def names(text: str) -> list[tuple[str, str]]:
    found = QuotedNameRecognizer(default_language_packs()).recognize([text])[0]
    return [(m.text, m.type) for m in found]


def test_a_quoted_name_after_its_kind_is_an_organisation():
    assert names("Лидер партии «Зелёный рассвет» выступил.") == [("Зелёный рассвет", "ORG")]
    assert names('Сделку одобрило ЗАО "Полярный лис".') == [("Полярный лис", "ORG")]


def test_every_case_form_of_the_kind_word_counts():
    assert names("Об этом пишет газете «Вечерний маяк».") == [("Вечерний маяк", "ORG")]
    assert names("Компания «Kestrel Works» отчиталась.") == [("Kestrel Works", "ORG")]


def test_quotes_without_a_kind_word_are_not_a_name():
    assert names("Он назвал это «Большой игрой».") == []
    assert names("На борту станции «Заря» всё спокойно.") == []


def test_a_lower_case_or_long_quotation_is_not_a_name():
    assert names("Представитель фонда «по понятным причинам» промолчал.") == []
    assert names("Газета «Все эти слова вместе никак не могут быть названием» вышла.") == []
