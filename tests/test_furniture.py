"""Crawl furniture: what the loader takes out of scraped pages, what it keeps, and the record of why."""

from __future__ import annotations

import pytest

from analysis.corpus import furniture
from analysis.corpus.furniture import line_reason, split_dateline, strip_fused
from tests.crawled import PAGES, REUTERS_CHIPS, CrawledPage, site_pages


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_crawled_pages_keep_every_real_sentence(make_corpus, page: CrawledPage) -> None:
    article = make_corpus({page.name: page.raw}).article(page.name)
    body = [s.text for s in article.sentences if s.kind == "body"]
    for sentence in page.kept:
        assert sentence in body, f"lost: {sentence!r}\nbody: {body}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_crawled_pages_lose_their_furniture(make_corpus, page: CrawledPage) -> None:
    article = make_corpus({page.name: page.raw}).article(page.name)
    for piece in page.gone:
        assert not [s.text for s in article.sentences if piece in s.text], piece
    # Everything taken out is on record, with a reason.
    recorded = " ".join(r.text for r in article.removed)
    for piece in page.gone:
        assert piece in recorded or piece in article.dateline, piece
    assert article.dateline == page.dateline


def test_the_body_is_exactly_the_kept_sentences(make_corpus) -> None:
    # Nothing else survives either: no stray credit or prompt becomes a sentence.
    for page in PAGES:
        article = make_corpus({page.name: page.raw}).article(page.name)
        body = [s.text for s in article.sentences if s.kind == "body"]
        assert body == list(page.kept), page.name


def test_related_links_inside_the_body_are_headings_not_text(make_corpus) -> None:
    article = make_corpus({REUTERS_CHIPS.name: REUTERS_CHIPS.raw}).article(REUTERS_CHIPS.name)
    kinds = {s.text: s.kind for s in article.sentences}
    assert kinds["Broadcom Raises Offer"] == "heading"
    assert kinds["Chipmaker raises offer for rival"] == "headline"


def test_removal_reasons_name_what_each_piece_was(make_corpus) -> None:
    page = PAGES[0]
    article = make_corpus({page.name: page.raw}).article(page.name)
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["AP Photo/Ahn Young-joon"] == furniture.CREDIT
    assert reasons["SEOUL, South Korea (AP) —"] == furniture.DATELINE
    assert reasons["(KCNA via AP)"] == furniture.CREDIT
    assert reasons["Associated Press writer Mari Yamaguchi in Tokyo contributed to this report."] == furniture.SOURCE
    assert reasons["By HYUN-JOO PARK and DANIEL ORTEGA"] == furniture.BYLINE


def test_lines_repeated_across_a_site_are_removed_but_repeated_sentences_stay(make_corpus) -> None:
    corpus = make_corpus(site_pages(4))
    for article in corpus.articles:
        texts = [s.text for s in article.sentences]
        assert "More Coverage From Our Correspondents" not in texts
        assert "Most Read Across The Network" not in texts
        # Wire copy repeats real sentences: they are the story, and copies must see them.
        assert "The ministry declined to comment on the report." in texts
        assert any(r.reason == furniture.REPEATED for r in article.removed)


def test_two_articles_sharing_a_line_keep_it(make_corpus) -> None:
    # Twice is a coincidence (or a shared heading), not a site's furniture.
    corpus = make_corpus(dict(list(site_pages(2).items())))
    for article in corpus.articles:
        assert "More Coverage From Our Correspondents" in [s.text for s in article.sentences]


def test_articles_identical_but_for_furniture_are_duplicates(make_corpus) -> None:
    body = "Officials confirmed the plan on Tuesday. It will cost $3 billion.\n"
    corpus = make_corpus({"a.txt": "Advertisement\n" + body, "b.txt": body + "Share this article\n"})
    assert [a.path for a in corpus.articles] == ["a.txt"]
    assert corpus.duplicates == (("b.txt", "a.txt"),)


