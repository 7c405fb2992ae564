"""The entity stage on Russian text with a stand-in model (invented examples): titles keep "The",
words that are no name go, and quoted names after their kind fill what the model missed."""

from collections.abc import Sequence

from storydiff.analyse.entities import EntityRecognizer
from storydiff.analyse.ner import RawMention
from storydiff.backends import Backends
from storydiff.config import Config
from storydiff.eval.datasets._ner_sets import plain_article


class Marked:
    """A stand-in model: the spans given, wherever their text occurs."""

    name = "marked"

    def __init__(self, spans: dict[str, str]) -> None:
        self.spans = spans

    def recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        out = []
        for text in texts:
            found = []
            for span, kind in self.spans.items():
                at = text.find(span)
                if at >= 0:
                    found.append(RawMention(at, at + len(span), span, kind, span))  # type: ignore[arg-type]
            out.append(found)
        return out


def names(text: str, spans: dict[str, str]) -> list[tuple[str, str]]:
    backends = Backends(Config(), recognizers={"ru": Marked(spans)})
    article = EntityRecognizer(backends).recognize(plain_article("doc", text))
    return [(m.text, m.type) for m in article.mentions if m.kind == "name"]


def test_a_title_with_the_in_russian_text_keeps_it():
    assert names("Как пишет The Morning Lantern, сделка сорвалась.", {"The Morning Lantern": "ORG"}) == [
        ("The Morning Lantern", "ORG")
    ]


def test_words_that_are_no_name_are_dropped():
    found = names(
        "По данным СМИ, Американцы уехали из Тарска.", {"СМИ": "ORG", "Американцы": "PLACE", "Тарска": "PLACE"}
    )
    assert found == [("Тарска", "PLACE")]


def test_a_quoted_name_after_its_kind_is_added_where_the_model_found_nothing():
    found = names("Депутат партии «Северный путь» Олег Хромов выступил.", {"Олег Хромов": "PERSON"})
    assert ("Северный путь", "ORG") in found and ("Олег Хромов", "PERSON") in found


def test_the_model_wins_over_a_quoted_name():
    found = names("Сотрудники банка «Вереск» пришли.", {"Вереск": "PLACE"})
    assert found == [("Вереск", "PLACE")]


def test_a_surname_found_once_is_found_where_the_model_missed_it():
    text = "Премьер Ольга Сурмина прибыла в Тарск. Сурмина заявила, что визит продлится два дня."
    found = names(text, {"Ольга Сурмина": "PERSON", "Тарск": "PLACE"})
    assert found.count(("Сурмина", "PERSON")) == 1 and ("Ольга Сурмина", "PERSON") in found


def test_a_surname_is_not_spread_where_the_model_typed_it_otherwise():
    text = "Игорь Вязов открыл завод. Вязов — город на реке."
    found = names(text, {"Игорь Вязов": "PERSON", "Вязов": "PLACE"})
    assert ("Вязов", "PERSON") not in found


def test_a_surname_that_is_also_a_common_word_is_not_spread():
    text = "Судья Пётр Ворон огласил решение. Ворон взлетел, а ворон на крыше каркнул."
    found = names(text, {"Пётр Ворон": "PERSON"})
    assert found == [("Пётр Ворон", "PERSON")]


def test_a_common_word_opening_a_sentence_is_no_name():
    text = "Посольство сообщило о визите. Позже посольство уточнило дату."
    assert names(text, {"Посольство": "ORG"}) == []


def test_an_abbreviation_opening_a_sentence_stays_a_name():
    text = "ЛРК сообщил о визите. Сотрудники лрк уточнили дату."
    assert names(text, {"ЛРК": "ORG"}) == [("ЛРК", "ORG")]
