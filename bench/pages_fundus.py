"""fundus's parser test pages as a gold set for bench/pages_bench.py: news pages of ~180 publishers, with their
gold title, authors, publication instant and the publisher's name.

fundus (flairNLP/fundus, MIT) keeps, per publisher, saved pages
``tests/resources/parser/test_data/<country>/<Publisher>_<Y>_<m>_<d>.html.gz`` (the date is the day the page was
crawled) and ``<Publisher>.json``, the parser's expected output per parser version ("V1", "V1_1", ...). Its tests
(``tests/utility.py``, ``load_html_test_file_mapping``) give each page to the version valid on its crawl day: the
first, by ``VALID_UNTIL``, whose ``VALID_UNTIL`` is not before it; every version has one page and no two pages
share a version. So the pages sorted by crawl day go with the versions sorted by ``VALID_UNTIL``, read here from
the parsers' source (``src/fundus/publishers/``, without importing fundus): a version without one of its own is
the latest. The publisher's display name and domain come from ``Publisher(name=..., domain=...)`` in
``src/fundus/publishers/<country>/__init__.py``; a page whose publisher is no longer listed there (its parser is
gone) is left out (RBB24: one page).

Where fundus's gold follows a convention a reader may dispute, or errs (seen on the tune half's pages, not bent
to in our readers; the scoring takes the gold as it is):

- the title is whatever field fundus's parser for that publisher reads: often the JSON-LD headline or
  og:title (an SEO line) where the page prints another <h1> (the Funke papers, Metro, Wired, Stern, ZDF);
  a kicker is in the title for some publishers ("Nationaler Veteranentag: Orden fürs Morden") and not for
  others; one gold title ends in a zero-width space (Taz), one keeps the site's suffix ("... - Güncel
  haberler"), one drops the headline's quotation marks (Hankook Ilbo); quotation marks are at times
  straight where the page prints curly ones;
- authors: the outlet where the page names a journalist (Le Monde, DER SPIEGEL), the agency where the page
  names the writer (Stuttgarter Zeitung: "dpa"), desk initials ("ssi; dan"), "srf/hosb";
- the publication day: Anadolu Ajansı's 2025-04-05 page has 2025-05-04 (day and month swapped);
- the outlet: fundus's display name, which translates, spells out or qualifies names ("Österreichischer
  Rundfunk", "Maeil Business Newspaper", "Bayerischer Rundfunk (BR)", "Daily News (Tanzania)"); a part in
  brackets is matched on the gold's side only ("Schweizer Radio und Fernsehen (SRF)" from the page is a
  miss against "Schweizer Radio und Fernsehen"), as fixed before any result was seen.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

PUBLISHERS = "src/fundus/publishers"
TEST_DATA = "tests/resources/parser/test_data"
_PAGE_NAME = re.compile(r"(?P<publisher>[A-Za-z0-9]+)_(?P<day>\d{4}_\d\d_\d\d)\.html\.gz")
_DATE_NUMBERS = re.compile(r"\d+")


class FundusPage(NamedTuple):
    """One saved page and fundus's gold for it."""

    name: str  # the page's file name once unpacked ("APNews_2023_04_28.html"): what half() splits by
    html: bytes
    publisher: str  # the publisher's key in fundus ("APNews"): pages of one publisher share it
    title: str
    authors: list[str]
    published: str  # an instant as fundus writes it ("2023-04-28 17:40:08+00:00")
    outlet: str  # the publisher's display name ("Associated Press News")
    domain: str  # the publisher's domain ("apnews.com")


def fundus_pages(root: Path) -> list[FundusPage]:
    """Every page of fundus's parser test data with its gold, from a copy of the repository at ``root``
    (``src/fundus/publishers`` and ``tests/resources/parser/test_data``), in file name order."""
    versions = _parser_versions(root / PUBLISHERS)
    publishers = _publishers(root / PUBLISHERS)
    pages = []
    for gold_file in sorted((root / TEST_DATA).glob("*/*.json")):
        key = (gold_file.parent.name, gold_file.stem)
        if key not in publishers:
            continue  # a publisher fundus no longer lists: no name, no parser to order its versions
        outlet, domain, parser = publishers[key]
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        files = sorted(f for f in gold_file.parent.glob(f"{gold_file.stem}_*.html.gz")
                       if (m := _PAGE_NAME.fullmatch(f.name)) and m["publisher"] == gold_file.stem)
        order = sorted(versions.get(parser, {}), key=versions.get(parser, {}).get)
        if len(files) != len(order) or set(order) != set(gold):
            raise ValueError(f"fundus: {gold_file.name}: versions {order} do not match pages "
                             f"{[f.name for f in files]} and gold {sorted(gold)}")
        for file, version in zip(files, order):  # file names sort by crawl day
            item = gold[version]
            pages.append(FundusPage(name=file.name.removesuffix(".gz"), html=gzip.decompress(file.read_bytes()),
                                    publisher=gold_file.stem, title=item.get("title") or "",
                                    authors=list(item.get("authors") or []),
                                    published=item.get("publishing_date") or "", outlet=outlet, domain=domain))
    return sorted(pages, key=lambda p: p.name)


