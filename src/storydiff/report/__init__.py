"""Report: the same Comparison as terminal text, Markdown, self-contained HTML or JSON, and any format
registered from outside (see `registry`)."""

from __future__ import annotations

from storydiff.report.html import render_html, template_environment
from storydiff.report.markdown import render_markdown
from storydiff.report.registry import (
    Renderer,
    RendererRegistry,
    format_for_path,
    register_renderer,
    render,
    renderers,
)
from storydiff.report.terminal import print_terminal

__all__ = [
    "Renderer",
    "RendererRegistry",
    "format_for_path",
    "print_terminal",
    "register_renderer",
    "render",
    "render_html",
    "render_markdown",
    "renderers",
    "template_environment",
]
