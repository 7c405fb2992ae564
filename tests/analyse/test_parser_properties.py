"""Property tests for the text parsers: no exception on any input, offsets always index the
original text, no word character lost, and time linear in the input size."""

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.analyse.claims import read_claims
from storydiff.analyse.sentences import MAX_SENTENCE_CHARS, split_sentences
from storydiff.clean.dateline import find_dateline

# Text made of the characters that matter to the parsers: letters of both scripts, digits, every
# kind of quote mark and dash, sentence ends, abbreviation dots, spaces and newlines.
news_text = st.text(
    alphabet=st.sampled_from(list("aAbBsSmMrRtT ЖжМмСс0123456789.,;:!?…\"'“”«»„‘’—–-()\n\t ")), max_size=400
)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_sentences_index_the_text_and_lose_no_word_character(text):
    spans = split_sentences(text)
    covered = set()
    last_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text) and start >= last_end
        assert text[start:end] == text[start:end].strip()
        assert end - start <= MAX_SENTENCE_CHARS
        covered.update(range(start, end))
        last_end = end
    for match in re.finditer(r"\w", text):
        assert match.start() in covered


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_claims_index_the_text(text):
    for claim in read_claims(text):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=200, deadline=None)
@given(news_text)
def test_datelines_index_the_line(text):
    found = find_dateline(text)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


def _seconds(run, text):
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def test_sentence_splitting_is_linear_in_paragraph_length():
    """A paragraph 8x longer takes about 8x longer (the old splitter was quadratic: 85 s on 437 KB)."""
    unit = "The minister said talks would go on in Velgrad after the storm, U.S. officials added. She left. "
    small, large = unit * 500, unit * 4000
    _seconds(split_sentences, small)  # warm the caches
    ratio = _seconds(split_sentences, large) / max(_seconds(split_sentences, small), 1e-4)
    assert ratio < 20, ratio
    one_line = "word " * 200_000  # a megabyte without a full stop: cut into bounded sentences
    assert max(b - a for a, b in split_sentences(one_line)) <= MAX_SENTENCE_CHARS


def _cleaned(text):
    from storydiff.clean import Cleaner
    from storydiff.clean.rules import load_rules
    from storydiff.models import RawDocument

    return Cleaner(load_rules(())).clean(RawDocument(origin="t.txt", text=text, content_type="text", encoding="utf-8"))


# Lines as scraped: headlines, datelines, promos, captions, credits, quotes.
scraped_text = st.lists(
    st.one_of(
        news_text,
        st.sampled_from(["Sign up now for FREE unlimited access", "Reporting by A. Lee; Editing by B. Khan",
                         "BRENNICK, March 4 (Meridian) - Flood water rose.", "2 minute read", "Read more",
                         "Photo: Jonas Feld/Meridian", "— AFP", "МОСКВА, 4 мар — НоваПресс.",
                         '"We will rebuild," the mayor said.']),
    ),
    max_size=8,
).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(scraped_text)
def test_cleaning_indexes_the_text_and_loses_no_word_character(text):
    """Every part the cleaner keeps or sets aside points into the text, and every word character of
    the input is in one of them: nothing is dropped without a reason."""
    article = _cleaned(text)
    parts = list(article.paragraphs) + list(article.removed) + list(article.captions) + list(article.credits)
    if article.headline is not None:
        parts.append(article.headline)
    if article.dateline is not None:
        parts.append(article.dateline)
    covered = set()
    for part in parts:
        assert 0 <= part.start <= part.end <= len(article.text)
        assert article.text[part.start : part.end] == part.text
        covered.update(range(part.start, part.end))
    for match in re.finditer(r"\w", article.text):
        assert match.start() in covered, (match.group(), article.text)


@settings(max_examples=150, deadline=None)
@given(scraped_text)
def test_quotes_index_the_text(text):
    from storydiff.analyse.quotes import QuoteFinder
    from storydiff.lang import default_language_packs
    from storydiff.stages import SentenceStage, run_article_stage

    article = run_article_stage(SentenceStage(default_language_packs()), _cleaned(text))
    for quote in QuoteFinder().find(article):
        assert 0 <= quote.start < quote.end <= len(article.text)
        assert article.text[quote.start : quote.end] == quote.text