def _parser_versions(folder: Path) -> dict[str, dict[str, date]]:
    """{parser class: {version class: VALID_UNTIL}} for every parser in ``folder``'s modules."""
    found: dict[str, dict[str, date | str]] = {}
    for module in sorted(folder.rglob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            inner = {sub.name: _valid_until(sub) for sub in node.body if isinstance(sub, ast.ClassDef)}
            if inner:
                found[node.name] = inner
    # A version may take another's date ("VALID_UNTIL = FunkeParser.V1_1.VALID_UNTIL").
    resolved: dict[str, dict[str, date]] = {}
    for parser, inner in found.items():
        resolved[parser] = {}
        for version, until in inner.items():
            if isinstance(until, str):
                other_parser, other_version = until.split(".")[:2]
                until = found[other_parser][other_version]
            resolved[parser][version] = until  # type: ignore[assignment]
    return resolved


def _valid_until(version: ast.ClassDef) -> date | str:
    """A version's VALID_UNTIL: a date, "Parser.Version" when it refers to another's, date.max when it has none."""
    for statement in version.body:
        if isinstance(statement, ast.Assign) and any(getattr(t, "id", "") == "VALID_UNTIL" for t in statement.targets):
            written = ast.unparse(statement.value)  # datetime.date(2024, 1, 18), datetime(year=2024, ...).date()
            numbers = _DATE_NUMBERS.findall(written)
            return date(*map(int, numbers[:3])) if len(numbers) >= 3 else written
    return date.max


def _publishers(folder: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """{(country, publisher key): (display name, domain without www., parser class)} from each country's list."""
    found = {}
    for listing in sorted(folder.glob("*/__init__.py")):
        for node in ast.walk(ast.parse(listing.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", "") == "Publisher"):
                continue
            given = {k.arg: k.value for k in node.value.keywords}
            host = (urlsplit(ast.literal_eval(given["domain"])).hostname or "").lower()
            found[(listing.parent.name, node.targets[0].id)] = (
                ast.literal_eval(given["name"]), host.removeprefix("www."), given["parser"].id)
    return found


# --- the outlet, compared with fundus's display name ------------------------------------------------------------

def _bare(name: str) -> str:
    """A name as the comparison sees it: letters and digits only, case and accents dropped, a leading "The" too."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if c.isalnum())
    return letters.removeprefix("the") if name.strip().casefold().startswith("the ") else letters


def same_outlet(ours: str, gold: str) -> bool:
    """Our outlet is fundus's display name of the publisher, compared by their letters and digits (:func:`_bare`).

    Fixed before any result was looked at: case, accents, spaces and punctuation do not count
    ("N-Tv" is "n-tv", "FreiePresse" "Freie Presse", "Publico" "Público"), nor does a leading "The" ("The BBC",
    "BBC"); a gold name with a part in brackets ("Bayerischer Rundfunk (BR)", "Euronews (DE)") is matched by
    the name before the brackets or by the part in them.
    """
    wanted = {gold}
    bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", gold.strip())
    if bracketed:
        wanted |= {bracketed[1], bracketed[2]}
    return bool(_bare(ours)) and _bare(ours) in {_bare(w) for w in wanted}


def same_outlet_or_domain(ours: str, gold: tuple[str, str]) -> bool:
    """:func:`same_outlet`, or our outlet is the publisher's domain or a name in it ("ORF" for orf.at, "VG" for
    vg.no, "WDR" for www1.wdr.de, "apnews.com"): fundus's display names translate or spell out some names the
    sites give themselves ("Österreichischer Rundfunk", "Verdens Gang")."""
    name, domain = gold
    return same_outlet(ours, name) or (bool(domain) and _bare(ours) in {_bare(domain), *map(_bare, domain_names(domain))})


# The second level of a country's domain under which sites register ("bbc.co.uk", "nine.com.au").
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "or", "ne"}


def domain_names(domain: str) -> set[str]:
    """The names a domain holds: the label sites register ("wdr" in www1.wdr.de, "nine" in nine.com.au), and
    a subdomain's of three letters or more ("faktencheck.afp.com"; not "de" in de.euronews.com)."""
    labels = domain.lower().split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    if not labels:
        return set()
    return {labels[-1]} | {label for label in labels[:-1] if len(label) >= 3 and not label.startswith("www")}
