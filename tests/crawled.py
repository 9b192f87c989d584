"""Crawled pages written for the tests: what scrapers really hand over, furniture and all.

The texts are our own, modelled on how wire services and news sites lay out a
page (AP datelines and credits, NYT "Advertisement" breaks, BBC captions, Daily
Mail prompts, Reuters trailers, a business site's related links). Each page
lists the sentences that must survive cleaning and the pieces that must go.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CrawledPage:
    name: str
    raw: str
    kept: tuple[str, ...]  # sentences that must come out of the loader exactly like this
    gone: tuple[str, ...]  # substrings that must appear in no sentence
    dateline: str = ""
    outlet: str = ""


AP_MISSILE = CrawledPage(
    "ap_missile.txt",
    """North Korea fires ballistic missile toward Sea of Japan
By HYUN-JOO PARK and DANIEL ORTEGA
Associated Press

SEOUL, South Korea (AP) — North Korea fired a ballistic missile toward the Sea of Japan on Tuesday, South Korea's military said, the latest in a string of launches this year.
AP Photo/Ahn Young-joon
The Joint Chiefs of Staff said the missile flew about 600 kilometers (370 miles) before landing in waters outside Japan's exclusive economic zone.
Kim Jong Un watched the launch from an observation post, the state news agency said. (KCNA via AP)
Japanese Prime Minister Shigeru Ishiba told reporters the launch was "absolutely unacceptable."
"We will respond firmly," said Mr. Ishiba.
___
Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.
Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
""",
    kept=(
        "North Korea fired a ballistic missile toward the Sea of Japan on Tuesday, South Korea's military said, "
        "the latest in a string of launches this year.",
        "The Joint Chiefs of Staff said the missile flew about 600 kilometers (370 miles) before landing in waters "
        "outside Japan's exclusive economic zone.",
        "Kim Jong Un watched the launch from an observation post, the state news agency said.",
        "Japanese Prime Minister Shigeru Ishiba told reporters the launch was \"absolutely unacceptable.\"",
        "\"We will respond firmly,\" said Mr. Ishiba.",
    ),
    gone=("AP Photo", "HYUN-JOO PARK", "Associated Press", "SEOUL, South Korea", "KCNA via AP", "contributed",
          "All rights reserved", "___"),
    dateline="SEOUL, South Korea (AP) —",
)

NYT_SUMMIT = CrawledPage(
    "nyt_summit.txt",
    """Leaders Meet in Geneva as Talks Stall
Supported by
Continue reading the main story
By Clara Whitfield and Tomas Reyes
GENEVA — The two leaders met for three hours on Thursday in a lakeside villa, their first meeting in more than a year.
Advertisement
Continue reading the main story
Officials on both sides described the talks as frank but said no agreement had been reached on the ceasefire.
Advertisement Continue reading the main story The foreign ministers will meet again next week, a spokeswoman said.
Photo
Delegates arrived at the villa on Thursday morning. Credit: Denis Balibouse/Reuters
SaveSave
Follow Clara Whitfield on Twitter: @cwhitfield
""",
    kept=(
        "The two leaders met for three hours on Thursday in a lakeside villa, their first meeting in more than a "
        "year.",
        "Officials on both sides described the talks as frank but said no agreement had been reached on the "
        "ceasefire.",
        "The foreign ministers will meet again next week, a spokeswoman said.",
    ),
    gone=("Advertisement", "Continue reading", "Supported by", "Clara Whitfield", "SaveSave", "Credit:",
          "Balibouse", "GENEVA"),
    dateline="GENEVA —",
)

BBC_FLOODS = CrawledPage(
    "bbc_floods.txt",
    """Floods force thousands from their homes
