"""Fetch pages and feeds over HTTP(S), politely and safely (the `ingest` extra: httpx).

Polite: a User-Agent that names us, robots.txt obeyed (cached per host), a minimum interval between
requests to one host, retries with exponential backoff only where a retry can help (5xx, 429,
connection errors). Safe: only http(s); every address a host resolves to must be public unless
`allow_private` (so a URL in a feed cannot make us probe the local network), and that is checked
again on every redirect hop; redirects, body size and total time are capped; the content type must
be a page or a feed. Every refusal is a BadInputError naming the URL and the reason.

Limit: the address is checked when we resolve it, and httpx resolves it again to connect; a DNS
server that answers differently the second time (DNS rebinding) is not defended against.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from storydiff import __version__
from storydiff.errors import BadInputError, MissingExtraError
from storydiff.ingest.entries import utc_now
from storydiff.ingest.reader import DEFAULT_MAX_BYTES

__all__ = ["FEED_TYPES", "PAGE_TYPES", "USER_AGENT", "FetchPolicy", "Fetched", "Fetcher", "check_address", "is_url"]

log = logging.getLogger(__name__)

USER_AGENT = f"storydiff/{__version__} (+https://pypi.org/project/storydiff/)"
_ROBOTS_AGENT = "storydiff"  # the product token robots.txt groups are matched against
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
_REDIRECTS = {301, 302, 303, 307, 308}


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class FetchPolicy:
    """How we fetch. Defaults suit crawling other people's sites; tests shorten the waits."""

    timeout: float = 20.0  # seconds for connecting and for each read
    total_timeout: float = 60.0  # seconds for one response, however slowly it trickles in
    retries: int = 3  # further attempts after a 5xx, a 429 or a connection error
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    min_interval: float = 1.0  # seconds between two requests to the same host
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False  # loopback, private, link-local... addresses (a local test server)
    respect_robots: bool = True
    user_agent: str = USER_AGENT
    accepted_types: tuple[str, ...] = PAGE_TYPES + FEED_TYPES


@dataclass(frozen=True)
class Fetched:
    """One successful response: what was asked, where it ended up, and the body."""

    url: str
    final_url: str
    status: int
    content_type: str  # media type without parameters, lower-case ("" when the server sent none)
    charset: str | None
    data: bytes
    fetched_at: str  # ISO 8601 UTC


