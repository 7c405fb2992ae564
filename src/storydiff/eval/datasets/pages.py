"""pages-trafilatura: real web pages from trafilatura's own evaluation set, scored the way it scores.

Published format: `pages.json` {url: {file, with[], without[], title, author, date, ...}} and
`html/<file>.gz`. Each page goes through storydiff's full HTML path (ingest, then the cleaner: the
body `storydiff clean page.html` prints) and, as the baseline, through `trafilatura.extract` with
its default settings. Snippets are scored as in trafilatura's evaluation: a `with` snippet found in
the body is a true positive (missing: a false negative); a `without` snippet found is a false
positive (absent: a true negative). Titles and dates are compared where the page is annotated,
beside trafilatura's own metadata.

"Text cleaning lowers recall" compares the snippet recall of the text our trafilatura call returns
(before our text rules) with that of the body after them: cleaning should only ever remove debris.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from storydiff.config import Config
from storydiff.eval.datasets.base import DatasetEval, DatasetReport, Figure, Split, in_split, register_dataset
from storydiff.eval.scoring import Score

__all__ = ["SnippetScore", "normalise", "run", "score_snippets"]

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Whitespace collapsed: a snippet that spans a paragraph break still matches."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class SnippetScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: SnippetScore) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    @property
    def score(self) -> Score:
        return Score(self.tp, self.fp, self.fn)

    @property
    def precision(self) -> float:
        return self.score.precision

    @property
    def recall(self) -> float:
        return self.score.recall

    @property
    def f1(self) -> float:
        return self.score.f1

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fn + self.fp + self.tn
        return (self.tp + self.tn) / total if total else 1.0


def score_snippets(body: str, with_: list[str], without: list[str]) -> tuple[SnippetScore, list[str], list[str]]:
    """The score of one body, with the `with` snippets it misses and the `without` ones it keeps."""
    text = normalise(body)
    score = SnippetScore()
    missed, extra = [], []
    for snippet in with_:
        if not snippet:
            continue
        if normalise(snippet) in text:
            score.tp += 1
        else:
            score.fn += 1
            missed.append(snippet)
    for snippet in without:
        if not snippet:
            continue
        if normalise(snippet) in text:
            score.fp += 1
            extra.append(snippet)
        else:
            score.tn += 1
    return score, missed, extra


def _same_title(got: str | None, want: str) -> bool:
    return bool(got) and normalise(got or "").casefold() == normalise(want).casefold()


def _short(text: str, limit: int = 80) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run(path: Path, split: Split, config: Config, limit: int | None = None) -> DatasetReport:
    import trafilatura

    from storydiff.backends import default_backends
    from storydiff.clean import Cleaner
    from storydiff.clean.rules import load_rules
    from storydiff.errors import StorydiffError
    from storydiff.ingest import read_text_input

    pages = json.loads((path / "pages.json").read_text(encoding="utf-8"))
    cleaner = Cleaner(load_rules(config.rules_dirs), packs=default_backends(config).packs())
    ours, base, before = SnippetScore(), SnippetScore(), SnippetScore()
    titles = [0, 0, 0]  # ours right, baseline right, annotated
    dates = [0, 0, 0]
    errors: list[str] = []
    pages_seen = 0
    for url, item in pages.items():
        if not in_split(url, split):
            continue
        if limit is not None and pages_seen >= limit:
            break
        pages_seen += 1
        file = path / "html" / (item["file"] + ("" if item["file"].endswith(".gz") else ".gz"))
        html = gzip.decompress(file.read_bytes()).decode("utf-8", errors="replace")
        with_, without = list(item.get("with") or []), list(item.get("without") or [])
        try:
            raw = read_text_input(html, "page.html")
            article = cleaner.clean(raw)
            body, raw_text = article.body, raw.text
            headline = article.headline.text if article.headline else None
            published = (article.published or "")[:10]
        except StorydiffError as exc:
            body = raw_text = ""
            headline, published = None, ""
            if split == "dev":
                errors.append(f"{url}: not extracted ({exc})")
        baseline_body = trafilatura.extract(html) or ""
        meta = trafilatura.extract_metadata(html)
        base_title = getattr(meta, "title", None) if meta is not None else None
        base_date = (getattr(meta, "date", None) or "")[:10] if meta is not None else ""

        score, missed, extra = score_snippets(body, with_, without)
        ours.add(score)
        base.add(score_snippets(baseline_body, with_, without)[0])
        before_score = score_snippets(raw_text, with_, without)[0]
        before.add(before_score)
        if split == "dev":
            errors.extend(f"{url}: missed {_short(s)!r}" for s in missed)
            errors.extend(f"{url}: kept debris {_short(s)!r}" for s in extra)
            if before_score.tp > score.tp:
                errors.append(f"{url}: text rules removed {before_score.tp - score.tp} wanted snippet(s)")
        if item.get("title"):
            titles[2] += 1
            titles[0] += _same_title(headline, item["title"])
            titles[1] += _same_title(base_title, item["title"])
            if split == "dev" and not _same_title(headline, item["title"]):
                errors.append(f"{url}: title {headline!r}, expected {item['title']!r}")
        if item.get("date"):
            dates[2] += 1
            want = str(item["date"])[:10]
            dates[0] += published == want
            dates[1] += base_date == want
            if split == "dev" and published != want:
                errors.append(f"{url}: date {published!r}, expected {want!r}")

    snippets = ours.tp + ours.fn + ours.fp + ours.tn
    figures = [
        Figure("snippet-f1", ours.f1, base.f1, snippets),
        Figure("snippet-precision", ours.precision, base.precision, snippets),
        Figure("snippet-recall", ours.recall, base.recall, snippets),
        Figure("snippet-accuracy", ours.accuracy, base.accuracy, snippets),
        Figure("title-accuracy", titles[0] / titles[2] if titles[2] else 1.0,
               titles[1] / titles[2] if titles[2] else 1.0, titles[2]),
        Figure("date-accuracy", dates[0] / dates[2] if dates[2] else 1.0,
               dates[1] / dates[2] if dates[2] else 1.0, dates[2]),
        Figure("recall-after-text-rules", ours.recall, before.recall, ours.tp + ours.fn,
               note="baseline column: recall of our trafilatura call before the text rules"),
        Figure("f1-after-text-rules", ours.f1, before.f1, snippets,
               note="baseline column: F1 before the text rules"),
    ]
    return DatasetReport(
        dataset="pages-trafilatura",
        split=split,
        figures=figures,
        baseline="trafilatura.extract / extract_metadata with default settings",
        errors=errors,
    )


register_dataset(
    DatasetEval(
        name="pages-trafilatura",
        description="Main-text extraction on real web pages (trafilatura's evaluation set): snippet "
        "precision/recall/F1, title and date accuracy, against trafilatura alone.",
        run=run,
        default_path="pages-trafilatura",
    )
)
