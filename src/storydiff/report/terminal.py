"""The terminal report (rich): the quick look before opening the HTML."""

from __future__ import annotations

import io
import unicodedata

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storydiff.models import Comparison
from storydiff.report.view import StoryView, story_view

__all__ = ["print_terminal", "render_terminal"]


def _ascii_box(char: str) -> str:
    name = unicodedata.name(char, "")
    if "HORIZONTAL" in name and "VERTICAL" not in name and "AND" not in name:
        return "-"
    if "VERTICAL" in name and "HORIZONTAL" not in name and "AND" not in name:
        return "|"
    return "+"


# Box-drawing characters (U+2500-U+257F) as plain ASCII: a report written to a file is read in editors,
# mail and terminals whose fonts or encodings mangle them.
_ASCII_BOXES = {code: _ascii_box(chr(code)) for code in range(0x2500, 0x2580)}


def render_terminal(comparison: Comparison) -> str:
    """The terminal report as plain text (no colour, no control codes, ASCII frames), for a file or a pipe."""
    buffer = io.StringIO()
    print_terminal(comparison, Console(file=buffer, width=120, no_color=True, force_terminal=False))
    return buffer.getvalue().translate(_ASCII_BOXES)


def print_terminal(comparison: Comparison, console: Console | None = None, max_items: int = 12) -> None:
    """Print the report with colour (when the console is a terminal)."""
    console = console or Console()
    view = story_view(comparison)
    from storydiff.compare.same_story import story_note

    note = story_note(comparison.same_story)
    if note:
        console.print(f"[bold yellow]{note}[/bold yellow]")
    table = Table(title=f"Story: {len(comparison.articles)} articles", show_lines=False, expand=True)
    for column in ("source", "headline", "dateline", "published", "lang", "sentences", "removed"):
        table.add_column(column, overflow="fold")
    for av in view.articles:
        a = av.article
        table.add_row(
            view.label(a.id),
            a.headline.text if a.headline else "[dim]none[/dim]",
            a.dateline.text if a.dateline else "—",
            a.published or "—",
            a.language,
            str(len(a.sentences)),
            str(len(a.removed) + len(a.captions) + len(a.credits)),
        )
    console.print(table)
    if view.entities:
        people = Table(title="People, organisations and places", expand=True)
        people.add_column("entity", overflow="fold")
        people.add_column("type")
        for av in view.articles:
            people.add_column(view.label(av.article.id), justify="right", overflow="fold")
        people.add_column("also written", overflow="fold")
        for row in view.entities[: max_items * 2]:
            counts = [str(row.counts.get(av.article.id, "—")) for av in view.articles]
            people.add_row(row.entity.name, row.entity.type, *counts, ", ".join(row.other_spellings))
        console.print(people)

    _print_quotes(console, view, max_items)

    def bullets(facts, who: bool = False) -> Text:  # type: ignore[no-untyped-def]
        text = Text()
        for fact in facts[:max_items]:
            text.append("• " + fact.text)
            if who:
                text.append("  (" + ", ".join(view.label(a) for a in fact.support) + ")", style="dim")
            text.append("\n")
        if len(facts) > max_items:
            text.append(f"… and {len(facts) - max_items} more\n", style="dim")
        return text if facts else Text("none\n", style="dim")

    if view.conflicts:
        disagree = Text()
        for fact in view.conflicts[:max_items]:
            disagree.append("• " + fact.text + "\n")
            for article_id, values in sorted((fact.conflicts or {}).items(), key=lambda kv: view.label(kv[0])):
                disagree.append(f"    {view.label(article_id)}: {', '.join(values)}\n", style="red")
            for excerpt in view.excerpts(fact):  # each outlet's own sentence, the aligned words in bold
                disagree.append(f"      {view.label(excerpt.article_id)}: ", style="dim")
                for piece, aligned in excerpt.pieces:
                    disagree.append(piece, style="bold" if aligned else "dim")
                disagree.append("\n")
        console.print(Panel(disagree, title=f"Where they disagree ({len(view.conflicts)})", border_style="red"))
    console.print(Panel(bullets(view.shared), title=f"Reported by all ({len(view.shared)})", border_style="green"))
    if view.partial:
        console.print(
            Panel(bullets(view.partial, who=True), title=f"Reported by some ({len(view.partial)})",
                  border_style="yellow")
        )
    for fact in view.events:  # every outlet's sentences on the event, the words that name it in bold
        event = Text()
        for excerpt in view.excerpts(fact)[:max_items]:
            event.append(f"{view.label(excerpt.article_id)}: ", style="dim")
            for piece, aligned in excerpt.pieces:
                event.append(piece, style="bold" if aligned else "dim")
            event.append("\n")
        console.print(Panel(event, title="The event, in each outlet's words", border_style="blue"))
    for av in view.articles:
        debris = Text()
        for r in av.article.removed:
            debris.append(f"[{r.reason}] ", style="red")
            debris.append(r.text[:100] + ("…" if len(r.text) > 100 else "") + "\n", style="dim")
        body = Group(
            Text(f"Only here ({len(av.unique)})", style="bold blue"),
            bullets(av.unique),
            Text(f"Leaves out ({len(av.omitted)})", style="bold magenta"),
            bullets(av.omitted, who=True),
            Text(f"Debris removed ({len(av.article.removed)})", style="bold red"),
            debris or Text("none\n", style="dim"),
        )
        console.print(Panel(body, title=view.label(av.article.id), border_style="blue"))
    for problem in comparison.problems:
        console.print(f"[red]skipped[/red] {problem.path}: {problem.reason}")
    console.print(f"[dim]aligned with {comparison.aligner}[/dim]")


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_quotes(console: Console, view: StoryView, max_items: int) -> None:
    groups = view.linked_quote_groups
    if not view.quote_groups:
        return
    table = Table(title=f"Quotes ({len(view.comparison.quotes)}; {len(groups)} found in several articles)",
                  expand=True, show_lines=True)
    table.add_column("speaker", overflow="fold")
    for av in view.articles:
        table.add_column(view.label(av.article.id), overflow="fold")
    table.add_column("how it changed", overflow="fold")
    for group in groups[: max_items * 2]:
        cells = []
        for av in view.articles:
            versions = [q for q in group.quotes if q.article_id == av.article.id]
            cells.append("\n".join(_short(q.text) + ("" if q.complete else " [cut]") for q in versions) or "—")
        notes = [n for link in group.links for n in link.notes if n.startswith("speaker")]
        table.add_row(" / ".join(group.speakers), *cells, ", ".join(group.relations) + ("\n" + "\n".join(notes)
                                                                                      if notes else ""))
    console.print(table)
    speakers = Table(title="Who each outlet quotes", expand=True)
    speakers.add_column("outlet")
    speakers.add_column("speakers (quotes)", overflow="fold")
    for av in view.articles:
        counts = (view.speakers_by_article or {}).get(av.article.id, ())
        speakers.add_row(view.label(av.article.id), ", ".join(f"{name} ({n})" for name, n in counts) or "—")
    console.print(speakers)