@pytest.mark.parametrize(("line", "reason"), [
    ("Advertisement", furniture.PAGE),
    ("Continue reading the main story", furniture.PAGE),
    ("Scroll down for video", furniture.PAGE),
    ("SaveSave", furniture.PAGE),
    ("Read more: North Korea fires missile over Japan", furniture.PAGE),
    ("Photo", furniture.PAGE),
    ("Video", furniture.PAGE),
    ("AP Photo/Ahn Young-joon", furniture.CREDIT),
    ("(AP Photo/Lee Jin-man)", furniture.CREDIT),
    ("Chip Somodevilla/Getty Images", furniture.CREDIT),
    ("Getty Images", furniture.CREDIT),
    ("Reuters", furniture.CREDIT),
    ("Photo: Reuters", furniture.CREDIT),
    ("Information from: The Seattle Times, http://www.seattletimes.com", furniture.SOURCE),
    ("(Reporting by Hyonhee Shin; Editing by Robert Birsel)", furniture.SOURCE),
    ("Copyright 2017 The Associated Press. All rights reserved.", furniture.SOURCE),
    ("Keith Bradsher contributed reporting from Hong Kong.", furniture.SOURCE),
    ("Michael Crowley contributed reporting from Washington, and Ana Swanson from Hong Kong.", furniture.SOURCE),
    ("Jane Roe, John Doe and Max Mustermann contributed reporting.", furniture.SOURCE),
    ("Reporting was contributed by Jane Roe and John Doe.", furniture.SOURCE),
    ("Additional reporting was contributed by Jane Roe.", furniture.SOURCE),
    ("Sign up for our morning newsletter", furniture.NEWSLETTER),
    ("Follow Jane Doe on Twitter: @jdoe", furniture.NEWSLETTER),
    ("Updated: May 5, 2017 10:12 a.m. ET", furniture.TIMESTAMP),
    ("3 hours ago", furniture.TIMESTAMP),
    ("12 Shares", furniture.SEPARATOR),
    ("Facebook Twitter Pinterest Email", furniture.SEPARATOR),
    ("Kim watches the launch in this undated photo released by KCNA. (KCNA via REUTERS)", furniture.CAPTION),
])
def test_furniture_lines(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Sources said the missile flew 1,000 km.",
    "Updated figures show 5% unemployment.",
    "The company said in its weekly newsletter that profits fell.",
    "Research by the university found the opposite.",
    "He worked for Reuters",
    "Bloomberg News reported the deal.",
    "Staff at the hospital contributed to the report.",
    "Analysts said the company contributed reporting tools to the project.",
    "The United States contributed reporting to the inquiry, officials said.",
    "NASA and ESA contributed research.",
    "Harvard University contributed reporting in Boston, where the team said the results were clear and strong.",
    "Registered voters turned out in force.",
    "On Monday 5 people died.",
    "Want more proof? Look at the figures.",
    "Copyright infringement cases rose sharply last year.",
    "First published in 1851, the newspaper has never missed a day.",
    "This report, produced by the UN human rights office, found that 1,200 civilians died.",
    "This article of the constitution was amended in 1992 after a referendum.",
    "Like many others on X, Musk's followers cheered the decision.",
    "Get out now, the alerts said as the water rose in the valley.",
    "Register to vote by October 15, officials said, and watch for updates.",
    "Source: the health ministry said 40 people died in the fire overnight.",
])
def test_text_that_only_looks_like_furniture(line: str) -> None:
    assert line_reason(line) is None


@pytest.mark.parametrize(("line", "text", "cut"), [
    ("AP:Associated Press North Korea fired a missile.", "North Korea fired a missile.", "AP:Associated Press"),
    ("Getty Images Hamilton won the race.", "Hamilton won the race.", "Getty Images"),
    ("The missile fell into the sea. Reuters The United Nations Security Council met.",
     "The missile fell into the sea. The United Nations Security Council met.", "Reuters"),
    ("Advertisement Continue reading the main story North Korea fired.", "North Korea fired.",
     "Advertisement Continue reading the main story"),
    ("Kim watched (AP Photo/Lee Jin-man) the launch.", "Kim watched the launch.", "(AP Photo/Lee Jin-man)"),
    ("Reuters reported that Kim watched.", "Reuters reported that Kim watched.", None),
    ("Bloomberg News reported the deal.", "Bloomberg News reported the deal.", None),
    ("Yonhap News Agency said the missile flew 1,000 km.", "Yonhap News Agency said the missile flew 1,000 km.", None),
    ("Photo ID laws were struck down by the court.", "Photo ID laws were struck down by the court.", None),
    ("Supported by Washington, Kyiv launched a counter-offensive.",
     "Supported by Washington, Kyiv launched a counter-offensive.", None),
    ("Image Comics announced a new series.", "Image Comics announced a new series.", None),
])
def test_furniture_glued_to_text_is_cut_off(line: str, text: str, cut: str | None) -> None:
    kept, removed = strip_fused(line)
    assert kept == text
    assert [r.text for r in removed] == ([cut] if cut else [])


@pytest.mark.parametrize(("line", "text", "cut"), [
    ("The ministers met on Monday. Continue reading the main story", "The ministers met on Monday.",
     ["Continue reading the main story"]),
    ("The talks ended.Continue reading the main story The ministers will meet again.",
     "The talks ended. The ministers will meet again.", ["Continue reading the main story"]),
    ("“We are close,” one envoy said. Continue reading the main story “Not yet,” said another.",
     "“We are close,” one envoy said. “Not yet,” said another.", ["Continue reading the main story"]),
    ("The envoy left Geneva Story continues below advertisement and flew home.",
     "The envoy left Geneva and flew home.", ["Story continues below advertisement"]),
    ("Officials said talks would follow. Continue reading the main story Photo",
     "Officials said talks would follow.", ["Continue reading the main story", "Photo"]),
    ("Continue reading the main story Photo", "", ["Continue reading the main story", "Photo"]),
    ("Readers who continue reading the story will find more.", "Readers who continue reading the story will find more.",
     []),
])
def test_page_prompts_go_wherever_a_crawl_left_them(line: str, text: str, cut: list[str]) -> None:
    kept, removed = strip_fused(line)
    assert kept == text
    assert [r.text for r in removed] == cut