def _refused_address(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):  # most telling first
        if getattr(ip, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def check_address(url: str, allow_private: bool) -> None:
    """Refuse a URL that is not http(s), or whose host resolves to any non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BadInputError(url, f"only http and https URLs can be fetched (not {parts.scheme or 'no scheme'})")
    host = parts.hostname
    if not host:
        raise BadInputError(url, "the URL names no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise BadInputError(url, f"the host {host} cannot be resolved ({exc})") from exc
    for info in infos:
        reason = _refused_address(str(info[4][0]))
        if reason:
            raise BadInputError(url, f"refused: {host} resolves to a {reason} (allow_private=True allows it)")


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


@dataclass
class _HostState:
    last_request: float = -1e18
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_failure: str | None = None  # why robots.txt could not be read (then nothing is fetched)
    lock: threading.Lock = field(default_factory=threading.Lock)  # held while waiting for our turn
    robots_lock: threading.Lock = field(default_factory=threading.Lock)  # held while reading robots.txt


class Fetcher:
    """A reusable HTTP client with per-host state (rate limit, robots.txt). Use as a context manager
    or call `close()`. `sleep` and `clock` can be replaced in tests."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        try:
            import httpx
        except ImportError as exc:
            raise MissingExtraError("ingest", "fetching URLs") from exc
        self.policy = policy or FetchPolicy()
        self._httpx = httpx
        self._client = httpx.Client(
            follow_redirects=False,  # followed by hand, so that every hop is checked
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": self.policy.user_agent},
        )
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()
        self._sleep = sleep
        self._clock = clock

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _host(self, url: str) -> _HostState:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._hosts_lock:
            return self._hosts.setdefault(key, _HostState())

    def _wait_turn(self, url: str) -> None:
        state = self._host(url)
        with state.lock:
            wait = state.last_request + self.policy.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
            state.last_request = self._clock()

    def fetch(self, url: str, *, accepted_types: tuple[str, ...] | None = None) -> Fetched:
        """GET a URL, following up to `max_redirects` redirects. Raises BadInputError with the reason."""
        accepted = accepted_types if accepted_types is not None else self.policy.accepted_types
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            check_address(current, self.policy.allow_private)
            if self.policy.respect_robots:
                self._check_robots(url, current)
            status, headers, data = self._get(current, accepted, origin=url)
            if status in _REDIRECTS and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status != 200:
                raise BadInputError(url, f"the server answered HTTP {status}")
            kind, charset = _media_type(headers.get("content-type"))
            return Fetched(url, current, status, kind, charset, data, utc_now())
        raise BadInputError(url, f"more than {self.policy.max_redirects} redirects")

    def _get(self, url: str, accepted: tuple[str, ...] | None, origin: str) -> tuple[int, dict[str, str], bytes]:
        """One request with retries; the body only for a 200 of an accepted type, read up to max_bytes."""
        httpx = self._httpx
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                with self._client.stream("GET", url) as response:
                    status = response.status_code
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    retry = status >= 500 or status == 429
                    if not retry:
                        data = self._body(response, origin, accepted) if status == 200 else b""
                        return status, headers, data
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.RemoteProtocolError) as exc:
                if attempt >= self.policy.retries:
                    raise BadInputError(origin, f"could not be fetched ({type(exc).__name__}: {exc})") from exc
                status, headers = 0, {}
            except httpx.HTTPError as exc:
                raise BadInputError(origin, f"could not be fetched ({type(exc).__name__}: {exc})") from exc
            if attempt >= self.policy.retries:
                raise BadInputError(origin, f"the server answered HTTP {status} (after {attempt + 1} attempts)")
            delay = self.policy.backoff * 2**attempt
            if status == 429 and headers.get("retry-after", "").isdigit():  # the server says how long
                delay = max(delay, min(float(headers["retry-after"]), 60.0))
            log.info("%s: %s, retrying in %.1fs", url, f"HTTP {status}" if status else "connection failed", delay)
            self._sleep(delay)
            attempt += 1

    def _body(self, response: Any, origin: str, accepted: tuple[str, ...] | None) -> bytes:
        kind, _ = _media_type(response.headers.get("content-type"))
        if accepted is not None and kind and kind not in accepted:
            raise BadInputError(origin, f"not a page or feed (Content-Type: {kind})")
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BadInputError(origin, f"too large ({int(declared):,} bytes; the limit is {limit:,})")
        started = self._clock()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:  # counted after decompression, so a small gzip bomb stops here too
                raise BadInputError(origin, f"too large (more than {limit:,} bytes)")
            if self._clock() - started > self.policy.total_timeout:
                raise BadInputError(origin, f"took longer than {self.policy.total_timeout:g}s to download")
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str, current: str) -> None:
        state = self._host(current)
        with state.robots_lock:  # one robots.txt request per host, even with several threads
            if state.robots is None:
                state.robots, state.robots_failure = self._robots(current)
        host = urlsplit(current).netloc
        if state.robots_failure:
            raise BadInputError(
                url, f"robots.txt of {host} could not be read ({state.robots_failure}), so nothing there is fetched"
            )
        if not state.robots.can_fetch(_ROBOTS_AGENT, current):
            raise BadInputError(url, f"robots.txt of {host} disallows fetching {current}")

    def _robots(self, url: str) -> tuple[urllib.robotparser.RobotFileParser, str | None]:
        """RFC 9309: a 4xx means no rules (allow all); a 5xx or an unreachable server, disallow all."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        current = robots_url
        try:
            for _hop in range(self.policy.max_redirects + 1):
                check_address(current, self.policy.allow_private)
                status, headers, data = self._get(current, None, origin=robots_url)
                if status in _REDIRECTS and headers.get("location"):
                    current = urljoin(current, headers["location"])
                    continue
                break
            else:
                return parser, "too many redirects"
        except BadInputError as exc:
            return parser, exc.reason
        if status == 200:
            parser.parse(data.decode("utf-8", errors="replace").splitlines())
        elif 400 <= status < 500:
            parser.parse([])  # no rules: everything allowed
        else:
            return parser, f"HTTP {status}"
        return parser, None
