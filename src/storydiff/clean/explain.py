"""What the cleaner took out of an article's body, and why (`storydiff clean --explain-clean`)."""

from __future__ import annotations

from storydiff.models import Article

__all__ = ["explain_cleaning"]


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def explain_cleaning(article: Article) -> str:
    """One line per span that is not body: removed debris with its reason, then the headline,
    byline and credits, captions and dateline the cleaner set apart."""
    lines = [f"{article.path}: {len(article.paragraphs)} body paragraph(s), {len(article.removed)} removed"]
    for removed in article.removed:
        lines.append(f"  removed  [{removed.reason or 'unspecified'}] {_short(removed.text)!r}")
    if article.headline is not None:
        where = "page metadata" if article.headline.start < 0 else "first line"
        lines.append(f"  headline [{where}] {_short(article.headline.text)!r}")
    for credit in article.credits:
        lines.append(f"  credit   {_short(credit.text)!r}")
    for caption in article.captions:
        lines.append(f"  caption  {_short(caption.text)!r}")
    if article.dateline is not None:
        lines.append(f"  dateline {_short(article.dateline.text)!r}")
    return "\n".join(lines)
