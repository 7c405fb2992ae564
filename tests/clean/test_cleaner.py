import pytest

from storydiff import clean, from_text
from storydiff.clean.dateline import find_dateline, resolve_date
from storydiff.clean.rules import load_rules
from storydiff.errors import ConfigError


@pytest.mark.parametrize(
    ("line", "place", "date", "agency"),
    [
        ("WASHINGTON, Jan 6 (Reuters) - The United States", "Washington", "Jan 6", "Reuters"),
        ("Screenshot of the video VELGRAD, Oct 14 Lindmark follows", "Velgrad", "Oct 14", None),
        ("BRENNICK, Estravia, March 4 (Meridian) - An earth dam", "Brennick", "March 4", "Meridian"),
        ("HALSBERG (Harbour Courier) - Talvora and", "Halsberg", None, "Harbour Courier"),
        ("МОСКВА, 6 янв — РИА Новости. Текст", "Москва", "6 янв", "РИА Новости"),
        ("NEW YORK, 4 March 2025 - Markets fell", "New York", "4 March 2025", None),
    ],
)
def test_dateline_patterns(line, place, date, agency):
    match = find_dateline(line)
    assert (match.place, match.date_text, match.agency) == (place, date, agency)


def test_no_dateline_in_ordinary_sentences():
    assert find_dateline("The CSTO said on Jan 6 that it would send troops.") is None


def test_resolve_date():
    assert resolve_date("Jan 6", 2022) == "2022-01-06"
    assert resolve_date("4 March 2025", None) == "2025-03-04"
    assert resolve_date("6 янв", None) == "6 янв"


def test_dateline_year_from_story_peers():
    from tests.conftest import DEMO

    articles = {a.path.rsplit("/", 1)[-1]: a for a in clean([str(DEMO / "flood")]).articles}
    assert articles["novapress.txt"].dateline.date == "2025-03-04"  # not 1968, a year it merely mentions


def test_generic_rules_work_on_an_unknown_outlet():
    text = (
        "Ferry service resumes\n\nBy Ana Ruiz\n\nGet our free newsletter for updates in your inbox\n\n"
        "PORT ELNA, June 3 (Coastline Daily) - Ferries to the islands ran again on Tuesday.\n\n"
        "Advertisement\n\nThe operator said all routes would run by Friday.\n\nWatch\n\n"
        "The storm had kept boats in port for four days.\n"
    )
    article = clean([from_text(text)]).articles[0]
    assert article.headline.text == "Ferry service resumes"
    assert article.authors == ("Ana Ruiz",)
    assert article.dateline.agency == "Coastline Daily"
    assert {r.reason for r in article.removed} == {"promo", "link-label"}
    assert len(article.sentences) == 3


def test_user_rules_directory(tmp_path):
    (tmp_path / "mine.toml").write_text(
        'name = "mine"\n[[remove_line]]\nreason = "house-promo"\npattern = \'^Buy the print edition\'\n'
    )
    text = (
        "Title here\n\nA first real sentence about the town council.\n\n"
        "Buy the print edition today\n\nMore news follows here.\n"
    )
    article = clean([from_text(text)], rules_dirs=[str(tmp_path)]).articles[0]
    assert [r.reason for r in article.removed] == ["house-promo"]


def test_bad_rule_is_a_config_error(tmp_path):
    (tmp_path / "bad.toml").write_text('[[remove_line]]\nreason = "x"\npattern = "(unclosed"\n')
    with pytest.raises(ConfigError, match="bad regular expression"):
        load_rules([tmp_path])
