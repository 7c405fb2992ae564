from storydiff.analyse import detect_language, split_sentences


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_and_initials_do_not_split():
    text = "U.S. Secretary of State J. Smith met Gen. Lee on Jan. 5 in the capital. They spoke for an hour."
    assert sentences(text) == [
        "U.S. Secretary of State J. Smith met Gen. Lee on Jan. 5 in the capital.",
        "They spoke for an hour.",
    ]


def test_broken_guillemets_stay_with_their_sentence():
    text = "He asked for help» in countering the threat. » The same night the council met. It ended.»"
    assert sentences(text) == [
        "He asked for help» in countering the threat. »",
        "The same night the council met.",
        "It ended.»",
    ]


def test_lost_opening_and_spliced_headline():
    text = ("The ministry spoke on Tuesday. mandate. That is not clear to us today, «she said. "
            "«Nine policemen were killed in the disorders in Karamar She recalled that the call took place.")
    assert sentences(text) == [
        "The ministry spoke on Tuesday.",
        "mandate.",
        "That is not clear to us today, «she said.",
        "«Nine policemen were killed in the disorders in Karamar",
        "She recalled that the call took place.",
    ]


def test_quotes_closing_after_full_stop():
    text = '"We have questions. We don\'t know." Then she left.'
    assert sentences(text) == ['"We have questions.', 'We don\'t know."', "Then she left."]


def test_offsets_into_the_original():
    text = "  First one here.   Second one there.  "
    assert split_sentences(text) == [(2, 17), (20, 37)]


def test_language():
    assert detect_language("The minister said that the talks would go on in the spring.") == "en"
    assert detect_language("Министр заявил, что переговоры будут продолжены и в этом году.") == "ru"
    assert detect_language("123 456") == "und"
