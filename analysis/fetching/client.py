"""One polite, bounded HTTP GET: redirects followed by hand, each hop checked, size and time capped.

The standard library's ``http.client`` is the whole client: it sends no cookies
and keeps none, honours no proxy settings, and lets us connect the socket to
the address :func:`~analysis.fetching.addresses.resolve` vetted while the Host
header and TLS name (SNI, certificate check) stay the link's own name. urllib
follows redirects itself and resolves names again on connect, which is exactly
what a visitor's link must not get; requests and httpx would need the same
hooks and add a dependency.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from analysis.fetching.addresses import SCHEMES, AddressPolicy, Refused, resolve

REDIRECTS = (301, 302, 303, 307, 308)
# Read in slices so the size cap and the whole-page deadline are checked as bytes arrive.
# (A page too slow to finish is not retried: a server that drips will drip again.)
READ_SLICE = 64 * 1024
# Characters left as they are when a link's path or query is percent-encoded for the request line.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


class FetchFailed(Exception):
    """A link could not be fetched; the message says why in one line."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None,
                 retryable: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.retryable = retryable


@dataclass(frozen=True)
class Answer:
    """What a server answered for a link, after redirects."""

    url: str  # the final address, after redirects
    status: int
    content_type: str  # media type only, lower case ("text/html")
    charset: str  # from the Content-Type header, "" when it names none
    body: bytes


@dataclass(frozen=True)
class Limits:
    """The bounds of one GET."""

    timeout_s: float = 10.0  # to connect, and for each read
    page_timeout_s: float = 60.0  # for the whole answer: a server dripping one byte a second is cut off
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 10


# Called before each connection with the host about to be contacted: the per-host delay lives there.
Pace = Callable[[str], AbstractContextManager]


def no_pace(host: str) -> AbstractContextManager:
    return nullcontext()


# Called with each address about to be requested, the link and every redirect: why it may not be, or "".
HopCheck = Callable[[str], str]


def get(url: str, user_agent: str, limits: Limits, policy: AddressPolicy, pace: Pace = no_pace,
        may_request: HopCheck | None = None) -> Answer:
    """GET ``url``: every redirect hop resolved and checked against ``policy`` before connecting.

    ``may_request`` vets each hop too (robots.txt: a permitted link may
    redirect into a forbidden path). Raises :class:`FetchFailed` (an HTTP
    error, a timeout, too large, too many redirects, a hop ``may_request``
    refuses) or :class:`~analysis.fetching.addresses.Refused`.
    """
    deadline = time.monotonic() + limits.page_timeout_s
    for _ in range(limits.max_redirects + 1):
        parts = urlsplit(url)
        scheme, host, port = _target(parts)
        refusal = may_request(url) if may_request else ""
        if refusal:
            raise FetchFailed(refusal)
        with pace(host):
            try:
                addresses = resolve(host, port, policy, limits.timeout_s)
            except ConnectionError as exc:
                raise FetchFailed(str(exc)) from None
            connection = _connection(scheme, host, port, addresses, limits.timeout_s)
            # Per-read timeouts cannot stop a server that drips its headers a byte at a time; this can.
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _cut, args=(connection,))
            watchdog.daemon = True
            watchdog.start()
            try:
                connection.request("GET", _request_target(parts), headers=_headers(user_agent))
                response = connection.getresponse()
                location = response.getheader("Location")
                if response.status in REDIRECTS and location:
                    url = urljoin(url, location.strip())
                    continue
                if not 200 <= response.status < 300:
                    raise _http_error(response)
                body = _read(response, connection, limits, deadline)
                media, _, params = (response.getheader("Content-Type") or "").partition(";")
                return Answer(url=urlunsplit(parts._replace(fragment="")), status=response.status,
                              content_type=media.strip().lower(), charset=_charset(params), body=body)
            except (http.client.HTTPException, OSError) as exc:  # refused, reset, TLS, timeouts, bad answers
                raise _connection_failure(exc, limits, deadline) from None
            finally:
                watchdog.cancel()
                connection.close()
    raise FetchFailed(f"more than {limits.max_redirects} redirects")


