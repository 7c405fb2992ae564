import csv
import io
import json
import re
from html.parser import HTMLParser

import jinja2
import pytest

from storydiff.errors import ConfigError
from storydiff.models import Comparison
from storydiff.report import (
    Renderer,
    RendererRegistry,
    format_for_path,
    register_renderer,
    render,
    renderers,
    template_environment,
)
from storydiff.report import registry as registry_module

BUILTIN = ("terminal", "json", "markdown", "html")


@pytest.fixture
def default_registry(monkeypatch):
    """A copy of the default registry for the test to change, so no other test sees its formats."""
    copy = RendererRegistry()
    for renderer in renderers():
        copy.register(renderer)
    monkeypatch.setattr(registry_module, "default_registry", copy)
    return copy


def _facts_csv(comparison: Comparison) -> str:
    """A renderer as a plugin would write one: facts, their status and how many outlets report them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "status", "outlets", "text"])
    for fact in comparison.facts:
        writer.writerow([fact.id, fact.status, len(fact.support), fact.text])
    return out.getvalue()


def _plain_fact(comparison: Comparison) -> str:
    """A fact reported by all whose text no format escapes, so it can be looked for verbatim."""
    return next(f.text for f in comparison.facts if f.status == "shared" and not set(f.text) & set("<>&\"'`[]|\\"))


def test_builtin_formats_are_registered_in_cli_order():
    assert tuple(r.name for r in renderers())[:4] == BUILTIN
    assert all(r.extensions and r.media_type and r.description for r in renderers())


def test_a_renderer_registered_from_outside_is_listed_found_by_extension_and_used(default_registry, demo_comparison):
    registered = register_renderer(Renderer("csv", _facts_csv, ("CSV",), "text/csv; charset=utf-8", "facts as CSV"))
    assert registered.extensions == (".csv",)  # stored lower case with the dot
    assert "csv" in [r.name for r in renderers()]
    assert format_for_path("out/Facts.CSV") == "csv"
    rows = list(csv.DictReader(io.StringIO(render(demo_comparison, "csv"))))
    assert [r["id"] for r in rows] == [f.id for f in demo_comparison.facts]
    assert {r["status"] for r in rows} <= {"shared", "partial", "unique", "conflict"}


def test_unknown_format_names_the_known_ones(demo_comparison):
    with pytest.raises(ConfigError) as caught:
        render(demo_comparison, "pdf")
    message = str(caught.value)
    assert "'pdf'" in message
    for name in BUILTIN:
        assert name in message


def test_duplicate_name_is_refused_unless_replacing(default_registry, demo_comparison):
    with pytest.raises(ConfigError, match="already registered"):
        register_renderer(Renderer("json", lambda c: "{}", (".json",), "application/json", "imposter"))
    assert json.loads(render(demo_comparison, "json"))["schema_version"] == 1  # the built-in is still there
    register_renderer(Renderer("json", lambda c: "{}\n", (".json",), "application/json", "stub"), replace=True)
    assert render(demo_comparison, "json") == "{}\n"
    assert default_registry.names()[:4] == BUILTIN  # replacing keeps the format's place in the list


def test_an_extension_claimed_by_another_format_is_refused():
    registry = RendererRegistry()
    registry.register(Renderer("markdown", lambda c: "", (".md",)))
    with pytest.raises(ConfigError, match=r"\.md already selects 'markdown'"):
        registry.register(Renderer("gfm", lambda c: "", (".MD",)))
    assert registry.names() == ("markdown",)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("report.json", "json"),
        ("Report.MD", "markdown"),
        ("notes.markdown", "markdown"),
        ("out/page.html", "html"),
        ("page.HTM", "html"),
        ("summary.txt", "terminal"),
        ("report", None),
        ("report.pdf", None),
        ("site.html/report", None),  # a directory's extension does not count
    ],
)
def test_format_for_path(path, fmt):
    assert format_for_path(path) == fmt


def test_longest_extension_wins():
    registry = RendererRegistry()
    registry.register(Renderer("gz", lambda c: "", (".gz",)))
    registry.register(Renderer("jsongz", lambda c: "", (".json.gz",)))
    assert registry.for_path("x.JSON.gz") == "jsongz"
    assert registry.for_path("x.gz") == "gz"


def test_the_plain_text_report_draws_its_frames_in_ascii(demo_comparison):
    text = render(demo_comparison, "terminal")
    assert "+---" in text and not any(0x2500 <= ord(c) < 0x2580 for c in text)


def test_builtin_renderers_round_trip(demo_comparison):
    fact = _plain_fact(demo_comparison)
    data = json.loads(render(demo_comparison, "json"))
    assert fact in [f["text"] for f in data["facts"]]
    for fmt in ("markdown", "html", "terminal"):
        text = render(demo_comparison, fmt)
        # The terminal report wraps long lines inside panel borders: compare with those taken out.
        flat = " ".join(text.replace("|", " ").split()) if fmt == "terminal" else text
        assert text.strip() and fact in flat, fmt


def test_terminal_renderer_is_plain_text(demo_comparison):
    text = render(demo_comparison, "terminal")
    assert "\x1b" not in text  # no colour or cursor codes in a file
    assert "Reported by all" in text and all(len(line) <= 120 for line in text.splitlines())


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_html_escapes_markup_in_article_text_and_names():
    from storydiff import compare, from_text

    story = (
        "Talks went on in the capital for a third day, officials said. The minister met the envoy on Monday "
        "and both sides said progress was made."
    )
    a = from_text(f"{story}\n\nThe crowd chanted <script>alert(1)</script> outside the hall.", "a.txt")
    b = from_text(f"{story}\n\nA banner read <img src=x onerror=alert(2)> near the gate.", "<svg onload=alert(3)>.txt")
    html = render(compare([a, b], embedder=None, entities=False), "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert "onerror=alert(2)" in html and "alert(3)" in html
    parser = _Elements()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("script") == 1  # only the report's own script
    assert "img" not in tags and "svg" not in tags
    assert not any(name.startswith("on") for _, attrs in parser.tags for name, _ in attrs)


def test_template_environment_autoescapes_and_lets_a_web_app_reuse_the_templates(demo_comparison):
    from storydiff.report.html import report_context

    env = template_environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    app = jinja2.DictLoader(
        {
            # A page of the app's own that reuses the facts table, and the full report with the assets linked.
            "facts.html": '{% from "_facts.html.j2" import fact_table %}<main>{{ fact_table(view) }}</main>',
            "page.html": '{% extends "report.html.j2" %}{% block styles %}<link rel="stylesheet" href="/r.css">'
            "{% endblock %}",
        }
    )
    env = template_environment(app)
    context = report_context(demo_comparison)
    facts = env.get_template("facts.html").render(context)
    assert facts.startswith("<main>") and all(f'data-fact="{f.id}"' in facts for f in demo_comparison.facts)
    page = env.get_template("page.html").render(context)
    assert '<link rel="stylesheet" href="/r.css">' in page and "<style>" not in page
    assert re.search(r"<script>.+</script>", page, re.S)  # the blocks not overridden are still there


def test_the_registry_loads_the_html_and_terminal_renderers_only_when_used():
    # A cold `compare -f json` should not pay for their imports (jinja2, rich).
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storydiff.report import render, renderers\n"
        "assert [r.name for r in renderers()] == ['terminal', 'json', 'markdown', 'html']\n"
        "loaded = [m for m in ('storydiff.report.html', 'storydiff.report.terminal') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_lazily_loaded_names_are_the_renderers_themselves():
    import storydiff.report as report
    from storydiff.report.html import render_html
    from storydiff.report.terminal import print_terminal

    assert report.render_html is render_html and report.print_terminal is print_terminal
    with pytest.raises(AttributeError):
        report.no_such_renderer  # noqa: B018
