"""The app's links box never reaches a private, loopback, link-local or reserved address.

Resolution is real (``localhost`` is looked up, not patched); the servers are
real. The first hop of the redirect tests is allowed by naming its host in
``AddressPolicy.trusted_hosts``, the only way to have an "allowed" server here
without a public address; the hop it redirects to is checked by the real rule.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from analysis.fetching import ALLOW_LOCAL_ENV, AddressPolicy, FetchSettings, Refused, fetch_links, why_not_public
from analysis.fetching.client import Limits, get
from tests.webserver import Route, WebServer

APP = AddressPolicy()
LIMITS = Limits(timeout_s=1.0, page_timeout_s=2.0)
UA = "StoryLens/test"


@pytest.fixture
def server():
    with WebServer() as running:
        running.page("/", "Inside")
        yield running


def refusal(url: str, policy: AddressPolicy = APP) -> str:
    with pytest.raises(Refused) as refused:
        get(url, UA, LIMITS, policy)
    return str(refused.value)


def test_loopback_by_address_is_refused(server):
    assert refusal(server.url("/")) == "refused: 127.0.0.1 is a loopback address"
    assert server.requests == []  # refused before connecting


def test_ipv6_loopback_is_refused():
    assert refusal("http://[::1]:8080/") == "refused: ::1 is a loopback address"


@pytest.mark.parametrize(("url", "message"), [
    ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
    ("http://192.168.1.20:8080/admin", "refused: 192.168.1.20 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
    ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
    ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:127.0.0.1 is a loopback address"),
    ("http://[fe80::1]/", "refused: fe80::1 is a link-local address"),
    ("http://2130706433/", "refused: 2130706433 (127.0.0.1) is a loopback address"),  # 127.0.0.1 as one number
    ("file:///etc/passwd", "refused: only http and https links are fetched, not file"),
    ("gopher://example.com/", "refused: only http and https links are fetched, not gopher"),
])
def test_private_and_odd_addresses_are_refused(url, message):
    assert refusal(url) == message


def test_a_name_resolving_to_loopback_is_refused(server):
    message = refusal(f"http://localhost:{server.port}/")
    assert message in ("refused: localhost (127.0.0.1) is a loopback address",
                       "refused: localhost (::1) is a loopback address")
    assert server.requests == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/", "http://localhost:{port}/",
                                    "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/"])
def test_a_redirect_to_a_private_address_is_refused(server, target):
    with WebServer("127.0.0.2") as allowed:
        allowed.routes["/go"] = Route(status=302, headers={"Location": target.format(port=server.port)})
        trusting = AddressPolicy(trusted_hosts=frozenset({"127.0.0.2"}))
        message = refusal(allowed.url("/go"), trusting)
        assert len(allowed.hits("/go")) == 1  # the first hop was allowed and answered
    assert message.startswith("refused: ") and message.endswith(("loopback address", "link-local address",
                                                                  "private address"))
    assert server.requests == []  # the redirect's target was never contacted


def test_the_whole_fetch_reports_a_refusal_per_link(server, tmp_path):
    report = fetch_links([server.url("/"), "http://10.0.0.1/x"], tmp_path, FetchSettings.for_app(), APP)
    reasons = {o.url: (o.outcome, o.reason) for o in report.outcomes}
    assert reasons == {server.url("/"): ("failed", "refused: 127.0.0.1 is a loopback address"),
                       "http://10.0.0.1/x": ("failed", "refused: 10.0.0.1 is a private address")}
    assert report.pages == 0 and server.requests == []


def test_the_local_setting_lets_the_operator_fetch_their_own_machine(server, tmp_path, monkeypatch):
    monkeypatch.delenv(ALLOW_LOCAL_ENV, raising=False)
    assert AddressPolicy.for_app() == AddressPolicy(allow_local=False)
    monkeypatch.setenv(ALLOW_LOCAL_ENV, "1")
    policy = AddressPolicy.for_app()
    assert policy.allow_local
    report = fetch_links([server.url("/")], tmp_path, FetchSettings.for_app(), policy)
    assert report.pages == 1


@pytest.mark.parametrize(("address", "reason"), [
    ("8.8.8.8", None), ("2a00:1450:4001::200e", None),
    ("127.0.0.2", "a loopback address"), ("172.16.5.4", "a private address"),
    ("100.64.0.1", "not a public address"), ("224.0.0.1", "a multicast address"),
    ("240.0.0.1", "a private address"), ("fc00::1", "a private address"), ("ff02::1", "a multicast address"),
    ("192.0.2.1", "a private address"),  # documentation range
])
def test_why_not_public(address, reason):
    assert why_not_public(ipaddress.ip_address(address)) == reason


def test_the_socket_goes_to_the_vetted_address_never_to_a_fresh_lookup(server):
    """What stops DNS rebinding: the name is not looked up again when connecting; Host keeps the name."""
    from analysis.fetching.client import _connection

    # The name cannot resolve at all, so the answer can only have come through the vetted address;
    # the first address has nothing listening on that port, the second does.
    connection = _connection("http", "rebinding.invalid", server.port, ["127.0.0.3", "127.0.0.1"], 1.0)
    try:
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
    finally:
        connection.close()
    assert server.requests[-1].headers["Host"] == f"rebinding.invalid:{server.port}"


TLS = (Path(__file__).resolve().parent / "data" / "tls" / "cert.pem",
       Path(__file__).resolve().parent / "data" / "tls" / "key.pem")


def _https_get(host: str, port: int) -> int:
    from analysis.fetching.client import _connection

    connection = _connection("https", host, port, ["127.0.0.1"], 2.0)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status
    finally:
        connection.close()


def test_https_to_the_vetted_address_keeps_the_name_for_sni_and_the_certificate(monkeypatch):
    import ssl

    with WebServer(tls=TLS) as secure:
        secure.page("/", "Secure")
        # Untrusted: the certificate is checked (and the failure is not worth a retry).
        with pytest.raises(ssl.SSLCertVerificationError):
            _https_get("storylens.test", secure.port)
        monkeypatch.setenv("SSL_CERT_FILE", str(TLS[0]))  # OpenSSL's default trust store, for this test
        assert _https_get("storylens.test", secure.port) == 200
        assert secure.sni[-1] == "storylens.test"  # the name, though the socket went to 127.0.0.1
        assert secure.requests[-1].headers["Host"] == f"storylens.test:{secure.port}"
        with pytest.raises(ssl.SSLCertVerificationError, match="storylens.test|mismatch|match"):
            _https_get("other.test", secure.port)  # a certificate for another name is refused


def test_an_untrusted_certificate_fails_the_link_once(tmp_path):
    with WebServer(tls=TLS) as secure:
        url = secure.page("/", "Secure")
        (outcome,) = fetch_links([url], tmp_path, FetchSettings(delay_s=0, retries=3, backoff_s=0.01)).outcomes
    assert outcome.outcome == "failed"
    assert outcome.reason.startswith("connection failed: [SSL: CERTIFICATE_VERIFY_FAILED]")
    assert len(secure.sni) == 1  # robots.txt's handshake failed; no retry, and the page not tried


def test_a_dns_lookup_that_never_answers_times_out(server, monkeypatch):
    """A dead DNS server stalls getaddrinfo for as long as resolv.conf says; the link gives up on time.

    A hung resolver cannot be set up here without root (resolv.conf is the
    machine's), so getaddrinfo is replaced by one that waits like it.
    """
    import socket
    import threading
    import time

    from analysis.fetching.client import FetchFailed

    released = threading.Event()

    def hung(*args, **kwargs):
        released.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hung)
    started = time.monotonic()
    try:
        with pytest.raises(FetchFailed) as failed:
            get("http://slow-dns.example/", UA, Limits(timeout_s=0.3, page_timeout_s=2.0), AddressPolicy(allow_local=True))
    finally:
        released.set()
    assert str(failed.value) == "cannot resolve slow-dns.example: no answer from DNS within 0.3 s"
    assert time.monotonic() - started < 1.5


def test_a_hung_dns_lookup_leaves_one_thread_per_name_and_it_ends(monkeypatch):
    """Every link of a host and every retry waits on the one lookup in flight; none outlives the resolver."""
    import socket
    import threading

    from analysis.fetching.addresses import _lookup

    released = threading.Event()

    def hung(*args, **kwargs):
        released.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hung)

    def lookups() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "resolve hung-dns.example"]

    try:
        for _ in range(5):
            with pytest.raises(ConnectionError, match="no answer from DNS within 0.05 s"):
                _lookup("hung-dns.example", 80, 0.05)
        assert len(lookups()) == 1
    finally:
        released.set()
    for thread in lookups():
        thread.join(5)
    assert not lookups()
    with pytest.raises(socket.gaierror):  # the resolver gave up: the next request asks afresh and hears so
        _lookup("hung-dns.example", 80, 5)
