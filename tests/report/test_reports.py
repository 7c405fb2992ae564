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
