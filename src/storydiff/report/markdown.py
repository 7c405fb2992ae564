"""A Markdown report: easy to paste into a newsroom wiki or a fact-check draft."""

from __future__ import annotations

from storydiff.models import Comparison, Fact
from storydiff.report.view import StoryView, story_view

__all__ = ["render_markdown"]


# Article text, file names and page metadata are untrusted: a Markdown renderer passes raw HTML
# through, so `<script>` or `<svg onload=…>` in an article would run in the reader's browser. Every
# value from the input goes through `_escape`: HTML-special characters become entities, and the
# Markdown characters that make links, code spans or table cells are backslash-escaped.
_MARKDOWN_ACTIVE = str.maketrans({c: "\\" + c for c in "\\`[]|*_"})


def _escape(text: object) -> str:
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(value.translate(_MARKDOWN_ACTIVE).split())


def _match(fact: Fact) -> str:
    """How likely the outlets' statements report one thing (a calibrated probability)."""
    return f" (match {fact.confidence:.2f})" if fact.confidence is not None else ""


def _excerpt_lines(view: StoryView, fact: Fact) -> list[str]:
    """Each outlet's own sentence under the fact, the aligned words in bold (when it is not all of it)."""
    lines = []
    for excerpt in view.excerpts(fact):
        marked = any(aligned for _, aligned in excerpt.pieces) and not all(a for _, a in excerpt.pieces)
        words = "".join(
            _bold(piece) if aligned and marked else _escape_run(piece) for piece, aligned in excerpt.pieces
        )
        lines.append(f"  - *{_escape(view.label(excerpt.article_id))}*: {words.strip()}")
    return lines


def _escape_run(text: str) -> str:
    """`_escape` for a piece of a sentence: the spaces at its ends join it to its neighbours."""
    inner = _escape(text)
    return (" " if text[:1].isspace() else "") + inner + (" " if text[-1:].isspace() and inner else "")


def _bold(text: str) -> str:
    inner = _escape(text)
    if not inner:
        return text
    return (" " if text[:1].isspace() else "") + f"**{inner}**" + (" " if text[-1:].isspace() else "")


def render_markdown(comparison: Comparison) -> str:
    view = story_view(comparison)
    lines = [f"# Story comparison ({len(comparison.articles)} articles)", ""]
    from storydiff.compare.same_story import story_note

    note = story_note(comparison.same_story)
    if note:
        lines += [f"**{_escape(note)}.**", ""]
    lines += ["| | source | headline | dateline | published | language |", "|---|---|---|---|---|---|"]
    for n, av in enumerate(view.articles, 1):
        a = av.article
        dateline = a.dateline.text if a.dateline else "—"
        headline = a.headline.text if a.headline else "— (none)"
        lines.append(
            f"| {n} | {_escape(view.label(a.id))} | {_escape(headline)} | {_escape(dateline)} "
            f"| {_escape(a.published or '—')} | {_escape(a.language)} |"
        )
    if view.entities:
        labels = [view.label(a.id) for a in comparison.articles]
        lines += ["", f"## People, organisations and places ({len(view.entities)})", ""]
        lines += ["| entity | type | " + " | ".join(map(_escape, labels)) + " | variants |",
                  "|---|---|" + "---|" * len(labels) + "---|"]
        for row in view.entities:
            cells = " | ".join(str(row.counts.get(a.id, "—")) for a in comparison.articles)
            variants = ", ".join(row.other_spellings)
            lines.append(f"| {_escape(row.entity.name)} | {_escape(row.entity.type)} | {cells} | {_escape(variants)} |")
    lines += _quote_lines(view, comparison)
    if view.conflicts:
        lines += ["", f"## Where they disagree ({len(view.conflicts)})", ""]
        for fact in view.conflicts:
            lines.append(f"- {_escape(fact.text)} — **{_escape(view.disagreement(fact))}**{_match(fact)}")
            lines += _excerpt_lines(view, fact)
    lines += ["", f"## Reported by all ({len(view.shared)})", ""]
    for fact in view.shared:
        lines.append(f"- {_escape(fact.text)}{_match(fact)}")
        lines += _excerpt_lines(view, fact)
    if not view.shared:
        lines.append("- nothing is reported by every article")
    lines += ["", f"## Reported by some ({len(view.partial)})", ""]
    for fact in view.partial:
        who = _escape(", ".join(view.label(a) for a in fact.support))
        lines.append(f"- {_escape(fact.text)} — *{who}*{_match(fact)}")
        lines += _excerpt_lines(view, fact)
    if not view.partial:
        lines.append("- none")
    for fact in view.events:  # every outlet's sentences on the event, whatever else each says
        lines += ["", "## The event, in each outlet's words", "", f"- {_escape(fact.text)}"]
        lines += _excerpt_lines(view, fact)
    for av in view.articles:
        a = av.article
        lines += ["", f"## {_escape(view.label(a.id))}", ""]
        if a.authors:
            lines.append(f"Authors: {_escape(', '.join(a.authors))}  ")
        lines += [f"### Only here ({len(av.unique)})", ""]
        lines += [f"- {_escape(f.text)}" for f in av.unique] or ["- nothing"]
        lines += ["", f"### Leaves out ({len(av.omitted)})", ""]
        for fact in av.omitted:
            lines.append(f"- {_escape(fact.text)} — *{_escape(', '.join(view.label(x) for x in fact.support))}*")
        if not av.omitted:
            lines.append("- nothing the others report")
        removed = [(r.reason, r.text) for r in a.removed]
        removed += [("caption", c.text) for c in a.captions] + [("credit", c.text) for c in a.credits]
        lines += ["", f"### Removed and set aside ({len(removed)})", ""]
        lines += [f"- *{_escape(reason)}* {_escape(text)}" for reason, text in removed] or ["- nothing"]
    if comparison.problems:
        lines += ["", "## Inputs that could not be read", ""]
        lines += [f"- {_escape(p.path)}: {_escape(p.reason)}" for p in comparison.problems]
    lines += ["", f"*Aligned with {_escape(comparison.aligner)}.*", ""]
    return "\n".join(lines)


def _quote_lines(view: StoryView, comparison: Comparison) -> list[str]:
    if not comparison.quotes:
        return []
    labels = [view.label(a.id) for a in comparison.articles]
    lines = ["", f"## Quotes ({len(comparison.quotes)})", "",
             "| speaker | " + " | ".join(map(_escape, labels)) + " | how it changed |",
             "|---|" + "---|" * len(labels) + "---|"]
    for group in view.quote_groups:
        if not group.links:
            continue
        cells = []
        for article in comparison.articles:
            versions = [q for q in group.quotes if q.article_id == article.id]
            cells.append("<br>".join(_escape(q.text) + ("" if q.complete else " *[cut]*") for q in versions) or "—")
        notes = [n for link in group.links for n in link.notes if n.startswith("speaker")]
        change = ", ".join(group.relations) + ("; " + "; ".join(notes) if notes else "")
        lines.append(f"| {_escape(' / '.join(group.speakers))} | " + " | ".join(cells) + f" | {_escape(change)} |")
    lines += ["", "### Who each outlet quotes", ""]
    for article in comparison.articles:
        counts = (view.speakers_by_article or {}).get(article.id, ())
        lines.append(f"- {_escape(view.label(article.id))}: "
                     + (_escape(", ".join(f"{n} ({c})" for n, c in counts)) or "nobody"))
    return lines
