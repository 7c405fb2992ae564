"""Cleaning rules for real scraped news: remove only debris, keep every line of reporting.

All texts here are made up (fictional places, people and outlets)."""

from storydiff import from_text
from storydiff.clean import Cleaner
from storydiff.clean.explain import explain_cleaning
from storydiff.models import RawDocument

LONG_PARAGRAPH = (
    "Floodwater in the river port of Velgrad rose again on Tuesday. Crews worked through the night to "
    "raise the sandbag walls along the quay. The mayor said schools would stay shut until Friday. "
    "Residents of the lower town were told to move valuables upstairs. Ferries to the islands stopped "
    "running in the afternoon as the current grew stronger."
)


def _clean(text: str, content_type: str = "text", title: str | None = None):
    document = RawDocument(origin="t.txt", text=text, content_type=content_type, encoding="utf-8", title=title)  # type: ignore[arg-type]
    return Cleaner().clean(document)


def _flat(text: str) -> str:
    """An inline removal splits its paragraph in two (spans are contiguous): compare the words."""
    return " ".join(text.split())


def _reasons(article) -> list[str]:
    return [r.reason for r in article.removed]


def test_one_long_line_ending_in_agency_keeps_its_body():
    article = _clean(LONG_PARAGRAPH + " — AFP\n")
    assert not article.captions
    assert article.body == LONG_PARAGRAPH
    assert [c.text for c in article.credits] == ["— AFP"]


def test_short_caption_ending_in_agency_is_still_a_caption():
    text = "Sandbags stacked on the Velgrad quay on Tuesday. AFP\n\n" + LONG_PARAGRAPH + "\n\nMore rain is due.\n"
    article = _clean(text)
    assert [c.text for c in article.captions] == ["Sandbags stacked on the Velgrad quay on Tuesday. AFP"]


def test_sign_off_in_brackets_on_the_last_paragraph_is_a_credit():
    article = _clean("Storm shuts Velgrad port\n\n" + LONG_PARAGRAPH + "\n\nThe port reopens on Friday (Reuters)\n")
    assert [c.text for c in article.credits] == ["(Reuters)"]
    assert article.body.endswith("The port reopens on Friday")


def test_contributed_to_this_report_is_cut_off_as_a_credit():
    article = _clean(LONG_PARAGRAPH + " Mira Talvo in Brennick contributed to this report.\n")
    assert article.body == LONG_PARAGRAPH
    assert [c.text for c in article.credits] == ["Mira Talvo in Brennick contributed to this report."]


def test_inline_promo_is_removed_and_the_sentence_kept():
    article = _clean(LONG_PARAGRAPH + " Click here to get our app for the latest updates.\n")
    assert article.body == LONG_PARAGRAPH
    assert _reasons(article) == ["promo"]


def test_inline_also_read_headline_is_removed():
    text = "The council met on Monday. Also read: Velgrad mayor opens new bridge. The vote was close.\n"
    article = _clean(text)
    assert _flat(article.body) == "The council met on Monday. The vote was close."
    assert _reasons(article) == ["link-label"]


def test_related_headline_in_capitals_is_removed():
    text = "The council met on Monday. RELATED: VELGRAD MAYOR OPENS NEW BRIDGE The vote was close.\n"
    article = _clean(text)
    assert _flat(article.body) == "The council met on Monday. The vote was close."
    assert _reasons(article) == ["related-headline"]


def test_gallery_counters_and_inline_photo_credits():
    text = (LONG_PARAGRAPH + "\n\n3 / 12\n\n"
            "The quay was closed (Photo: Ana Ruiz/Coastline Daily) after the wall gave way. Photo 4 of 9 shows it.\n")
    article = _clean(text)
    assert "3 / 12" not in article.body and "Ana Ruiz" not in article.body and "4 of 9" not in article.body
    assert {"gallery-counter", "photo-credit"} <= set(_reasons(article))
    assert "The quay was closed after the wall gave way." in _flat(article.body)


def test_link_labels_in_other_languages():
    text = LONG_PARAGRAPH + "\n\nLea también: El alcalde de Velgrad abre un puente\n\nThe river fell later.\n"
    article = _clean(text)
    assert "alcalde" not in article.body and _reasons(article) == ["link-label"]


