"""Fetching links into a corpus folder: politely, resumably, several hosts at once but each one gently.

Each host gets its own worker, and no two requests reach one host closer than
the delay (robots.txt's Crawl-delay may ask for more). Pages are written as
served, under a file name derived from the link, and recorded in the folder's
``metadata.csv`` as soon as each is saved, so an interrupted run loses nothing
and a rerun fetches only what is missing.
"""

from __future__ import annotations

import csv
import io
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from pathlib import Path
from urllib.parse import urlsplit

from analysis.corpus import MAX_FILE_BYTES, METADATA_FILE
# By its full name: `from analysis.fetching import client` would wait for the package's __init__, which
# imports this module (an import cycle, tests/test_import_cycles.py).
import analysis.fetching.client as client
from analysis.fetching.addresses import AddressPolicy, Refused
from analysis.fetching.robots import RobotsRules
from analysis.fetching.sources import file_name, feed_links, kind_of, with_declared_charset

METADATA_COLUMNS = ("file", "url", "fetched", "status")
ROBOTS_TOKEN = "StoryLens"
# Appended to the User-Agent so a site's operator can reach whoever runs the fetch.
CONTACT_ENV = "STORYLENS_CONTACT"
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB
# A Crawl-delay past this is taken as this: a site asking for an hour between pages gets a minute.
MAX_CRAWL_DELAY_S = 60.0
MB = 1024 * 1024

Progress = Callable[[int, int], None]


def user_agent(contact: str = "") -> str:
    """``StoryLens/<version> (+contact)``: who is asking, and (when given) how to reach them."""
    try:
        version = package_metadata.version("storylens")
    except package_metadata.PackageNotFoundError:
        version = "dev"
    contact = contact or os.environ.get(CONTACT_ENV, "")
    return f"{ROBOTS_TOKEN}/{version} (news comparison; +{contact})" if contact else \
        f"{ROBOTS_TOKEN}/{version} (news comparison)"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far to fetch. ``FetchSettings.for_app()`` bounds a visitor's request."""

    delay_s: float = 1.0  # between two requests to one host
    timeout_s: float = 10.0  # to connect, and for each read
    page_timeout_s: float = 60.0  # for a whole answer
    retries: int = 3  # after a 5xx, a 429 or a connection error
    backoff_s: float = 1.0  # the first retry's wait; doubled each time, unless Retry-After says
    max_retry_wait_s: float = 120.0  # a longer Retry-After gives up instead
    max_page_bytes: int = MAX_FILE_BYTES  # the corpus loader skips larger files anyway
    max_total_bytes: int | None = None
    max_links: int | None = None  # links tried per request, feeds' items included
    time_limit_s: float | None = None  # for the whole request
    respect_robots: bool = True
    hosts_at_once: int = 8
    shared_pacing: bool = False  # one pace per host across every request of this process (the app)
    user_agent: str = field(default_factory=user_agent)

    @classmethod
    def for_app(cls) -> "FetchSettings":
        return cls(page_timeout_s=30.0, retries=2, max_retry_wait_s=30.0, max_total_bytes=100 * MB,
                   max_links=200, time_limit_s=300.0, shared_pacing=True)


@dataclass(frozen=True)
class LinkOutcome:
    """What happened to one link: ``saved``, ``already saved``, ``feed``, ``failed`` or ``not tried``."""

    url: str
    outcome: str
    file: str = ""
    status: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class FetchReport:
    """Every link tried, in the order they finished."""

    outcomes: tuple[LinkOutcome, ...]

    @property
    def pages(self) -> int:
        """Pages now in the folder from these links (saved now or on an earlier run)."""
        return sum(o.outcome in ("saved", "already saved") for o in self.outcomes)

    def rows(self) -> list[dict[str, object]]:
        """One dict per link: ``url, outcome, file, status, reason``."""
        return [{"url": o.url, "outcome": o.outcome, "file": o.file, "status": o.status, "reason": o.reason}
                for o in self.outcomes]


