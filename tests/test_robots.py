"""robots.txt the RFC 9309 way: groups, longest match, Allow on ties, * and $."""

from __future__ import annotations

import pytest

from analysis.fetching.robots import RobotsRules

ROBOTS = """
# comments and blank lines are fine
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /*?
Disallow: /search
Allow: /search/about$
Disallow: /*.pdf$
Disallow: /private/
Allow: /private/press/
Disallow: /%7Estaff/
Crawl-delay: 2
"""


@pytest.mark.parametrize(("path", "allowed"), [
    ("/news/story.html", True),
    ("/news/story.html?utm=x", False),  # /*? : any query
    ("/search", False), ("/search/results", False),
    ("/search/about", True), ("/search/about/more", False),  # $ anchors the end
    ("/paper.pdf", False), ("/paper.pdf.html", True),
    ("/private/x", False), ("/private/press/release", True),  # the longer rule wins
    ("/~staff/notes", False),  # %7E and ~ are one character
    ("/robots.txt", True),
])
def test_the_star_group(path, allowed):
    rules = RobotsRules.parse(ROBOTS, "StoryLens")
    assert rules.allows("https://site.example" + path) is allowed
    assert rules.crawl_delay == 2.0


def test_a_group_naming_us_replaces_the_star_group():
    text = ROBOTS + "\nUser-agent: storylens\nUser-agent: other\nDisallow: /only-this/\n"
    rules = RobotsRules.parse(text, "StoryLens")
    assert rules.allows("http://s.example/search") and not rules.allows("http://s.example/only-this/a")
    assert rules.crawl_delay is None


def test_allow_wins_a_tie_and_no_rules_allow_everything():
    rules = RobotsRules.parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "StoryLens")
    assert rules.allows("http://s.example/page")
    assert RobotsRules.parse("", "StoryLens").allows("http://s.example/anything")
    assert RobotsRules.parse("<html>Not found</html>", "StoryLens").allows("http://s.example/x")
    assert RobotsRules.parse("User-agent: *\nDisallow:\n", "StoryLens").allows("http://s.example/x")