def _cut(connection: http.client.HTTPConnection) -> None:
    """Called by the watchdog at the deadline: unblocks whatever read is waiting."""
    try:
        if connection.sock is not None:
            connection.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _connection_failure(exc: BaseException, limits: Limits, deadline: float) -> FetchFailed:
    if time.monotonic() >= deadline - 0.01:  # the watchdog cut it, whatever error that surfaced as
        return FetchFailed(f"too slow: not finished after {limits.page_timeout_s:g} s")
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError
        return FetchFailed(f"timed out after {limits.timeout_s:g} s", retryable=True)
    # A certificate that does not match will not match on a retry either.
    return FetchFailed(f"connection failed: {_describe(exc)}", retryable=not isinstance(exc, ssl.SSLError))


def retry_wait(failure: FetchFailed, attempt: int, backoff_s: float) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based): the server's Retry-After, else backoff."""
    if failure.retry_after is not None:
        return failure.retry_after
    return backoff_s * 2 ** attempt


def _target(parts) -> tuple[str, str, int]:
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise Refused(f"refused: only http and https links are fetched, not {scheme or 'a bare name'}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchFailed("the link's port is not a number") from None
    host = parts.hostname or ""
    if not host:
        raise FetchFailed("the link names no host")
    try:
        host = host.encode("idna").decode("ascii")  # internationalised names, as DNS and Host expect
    except UnicodeError:
        raise FetchFailed(f"{host!r} is not a valid host name") from None
    return scheme, host, port


def _request_target(parts) -> str:
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    return path + ("?" + quote(parts.query, safe=_QUERY_SAFE) if parts.query else "")


def _headers(user_agent: str) -> dict[str, str]:
    return {
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5",
        # Asked plain; a server that compresses anyway is decoded (within the cap) in _read.
        "Accept-Encoding": "identity",
        "Connection": "close",
    }


def _connection(scheme: str, host: str, port: int, addresses: list[str],
                timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    # The socket goes to a vetted address (the next one if it does not answer); Host, SNI and the
    # certificate check keep using ``host``.
    def connect_vetted(address, timeout=timeout, source_address=None):
        failure: OSError | None = None
        for ip in addresses:
            try:
                return socket.create_connection((ip, address[1]), timeout, source_address)
            except OSError as exc:
                failure = exc
        raise failure or OSError("no address to connect to")

    connection._create_connection = connect_vetted
    return connection


def _http_error(response: http.client.HTTPResponse) -> FetchFailed:
    status = response.status
    retry_after = _retry_after(response.getheader("Retry-After"))
    reason = f"HTTP {status} {response.reason}".strip()
    return FetchFailed(reason, status=status, retry_after=retry_after, retryable=status == 429 or status >= 500)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read(response: http.client.HTTPResponse, connection, limits: Limits, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchFailed(f"too large: {int(declared):,} bytes, the limit is {limits.max_bytes:,}")
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed(f"too slow: not finished after {limits.page_timeout_s:g} s")
        if connection.sock is not None:
            connection.sock.settimeout(min(limits.timeout_s, remaining))
        chunk = response.read1(READ_SLICE)
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchFailed(f"too large: over {limits.max_bytes:,} bytes")
        chunks.append(chunk)
    if time.monotonic() >= deadline - 0.01:  # the watchdog cut the connection short
        raise FetchFailed(f"too slow: not finished after {limits.page_timeout_s:g} s")
    if response.length:  # read1 ends quietly when the server stops short of its Content-Length
        raise FetchFailed("the connection closed before the whole page arrived", retryable=True)
    return _decode(b"".join(chunks), (response.getheader("Content-Encoding") or "").strip().lower(),
                   limits.max_bytes)


def _decode(body: bytes, encoding: str, max_bytes: int) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchFailed(f"the answer is encoded as {encoding!r}, which is not read")
    # wbits 47 reads gzip and zlib; a raw deflate stream needs -15. Capped: a small bomb stays small.
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise FetchFailed(f"too large once decompressed: over {max_bytes:,} bytes")
        return out
    raise FetchFailed(f"the {encoding} answer could not be decompressed")


def _charset(params: str) -> str:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'").lower()
    return ""


def _describe(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:200]
