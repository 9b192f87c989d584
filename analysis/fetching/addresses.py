"""Which addresses a fetch may reach: every one for the command, public ones only for the app.

The app is also a hosted demo, so a visitor's link must never make the server
talk to itself, its private network or a cloud metadata service. A name is
checked after DNS resolution, and the connection then goes to the very address
that was checked (see :mod:`~analysis.fetching.client`), so a DNS answer that
changes between the check and the connection cannot slip through. Redirects are
followed one hop at a time and each hop is checked again.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from dataclasses import dataclass, field

# Set to 1 by an operator who runs the app for themselves and wants links to
# their own machine or network (an intranet, a local test server) to work.
ALLOW_LOCAL_ENV = "STORYLENS_ALLOW_LOCAL_LINKS"
SCHEMES = ("http", "https")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """A link or one of its redirects points somewhere the policy forbids."""


@dataclass(frozen=True)
class AddressPolicy:
    """Where fetches may go.

    ``AddressPolicy()`` is the app's rule (public addresses only);
    ``AddressPolicy(allow_local=True)`` is the command's (anything the user names).
    ``trusted_hosts`` lets a test name one first host that skips the check, so a
    redirect from it can be checked by the real rule without a public server.
    """

    allow_local: bool = False
    trusted_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_app(cls) -> "AddressPolicy":
        """The app's policy: public only, unless the operator set STORYLENS_ALLOW_LOCAL_LINKS=1."""
        return cls(allow_local=os.environ.get(ALLOW_LOCAL_ENV, "").strip().lower() in ("1", "true", "yes"))


def why_not_public(address: Address) -> str | None:
    """What makes ``address`` unfit for a visitor's fetch (e.g. "a private address"), or None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    # Order matters: the most telling name first (loopback is also "private" to ipaddress).
    for test, name in ((address.is_loopback, "a loopback address"),
                       (address.is_link_local, "a link-local address"),
                       (address.is_multicast, "a multicast address"),
                       (address.is_unspecified, "an unspecified address"),
                       (address.is_private, "a private address"),
                       (address.is_reserved, "a reserved address")):
        if test:
            return name
    if not address.is_global:  # shared (100.64/10), documentation and benchmark ranges
        return "not a public address"
    return None


def resolve(host: str, port: int, policy: AddressPolicy, timeout_s: float = 10.0) -> list[str]:
    """The IPs to connect to for ``host``, in the resolver's order: resolved once, checked against ``policy``.

    Raises :class:`Refused` when the policy forbids every address the name has,
    or any of them (a name that answers both public and private addresses is
    refused rather than trusted on whichever comes first); ConnectionError when
    the name does not resolve within ``timeout_s``.
    """
    try:
        answers = _lookup(host, port, timeout_s)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionError(f"cannot resolve {host}: {_gai_reason(exc)}") from None
    if not answers:
        raise ConnectionError(f"cannot resolve {host}")
    checked: list[str] = []
    for _, _, _, _, sockaddr in answers:
        ip = sockaddr[0].split("%", 1)[0]  # drop an IPv6 zone
        if not (policy.allow_local or host.lower() in policy.trusted_hosts):
            reason = why_not_public(ipaddress.ip_address(ip))
            if reason:
                shown = ip if ip == host.strip("[]") else f"{host} ({ip})"
                raise Refused(f"refused: {shown} is {reason}")
        if ip not in checked:
            checked.append(ip)
    return checked


def _lookup(host: str, port: int, timeout_s: float) -> list[tuple]:
    """getaddrinfo, given up on after ``timeout_s``.

    The system resolver has no timeout of its own that we can set (a dead DNS
    server stalls it for retries x timeout of resolv.conf, often 10-30 s), and
    a thread blocked in it cannot be stopped: it runs on a daemon thread that
    is left behind, not waited for, when slow. It holds no socket of ours and
    ends when the resolver gives up; and a name has one lookup in flight at a
    time, which every request for it (each link of a host, each retry) waits
    on, so a dead DNS server leaves one thread per name, not one per request.
    """
    key = (host, port)
    with _IN_FLIGHT_LOCK:
        lookup = _IN_FLIGHT.get(key)
        if lookup is None:
            lookup = _IN_FLIGHT[key] = _Lookup()
            threading.Thread(target=lookup.run, args=(host, port), name=f"resolve {host}", daemon=True).start()
    if not lookup.done.wait(timeout_s):
        raise ConnectionError(f"cannot resolve {host}: no answer from DNS within {timeout_s:g} s")
    if isinstance(lookup.answer, BaseException):
        raise lookup.answer
    return lookup.answer


class _Lookup:
    """One getaddrinfo on its own thread; its answer (or error) for everyone waiting on ``done``."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: list | BaseException = []

    def run(self, host: str, port: int) -> None:
        try:
            self.answer = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # handed to the waiting threads
            self.answer = exc
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT.pop((host, port), None)  # the next request asks afresh: answers are never kept
        self.done.set()


_IN_FLIGHT: dict[tuple[str, int], _Lookup] = {}
_IN_FLIGHT_LOCK = threading.Lock()


def _gai_reason(exc: Exception) -> str:
    return exc.args[1] if isinstance(exc, socket.gaierror) and len(exc.args) > 1 else str(exc)
