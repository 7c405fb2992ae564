"""HTML body extraction: our body vs trafilatura's text alone, word-level F1 against the gold body.

Trafilatura's output still holds the headline, byline and debris like "Advertisement"; our cleaner
should remove exactly that and nothing real, so our F1 must be at least trafilatura's.
"""

from __future__ import annotations

import re
from collections import Counter

from storydiff.eval.goldset import load_json, repo_root
from storydiff.eval.scoring import Score

__all__ = ["score_html"]

_WORD = re.compile(r"\w+")


def _bag_score(predicted: str, gold: str) -> Score:
    p, g = Counter(_WORD.findall(predicted.casefold())), Counter(_WORD.findall(gold.casefold()))
    tp = sum((p & g).values())
    return Score(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def score_html() -> tuple[dict[str, Score], list[str]]:
    """Scores for `storydiff` (body), `trafilatura` (its text) and `headline`/`published` decisions."""
    import trafilatura

    from storydiff.pipeline import clean

    scores = {"storydiff": Score(0, 0, 0), "trafilatura": Score(0, 0, 0), "metadata": Score(0, 0, 0)}
    notes = []
    for page in load_json("html.json")["pages"]:
        path = repo_root() / page["path"]
        html = path.read_text(encoding="utf-8")
        gold_body = "\n".join(page["body"])
        article = clean([str(path)]).articles[0]
        baseline = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        scores["storydiff"] += _bag_score(article.body, gold_body)
        scores["trafilatura"] += _bag_score(baseline, gold_body)
        headline = article.headline.text if article.headline else None
        for label, got, want in (("headline", headline, page["headline"]),
                                 ("published", (article.published or "")[:10], page["published"])):
            ok = got == want
            scores["metadata"] += Score(1 if ok else 0, 0 if ok else 1, 0 if ok else 1)
            if not ok:
                notes.append(f"{page['path']}: {label} {got!r}, expected {want!r}")
    return scores, notes
