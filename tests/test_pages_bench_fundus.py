"""How bench/pages_fundus.py reads fundus's parser test data: each page with its version's gold, and the outlet
compared with fundus's publisher name."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pages_fundus import PUBLISHERS, TEST_DATA, domain_names, fundus_pages, same_outlet, same_outlet_or_domain  # noqa: E402

_PARSER = '''
import datetime
from fundus.parser import BaseParser, ParserProxy


class HeraldParser(ParserProxy):
    class V2(BaseParser):
        pass

    class V1_1(BaseParser):
        VALID_UNTIL = datetime.date(2024, 6, 1)

    class V1(BaseParser):
        VALID_UNTIL = datetime.datetime(2023, 1, 31).date()


class ChronicleParser(ParserProxy):
    class V1(BaseParser):
        VALID_UNTIL = HeraldParser.V1_1.VALID_UNTIL

    class V2(BaseParser):
        pass
'''
_LISTING = '''
from fundus.publishers.base_objects import Publisher, PublisherGroup
from .herald import ChronicleParser, HeraldParser


class XX(metaclass=PublisherGroup):
    Herald = Publisher(name="The Avon Herald", domain="https://www.herald.example/", parser=HeraldParser)
    Chronicle = Publisher(name="Chronicle (XX)", domain="https://news.chronicle.co.example", parser=ChronicleParser)
'''


def _write(root: Path, publisher: str, days: list[str], gold: dict) -> None:
    folder = root / TEST_DATA / "xx"
    folder.mkdir(parents=True, exist_ok=True)
    for day in days:
        (folder / f"{publisher}_{day}.html.gz").write_bytes(gzip.compress(f"<html>{publisher} {day}</html>".encode()))
    (folder / f"{publisher}.json").write_text(json.dumps(gold))


@pytest.fixture
def fundus_copy(tmp_path):
    (tmp_path / PUBLISHERS / "xx").mkdir(parents=True)
    (tmp_path / PUBLISHERS / "xx" / "herald.py").write_text(_PARSER)
    (tmp_path / PUBLISHERS / "xx" / "__init__.py").write_text(_LISTING)
    versions = {v: {"title": f"Title {v}", "authors": [f"Jane {v}"], "publishing_date": "2023-01-02 10:00:00+01:00"}
                for v in ("V1", "V1_1", "V2")}
    _write(tmp_path, "Herald", ["2022_12_01", "2024_05_30", "2025_02_02"], versions)
    _write(tmp_path, "Chronicle", ["2023_03_03", "2024_09_09"], {"V2": {"title": "later"}, "V1": {"title": "earlier"}})
    return tmp_path


def test_pages_go_with_versions_in_the_order_of_their_valid_until(fundus_copy):
    pages = {p.name: p for p in fundus_pages(fundus_copy)}
    assert [(n, p.title) for n, p in sorted(pages.items())] == [
        ("Chronicle_2023_03_03.html", "earlier"), ("Chronicle_2024_09_09.html", "later"),
        ("Herald_2022_12_01.html", "Title V1"), ("Herald_2024_05_30.html", "Title V1_1"), ("Herald_2025_02_02.html", "Title V2")]
    herald = pages["Herald_2024_05_30.html"]
    assert (herald.html, herald.authors, herald.outlet, herald.domain, herald.publisher) == (
        b"<html>Herald 2024_05_30</html>", ["Jane V1_1"], "The Avon Herald", "herald.example", "Herald")
    assert pages["Chronicle_2023_03_03.html"].authors == []


def test_a_publisher_fundus_no_longer_lists_is_left_out(fundus_copy):
    _write(fundus_copy, "Gone", ["2023_01_01"], {"V1": {"title": "gone"}})
    assert not [p for p in fundus_pages(fundus_copy) if p.publisher == "Gone"]


def test_pages_that_do_not_match_the_versions_are_an_error(fundus_copy):
    folder = fundus_copy / TEST_DATA / "xx"  # a fourth page for the same three versions, their gold kept
    (folder / "Herald_2026_01_01.html.gz").write_bytes(gzip.compress(b"<html>Herald 2026_01_01</html>"))
    with pytest.raises(ValueError):
        fundus_pages(fundus_copy)


@pytest.mark.parametrize("ours, gold", [
    ("N-TV", "N-Tv"), ("Freie Presse", "FreiePresse"), ("Público", "Publico"), ("BBC", "The BBC"),
    ("Bayerischer Rundfunk", "Bayerischer Rundfunk (BR)"), ("BR", "Bayerischer Rundfunk (BR)"),
    ("euronews", "Euronews (DE)"), ("netzpolitik.org", "netzpolitik.org")])
def test_the_outlet_is_the_publisher_name_but_for_case_accents_punctuation_and_the(ours, gold):
    assert same_outlet(ours, gold)


@pytest.mark.parametrize("ours, gold", [("Theater", "The ater"), ("ORF", "Österreichischer Rundfunk"),
                                        ("", "ABC"), ("Spiegel", "Spiegel Online")])
def test_other_names_are_a_miss(ours, gold):
    assert not same_outlet(ours, gold)


@pytest.mark.parametrize("ours, domain, right", [
    ("ORF", "orf.at", True), ("VG", "vg.no", True), ("WDR", "www1.wdr.de", True), ("apnews.com", "apnews.com", True),
    ("Nine", "nine.com.au", True), ("DE", "de.euronews.com", False), ("Spiegel", "", False)])
def test_the_looser_outlet_also_takes_the_publishers_domain(ours, domain, right):
    assert same_outlet_or_domain(ours, ("Some Display Name", domain)) is right


def test_the_names_a_domain_holds():
    assert domain_names("japannews.yomiuri.co.jp") == {"yomiuri", "japannews"}
    assert domain_names("de.euronews.com") == {"euronews"}
