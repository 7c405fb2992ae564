"""Quote links grow with the quotes found, not with the square of the outlets citing them."""

from storydiff import compare, from_text

QUOTE = '"We will rebuild every bridge the river took before the first snow," the governor said.'


def _article(n: int) -> str:
    return (f"Outlet {n} report. Crews in district {n} cleared {n + 10} roads on Friday, officials said.\n\n"
            f"{QUOTE}\n\nVolunteers in district {n} handed out {n * 3 + 7} blankets.\n")


def test_one_quote_in_forty_outlets_gets_39_links_in_one_group():
    articles = [from_text(_article(n), f"outlet-{n}.txt") for n in range(40)]
    comparison = compare(articles, embedder=None, entities=False)
    quoted = [q for q in comparison.quotes if "rebuild every bridge" in q.text]
    assert len(quoted) == 40
    links = [link for link in comparison.quote_links if {link.a, link.b} <= {q.id for q in quoted}]
    assert len(links) == 39 and all(link.relation == "same" for link in links)
    from storydiff.report.view import story_view

    ids = {q.id for q in quoted}
    groups = [g for g in story_view(comparison).quote_groups if ids & {q.id for q in g.quotes}]
    assert len(groups) == 1 and {q.id for q in groups[0].quotes} == ids
    assert len(comparison.quote_links) < 2 * len(comparison.quotes)  # linear, whatever else was quoted
