"""`storydiff batch`, `storydiff stories` and `storydiff compare --story` as a user runs them."""

from __future__ import annotations

import json
from dataclasses import asdict

from storydiff.bench.corpus import generate
from storydiff.cli import main


def test_batch_then_stories_then_compare_one_story(tmp_path, capsys):
    feed = tmp_path / "export.jsonl"
    feed.write_text("".join(json.dumps(asdict(a), ensure_ascii=False) + "\n" for a in generate(24, seed=2)),
                    encoding="utf-8")
    config = tmp_path / "fast.toml"
    config.write_text("[models]\nentities = false\n")
    store = tmp_path / "s.db"
    assert main(["batch", str(feed), "--store", str(store), "--config", str(config), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    # A generated copy with the same text as another (a syndicated duplicate) is analysed once.
    assert report["documents"] == 24 and report["analysed"] + report["already_stored"] == 24
    assert report["analysed"] >= 20 and report["events"]["new"] >= 2

    assert main(["stories", "--store", str(store), "-f", "json", "-o", str(tmp_path / "stories.json")]) == 0
    stories = json.loads((tmp_path / "stories.json").read_text())["stories"]
    assert sum(len(s["articles"]) for s in stories) == report["analysed"]
    for story in stories:
        assert set(story) == {"id", "title", "languages", "sources", "articles"}
        for article in story["articles"]:
            assert set(article) == {"id", "path", "source", "language", "published"}
            assert article["path"].startswith(f"{feed}#")
    biggest = stories[0]
    capsys.readouterr()
    assert main(["compare", "--store", str(store), "--story", biggest["id"], "--config", str(config),
                 "-f", "json", "-o", str(tmp_path / "story.json")]) == 0
    compared = json.loads((tmp_path / "story.json").read_text())
    assert {a["id"] for a in compared["articles"]} == {a["id"] for a in biggest["articles"]}

    assert main(["compare", "--store", str(store), "--story", "s-nothing", "--config", str(config)]) == 2
    assert "no such story" in capsys.readouterr().err
    assert main(["doctor", "--store", str(store)]) == 0
