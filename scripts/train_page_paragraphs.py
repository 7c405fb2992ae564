"""Train the paragraph classifier of `storydiff.ingest.html_paragraphs` on pages-trafilatura's dev split.

Each line of the text our HTML path extracts (trafilatura, then link and furniture lines out: the
point where the classifier runs) gets its features from the page. A line is debris when it holds
(part of) a `without` snippet and no `with` snippet; wanted when it holds part of a `with` snippet;
unlabelled lines are not trained on. The dev split is cut in two halves by site (a stable hash of
the host); the model trained on one half is scored on the other, at the threshold that removes no
wanted line of its own half (the high-precision operating point), and the model shipped is trained
on the whole dev split the same way. Never reads the test split.

    .venv/bin/python scripts/train_page_paragraphs.py ../shared/devdata/pages-trafilatura [--write]

Needs the `html` and `eval` extras (trafilatura, scikit-learn).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import trafilatura
from sklearn.linear_model import LogisticRegression
from trafilatura.utils import load_html

from storydiff.eval.datasets.base import in_split
from storydiff.eval.datasets.pages import normalise
from storydiff.ingest.html import page_headline
from storydiff.ingest.html_links import drop_link_lines
from storydiff.ingest.html_paragraphs import _WEIGHTS, FEATURES, _block, has_evidence, line_features
from storydiff.ingest.html_text import TextPiece, page_pieces

_MARGIN = 0.02  # above the most debris-like wanted line of the training half
_MIN_THRESHOLD = 0.85  # never less sure than this: few examples, most lines of a page unlabelled


def half(url: str) -> str:
    host = (urlsplit(url).hostname or url.split("::")[-1].split("-")[0]).removeprefix("www.")
    return "A" if int(hashlib.sha1(host.encode()).hexdigest()[:8], 16) % 2 == 0 else "B"


def _labels(lines: list[str], with_: list[str], without: list[str]) -> list[int | None]:
    """1 debris, 0 wanted, None unknown: by the snippets each line's stretch of the text overlaps."""
    spans, parts, at = [], [], 0
    for line in lines:
        norm = normalise(line)
        spans.append((at, at + len(norm)))
        parts.append(norm)
        at += len(norm) + 1
    joined = " ".join(parts)

    def hits(snippets: list[str]) -> set[int]:
        out = set()
        for snippet in snippets:
            key = normalise(snippet)
            start = joined.find(key) if key else -1
            while start >= 0:
                out |= {i for i, (a, b) in enumerate(spans) if a < start + len(key) and start < b and a < b}
                start = joined.find(key, start + 1)
        return out

    wanted, debris = hits(with_), hits(without)
    return [0 if i in wanted else 1 if i in debris else None for i in range(len(lines))]


Row = tuple[str, str, tuple[float, ...], int | None, bool]


def rows(path: Path) -> list[Row]:
    """(half, line, features, label, applied) for each line with evidence (`has_evidence`) of the dev
    pages; `applied`: a line of the text where the classifier runs."""
    pages = json.loads((path / "pages.json").read_text(encoding="utf-8"))
    out = []
    for url, item in pages.items():
        if not in_split(url, "dev"):
            continue
        name = item["file"] + ("" if item["file"].endswith(".gz") else ".gz")
        html = gzip.decompress((path / "html" / name).read_bytes()).decode("utf-8", errors="replace")
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=False
        )
        text = getattr(document, "text", None) or "" if document is not None else ""
        tree = load_html(html)
        if not text.strip() or tree is None:
            continue
        host = getattr(document, "hostname", None) or None
        title = page_headline(tree, getattr(document, "title", None), getattr(document, "sitename", None), host)
        pieces = page_pieces(tree, host)
        # the text where the classifier runs, and (for more debris to learn from) the extractor's own
        # text and its recall-minded one, which keep the kinds of debris a page's block holds
        recall = trafilatura.extract(html, include_tables=True, favor_recall=True) or ""
        seen: set[str] = set()
        applied = drop_link_lines(pieces, text, headline=title)
        for source in (applied, text, recall, _page_lines(pieces)):
            lines = source.splitlines()
            labels = _labels(lines, list(item.get("with") or []), list(item.get("without") or []))
            for line, features, label in zip(lines, line_features(pieces, lines), labels, strict=True):
                known = source is applied or label is not None  # unlabelled lines: only where it runs
                if features is not None and has_evidence(line, features) and known and line not in seen:
                    seen.add(line)
                    out.append((half(url), line, features, label, source is applied))
    return out


def _page_lines(pieces: list[TextPiece]) -> str:
    """All the page's text, one block element a line: the furniture the extractor already dropped is
    labelled too (menus, footers, teasers), many more examples of debris than its text holds."""
    lines: list[str] = []
    last = None
    for piece in pieces:
        block = _block(piece.element)
        if block is last and lines:
            lines[-1] += " " + piece.text
        else:
            lines.append(piece.text)
        last = block
    return "\n".join(lines)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[LogisticRegression, float]:
    """The model and its threshold: just above the highest probability of a wanted line."""
    model = LogisticRegression(C=0.5, class_weight="balanced", max_iter=2000).fit(x, y)
    wanted = model.predict_proba(x[y == 0])[:, 1]
    return model, float(min(0.99, max(_MIN_THRESHOLD, wanted.max() + _MARGIN)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--write", action="store_true", help=f"write the model trained on all dev to {_WEIGHTS.name}")
    args = parser.parse_args()
    data = rows(args.path)
    labelled = [(h, line, f, lab) for h, line, f, lab, _ in data if lab is not None]
    print(f"{len(data)} lines, {len(labelled)} labelled, {sum(lab for *_, lab in labelled)} debris")
    for train, score in (("A", "B"), ("B", "A")):
        x = np.array([f for h, _, f, _ in labelled if h == train])
        y = np.array([lab for h, *_, lab in labelled if h == train])
        model, threshold = fit(x, y)
        held = [(line, f, lab) for h, line, f, lab, applied in data if h == score and applied]
        p = model.predict_proba(np.array([f for _, f, _ in held]))[:, 1]
        gone = [(line, lab) for (line, _, lab), q in zip(held, p, strict=True) if q >= threshold]
        debris = sum(lab == 1 for *_, lab in held)
        print(
            f"train {train} -> score {score}: threshold {threshold:.3f}; debris removed "
            f"{sum(lab == 1 for _, lab in gone)}/{debris}, wanted removed {sum(lab == 0 for _, lab in gone)}, "
            f"unlabelled removed {sum(lab is None for _, lab in gone)}/{sum(lab is None for *_, lab in held)}"
        )
    x = np.array([f for _, _, f, _ in labelled])
    y = np.array([lab for *_, lab in labelled])
    model, threshold = fit(x, y)
    for name, weight in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:16} {weight:+.2f}")
    print(f"  bias {model.intercept_[0]:+.2f}, threshold {threshold:.3f}")
    if args.write:
        weights = {
            "trained_on": "pages-trafilatura dev split (Apache-2.0), scripts/train_page_paragraphs.py",
            "features": list(FEATURES),
            "weights": [round(float(w), 4) for w in model.coef_[0]],
            "bias": round(float(model.intercept_[0]), 4),
            "threshold": round(threshold, 4),
        }
        _WEIGHTS.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {_WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