def test_related_list_after_its_label_is_removed():
    text = (LONG_PARAGRAPH + "\n\nRelated stories\n\nVelgrad mayor opens new bridge\n\nMonday 3 March, 2025\n\n"
            "Ferry operator adds winter routes\n\nThe river is expected to fall by the weekend, officials said.\n")
    article = _clean(text)
    assert _reasons(article) == ["related-label", "related-headline", "related-headline", "related-headline"]
    assert article.body.endswith("officials said.")


def test_subheadings_stay_on_html_pages():
    text = ("Velgrad counts the cost\n\n" + LONG_PARAGRAPH + "\n\nA town under water\n\n" + LONG_PARAGRAPH
            + "\n\nAdvertisement\n\n" + LONG_PARAGRAPH + "\n")
    article = _clean(text, content_type="html", title="Velgrad counts the cost")
    assert "A town under water" in article.body
    assert "Advertisement" not in article.body
    assert article.headline.text == "Velgrad counts the cost"


def test_plain_text_keeps_a_four_word_subheading_but_not_a_stray_label():
    text = ("Velgrad counts the cost\n\n" + LONG_PARAGRAPH + "\n\nWhere the water went\n\n" + LONG_PARAGRAPH
            + "\n\nMarkets reaction\n\n" + LONG_PARAGRAPH + "\n")
    article = _clean(text)
    assert "Where the water went" in article.body
    assert "Markets reaction" not in article.body


def test_repeated_heading_keeps_its_first_copy_and_repeated_promo_goes():
    text = ("Velgrad counts the cost\n\nDamage to the quay\n\n" + LONG_PARAGRAPH + "\n\nTrending now\n\n"
            "Damage to the quay\n\n" + LONG_PARAGRAPH + "\n\nTrending now\n\nThe end of the report follows here.\n")
    article = _clean(text)
    assert article.body.count("Damage to the quay") == 1
    assert "Trending now" not in article.body
    assert _reasons(article).count("repeated-line") >= 3


def test_first_line_repeating_a_caption_is_not_a_headline():
    text = ("Rescuers search the rubble of the old mill in Velgrad\n\n"
            "Rescuers search the rubble of the old mill in Velgrad on Tuesday. Photo: Ana Ruiz\n\n"
            + LONG_PARAGRAPH + "\n")
    article = _clean(text)
    assert article.headline is None


def test_every_removed_span_has_a_reason_and_its_offsets():
    text = ("Velgrad counts the cost\n\n" + LONG_PARAGRAPH + " Click here to download our app.\n\n"
            "Related stories\n\nFerry operator adds winter routes\n\n" + LONG_PARAGRAPH + " — AFP\n")
    article = _clean(text)
    assert article.removed
    for removed in article.removed:
        assert removed.reason
        assert article.text[removed.start:removed.end] == removed.text
    explained = explain_cleaning(article)
    assert "[promo]" in explained and "[related-label]" in explained and "credit" in explained


def test_html_page_headline_from_its_structure():
    html = (
        "<html><head><title>Velgrad counts the cost | Coastline Daily</title>"
        '<meta property="og:site_name" content="Coastline Daily"></head><body>'
        "<header><h1>Coastline Daily</h1></header><article><h1>Velgrad counts the cost</h1>"
        + "".join(f"<p>{s}.</p>" for s in LONG_PARAGRAPH.split(". "))
        + "</article></body></html>"
    )
    document = from_text(html, "page.html")
    article = Cleaner().clean(document)
    assert article.headline is not None and article.headline.text == "Velgrad counts the cost"


def test_newsletter_sign_up_and_bare_site_name_are_debris():
    text = (LONG_PARAGRAPH + "\n\nWant the best of Coastline Daily in your inbox? Sign up for our free newsletter here!"
            "\n\nCOASTLINEDAILY.COM\n\nThe newsletter of the Velgrad rowing club reached its hundredth issue.\n")
    article = _clean(text)
    assert _reasons(article) == ["promo", "site-name"]
    assert "hundredth issue" in article.body


def test_section_label_above_an_html_headline_is_removed():
    text = "Press releases\n\nVelgrad counts the cost\n\n" + LONG_PARAGRAPH + "\n"
    article = _clean(text, content_type="html", title="Velgrad counts the cost")
    assert _reasons(article) == ["section-label"]
    assert article.headline.text == "Velgrad counts the cost" and article.headline.start >= 0
    assert article.body == LONG_PARAGRAPH