def fetch_links(links: Sequence[str], out_dir: str | Path, settings: FetchSettings = FetchSettings(),
                policy: AddressPolicy = AddressPolicy(allow_local=True), progress: Progress | None = None,
                on_outcome: Callable[[LinkOutcome], None] | None = None) -> FetchReport:
    """Save the pages at ``links`` (a feed's items when a link is a feed) under ``out_dir``.

    ``progress(done, total)`` and ``on_outcome`` are called on the caller's
    thread. Raises OSError when ``out_dir`` or its metadata.csv cannot be used.
    """
    job = _Job(Path(out_dir), settings, policy)
    direct = list(dict.fromkeys(link.strip() for link in links if link.strip()))
    cap = settings.max_links
    outcomes: list[LinkOutcome] = []
    total = len(direct)

    def tell(outcome: LinkOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
        if progress:
            progress(len(outcomes), total)

    over = direct[cap:] if cap is not None else []
    direct = direct[:cap] if cap is not None else direct
    for url in over:
        tell(LinkOutcome(url, "not tried", reason=f"over the limit of {cap} links a request"))
    items: list[str] = []
    seen = set(direct)
    for outcome, found in job.run(direct, feeds=True):
        if outcome.outcome == "feed":
            unique = [u for u in dict.fromkeys(found) if u not in seen]
            room = len(unique) if cap is None else max(0, cap - len(seen))
            fresh = unique[:room]
            note = f"; the first {len(fresh)} fetched (at most {cap} links a request)" if room < len(unique) else ""
            outcome = LinkOutcome(outcome.url, "feed", status=outcome.status, reason=f"{len(found)} item{'' if len(found) == 1 else 's'}{note}")
            items += fresh
            seen.update(fresh)
            total += len(fresh)
        tell(outcome)
    for outcome, _ in job.run(items, feeds=False):
        tell(outcome)
    return FetchReport(tuple(outcomes))


class _Job:
    """The shared state of one fetch request: pacing, robots rules, the byte budget, metadata."""

    def __init__(self, out_dir: Path, settings: FetchSettings, policy: AddressPolicy) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.settings = settings
        self.policy = policy
        self.stop = threading.Event()
        self.pacer = _SHARED_PACER if settings.shared_pacing else _Pacer()
        self.metadata = _Metadata(out_dir / METADATA_FILE)
        self.deadline = time.monotonic() + settings.time_limit_s if settings.time_limit_s else None
        self.bytes_left = settings.max_total_bytes
        self._lock = threading.Lock()
        self._robots: dict[str, tuple[RobotsRules | None, str]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def run(self, links: list[str], feeds: bool) -> Iterator[tuple[LinkOutcome, list[str]]]:
        """Fetch ``links``, one worker per host; yields each outcome on the caller's thread."""
        groups: dict[str, list[str]] = {}
        for url in links:
            groups.setdefault((urlsplit(url).hostname or "").lower(), []).append(url)
        if not groups:
            return
        results: queue.Queue = queue.Queue()

        def work(group: list[str]) -> None:
            for url in group:
                try:
                    results.put(self.fetch_one(url, feeds))
                except Exception as exc:  # a bug must not hang the caller waiting for this link
                    results.put((LinkOutcome(url, "failed", reason=f"internal error: {exc!r}"), []))

        pool = ThreadPoolExecutor(max_workers=max(1, min(self.settings.hosts_at_once, len(groups))))
        given = 0
        try:
            for group in groups.values():
                pool.submit(work, group)
            for given in range(1, len(links) + 1):
                yield results.get()
        finally:
            if given < len(links):  # the caller left early (Ctrl-C): the workers stop at their next link
                self.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)

    def fetch_one(self, url: str, feeds: bool) -> tuple[LinkOutcome, list[str]]:
        name = file_name(url)
        if self.metadata.saved(name, self.out_dir):
            return LinkOutcome(url, "already saved", name), []
        not_now = self._why_not_now()
        if not_now:
            return LinkOutcome(url, "not tried", reason=not_now), []
        try:
            answer = self.get(url, self._page_budget(),
                              self._robots_refusal if self.settings.respect_robots else None)
        except (client.FetchFailed, Refused) as exc:
            return LinkOutcome(url, "failed", status=getattr(exc, "status", None), reason=str(exc)), []
        self._spend(len(answer.body))
        kind, why = kind_of(answer.content_type, answer.body)
        if kind == "feed" and feeds:
            try:
                return LinkOutcome(url, "feed", status=answer.status), feed_links(answer.body, answer.url)
            except ValueError as exc:
                return LinkOutcome(url, "failed", status=answer.status, reason=str(exc)), []
        if kind != "page":
            return LinkOutcome(url, "failed", status=answer.status,
                               reason=why or "a feed's item is itself a feed; not followed"), []
        _write_atomically(self.out_dir / name, with_declared_charset(answer.body, answer.charset))
        fetched = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.metadata.record(name, {"url": answer.url, "fetched": fetched, "status": str(answer.status)})
        return LinkOutcome(url, "saved", name, answer.status), []

    def get(self, url: str, max_bytes: int, may_request: client.HopCheck | None = None) -> client.Answer:
        """One GET with retries: exponential backoff, or the server's Retry-After when it gives one.

        ``may_request`` vets the link and each redirect (robots.txt); robots.txt itself is read without it.
        """
        s = self.settings
        limits = client.Limits(timeout_s=s.timeout_s, page_timeout_s=s.page_timeout_s, max_bytes=max_bytes)
        for attempt in range(s.retries + 1):
            try:
                return client.get(url, s.user_agent, limits, self.policy, self._turn, may_request)
            except client.FetchFailed as exc:
                if not exc.retryable or attempt == s.retries:
                    tries = f" (tried {attempt + 1} times)" if attempt else ""
                    raise client.FetchFailed(f"{exc}{tries}", status=exc.status) from None
                wait = client.retry_wait(exc, attempt, s.backoff_s)
                if wait > s.max_retry_wait_s:
                    raise client.FetchFailed(f"{exc}; the server asks to come back in {wait:.0f} s",
                                             status=exc.status) from None
                if (self.deadline and time.monotonic() + wait > self.deadline) or self.stop.wait(wait):
                    raise client.FetchFailed(f"{exc}; no time left to retry", status=exc.status) from None
        raise AssertionError("unreachable")

    def _turn(self, host: str):
        return self.pacer.turn(host, self.settings.delay_s, self.stop)

    def _why_not_now(self) -> str:
        if self.stop.is_set():
            return "stopped before this link"
        if self.deadline and time.monotonic() > self.deadline:
            return f"the request's time limit ({self.settings.time_limit_s:g} s) was reached"
        if self.bytes_left is not None and self.bytes_left <= 0:
            return f"the request's size limit ({self.settings.max_total_bytes // MB} MB) was reached"
        return ""

    def _page_budget(self) -> int:
        with self._lock:
            if self.bytes_left is None:
                return self.settings.max_page_bytes
            return max(1, min(self.settings.max_page_bytes, self.bytes_left))

    def _spend(self, size: int) -> None:
        with self._lock:
            if self.bytes_left is not None:
                self.bytes_left -= size

    def _robots_refusal(self, url: str) -> str:
        """Why robots.txt forbids ``url`` (RFC 9309 reading), or ""."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin, (parts.hostname or "").lower())
        rules, refusal = self._robots[origin]
        if refusal:
            return refusal
        if rules is not None and not rules.allows(url):
            return "refused by the site's robots.txt"
        return ""

    def _read_robots(self, origin: str, host: str) -> tuple[RobotsRules | None, str]:
        try:
            answer = self.get(origin + "/robots.txt", ROBOTS_MAX_BYTES)
        except client.FetchFailed as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return None, ""  # no robots.txt: everything is allowed
            if exc.status is None:  # the site itself cannot be reached: say that, not "robots.txt"
                return None, str(exc)
            # Rules a server fails to give mean "stay away" (RFC 9309, 2.3.1.4).
            return None, f"robots.txt could not be read ({exc}), so the site is left alone"
        rules = RobotsRules.parse(answer.body.decode("utf-8", errors="replace"), ROBOTS_TOKEN)
        delay = rules.crawl_delay
        if delay:
            self.pacer.slow_down(host, min(float(delay), MAX_CRAWL_DELAY_S))
        return rules, ""


class _Pacer:
    """No two requests to one host closer than its delay, counted from the end of the previous one."""

    # A long-running app meets many hosts: past this many, hosts whose pause is over are forgotten.
    MAX_HOSTS = 5000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._crawl_delays: dict[str, float] = {}

    def slow_down(self, host: str, delay_s: float) -> None:
        """robots.txt's Crawl-delay for ``host``; the request right after robots.txt waits it too."""
        with self._lock:
            self._crawl_delays[host] = delay_s
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + delay_s)

    @contextmanager
    def turn(self, host: str, delay_s: float, stop: threading.Event) -> Iterator[None]:
        with self._lock:
            if len(self._hosts) > self.MAX_HOSTS:
                self._forget_idle_hosts()
            host_lock = self._hosts.setdefault(host, threading.Lock())
        with host_lock:
            wait = self._next.get(host, 0.0) - time.monotonic()
            if wait > 0 and stop.wait(wait):
                raise client.FetchFailed("stopped")
            try:
                yield
            finally:
                pause = max(delay_s, self._crawl_delays.get(host, 0.0))
                self._next[host] = time.monotonic() + pause

    def _forget_idle_hosts(self) -> None:
        now = time.monotonic()
        for host, lock in list(self._hosts.items()):
            if self._next.get(host, 0.0) < now and not lock.locked():
                del self._hosts[host]
                self._next.pop(host, None)
                self._crawl_delays.pop(host, None)


