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
