"""Attribution as a unit (speaker, cue, content) on fictional sentences, one construction each."""

from storydiff import clean, from_text
from storydiff.analyse.quotes import QuoteFinder, find_quote_spans
from storydiff.analyse.speakers import masked
from storydiff.pipeline import find_entities

_LEAD = "Officials met in the town hall on Monday as the dispute over the canal entered its second week.\n\n"


def _article(text, entities=True):
    articles = clean([from_text(_LEAD + text)]).articles
    if entities:
        articles, _ = find_entities(articles)
    return articles[0]


def _quotes(text, entities=True):
    article = _article(text, entities)
    return article, QuoteFinder().find(article)


def _content(quote):
    return " … ".join(span.text for span in quote.content)


def test_partial_words_inside_a_reported_clause_give_the_whole_clause():
    _, quotes = _quotes("Councillor Edda Morrow said the canal plan was \"dead on arrival\" in its present form.\n")
    quote = next(q for q in quotes if q.text == "dead on arrival")
    assert quote.kind == "partial"
    assert _content(quote) == "the canal plan was \"dead on arrival\" in its present form"
    assert quote.cue_span is not None and quote.cue_span.text == "said"
    assert quote.speaker_name is not None and "Morrow" in quote.speaker_name


def test_a_statement_interrupted_by_its_attribution_is_one_statement():
    _, quotes = _quotes("\"We will reopen the lock next week,\" said Edda Morrow. \"Nobody should worry about it.\"\n")
    first, second = quotes
    assert first.content == second.content and len(first.content) == 2
    assert [span.text for span in first.content] == ["We will reopen the lock next week",
                                                     "Nobody should worry about it."]
    assert second.speaker_name == first.speaker_name and "Morrow" in first.speaker_name


def test_nested_quote_keeps_the_outer_quote():
    article = _article("\"They told us 'wait for the spring' and we waited,\" the boatman said.\n", entities=False)
    found = [article.text[s.start:s.end] for s in find_quote_spans(article)]
    assert found == ["They told us 'wait for the spring' and we waited"]


def test_a_quote_left_open_at_the_paragraph_end_is_kept_incomplete():
    article = _article("The harbour master was blunt. \"We cannot keep the lock open without more money\n\n"
                       "The council will meet again on Friday.\n", entities=False)
    spans = find_quote_spans(article)
    cut = next(s for s in spans if article.text[s.start:s.end].startswith("We cannot keep"))
    assert not cut.complete and cut.close_mark is None
    assert article.text[cut.start:cut.end] == "We cannot keep the lock open without more money"


def test_more_speech_verbs():
    for verb in ("joked", "tweeted", "insisted", "responded", "wrote", "warned", "quipped"):
        _, quotes = _quotes(f"\"The canal is older than all of us,\" Edda Morrow {verb}.\n")
        assert quotes[0].verb == verb and "Morrow" in quotes[0].speaker_name, verb


def test_full_stops_inside_the_speaker():
    cases = {
        "Mr. Brannock said": "Brannock",
        "Sen. Ilse Varga said": "Varga",
        "Rep. Oren Tull (D-Wis.) said": "Tull",
        "said Mary L. Castell": "Castell",
        "Dr. Pell Okonjo wrote": "Okonjo",
    }
    for attribution, surname in cases.items():
        _, quotes = _quotes(f"\"The canal must stay open to every boat,\" {attribution}.\n")
        assert quotes[0].speaker_name is not None and surname in quotes[0].speaker_name, attribution


def test_masked_full_stops_keep_offsets():
    text = "Sen. Ilse Varga (D-Wis.) met Mary L. Castell in the U.S. capital."
    hidden = masked(text)
    assert len(hidden) == len(text) and hidden.count(".") == 1 and hidden.endswith(".")


def test_according_to_with_the_source_after_the_cue():
    _, quotes = _quotes("According to the harbour police, three boats sank in the storm overnight.\n")
    quote = quotes[0]
    assert quote.kind == "indirect" and quote.verb == "according to"
    assert quote.speaker_name is not None and "harbour police" in quote.speaker_name


def test_dash_attribution():
    _, quotes = _quotes("\"The lock is the heart of this town.\" ― Edda Morrow, a lock keeper\n")
    assert "Morrow" in quotes[0].speaker_name


def test_dash_signature_in_the_next_paragraph():
    _, quotes = _quotes("\"The lock is the heart of this town and always will be.\"\n\n— Edda Morrow, lock keeper\n")
    assert "Morrow" in quotes[0].speaker_name


def test_transcript_labels():
    _, quotes = _quotes("BRANNOCK: We have asked the council twice and heard nothing back.\n\n"
                        "MODERATOR: Thank you, and now to the next question.\n", entities=False)
    assert [(q.speaker_name, q.kind) for q in quotes] == [("BRANNOCK", "direct"), ("MODERATOR", "direct")]
    assert quotes[0].text == "We have asked the council twice and heard nothing back."


def test_transcript_labels_skip_headings():
    _, quotes = _quotes("UPDATE: The council meeting has been moved to Friday afternoon.\n", entities=False)
    assert quotes == []


def test_long_descriptions_are_kept_as_written():
    _, quotes = _quotes("\"We have waited long enough,\" said the chairwoman of the association of canal boat "
                        "owners.\n", entities=False)
    assert quotes[0].speaker_name == "the chairwoman of the association of canal boat owners"


def test_the_subject_beats_a_full_name_elsewhere_in_the_sentence():
    _, quotes = _quotes("In an interview with Ann Lindqvist, the senator said \"the canal will not close\".\n",
                        entities=False)
    assert quotes[0].speaker_name == "the senator"


def test_an_object_is_not_the_speaker():
    _, quotes = _quotes("Edda Morrow spoke at the gate. She told Harbour Radio that the lock would reopen in May.\n")
    quote = next(q for q in quotes if q.kind == "indirect")
    assert quote.speaker_name is not None and "Harbour Radio" not in quote.speaker_name
    assert "Morrow" in quote.speaker_name


def test_a_pronoun_takes_the_most_recent_subject():
    text = ("\"The lock must be repaired first,\" Edda Morrow said.\n\n"
            "Pell Okonjo, the council treasurer, disagreed with her at the meeting.\n\n"
            "\"There is no money for repairs this year,\" he added.\n")
    _, quotes = _quotes(text)
    assert "Morrow" in quotes[0].speaker_name
    assert quotes[-1].speaker_name is not None and "Okonjo" in quotes[-1].speaker_name


def test_a_bare_surname_is_the_nearest_full_name_before_it():
    text = ("Edda Morrow and her brother Tam Morrow both run boats on the canal.\n\n"
            "Tam Morrow was at the gate on Monday morning.\n\n"
            "\"We lose money every day the lock is shut,\" Morrow said.\n")
    _, quotes = _quotes(text)
    assert quotes[-1].speaker_span is not None and quotes[-1].speaker_span.text == "Tam Morrow"


def test_scare_quotes_are_no_attribution():
    _, quotes = _quotes("The so-called \"canal party\" won two seats on the council.\n", entities=False)
    assert quotes == []


def test_belief_verbs_give_reported_content():
    _, quotes = _quotes("Edda Morrow believes that the canal will be busier than ever by next summer.\n")
    quote = quotes[0]
    assert quote.kind == "indirect" and quote.text.startswith("the canal will be busier")
    assert "Morrow" in quote.speaker_name