Image caption Residents were rescued by boat in the town centre
Heavy rain has forced thousands of people from their homes across the region, officials said.
Media playback is unsupported on your device
Media caption Footage shows streets under water
The Environment Agency issued 40 flood warnings overnight.
Image copyright Getty Images
Getty Images Rescue teams worked through the night to reach stranded families.
Related Topics
Share this page
Facebook Twitter Email
""",
    kept=(
        "Heavy rain has forced thousands of people from their homes across the region, officials said.",
        "The Environment Agency issued 40 flood warnings overnight.",
        "Rescue teams worked through the night to reach stranded families.",
    ),
    gone=("Image caption", "Media caption", "Getty Images", "Media playback", "Share this page", "Facebook Twitter"),
)

MAIL_STAR = CrawledPage(
    "mail_star.txt",
    """Star quits show after backlash
By Daily Mail Reporter
Published: 10:03 EST, 4 March 2025 | Updated: 14:20 EST, 4 March 2025
Scroll down for video
The presenter announced on Monday that she would leave the show at the end of the series.
'I have loved every minute of it,' she wrote on Instagram.
Sign up for our daily entertainment newsletter
12 shares
The broadcaster said it respected her decision.
Read more: The show's biggest moments
""",
    kept=(
        "The presenter announced on Monday that she would leave the show at the end of the series.",
        "'I have loved every minute of it,' she wrote on Instagram.",
        "The broadcaster said it respected her decision.",
    ),
    gone=("Scroll down", "Published:", "newsletter", "12 shares", "Read more", "Daily Mail Reporter"),
)

REUTERS_CHIPS = CrawledPage(
    "reuters_chips.txt",
    """Chipmaker raises offer for rival
SAN JOSE, California (Reuters) - Chief Executive Officer Hock Tan said on Monday the company would raise its offer for its rival to $121 billion.
Broadcom Raises Offer
Chipmaker Shares Jump
The new offer values the rival at $82 a share, a premium of 28 percent to its closing price on Friday.
Information from: The Mercury News, http://www.mercurynews.com
(Reporting by Lena Cho in San Jose; Editing by Peter Hale)
""",
    kept=(
        "Chief Executive Officer Hock Tan said on Monday the company would raise its offer for its rival to $121 "
        "billion.",
        "The new offer values the rival at $82 a share, a premium of 28 percent to its closing price on Friday.",
    ),
    gone=("Information from", "Reporting by", "SAN JOSE", "Editing by"),
    dateline="SAN JOSE, California (Reuters) -",
)

# Real text that looks like furniture at a glance: none of it may go.
LOOKALIKES = CrawledPage(
    "lookalikes.txt",
    """Newsroom cuts spark protest
Sources said the agency would cut 200 jobs by the end of the year.
Updated figures show unemployment rose to 5 percent in March.
The company said in its weekly newsletter that profits fell.
Research by the university found the opposite.
Reuters reported that the talks would resume on Monday.
Bloomberg News said the deal was worth $2 billion.
Photo agencies have been hit hardest, the union said.
Video games outsold films for the third year.
NATO — the alliance — said it would meet in June.
He said: "Copyright law must change."
""",
    kept=(
        "Sources said the agency would cut 200 jobs by the end of the year.",
        "Updated figures show unemployment rose to 5 percent in March.",
        "The company said in its weekly newsletter that profits fell.",
        "Research by the university found the opposite.",
        "Reuters reported that the talks would resume on Monday.",
        "Bloomberg News said the deal was worth $2 billion.",
        "Photo agencies have been hit hardest, the union said.",
        "Video games outsold films for the third year.",
        "NATO — the alliance — said it would meet in June.",
        "He said: \"Copyright law must change.\"",
    ),
    gone=(),
)

PAGES = (AP_MISSILE, NYT_SUMMIT, BBC_FLOODS, MAIL_STAR, REUTERS_CHIPS, LOOKALIKES)


def site_pages(count: int = 4) -> dict[str, str]:
    """Articles of one site, each carrying the same two furniture lines and one shared real sentence."""
    pages = {}
    for n in range(count):
        pages[f"site/{n}.txt"] = (
            f"Story number {n} of the day\n\n"
            "More Coverage From Our Correspondents\n\n"
            f"Officials confirmed event {n} took place on Tuesday in the capital.\n\n"
            "The ministry declined to comment on the report.\n\n"
            f"A second paragraph explains what happened in case {n}.\n\n"
            "Most Read Across The Network\n"
        )
    return pages
