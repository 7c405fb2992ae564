"""Entities: mention F1 (text and type) and merge precision/recall on annotated demo articles."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

from storydiff.eval.goldset import load_json, repo_root, story_articles
from storydiff.eval.scoring import Score

__all__ = ["score_entities"]


def score_entities() -> tuple[Score, Score, list[str]]:
    """(mentions, merges, notes)."""
    from storydiff.names import NameMatcher, load_aliases
    from storydiff.pipeline import find_entities

    gold_set = load_json("entities.json")
    matcher = NameMatcher(load_aliases(repo_root() / gold_set["aliases"]))
    mentions, merges = Score(0, 0, 0), Score(0, 0, 0)
    notes: list[str] = []
    for story in gold_set["stories"]:
        articles = story_articles(story["dir"])
        scored = set(story.get("only", articles))
        recognized, resolution = find_entities(list(articles.values()), matcher=matcher)
        name_of = {a.id: Path(a.path).name for a in recognized}
        predicted: Counter[tuple[str, str, str]] = Counter()
        predicted_entity: dict[tuple[str, str], set[str]] = {}
        for entity in resolution.entities:
            for m in entity.mentions:
                if m.kind != "name" or name_of[m.article_id] not in scored:
                    continue
                predicted[(name_of[m.article_id], m.text, entity.type)] += 1
                predicted_entity.setdefault((name_of[m.article_id], m.text), set()).add(entity.id)
        gold: Counter[tuple[str, str, str]] = Counter()
        gold_entity: dict[tuple[str, str], str] = {}
        for entity in story["entities"]:
            for ref in entity["mentions"]:
                file, text = ref.split("::", 1)
                gold[(file, text, entity["type"])] += 1
                gold_entity[(file, text)] = entity["key"]
        tp = sum((gold & predicted).values())
        mentions += Score(tp, sum(predicted.values()) - tp, sum(gold.values()) - tp)
        for item in sorted((gold - predicted).elements()):
            notes.append(f"{story['dir']}: missed {item[1]!r} ({item[2]}) in {item[0]}")
        for item in sorted((predicted - gold).elements()):
            notes.append(f"{story['dir']}: extra {item[1]!r} ({item[2]}) in {item[0]}")
        # Merges: among forms both sides found, are the same ones together?
        forms = sorted(set(gold_entity) & set(predicted_entity))
        for a, b in combinations(forms, 2):
            same_gold = gold_entity[a] == gold_entity[b]
            same_predicted = bool(predicted_entity[a] & predicted_entity[b])
            merges += Score(int(same_gold and same_predicted), int(same_predicted and not same_gold),
                            int(same_gold and not same_predicted))
            if same_gold != same_predicted:
                verdict = "merged" if same_predicted else "kept apart"
                notes.append(f"{story['dir']}: {verdict} {a[1]!r} ({a[0]}) / {b[1]!r} ({b[0]})")
    return mentions, merges, notes