@pytest.mark.parametrize(("line", "text", "cut"), [
    ("Have a tip? Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @jdoe or on Facebook.",
     "Have a tip? Jane Doe may be reached at jdoe@example.com.", ["Follow her on Twitter @jdoe or on Facebook."]),
    ("Get the latest updates right in your inbox. Subscribe to Example.com’s newsletters.", "",
     ["Get the latest updates right in your inbox.", "Subscribe to Example.com’s newsletters."]),
    ("There is plenty more. Sign up for The Daily Brief today to get the free newsletter delivered to your inbox.",
     "There is plenty more.", ["Sign up for The Daily Brief today to get the free newsletter delivered to your inbox."]),
    ("Follow The Example Times Opinion section on Facebook, Twitter (@ExOpinion) and Instagram.", "",
     ["Follow The Example Times Opinion section on Facebook, Twitter (@ExOpinion) and Instagram."]),
    # prose that opens with a prompt's verb but asks for no newsletter, inbox or platform stays
    ("Officials spoke. Sign up for the vaccine opened on Monday for people over 65.",
     "Officials spoke. Sign up for the vaccine opened on Monday for people over 65.", []),
    ("Residents were told to follow the evacuation orders. Many did not.",
     "Residents were told to follow the evacuation orders. Many did not.", []),
    ("He urged voters to follow him on Twitter, where he posts daily.",
     "He urged voters to follow him on Twitter, where he posts daily.", []),
])
def test_prompt_sentences_run_into_a_paragraph_are_cut_from_it(line: str, text: str, cut: list[str]) -> None:
    kept, removed = strip_fused(line)
    assert kept == text
    assert [r.text for r in removed] == cut


@pytest.mark.parametrize(("paragraph", "dateline"), [
    ("SEOUL, South Korea (AP) — North Korea fired a missile.", "SEOUL, South Korea (AP) —"),
    ("WASHINGTON (Reuters) - The U.S. said so.", "WASHINGTON (Reuters) -"),
    ("LONDON — Britain said so.", "LONDON —"),
    ("NEW DELHI: India said so.", "NEW DELHI:"),
    ("UPDATE: The story changed.", ""),
    ("NATO — the alliance said so.", ""),
    ("Mr. Smith - The man said so.", ""),
    ("The U.S. — and Europe — agreed.", ""),
    ("US - China trade talks resumed on Monday.", ""),
])
def test_datelines(paragraph: str, dateline: str) -> None:
    found, rest = split_dateline(paragraph)
    assert found == dateline
    assert (found + " " + rest if found else rest) == paragraph


def test_hard_wrapped_lines_are_never_furniture(make_corpus) -> None:
    raw = ("Senators press on\n\nThe senators said they would print the ballots again, as the count was far too\n"
           "close. They said the\nvideo of the count would be public.\n")
    article = make_corpus({"a.txt": raw}).article("a.txt")
    body = [s.text for s in article.sentences if s.kind == "body"]
    assert body == ["The senators said they would print the ballots again, as the count was far too close.",
                    "They said the video of the count would be public."]
    assert not article.removed


def test_a_headline_that_starts_with_by_is_kept(make_corpus) -> None:
    article = make_corpus({"a.txt": "By Land And Sea, Russia Advances On Kharkiv\n\nTroops moved overnight.\n"}) \
        .article("a.txt")
    assert article.title == "By Land And Sea, Russia Advances On Kharkiv"
    assert article.sentences[0].kind == "headline"


def test_a_byline_above_the_headline_is_removed(make_corpus) -> None:
    article = make_corpus({"a.txt": "By Jane Doe\n\nTroops advance on Kharkiv\n\nTroops moved overnight.\n"}) \
        .article("a.txt")
    assert article.title == "Troops advance on Kharkiv"
    assert [r.reason for r in article.removed] == [furniture.BYLINE]


def test_a_site_line_above_the_headline_leaves_the_real_title(make_corpus) -> None:
    pages = {f"w{n}.txt": f"World News\n\nStory {n} of the day unfolds\n\nOfficials confirmed event {n} today.\n"
             for n in range(4)}
    corpus = make_corpus(pages)
    for n, article in enumerate(sorted(corpus.articles, key=lambda a: a.path)):
        assert article.title == f"Story {n} of the day unfolds"
        assert article.sentences[0].kind == "headline" and article.sentences[0].text == article.title
