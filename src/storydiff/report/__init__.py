"""Report: the same Comparison as terminal text, Markdown, self-contained HTML or JSON."""

from __future__ import annotations

from storydiff.models import Comparison
from storydiff.report.html import render_html
from storydiff.report.markdown import render_markdown
from storydiff.report.terminal import print_terminal

__all__ = ["FORMATS", "print_terminal", "render", "render_html", "render_markdown"]

FORMATS = ("terminal", "json", "markdown", "html")


def render(comparison: Comparison, fmt: str) -> str:
    """Render to a string (every format but `terminal`, which prints with colour)."""
    if fmt == "json":
        return comparison.to_json() + "\n"
    if fmt == "markdown":
        return render_markdown(comparison)
    if fmt == "html":
        return render_html(comparison)
    raise ValueError(f"unknown report format {fmt!r}")
