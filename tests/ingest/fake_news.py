"""Invented articles for the ingest tests: fictional towns, people and events only."""

from __future__ import annotations

PARAGRAPHS = (
    "The town council of Brindlemoor voted on Tuesday to rebuild the old stone bridge over the Wexley river, "
    "ending a debate that had lasted for almost three years.",
    "Mayor Odile Fenwarren said the new bridge would open to cyclists and walkers first, and to cars only "
    "after the engineers had finished testing the foundations during the spring floods.",
    "Local shop owners welcomed the decision, saying the long detour through the northern hills had cost "
    "them customers every weekend since the bridge was closed for safety reasons.",
    "The work is expected to cost about four million crowns and to be finished before the harvest festival "
    "next autumn, according to the council's own estimate published with the vote.",
)
TITLE = "Brindlemoor votes to rebuild the Wexley bridge"


def article_text(extra: str = "") -> str:
    return "\n\n".join(PARAGRAPHS) + (f"\n\n{extra}" if extra else "")


def article_html(title: str = TITLE, extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in (*PARAGRAPHS, *([extra] if extra else [])))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | The Brindlemoor Gazette</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright The Brindlemoor Gazette</footer></body></html>"
    )
