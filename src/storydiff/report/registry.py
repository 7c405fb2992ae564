"""Report formats by name: each renderer turns a Comparison into the text of one file format.

Modelled on datasette's output renderers: a renderer is registered with a name, the file extensions
that select it and a function. The CLI and a web app list formats from here instead of hard-coding
them, and code outside the package adds a format with `register_renderer`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from storydiff.errors import ConfigError
from storydiff.models import Comparison

__all__ = [
    "Renderer",
    "RendererRegistry",
    "format_for_path",
    "register_renderer",
    "render",
    "renderers",
]


@dataclass(frozen=True)
class Renderer:
    name: str  # what `--format` and `render(..., fmt)` take
    render: Callable[[Comparison], str]
    extensions: tuple[str, ...] = ()  # ".md", ".markdown": an output file with one of them selects this format
    media_type: str = "text/plain; charset=utf-8"  # for a web app's Content-Type
    description: str = ""

    def __post_init__(self) -> None:
        if not self.name or self.name != self.name.strip():
            raise ConfigError(f"a report format needs a name without surrounding spaces, not {self.name!r}")
        # Store extensions one way (lower case, leading dot) so matching a path is a plain suffix test.
        normal = tuple("." + e.strip().lower().lstrip(".") for e in self.extensions)
        if any(e == "." for e in normal):
            raise ConfigError(f"report format {self.name!r}: empty file extension")
        object.__setattr__(self, "extensions", normal)


class RendererRegistry:
    """Renderers by name, in the order they were registered (the order formats are listed in)."""

    def __init__(self) -> None:
        self._renderers: dict[str, Renderer] = {}

    def register(self, renderer: Renderer, *, replace: bool = False) -> Renderer:
        """Add a renderer; a name already taken is refused unless `replace`, so a plugin cannot
        silently shadow a built-in format."""
        if renderer.name in self._renderers and not replace:
            raise ConfigError(f"report format {renderer.name!r} is already registered")
        # Two formats claiming one extension would make the format of `-o report.x` depend on load order.
        for other in self._renderers.values():
            clash = set(other.extensions) & set(renderer.extensions)
            if other.name != renderer.name and clash:
                raise ConfigError(
                    f"report format {renderer.name!r}: {', '.join(sorted(clash))} already selects {other.name!r}"
                )
        self._renderers[renderer.name] = renderer
        return renderer

    def get(self, name: str) -> Renderer:
        try:
            return self._renderers[name]
        except KeyError:
            raise ConfigError(f"unknown report format {name!r}; known formats: {', '.join(self.names())}") from None

    def names(self) -> tuple[str, ...]:
        return tuple(self._renderers)

    def all(self) -> tuple[Renderer, ...]:
        return tuple(self._renderers.values())

    def for_path(self, path: str | os.PathLike[str]) -> str | None:
        """The format a file name asks for by its extension (case-insensitive), or None."""
        filename = os.path.basename(os.fspath(path)).lower()
        # Longest extension first, so a ".tar.gz"-style extension wins over ".gz".
        matches = [(len(e), r.name) for r in self._renderers.values() for e in r.extensions if filename.endswith(e)]
        return max(matches)[1] if matches else None

    def render(self, comparison: Comparison, fmt: str) -> str:
        return self.get(fmt).render(comparison)

    def __contains__(self, name: object) -> bool:
        return name in self._renderers


def render_terminal(comparison: Comparison) -> str:
    from storydiff.report.terminal import render_terminal

    return render_terminal(comparison)


def render_markdown(comparison: Comparison) -> str:
    from storydiff.report.markdown import render_markdown

    return render_markdown(comparison)


def render_html(comparison: Comparison) -> str:
    from storydiff.report.html import render_html

    return render_html(comparison)


def _builtin_renderers() -> tuple[Renderer, ...]:
    """The formats storydiff ships, registered in this one place. Each renderer's module (jinja2,
    rich) is imported when its format is first asked for: a JSON report loads neither. (Imported
    late also keeps the import order one-way: the renderers know nothing of the registry.)"""
    return (
        Renderer(
            "terminal", render_terminal, (".txt",), "text/plain; charset=utf-8", "the terminal report as plain text"
        ),
        Renderer(
            "json",
            lambda c: c.to_json() + "\n",
            (".json",),
            "application/json",
            "the whole comparison, as the JSON schema describes it",
        ),
        Renderer(
            "markdown",
            render_markdown,
            (".md", ".markdown"),
            "text/markdown; charset=utf-8",
            "a Markdown report for a wiki or a fact-check draft",
        ),
        Renderer(
            "html",
            render_html,
            (".html", ".htm"),
            "text/html; charset=utf-8",
            "one self-contained page: articles side by side, aligned facts linked",
        ),
    )


default_registry = RendererRegistry()
for _renderer in _builtin_renderers():
    default_registry.register(_renderer)


def register_renderer(renderer: Renderer, *, replace: bool = False) -> Renderer:
    """Add a report format to the default registry (the one the CLI and `render` use)."""
    return default_registry.register(renderer, replace=replace)


def renderers() -> tuple[Renderer, ...]:
    return default_registry.all()


def render(comparison: Comparison, fmt: str) -> str:
    """The report in format `fmt` as a string; an unknown format is a ConfigError naming the known ones."""
    return default_registry.render(comparison, fmt)


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    return default_registry.for_path(path)
