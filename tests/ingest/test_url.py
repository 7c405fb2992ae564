"""The fetcher against a local server on 127.0.0.1 (never the internet)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("httpx")

from storydiff.errors import BadInputError  # noqa: E402
from storydiff.ingest import Fetcher, FetchPolicy, read_source  # noqa: E402
from storydiff.ingest.url import USER_AGENT, check_address  # noqa: E402
from storydiff.models import Problem, RawDocument  # noqa: E402
from tests.ingest.fake_news import TITLE, article_html  # noqa: E402


class _Handler(BaseHTTPRequestHandler):
    state: dict = {}

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body or b"")

    def do_GET(self):  # noqa: N802 - the name http.server calls
        state = self.state
        state.setdefault("paths", []).append(self.path)
        state["agent"] = self.headers.get("User-Agent")
        path = self.path
        if path == "/robots.txt":
            status = state.get("robots_status", 200)
            self._send(status, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif path in ("/article", "/private"):
            self._send(200, article_html().encode())
        elif path == "/feed":
            base = f"http://{self.headers['Host']}"
            rss = (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>Gazette</title><item><title>Bridge</title>"
                f"<link>{base}/article</link><description>Teaser only.</description></item></channel></rss>"
            )
            self._send(200, rss.encode(), "application/rss+xml")
        elif path.startswith("/flaky"):
            state["flaky"] = state.get("flaky", 0) + 1
            if state["flaky"] <= 2:
                self._send(503, b"busy")
            else:
                self._send(200, article_html().encode())
        elif path == "/down":
            self._send(503, b"down")
        elif path == "/missing":
            self._send(404, b"no")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._send(302, b"", headers=[("Location", f"/hop/{left - 1}" if left > 1 else "/article")])
        elif path == "/to-other-loopback":
            port = self.server.server_address[1]
            self._send(302, b"", headers=[("Location", f"http://127.0.0.2:{port}/article")])
        elif path == "/big":
            self._send(200, b"<p>" + b"word " * 5000 + b"</p>")
        elif path == "/big-unsized":  # no Content-Length: only counting while reading can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"<p>" + b"word " * 200 + b"</p>")
        elif path == "/logo.png":
            self._send(200, b"\x89PNG\r\n", "image/png")
        else:
            self._send(404, b"")


@pytest.fixture()
def server():
    handler = type("Handler", (_Handler,), {"state": {}})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.state
    httpd.shutdown()
    httpd.server_close()


def _fetcher(**overrides):
    settings = {"allow_private": True, "min_interval": 0.0, "backoff": 0.01, "retries": 2, "timeout": 5.0}
    return Fetcher(FetchPolicy(**{**settings, **overrides}))


def test_fetches_a_page_naming_itself(server):
    base, state = server
    with _fetcher() as fetcher:
        fetched = fetcher.fetch(f"{base}/article")
    assert (fetched.status, fetched.content_type, fetched.charset) == (200, "text/html", "utf-8")
    assert fetched.fetched_at.endswith("Z") and TITLE.encode() in fetched.data
    assert state["agent"] == USER_AGENT and USER_AGENT.startswith("storydiff/")


def test_robots_txt_is_obeyed_and_read_once_per_host(server):
    base, state = server
    with _fetcher() as fetcher:
        fetcher.fetch(f"{base}/article")
        fetcher.fetch(f"{base}/article")
        with pytest.raises(BadInputError, match="robots.txt .* disallows"):
            fetcher.fetch(f"{base}/private")
    assert state["paths"].count("/robots.txt") == 1
    with _fetcher(respect_robots=False) as fetcher:
        assert fetcher.fetch(f"{base}/private").status == 200


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (503, False)])
def test_missing_robots_allows_and_failing_robots_forbids(server, status, allowed):
    base, state = server
    state["robots_status"] = status
    with _fetcher(retries=0) as fetcher:
        if allowed:
            assert fetcher.fetch(f"{base}/private").status == 200
        else:
            with pytest.raises(BadInputError, match="robots.txt .* could not be read"):
                fetcher.fetch(f"{base}/article")


def test_retries_with_backoff_on_5xx(server):
    base, state = server
    sleeps = []
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0.0, backoff=0.5, retries=3), sleep=sleeps.append)
    with fetcher:
        assert fetcher.fetch(f"{base}/flaky").status == 200
        assert sleeps == [0.5, 1.0]  # two 503s, then the page
        sleeps.clear()
        with pytest.raises(BadInputError, match="HTTP 503 .after 4 attempts"):
            fetcher.fetch(f"{base}/down")
        assert sleeps == [0.5, 1.0, 2.0]
        with pytest.raises(BadInputError, match="HTTP 404"):  # a client error is not retried
            fetcher.fetch(f"{base}/missing")


def test_connection_errors_are_retried_then_reported():
    with (
        _fetcher(respect_robots=False, retries=1, timeout=1.0) as fetcher,
        pytest.raises(BadInputError, match="could not be fetched"),
    ):
        fetcher.fetch("http://127.0.0.1:9/article")  # the discard port: nothing listens there


def test_rate_limit_spaces_requests_to_one_host(server):
    base, _ = server
    with _fetcher(min_interval=0.15) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(f"{base}/article")
        # robots.txt and three pages: four requests, three waits
        assert time.monotonic() - started >= 0.44


def test_redirects_are_followed_and_capped(server):
    base, _ = server
    with _fetcher(max_redirects=5) as fetcher:
        fetched = fetcher.fetch(f"{base}/hop/3")
        assert fetched.final_url == f"{base}/article" and fetched.url == f"{base}/hop/3"
        with pytest.raises(BadInputError, match="more than 5 redirects"):
            fetcher.fetch(f"{base}/hop/9")


def test_every_redirect_hop_is_checked(server, monkeypatch):
    import storydiff.ingest.url as url_module

    base, state = server
    real = url_module._refused_address
    # Pretend only 127.0.0.1 (our server) is public: the hop to another loopback address must be refused.
    monkeypatch.setattr(url_module, "_refused_address", lambda a: None if a == "127.0.0.1" else real(a))
    with _fetcher(allow_private=False) as fetcher, pytest.raises(BadInputError, match="loopback address 127.0.0.2"):
        fetcher.fetch(f"{base}/to-other-loopback")
    assert "/article" not in state["paths"]


def test_private_addresses_are_refused_unless_allowed(server):
    base, state = server
    with Fetcher(FetchPolicy(min_interval=0.0)) as fetcher, pytest.raises(BadInputError, match="loopback"):
        fetcher.fetch(f"{base}/article")
    assert "paths" not in state  # refused before any request
    for url, reason in [
        ("http://localhost/", "loopback"),
        ("http://[::1]:8080/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://169.254.169.254/latest", "link-local"),
        ("http://[::ffff:192.168.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
    ]:
        with pytest.raises(BadInputError, match=reason):
            check_address(url, allow_private=False)
    with pytest.raises(BadInputError, match="only http and https"):
        check_address("file:///etc/passwd", allow_private=True)


def test_size_and_type_are_capped(server):
    base, _ = server
    with _fetcher(max_bytes=10_000) as fetcher:
        for path in ("/big", "/big-unsized"):
            with pytest.raises(BadInputError, match="too large"):
                fetcher.fetch(f"{base}{path}")
        with pytest.raises(BadInputError, match="not a page or feed .Content-Type: image/png"):
            fetcher.fetch(f"{base}/logo.png")


def test_read_source_reads_pages_and_feeds(server):
    base, _ = server
    with _fetcher() as fetcher:
        [page] = read_source(f"{base}/article", fetcher=fetcher)
        assert isinstance(page, RawDocument)
        assert (page.origin, page.title, page.content_type) == (f"{base}/article", TITLE, "html")
        assert page.fetched_at and "stone bridge" in page.text
        [teaser] = read_source(f"{base}/feed", fetcher=fetcher)
        assert (teaser.origin, teaser.text, teaser.title, teaser.site_name) == (
            f"{base}/article",
            "Teaser only.",
            "Bridge",
            "Gazette",
        )
        [full] = read_source(f"{base}/feed", fetcher=fetcher, follow_links=True)
        assert "stone bridge" in full.text and full.title == "Bridge" and full.fetched_at
        assert list(read_source(f"{base}/missing", fetcher=fetcher)) == [
            Problem(f"{base}/missing", "the server answered HTTP 404")
        ]
