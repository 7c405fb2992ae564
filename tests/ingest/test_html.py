"""Reading an HTML page (`ingest.html.extract_html`), on an invented page."""

import pytest

from storydiff.ingest.html import extract_html

pytest.importorskip("trafilatura")

PAGE = (
    "<html><head><title>Ferries stay in port as storm shuts Velgrad quay | Velgrad Post</title></head><body>"
    '<header><nav><a href="/">Home</a> <a href="/harbour">Harbour</a></nav></header>'
    "<article><h1>Ferries stay in port as storm shuts Velgrad quay</h1>"
    "<p>Ferries stayed in port all week as the storm closed the Velgrad quay to traffic and trade.</p>"
    "<p>The harbour master said the quay would reopen on Friday once the divers had checked it.</p>"
    "<p>Fishing boats were moved to the inner basin, where the breakwater shelters them from the swell.</p>"
    "</article><footer>Velgrad Post, 2022</footer></body></html>"
)


def test_the_page_is_parsed_once_and_trafilatura_prunes_only_its_own_copy(monkeypatch):
    import trafilatura.utils

    parsed = []  # the page's own markup given to the parser (a fallback extractor parses its own output)
    parse = trafilatura.utils.fromstring

    def counted(markup, *args, **kwargs):
        parsed.extend([1] if isinstance(markup, str) and "Velgrad Post</title>" in markup else [])
        return parse(markup, *args, **kwargs)

    monkeypatch.setattr(trafilatura.utils, "fromstring", counted)
    document = extract_html("page.html", PAGE, "utf-8")
    assert len(parsed) == 1
    # the headline is read from the page's <h1>, which the extractor's copy no longer holds
    assert document.title == "Ferries stay in port as storm shuts Velgrad quay"
    assert "Ferries stayed in port all week" in document.text
    assert "Home" not in document.text
