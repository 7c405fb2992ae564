"""One self-contained HTML file: articles side by side, aligned facts linked and highlighted.

No CDN, no external fonts or scripts: the file opens offline and can be mailed as an attachment.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from storydiff.models import Article, Comparison, Fact, Quote, QuoteLink, Sentence
from storydiff.report.view import ArticleView, StoryView, story_view

__all__ = ["render_html"]

_TEMPLATES = Path(__file__).parent / "templates"


def _status_of(view: StoryView) -> dict[str, Fact]:
    return {f.id: f for f in view.comparison.facts}


def _column(av: ArticleView, view: StoryView) -> str:
    a: Article = av.article
    facts = _status_of(view)
    parts = [f'<section class="col" id="article-{a.id}"><h2>{escape(view.label(a.id))}</h2>']
    if a.headline:
        parts.append(f'<div class="headline">{escape(a.headline.text)}</div>')
    else:
        parts.append('<div class="headline none">no headline in the text</div>')
    meta = []
    if a.dateline:
        meta.append(f"dateline <b>{escape(a.dateline.text)}</b>")
    if a.published:
        meta.append(f"published {escape(a.published)}")
    if a.authors:
        meta.append("by " + escape(", ".join(a.authors)))
    meta.append(f"language {escape(a.language)}")
    parts.append(f'<div class="meta">{" · ".join(meta)}</div>')
    for caption in a.captions:
        parts.append(f'<div class="caption"><b>caption</b> {escape(caption.text)}</div>')
    paragraphs: dict[int, list[str]] = {}
    for sentence in a.sentences:
        ids = av.fact_ids_by_sentence.get(sentence.id, ())
        statuses = [facts[i].status for i in ids]
        status = next((s for s in ("shared", "conflict", "partial", "unique") if s in statuses), "unique")
        title = " | ".join(facts[i].text for i in ids)
        paragraphs.setdefault(sentence.paragraph, []).append(
            f'<span class="s {status}" id="{sentence.id}" data-facts="{" ".join(ids)}" '
            f'title="{escape(status)}: {escape(title)}">{_with_mentions(a, sentence, view)}</span>'
        )
    for number in sorted(paragraphs):
        parts.append('<p class="para">' + " ".join(paragraphs[number]) + "</p>")
    for credit in a.credits:
        parts.append(f'<div class="credit">{escape(credit.text)}</div>')
    items = "".join(
        f'<li><span class="reason">{escape(r.reason)}</span>{escape(r.text)} '
        f'<small>[{r.start}–{r.end}]</small></li>'
        for r in a.removed
    )
    parts.append(
        f"<details><summary>Debris removed ({len(a.removed)})</summary><ul>{items or '<li>none</li>'}</ul></details>"
    )
    omitted = "".join(f"<li>{escape(f.text)}</li>" for f in av.omitted)
    parts.append(
        f"<details><summary>Leaves out ({len(av.omitted)})</summary><ul>{omitted or '<li>nothing</li>'}</ul></details>"
    )
    parts.append("</section>")
    return "\n".join(parts)


def _with_mentions(article: Article, sentence: Sentence, view: StoryView) -> str:
    """The sentence with each entity mention wrapped, so a click shows the entity in every column."""
    spans = sorted(
        (m.start, m.end, row.entity.id, row.entity.name)
        for row in view.entities for m in row.entity.mentions
        if m.article_id == article.id and sentence.start <= m.start and m.end <= sentence.end
    )
    out, cursor = [], sentence.start
    for start, end, entity_id, name in spans:
        if start < cursor:
            continue  # overlapping mentions: keep the first
        out.append(escape(article.text[cursor:start]))
        out.append(f'<span class="m" data-entity="{entity_id}" title="{escape(name)}">'
                   f"{escape(article.text[start:end])}</span>")
        cursor = end
    out.append(escape(article.text[cursor : sentence.end]))
    return "".join(out)


def _entity_table(view: StoryView) -> str:
    if not view.entities:
        return ""
    articles = view.comparison.articles
    head = "".join(f"<th>{escape(view.label(a.id))}</th>" for a in articles)
    rows = []
    for row in view.entities:
        cells = "".join(f'<td class="mark">{row.counts.get(a.id, "—")}</td>' for a in articles)
        variants = ", ".join(v for v in row.entity.variants if v != row.entity.name)
        roles = f'<br><small>{escape(", ".join(row.entity.roles))}</small>' if row.entity.roles else ""
        rows.append(
            f'<tr data-entity-row="{row.entity.id}"><td><b>{escape(row.entity.name)}</b>{roles}</td>'
            f"<td>{row.entity.type}</td>{cells}<td>{escape(variants)}</td></tr>"
        )
    return (
        "<details open><summary><b>People, organisations and places</b> "
        f"({len(view.entities)})</summary><table class=\"facts entities\"><tr><th>entity</th><th>type</th>"
        f"{head}<th>also written</th></tr>{''.join(rows)}</table></details>"
    )


def _diff_html(link: QuoteLink) -> tuple[str, str]:
    """Version a with deleted words struck, version b with inserted words marked; translated quotes
    as aligned phrases."""
    left, right = [], []
    for op, a, b in ((d.op, d.a, d.b) for d in link.diff):
        if op == "equal":
            left.append(escape(a))
            right.append(escape(b))
        elif op == "aligned":
            left.append(f"<span class=phrase>{escape(a)}</span>")
            right.append(f"<span class=phrase>{escape(b)}</span>")
        else:
            if a:
                left.append(f"<del>{escape(a)}</del>")
            if b:
                right.append(f"<ins>{escape(b)}</ins>")
    return " ".join(left), " ".join(right)


def _version(view: StoryView, quote: Quote, words: str) -> str:
    detail = f"{quote.verb or '—'}, {quote.kind}{'' if quote.complete else ', cut'}"
    return (f"<div><b>{escape(view.label(quote.article_id))}</b> — {escape(quote.speaker_name or 'unknown speaker')}"
            f" <small>({escape(detail)})</small><p>{words}</p></div>")


def _quotes_section(view: StoryView) -> str:
    comparison = view.comparison
    if not comparison.quotes:
        return ""
    quotes = {q.id: q for q in comparison.quotes}
    blocks = []
    for group in view.quote_groups:
        for link in group.links:
            a, b = quotes[link.a], quotes[link.b]
            left, right = _diff_html(link)
            notes = "".join(f"<li>{escape(n)}</li>" for n in link.notes)
            blocks.append(
                f'<div class="qlink"><div class="qhead"><span class="rel {link.relation}">{link.relation}</span> '
                f"score {link.score:.2f}<ul>{notes}</ul></div><div class=qpair>"
                f"{_version(view, a, left)}{_version(view, b, right)}</div></div>"
            )
    rows = "".join(
        f"<tr><td>{escape(view.label(a.id))}</td><td>"
        + escape(", ".join(f"{n} ({c})" for n, c in (view.speakers_by_article or {}).get(a.id, ())) or "—")
        + "</td></tr>"
        for a in comparison.articles
    )
    linked = sum(1 for g in view.quote_groups if g.links)
    return (
        f"<details open><summary><b>Quotes</b> ({len(comparison.quotes)} quotes; {linked} statements found in "
        f"several articles)</summary>{''.join(blocks)}"
        f"<table class=\"facts\"><tr><th>outlet</th><th>who it quotes</th></tr>{rows}</table></details>"
    )


def _fact_table(view: StoryView) -> str:
    articles = view.comparison.articles
    head = "".join(f"<th>{escape(view.label(a.id))}</th>" for a in articles)
    rows = []
    for fact in view.comparison.facts:
        marks = "".join(
            f'<td class="mark">{"●" if a.id in fact.support else "<span style=color:#c0c4cc>○</span>"}</td>'
            for a in articles
        )
        disagreement = ""
        if fact.conflicts:
            values = "; ".join(f"{view.label(a)}: {', '.join(v)}" for a, v in sorted(fact.conflicts.items()))
            disagreement = f'<br><span class="disagree">{escape(values)}</span>'
        rows.append(
            f'<tr id="fact-{fact.id}" data-fact="{fact.id}" class="{fact.status}">'
            f"<td>{escape(fact.status)}</td><td>{escape(fact.text)}{disagreement}</td>{marks}</tr>"
        )
    return f'<table class="facts"><tr><th>status</th><th>fact</th>{head}</tr>{"".join(rows)}</table>'


def render_html(comparison: Comparison) -> str:
    view = story_view(comparison)
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
    headline = next((a.headline.text for a in comparison.articles if a.headline), "Story comparison")
    problems = ""
    if comparison.problems:
        items = "".join(f"<li><code>{escape(p.path)}</code>: {escape(p.reason)}</li>" for p in comparison.problems)
        problems = f'<div class="problems"><b>Inputs that could not be read</b><ul>{items}</ul></div>'
    counts = (
        f"{len(view.shared)} facts reported by all · {len(view.conflicts)} disputed · {len(view.partial)} by some · "
        f"{sum(len(av.unique) for av in view.articles)} by one only"
    )
    columns = "\n".join(_column(av, view) for av in view.articles)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>storydiff: {escape(headline)}</title><style>{css}</style></head>
<body>
<header class="top"><h1>{escape(headline)}</h1><p>{len(comparison.articles)} articles · {counts}</p></header>
<main>
{problems}
<div class="legend"><span class="shared">reported by all</span><span class="conflict">disputed</span>
<span class="partial">by some</span>
<span class="unique">by one only</span> Click a fact or a sentence to see where each outlet reports it.</div>
{_entity_table(view)}
{_quotes_section(view)}
{_fact_table(view)}
<div class="columns" style="--n:{len(comparison.articles)}">
{columns}
</div>
</main>
<footer>Made by storydiff · aligned with {escape(comparison.aligner)} · comparison {comparison.id}</footer>
<script>{js}</script>
</body></html>
"""
