from storydiff.ingest import read_feed
from storydiff.ingest.feed import looks_like_feed, parse_feed
from storydiff.models import Problem, RawDocument
from tests.ingest.fake_news import PARAGRAPHS, TITLE

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Brindlemoor Gazette</title><link>https://gazette.example.test/</link>
<item><title>{TITLE}</title><link>https://gazette.example.test/bridge</link>
  <pubDate>Mon, 06 Jan 2025 23:30:00 -0500</pubDate><dc:creator>Mara Quill</dc:creator>
  <description>A short teaser.</description>
  <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}]]></content:encoded></item>
<item><title>Teaser only</title>
  <description>&lt;p&gt;The ferry to Isle Quarn sails again.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://gazette.example.test/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wexley Post</title><id>urn:x</id>
<updated>2025-02-01T00:00:00Z</updated>
<entry><title>Harbour reopens</title><link href="https://post.example.test/harbour"/><id>urn:1</id>
  <updated>2025-02-01T08:00:00+01:00</updated><author><name>Ann Orr</name></author>
  <content type="text">The harbour of Wexley reopened after the storm, the port office said.</content></entry>
</feed>"""


def test_rss_entries_become_documents(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_feed(str(path)))
    first, second, problem = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.origin, first.title, first.published, first.site_name, first.authors) == (
        "https://gazette.example.test/bridge",
        TITLE,
        "2025-01-06",
        "The Brindlemoor Gazette",
        ("Mara Quill",),
    )
    assert first.content_type == "html" and PARAGRAPHS[1][:40] in first.text  # the full content, not the teaser
    assert first.fetched_at is None  # read from disk, not fetched
    assert (second.origin, second.text) == (f"{path}#2", "The ferry to Isle Quarn sails again.")
    assert problem == Problem(
        "https://gazette.example.test/empty", "feed entry 3: has no article text (no text or HTML field with content)"
    )


def test_atom_plain_text_content():
    [document] = parse_feed(ATOM.encode(), "post.atom", fetched_at="2025-02-01T09:00:00Z")
    assert (
        document.origin,
        document.content_type,
        document.site_name,
        document.authors,
        document.published,
        document.fetched_at,
    ) == (
        "https://post.example.test/harbour",
        "text",
        "Wexley Post",
        ("Ann Orr",),
        "2025-02-01",
        "2025-02-01T09:00:00Z",
    )


def test_sniffing_and_unreadable_feeds(tmp_path):
    assert looks_like_feed(RSS) and looks_like_feed(ATOM.encode())
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- hi -->\n<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed("<html><body><p>feed the cat</p></body></html>")
    assert not looks_like_feed("<feed><item/></feed>")  # not the Atom namespace
    [problem] = parse_feed(b"<html><body>no feed here", "x.xml")
    assert isinstance(problem, Problem) and problem.path == "x.xml"
    assert list(read_feed(str(tmp_path / "missing.rss"))) == [Problem(str(tmp_path / "missing.rss"), "no such file")]
