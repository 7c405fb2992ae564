import random

import pytest

from storydiff.ingest import dedupe, near_duplicate_groups
from storydiff.ingest.duplicates import lsh_bands, minhash
from storydiff.models import Problem, RawDocument
from tests.ingest.fake_news import article_text

pytest.importorskip("numpy")


def _doc(origin, text):
    return RawDocument(origin=origin, text=text, content_type="text", encoding="utf-8")


def test_content_hash_ignores_whitespace_only():
    a = _doc("a", "The mill\r\nburned down.")
    assert a.content_hash == _doc("b", "The mill burned   down.").content_hash
    assert a.content_hash != _doc("c", "The mill burned down!").content_hash


def test_dedupe_keeps_the_first_and_passes_problems():
    items = [_doc("a", "Same words."), Problem("x", "bad"), _doc("b", "Same  words."), _doc("c", "Other words.")]
    assert [getattr(i, "origin", None) or i.path for i in dedupe(items)] == ["a", "x", "c"]


def _fake_story(seed, words=400):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(3000)]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_syndicated_copies_group_and_other_stories_do_not():
    wire = article_text()
    copies = [
        _doc("wire", wire),
        _doc("copy-dateline", "BRINDLEMOOR (Gazette Wire) - " + wire),
        _doc("copy-trimmed", wire.rsplit("\n\n", 1)[0] + "\n\nThe council will meet again next month."),
    ]
    others = [_doc(f"other{i}", _fake_story(i)) for i in range(20)]
    groups = near_duplicate_groups([others[0], *copies[:2], *others[1:], copies[2]], threshold=0.5)
    assert [[d.origin for d in g] for g in groups] == [["wire", "copy-dateline", "copy-trimmed"]]


def test_threshold_separates_levels_of_overlap():
    base = _fake_story(1, 300).split()
    half = base[:150] + _fake_story(2, 150).split()
    docs = [_doc("base", " ".join(base)), _doc("half", " ".join(half)), _doc("same", " ".join(base))]
    assert [[d.origin for d in g] for g in near_duplicate_groups(docs, 0.9)] == [["base", "same"]]
    assert [[d.origin for d in g] for g in near_duplicate_groups(docs, 0.25)] == [["base", "half", "same"]]
    with pytest.raises(ValueError):
        near_duplicate_groups(docs, 0)


def test_many_copies_stay_linear_and_empty_texts_are_ignored():
    story = _fake_story(7)
    docs = [_doc(f"c{i}", f"Copy {i}. " + story) for i in range(300)] + [_doc("empty", "  ... ")]
    [group] = near_duplicate_groups(docs)
    assert len(group) == 300 and all(d.origin != "empty" for d in group)


def test_minhash_is_deterministic_and_bands_fit_the_threshold():
    assert (minhash("one two three four five six") == minhash("one two three four five six")).all()
    assert minhash("   ") is None
    bands, rows = lsh_bands(0.8, 128)
    assert bands * rows <= 128 and 1 - (1 - 0.8**rows) ** bands >= 0.995