# The app's visitors share one pace per host: twenty visitors pasting one feed do not make a site
# see twenty times the traffic. (Each `storylens fetch` run has its own.)
_SHARED_PACER = _Pacer()


class _Metadata:
    """``metadata.csv`` of the output folder: earlier rows and columns kept, one row per saved page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.columns: list[str] = list(METADATA_COLUMNS)
        self.rows: list[dict[str, str]] = []
        if path.exists():
            try:
                with path.open(encoding="utf-8-sig", newline="") as handle:
                    reader = csv.DictReader(handle)
                    self.columns = list(dict.fromkeys([*(reader.fieldnames or []), *METADATA_COLUMNS]))
                    self.rows = [{k: v for k, v in row.items() if k is not None} for row in reader]
            except (csv.Error, UnicodeDecodeError) as exc:
                # Rewriting it would lose what we could not read: stop before touching anything.
                raise ValueError(f"{path} cannot be read ({exc}); fix or move it first") from None
        self._by_file = {row.get("file", ""): row for row in self.rows if row.get("file")}

    def saved(self, name: str, folder: Path) -> bool:
        return name in self._by_file and (folder / name).is_file()

    def record(self, name: str, fields: dict[str, str]) -> None:
        with self._lock:
            row = self._by_file.get(name)
            if row is None:
                row = self._by_file[name] = {"file": name}
                self.rows.append(row)
            row.update(fields)
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=self.columns, restval="", lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
            _write_atomically(self.path, text.getvalue().encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: an interrupted run leaves no half page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".fetching-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
