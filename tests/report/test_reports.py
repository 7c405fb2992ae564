import json
import re
from importlib.resources import files

import jsonschema

from storydiff.report import render


def _schema():
    return json.loads(files("storydiff").joinpath("schema/comparison.schema.json").read_text())


def test_json_matches_schema_and_is_deterministic(demo_comparison):
    from storydiff import compare
    from tests.conftest import DEMO

    data = json.loads(render(demo_comparison, "json"))
    jsonschema.validate(data, _schema())
    assert data["schema_version"] == 1
    assert data["entities"] and data["quotes"] and data["framing"] == {}
    articles = {a["id"]: a for a in data["articles"]}
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert articles[mention["article"]]["text"][mention["start"]:mention["end"]] == mention["text"]
    again = compare([str(DEMO / "monitors")])
    assert render(again, "json") == render(demo_comparison, "json")


def test_seed_json_matches_schema(seed_comparison):
    jsonschema.validate(json.loads(seed_comparison.to_json()), _schema())


def test_html_is_self_contained(demo_comparison):
    html = render(demo_comparison, "html")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script>" in html and "<style>" in html
    for fact in demo_comparison.facts:
        assert f'data-fact="{fact.id}"' in html
    for article in demo_comparison.articles:
        for sentence in article.sentences:
            assert f'id="{sentence.id}"' in html


def test_markdown_sections(demo_comparison):
    md = render(demo_comparison, "markdown")
    for heading in ("## Reported by all", "## Reported by some", "### Only here", "### Leaves out",
                    "### Removed and set aside"):
        assert heading in md
    assert "Sign up now for FREE unlimited access" in md  # the debris is listed, with its reason


def test_each_fact_shows_every_outlets_whole_sentence_with_the_aligned_part_marked(demo_comparison):
    """Reports show what each outlet wrote (whole sentences), never a clause cut out and re-capitalised."""
    from storydiff.report.view import story_view

    sentences = {s.id: s for a in demo_comparison.articles for s in a.sentences}
    texts = {a.id: a.text for a in demo_comparison.articles}
    view = story_view(demo_comparison)
    several = [f for f in demo_comparison.facts if len(f.support) > 1]
    assert several
    for fact in demo_comparison.facts:
        assert fact.text in {" ".join(sentences[s].text.split()) for ids in fact.support.values() for s in ids}
        assert set(fact.spans) == set(fact.support)
        for article_id, spans in fact.spans.items():
            for start, end in spans:  # every aligned part lies inside one of the outlet's supporting sentences
                assert any(sentences[s].start <= start < end <= sentences[s].end for s in fact.support[article_id])
        excerpts = view.excerpts(fact)
        assert [e.article_id for e in excerpts] == [a.id for a in demo_comparison.articles if a.id in fact.support]
        for excerpt in excerpts:
            assert any(aligned for _, aligned in excerpt.pieces)
            whole = " ".join(texts[excerpt.article_id][sentences[fact.support[excerpt.article_id][0]].start:
                                                       sentences[fact.support[excerpt.article_id][0]].end].split())
            assert excerpt.text.startswith(whole)
    markdown = render(demo_comparison, "markdown")
    html = render(demo_comparison, "html")
    shared = several[0]
    for excerpt in view.excerpts(shared):
        label = view.label(excerpt.article_id)
        assert f"<span class=\"who\">{label}</span>" in html.replace("&#34;", '"')
    assert "<mark>" in html
    assert sum(line.startswith("  - *") for line in markdown.splitlines()) >= sum(len(f.support) for f in several)


def test_event_facts_have_their_own_section_and_leave_sentence_status_alone(demo_comparison):
    """The event fact gathers every outlet's sentences on the event: shown once, in its own section,
    not as one more shared fact, nor as a fact an outlet leaves out."""
    from storydiff.report.view import story_view

    view = story_view(demo_comparison)
    events = [f for f in demo_comparison.facts if f.kind == "event"]
    ids = {f.id for f in events}
    assert [f.id for f in view.events] == [f.id for f in events] and len(events) == 1
    assert not {f.id for f in view.shared + view.partial + view.conflicts} & ids
    for av in view.articles:
        assert not {f.id for f in av.omitted} & ids
        assert not {i for found in av.fact_ids_by_sentence.values() for i in found} & ids
    markdown = render(demo_comparison, "markdown")
    assert markdown.count("## The event, in each outlet's words") == 1
