"""One self-contained HTML file: articles side by side, aligned facts linked and highlighted.

The page comes from Jinja2 templates in `report/templates/` that read the view model (`report.view`),
so a web app can render the same page, or reuse its parts, through `template_environment()`.
No CDN, no external fonts or scripts: the file opens offline and can be mailed as an attachment.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from storydiff.models import Comparison
from storydiff.report.view import story_view

__all__ = ["REPORT_TEMPLATE", "render_html", "report_context", "template_environment"]

REPORT_TEMPLATE = "report.html.j2"


@jinja2.pass_environment
def inline_asset(env: jinja2.Environment, name: str) -> Markup:
    """A stylesheet or script from the template folder, pasted in whole so the page needs no other file.

    Read through the loader rather than `include`d, so braces in CSS or JS are never taken for Jinja syntax.
    """
    if env.loader is None:
        raise jinja2.TemplateNotFound(name)
    source, _, _ = env.loader.get_source(env, name)
    return Markup(source)  # our own packaged files, not input: safe to inline unescaped


def template_environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """The Jinja2 environment the HTML report is rendered with, new on each call.

    A web app passes its own `loader` to have its templates found first; they can extend
    `report.html.j2` or import the macros from its `_*.html.j2` partials.
    """
    ours = jinja2.PackageLoader("storydiff", "report/templates")
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([loader, ours]) if loader else ours,
        autoescape=True,  # article text, names and metadata are untrusted input
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the render instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["inline_asset"] = inline_asset
    return env


@cache
def _environment() -> jinja2.Environment:
    # One shared environment so templates are compiled once per process.
    return template_environment()


def report_context(comparison: Comparison) -> dict[str, Any]:
    """What `report.html.j2` reads: the view model and the comparison behind it."""
    return {"view": story_view(comparison), "comparison": comparison}


def render_html(comparison: Comparison) -> str:
    return _environment().get_template(REPORT_TEMPLATE).render(report_context(comparison))
