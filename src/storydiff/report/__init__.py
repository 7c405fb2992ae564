"""Report: the same Comparison as terminal text, Markdown, self-contained HTML or JSON, and any format
registered from outside (see `registry`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storydiff.report.registry import (
    Renderer,
    RendererRegistry,
    format_for_path,
    register_renderer,
    render,
    renderers,
)

if TYPE_CHECKING:
    from storydiff.report.html import render_html, template_environment
    from storydiff.report.markdown import render_markdown
    from storydiff.report.terminal import print_terminal

# Loaded when first named: a JSON report needs neither jinja2 nor rich.
_LAZY = {
    "render_html": "storydiff.report.html",
    "template_environment": "storydiff.report.html",
    "render_markdown": "storydiff.report.markdown",
    "print_terminal": "storydiff.report.terminal",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
