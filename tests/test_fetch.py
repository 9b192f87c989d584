"""Fetching links and feeds into a corpus folder, against a real local HTTP server started here."""

from __future__ import annotations

import csv
import gzip
import time
from pathlib import Path

import pytest

from analysis.fetching import FetchSettings, fetch_links, file_name, links_from_sources, read_links
from analysis.fetching.sources import feed_links, kind_of
from tests.webserver import Route, WebServer

# Small numbers keep the file fast; the defaults (1 s delay, 10 s timeout) are for real sites.
FAST = FetchSettings(delay_s=0.0, timeout_s=1.0, page_timeout_s=3.0, retries=2, backoff_s=0.05)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%binary\n"


@pytest.fixture
def server():
    with WebServer() as running:
        yield running


def metadata(folder: Path) -> list[dict[str, str]]:
    with (folder / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_url(report) -> dict[str, object]:
    return {o.url: o for o in report.outcomes}


def test_a_links_file_saves_each_page_as_served(server, tmp_path):
    urls = [server.page(f"/news/story-{n}.html", f"Story {n}") for n in range(3)]
    links = tmp_path / "links.txt"
    links.write_text(f"# my links\n\n{urls[0]}\n  {urls[1]}   # the second\n{urls[2]}\n{urls[0]}\n",
                     encoding="utf-8")
    found, problems = links_from_sources([str(links)])
    assert (found[:3], problems) == (urls, [])

    out = tmp_path / "pages"
    report = fetch_links(found, out, FAST)
    assert [o.outcome for o in report.outcomes] == ["saved"] * 3  # the repeated link is fetched once
    assert report.pages == 3
    rows = metadata(out)
    assert [r["url"] for r in rows] == urls
    assert list(rows[0]) == ["file", "url", "fetched", "status"]
    for row in rows:
        assert row["status"] == "200" and row["fetched"].endswith("Z")
        path = row["url"].split(str(server.port))[1]
        assert (out / row["file"]).read_bytes() == server.routes[path].body
    assert rows[0]["file"] == file_name(urls[0]) == f"127-0-0-1_{server.port}/news-story-0-{rows[0]['file'][-15:]}"
    agent = server.hits("/news/story-0.html")[0].headers["User-Agent"]
    assert agent.startswith("StoryLens/")


def test_read_links_skips_comments_and_keeps_fragments():
    text = "#heading\nhttp://a.example/x#part  # note\n\n   \nhttps://b.example/y\n"
    assert read_links(text) == ["http://a.example/x#part", "https://b.example/y"]


def test_a_source_that_is_neither_link_nor_file_is_reported(tmp_path):
    links, problems = links_from_sources(["not-here.txt", "ftp://x.example/a"])
    assert links == []
    assert problems == ["not-here.txt: neither an http(s) link nor a file of links",
                        "ftp://x.example/a: neither an http(s) link nor a file of links"]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Herald</title>
<item><title>One</title><link>{one}</link></item>
<item><title>Two</title><link>/rss/two.html</link></item>
<item><title>Three</title><guid isPermaLink="true">{three}</guid></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Herald</title>
<link rel="self" href="{feed}"/>
<entry><title>One</title><link rel="alternate" type="text/html" href="{one}"/><id>x</id></entry>
<entry><title>Two</title><link href="/atom/two.html"/><link rel="enclosure" href="/a.mp3"/></entry>
</feed>"""


def test_an_rss_feed_fetches_its_items(server, tmp_path):
    one, three = server.page("/rss/one.html", "One"), server.page("/rss/three.html", "Three")
    two = server.page("/rss/two.html", "Two")
    server.routes["/feed.rss"] = Route(RSS.format(one=one, three=three).encode(), content_type="application/rss+xml")
    report = fetch_links([server.url("/feed.rss")], tmp_path, FAST)
    outcomes = by_url(report)
    assert outcomes[server.url("/feed.rss")].outcome == "feed"
    assert outcomes[server.url("/feed.rss")].reason == "3 items"
    assert {u: outcomes[u].outcome for u in (one, two, three)} == dict.fromkeys((one, two, three), "saved")
    assert len(metadata(tmp_path)) == 3  # the feed itself is not an article


def test_an_atom_feed_served_as_xml_fetches_its_items(server, tmp_path):
    one, two = server.page("/atom/one.html", "One"), server.page("/atom/two.html", "Two")
    feed = server.url("/atom")
    server.routes["/atom"] = Route(ATOM.format(feed=feed, one=one).encode(), content_type="text/xml")
    report = fetch_links([feed], tmp_path, FAST)
    assert [(o.url, o.outcome) for o in report.outcomes if o.url != feed] in (
        [(one, "saved"), (two, "saved")], [(two, "saved"), (one, "saved")])
    assert not server.hits("/a.mp3")


def test_rss_1_rdf_feed_links():
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel><link>http://s.example/</link></channel>
      <item rdf:about="http://s.example/a"><link>http://s.example/a</link></item></rdf:RDF>"""
    assert kind_of("application/rdf+xml", rdf) == ("feed", "")
    assert feed_links(rdf, "http://s.example/feed") == ["http://s.example/a"]


def test_a_broken_feed_fails_with_its_reason(server, tmp_path):
    server.routes["/bad.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item>", content_type="application/rss+xml")
    (outcome,) = fetch_links([server.url("/bad.xml")], tmp_path, FAST).outcomes
    assert outcome.outcome == "failed" and outcome.reason.startswith("not a readable feed")


def test_redirects_are_followed_and_the_final_address_recorded(server, tmp_path):
    final = server.page("/new/home.html", "Moved story")
    server.routes["/old"] = Route(status=301, headers={"Location": "/middle"})
    server.routes["/middle"] = Route(status=302, headers={"Location": final})
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    report = by_url(fetch_links([server.url("/old"), server.url("/loop")], tmp_path, FAST))
    saved = report[server.url("/old")]
    assert saved.outcome == "saved" and saved.file == file_name(server.url("/old"))
    assert metadata(tmp_path)[0]["url"] == final
    assert report[server.url("/loop")].outcome == "failed"
    assert report[server.url("/loop")].reason == "more than 10 redirects"


def test_dead_links_and_server_errors_are_reported(server, tmp_path):
    server.routes["/gone"] = Route(b"gone", status=410)
    server.routes["/broken"] = Route(fail_first=99, fail_status=502)
    report = by_url(fetch_links([server.url("/missing"), server.url("/gone"), server.url("/broken")], tmp_path, FAST))
    assert (report[server.url("/missing")].reason, report[server.url("/missing")].status) == ("HTTP 404 Not Found", 404)
    assert report[server.url("/gone")].reason == "HTTP 410 Gone"
    assert report[server.url("/broken")].reason == "HTTP 502 Bad Gateway (tried 3 times)"
    assert len(server.hits("/missing")) == 1  # a 404 is not retried
    assert len(server.hits("/broken")) == 3
    assert not (tmp_path / "metadata.csv").exists()


def test_a_500_then_success_is_retried_with_backoff(server, tmp_path):
    url = server.page("/flaky", "Flaky", fail_first=2)
    (outcome,) = fetch_links([url], tmp_path, FAST).outcomes
    assert outcome.outcome == "saved"
    hits = server.hits("/flaky")
    assert len(hits) == 3
    gaps = [b.at - a.at for a, b in zip(hits, hits[1:])]
    assert gaps[0] >= 0.05 and gaps[1] >= 0.1  # 0.05 s, then doubled


def test_retry_after_is_honoured(server, tmp_path):
    url = server.page("/busy", "Busy", fail_first=1, fail_status=429, fail_headers={"Retry-After": "1"})
    (outcome,) = fetch_links([url], tmp_path, FAST).outcomes
    first, second = server.hits("/busy")
    assert outcome.outcome == "saved" and second.at - first.at >= 0.95


def test_a_retry_after_too_long_gives_up(server, tmp_path):
    url = server.page("/later", "Later", fail_first=1, fail_status=503, fail_headers={"Retry-After": "3600"})
    (outcome,) = fetch_links([url], tmp_path, FAST).outcomes
    assert outcome.reason == "HTTP 503 Service Unavailable; the server asks to come back in 3600 s"


def test_non_html_answers_are_skipped_with_what_they_are(server, tmp_path):
    server.routes["/photo"] = Route(PNG, content_type="image/png")
    server.routes["/paper"] = Route(PDF, content_type="text/html")  # a lying server: the bytes tell
    server.routes["/data"] = Route(b'{"a": 1}', content_type="application/json")
    server.routes["/untyped"] = Route(b"<!DOCTYPE html><html><title>x</title><p>hello</p></html>", content_type="")
    report = by_url(fetch_links([server.url(p) for p in ("/photo", "/paper", "/data", "/untyped")], tmp_path, FAST))
    assert report[server.url("/photo")].reason == "not an HTML page: a PNG image"
    assert report[server.url("/paper")].reason == "not an HTML page: a PDF"
    assert report[server.url("/data")].reason == "not an HTML page: application/json"
    assert report[server.url("/untyped")].outcome == "saved"  # no type given, but the bytes are HTML


def test_robots_txt_is_respected_unless_told_otherwise(server, tmp_path):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    open_url, closed_url = server.page("/public/a", "Open"), server.page("/private/b", "Closed")
    report = by_url(fetch_links([open_url, closed_url], tmp_path / "polite", FAST))
    assert report[open_url].outcome == "saved"
    assert (report[closed_url].outcome, report[closed_url].reason) == ("failed", "refused by the site's robots.txt")
    assert not server.hits("/private/b")
    assert len(server.hits("/robots.txt")) == 1  # read once per site

    rude = FetchSettings(**{**FAST.__dict__, "respect_robots": False})
    assert by_url(fetch_links([closed_url], tmp_path / "own", rude))[closed_url].outcome == "saved"


def test_robots_txt_is_checked_again_after_each_redirect(server, tmp_path):
    """A link robots.txt allows may redirect into a path it forbids: that hop is not requested."""
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    closed = server.page("/private/b", "Closed")
    server.routes["/public/moved"] = Route(status=301, headers={"Location": closed})
    (outcome,) = fetch_links([server.url("/public/moved")], tmp_path, FAST).outcomes
    assert (outcome.outcome, outcome.reason) == ("failed", "refused by the site's robots.txt")
    assert len(server.hits("/public/moved")) == 1 and not server.hits("/private/b")


def test_the_apps_visitors_share_one_pace_per_host(server, tmp_path):
    import threading

    urls = [server.page(f"/v{n}", f"V{n}") for n in range(4)]
    shared = FetchSettings(**{**FAST.__dict__, "delay_s": 0.3, "shared_pacing": True})
    assert FetchSettings.for_app().shared_pacing
    visitors = [threading.Thread(target=fetch_links, args=(urls[n::2], tmp_path / f"visitor{n}", shared))
                for n in range(2)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()
    arrivals = sorted(r.at for r in server.requests)
    assert len(arrivals) == 6  # each visitor's robots.txt and two pages
    assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.29


def test_crawl_delay_slows_us_down(server, tmp_path):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 0.4\n", content_type="text/plain")
    urls = [server.page(f"/cd{n}", f"Cd{n}") for n in range(3)]
    fetch_links(urls, tmp_path, FAST)  # our own delay: none
    arrivals = sorted(r.at for r in server.requests)
    assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.39


def test_unreachable_robots_txt_keeps_away(server, tmp_path):
    server.routes["/robots.txt"] = Route(fail_first=99, fail_status=503)
    url = server.page("/a", "A")
    (outcome,) = fetch_links([url], tmp_path, FAST).outcomes
    assert outcome.reason.startswith("robots.txt could not be read (HTTP 503 Service Unavailable")
    assert not server.hits("/a")


def test_a_slow_server_times_out(server, tmp_path):
    slow = server.page("/slow", "Slow", delay_s=1.5)
    drip = server.page("/drip", "Drip", drip_s=0.05)
    server.routes["/drip-head"] = Route(b"<html>x</html>", drip_s=0.05, drip_head=True)
    headers = server.url("/drip-head")
    settings = FetchSettings(delay_s=0.0, timeout_s=0.3, page_timeout_s=0.8, retries=0)
    started = time.monotonic()
    report = by_url(fetch_links([slow, drip, headers], tmp_path, settings))
    assert report[slow].reason == "timed out after 0.3 s"
    assert report[drip].reason == "too slow: not finished after 0.8 s"
    assert report[headers].reason == "too slow: not finished after 0.8 s"  # no read waits 0.3 s, yet it ends
    assert time.monotonic() - started < 3.5


def test_a_page_cut_short_is_not_saved(server, tmp_path):
    server.routes["/short"] = Route(b"<html><p>half", declare_length=False, headers={"Content-Length": "5000"})
    (outcome,) = fetch_links([server.url("/short")], tmp_path, FetchSettings(delay_s=0, retries=0)).outcomes
    assert outcome.reason == "the connection closed before the whole page arrived"


def test_the_size_cap_stops_reading(server, tmp_path):
    big = server.page("/big", "Big", body="word " * 40_000)
    streamed = server.page("/streamed", "Streamed", body="word " * 40_000, declare_length=False)
    settings = FetchSettings(**{**FAST.__dict__, "max_page_bytes": 50_000})
    report = by_url(fetch_links([big, streamed], tmp_path, settings))
    assert report[big].reason.startswith("too large: 200,")
    assert report[streamed].reason == "too large: over 50,000 bytes"


def test_a_compressed_answer_is_saved_decoded_and_charset_kept(server, tmp_path):
    html = "<html><head><title>Ça va</title></head><body><p>Déjà vu</p></body></html>".encode("latin-1")
    server.routes["/zipped"] = Route(gzip.compress(html), content_type="text/html; charset=ISO-8859-1",
                                     headers={"Content-Encoding": "gzip"})
    (outcome,) = fetch_links([server.url("/zipped")], tmp_path, FAST).outcomes
    assert (tmp_path / outcome.file).read_bytes() == b'<meta charset="iso-8859-1">\n' + html


def test_no_cookie_is_ever_sent_back(server, tmp_path):
    first = server.page("/c1", "Cookie one", headers={"Set-Cookie": "session=abc; Path=/"})
    second = server.page("/c2", "Cookie two")
    fetch_links([first, second], tmp_path, FAST)
    assert all("Cookie" not in r.headers for r in server.requests)


def test_the_delay_per_host_is_kept(server, tmp_path):
    urls = [server.page(f"/p{n}", f"P{n}") for n in range(4)]
    settings = FetchSettings(**{**FAST.__dict__, "delay_s": 0.3})
    fetch_links(urls, tmp_path, settings)
    arrivals = sorted(r.at for r in server.requests)  # robots.txt counts as a request too
    assert len(arrivals) == 5
    assert min(b - a for a, b in zip(arrivals, arrivals[1:])) >= 0.29


def test_a_rerun_resumes_and_keeps_earlier_rows(server, tmp_path):
    urls = [server.page(f"/r{n}", f"R{n}") for n in range(3)]
    (tmp_path / "metadata.csv").write_text("file,url,title\nmine.txt,,My own notes\n", encoding="utf-8")
    first = fetch_links(urls[:2], tmp_path, FAST)
    assert [o.outcome for o in first.outcomes] == ["saved", "saved"]
    requests = len(server.requests)
    again = fetch_links(urls, tmp_path, FAST)
    assert sorted(o.outcome for o in again.outcomes) == ["already saved", "already saved", "saved"]
    # Nothing refetched (robots.txt is read afresh each run: rules change).
    assert [r.path for r in server.requests[requests:]] == ["/robots.txt", "/r2"]
    rows = metadata(tmp_path)
    assert [r["file"] for r in rows] == ["mine.txt"] + [file_name(u) for u in urls]
    assert rows[0]["title"] == "My own notes" and list(rows[0]) == ["file", "url", "title", "fetched", "status"]
    # A page deleted since is fetched again; its row is updated, not doubled.
    (tmp_path / file_name(urls[0])).unlink()
    third = by_url(fetch_links(urls, tmp_path, FAST))
    assert third[urls[0]].outcome == "saved" and len(metadata(tmp_path)) == 4


def test_an_unreadable_metadata_file_is_left_alone(tmp_path):
    (tmp_path / "metadata.csv").write_bytes(b"file,url\n\xff\xfe\x00broken")
    with pytest.raises(ValueError, match="cannot be read"):
        fetch_links(["http://127.0.0.1:9/x"], tmp_path, FAST)
    assert (tmp_path / "metadata.csv").read_bytes() == b"file,url\n\xff\xfe\x00broken"


def test_the_link_cap_leaves_the_rest_untried(server, tmp_path):
    items = "".join(f"<item><link>{server.page(f'/i{n}', f'I{n}')}</link></item>" for n in range(5))
    server.routes["/many.rss"] = Route(f"<rss><channel>{items}</channel></rss>".encode(), content_type="application/rss+xml")
    settings = FetchSettings(**{**FAST.__dict__, "max_links": 3})
    report = fetch_links([server.url("/many.rss")], tmp_path, settings)
    feed = report.outcomes[0]
    assert feed.reason == "5 items; the first 2 fetched (at most 3 links a request)"
    assert report.pages == 2


def test_a_feed_item_also_given_directly_is_fetched_once_and_an_empty_feed_says_so(server, tmp_path):
    page = server.page("/both", "Both")
    server.routes["/one.rss"] = Route(f"<rss><channel><item><link>{page}</link></item></channel></rss>".encode(),
                                      content_type="application/rss+xml")
    server.routes["/none.rss"] = Route(b"<rss><channel><title>quiet</title></channel></rss>",
                                       content_type="application/rss+xml")
    report = by_url(fetch_links([page, server.url("/one.rss"), server.url("/none.rss")], tmp_path, FAST))
    assert (report[server.url("/one.rss")].outcome, report[server.url("/one.rss")].reason) == ("feed", "1 item")
    assert (report[server.url("/none.rss")].outcome, report[server.url("/none.rss")].reason) == ("feed", "0 items")
    assert len(server.hits("/both")) == 1


# --------------------------------------------------------------------------- the command


def test_fetch_command_saves_reports_and_exits_0(server, tmp_path, capsys):
    from analysis.cli import main

    good = server.page("/cli/good", "Good")
    server.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /cli/closed\n", content_type="text/plain")
    closed = server.page("/cli/closed", "Closed")
    links = tmp_path / "links.txt"
    links.write_text(f"{good}\n{server.url('/cli/dead')}\n{closed}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["fetch", str(links), "--out", str(out), "--delay", "0", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == "url,outcome,file,status,reason"
    assert f"{good},saved,{file_name(good)},200," in lines
    assert captured.err.splitlines() == [  # one host: its links go in order
        f"storylens: failed {server.url('/cli/dead')}: HTTP 404 Not Found",
        f"storylens: failed {closed}: refused by the site's robots.txt",
    ]
    assert [row["url"] for row in metadata(out)] == [good]

    # Your own site: --ignore-robots; the rerun keeps what it has.
    assert main(["fetch", str(links), "--out", str(out), "--delay", "0", "--ignore-robots", "--format", "csv"]) == 0
    rerun = capsys.readouterr().out
    assert f"{good},already saved,{file_name(good)},," in rerun and f"{closed},saved," in rerun
    assert len(metadata(out)) == 2


def test_fetch_command_exits_1_with_one_line_when_nothing_is_saved(server, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           "STORYLENS_CACHE_DIR": str(tmp_path / "cache")}
    server.routes["/photo.png"] = Route(PNG, content_type="image/png")
    done = subprocess.run([sys.executable, "-m", "analysis", "fetch", server.url("/photo.png"), server.url("/nope"),
                           "--out", str(tmp_path / "out"), "--delay", "0"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    err = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert sorted(err[:2]) == sorted([f"storylens: failed {server.url('/photo.png')}: not an HTML page: a PNG image",
                                      f"storylens: failed {server.url('/nope')}: HTTP 404 Not Found"])
    assert err[2] == f"storylens: error: nothing saved in {tmp_path / 'out'}: none of the 2 link(s) gave a page"
    assert len(err) == 3


def test_fetch_command_with_no_usable_source(tmp_path, capsys):
    from analysis.cli import main

    assert main(["fetch", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"storylens: {tmp_path / 'missing.txt'}: neither an http(s) link nor a file of links",
        "storylens: error: no links to fetch"]


# --------------------------------------------------------------------------- fetch, then load

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>{title} | Port Avon Herald</title>
<meta property="og:site_name" content="Port Avon Herald"><meta property="og:title" content="{title}">
<meta name="author" content="Mara Lind"><meta property="article:published_time" content="2024-03-0{day}T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>
<p>The storm flooded the harbour of Port Avon on Monday night, and the Coast Guard rescued {n} fishermen
near the breakwater before dawn, officials said.</p>
<p>Mayor Elena Ruiz promised that repairs to the old harbour wall would begin within a month, and asked
the national government for emergency funds to rebuild the docks.</p>
<p>Insurers estimated the damage at {n} million euros, while shops along the waterfront stayed closed as
the water slowly receded through the week.</p></article><footer>Copyright Port Avon Herald</footer></body></html>"""


def test_fetched_pages_load_as_articles_with_their_outlet_date_author_and_url(server, tmp_path, capsys):
    from analysis.cli import main
    from analysis.corpus import load_corpus

    titles = {1: "Storm floods Port Avon harbour", 2: "Fishermen rescued as storm hits the coast"}
    for day, title in titles.items():
        server.routes[f"/2024/03/story-{day}"] = Route(ARTICLE.format(title=title, day=day, n=day * 7).encode())
    server.routes["/short"] = Route(status=301, headers={"Location": "/2024/03/story-2"})
    feed = "".join(f"<item><link>{server.url(p)}</link></item>" for p in ("/2024/03/story-1", "/short"))
    server.routes["/feed"] = Route(f"<rss><channel>{feed}</channel></rss>".encode(), content_type="application/rss+xml")
    out = tmp_path / "corpus"
    assert main(["fetch", server.url("/feed"), "--out", str(out), "--delay", "0", "--format", "csv"]) == 0
    capsys.readouterr()

    corpus = load_corpus(out)
    assert not corpus.skipped and not corpus.warnings
    got = {a.title: (a.outlet, a.published[:10], a.author, a.url) for a in corpus.articles}
    assert got == {
        titles[1]: ("Port Avon Herald", "2024-03-01", "Mara Lind", server.url("/2024/03/story-1")),
        titles[2]: ("Port Avon Herald", "2024-03-02", "Mara Lind", server.url("/2024/03/story-2")),  # after the redirect
    }
    assert main(["load", str(out), "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
