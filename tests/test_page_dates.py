"""When a saved page's article was published, rule by rule (see test_page_meta.py for the printed day)."""

from __future__ import annotations

import pytest

from analysis.corpus.page_dates import published


@pytest.mark.parametrize("declared, found, expected", [
    # htmldate's day after a stated instant at 17:37 UTC: no newsroom's clock is past midnight then
    ("2020-02-19T17:37:32Z", "2020-02-18", "2020-02-19T17:37:32Z"),
    ("2020-01-19T12:25:36Z", "2020-01-20", "2020-01-19T12:25:36Z"),  # 23:25 in Sydney's summer, still the 19th
    # an instant late in the UTC evening is the next day east of it, early in the morning the day before
    # west of it: htmldate's local day stands
    ("2020-11-26T16:00:00Z", "2020-11-27", "2020-11-27"),
    ("2020-04-25T07:25:06Z", "2020-04-24", "2020-04-24"),
    # more than a day apart, htmldate's day (the template stamped the page's instant), and a stated day
    # without a time, as before
    ("2021-12-14T14:41:07Z", "2022-02-04", "2022-02-04"),
    ("2020-02-19", "2020-02-18", "2020-02-18"),
])
def test_htmldates_day_next_to_the_stated_instant_stands_only_where_a_newsroom_is_on_it(declared, found, expected):
    assert published(declared, found) == expected


def test_a_date_labelled_as_the_publications_wins_over_one_printed_before_it():
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    header = ("<h2>Letters to the Editor for Jan. 17, 2022</h2><div class='byline'><span>By</span> <a>Jane Doe</a> "
              "<span>| PUBLISHED:</span> <time>January 16, 2023 at 4:30 p.m.</time> <span>| UPDATED:</span> "
              "<time>January 17, 2023 at 3:58 a.m.</time></div>")
    html = page().replace("</h1>", f"</h1>{header}", 1)
    assert read_page(html.encode()).published[:10] == "2023-01-16"
    # without the label the first date printed under the headline is the day, as before
    plain = page().replace("</h1>", "</h1><p>March 3, 2021</p><p>Jane Doe | March 4, 2021</p>", 1)
    assert read_page(plain.encode()).published[:10] == "2021-03-03"


@pytest.mark.parametrize("line", ["02:57 Min. Verfügbar bis 06.05.2024.", "Watch the video: available until May 6, 2024"])
def test_a_date_a_video_or_an_offer_is_available_until_is_no_publication_day(line):
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    head = '<meta property="article:published_time" content="2024-04-22T11:19:00Z">'
    html = page(head=head).replace("</h1>", f"</h1><p>{line}</p>", 1)
    assert read_page(html.encode()).published == "2024-04-22T11:19:00Z"


@pytest.mark.parametrize("declared, printed, line, expected", [
    # the header prints 12:25 on the 19th; the instant, 09:49 UTC the 20th, is another moment (an update's)
    ("2020-01-20T09:49:32Z", "2020-01-19", "January 19, 2020 / 12:25 PM / Updated 8 hours ago", "2020-01-19"),
    # 11:37 pm on the 3rd is 03:37 UTC the 4th four hours west of UTC, 00:30 on the 4th is 19:00 UTC in India:
    # the instant, written on the clock the page prints, on the day it prints
    ("2022-05-04T03:37:37Z", "2022-05-03", "3 May, 2022, 11:37 pm", "2022-05-03T23:37:37-04:00"),
    ("2022-05-03T19:00:00Z", "2022-05-04", "4 May 2022, 00:30 IST", "2022-05-04T00:30:00+05:30"),
    ("2020-11-09T04:15:00Z", "2020-11-08", "Nov. 8, 2020 at 11:15 p.m. ET", "2020-11-08T23:15:00-05:00"),
    ("2022-05-04T03:37:37Z", "2022-05-03", "3 May 2022", "2022-05-04T03:37:37Z"),  # no time printed: as stated
    # 12:37 am on the 3rd is 27 hours before the instant, on no zone's clock; 7:25 on the 12th is 23:55 UTC on
    # the 11th only at UTC+07:30, an offset no clock keeps (an update's time): the instant as stated
    ("2022-05-04T03:37:37Z", "2022-05-03", "3 May 2022, 12:37 am", "2022-05-04T03:37:37Z"),
    ("2025-02-11T23:55:00Z", "2025-02-12", "12.2.2025 7:25", "2025-02-11T23:55:00Z"),
])
def test_a_stated_instant_is_the_printed_day_only_at_the_printed_time(declared, printed, line, expected):
    assert published(declared, declared[:10], printed, line) == expected


@pytest.mark.parametrize("line, expected", [
    # 22:41 on 3 May is the instant four hours west of UTC; on 5 March no clock shows it: 3 May, on that clock
    ("3/5/2022 22:41", "2022-05-03T22:41:00-04:00"),
    ("5/3/2022 22:41", "2022-05-03T22:41:00-04:00"),
    # no time printed, or one no clock shows on either reading: the instant as stated
    ("3/5/2022", "2022-05-04T02:41:00Z"),
    ("3/5/2022 09:41", "2022-05-04T02:41:00Z"),
])
def test_a_date_whose_day_and_month_could_swap_is_read_the_way_its_printed_time_is_the_instants(line, expected):
    assert published("2022-05-04T02:41:00Z", "2022-05-04", "", line) == expected


@pytest.mark.parametrize("photo", [
    '<figure><img src="a.jpg" alt="Storm"><figcaption>Waves at the breakwater, 24 April 2023</figcaption></figure>',
    '<div class="pic"><img src="a.jpg" title="Waves at the breakwater, 24 April 2023">'
    '<p>Waves at the breakwater, 24 April 2023</p></div>',
])
def test_a_photos_caption_under_the_headline_dates_the_photo_not_the_article(photo):
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    html = page().replace("</h1>", f"</h1>{photo}<p>Jane Doe | 28 April 2023</p>", 1)
    assert read_page(html.encode()).published[:10] == "2023-04-28"


def test_htmldates_first_of_january_alone_is_a_year_not_a_day():
    """htmldate answers a year it found alone (a copyright's "© 2004") with its 1 January: no day, where the page
    states and prints none; beside a stated instant or a printed day it is a day like any other."""
    assert published("", "2004-01-01") == ""
    assert published("", "2004-01-01", "2004-01-01") == "2004-01-01"
    assert published("2018-12-31T23:11:59Z", "2019-01-01") == "2019-01-01"
    assert published("", "2004-01-02") == "2004-01-02"


def test_a_linked_byline_is_no_teaser_and_dates_the_article():
    """A date in a link with more words is another article's teaser, unless the link is the byline itself
    (the author's profile: "von jdoe am 20.09.2020")."""
    from analysis.corpus.pages import read_page
    from tests.test_saved_pages import page

    byline = '<div><a href="/user/jdoe">von <span>jdoe</span> <br>am 20.09.2020</a></div>'
    assert read_page(page().replace("</h1>", f"</h1>{byline}", 1).encode()).published == "2020-09-20"
    from trafilatura import load_html

    from analysis.corpus.page_dates import printed_day

    teaser = '<div><a href="/other">Storm season opens early 20.09.2020</a></div>'
    assert printed_day(load_html(page().replace("</h1>", f"</h1>{teaser}", 1))) == ""
    assert printed_day(load_html(page().replace("</h1>", f"</h1>{byline}", 1))) == "2020-09-20"


@pytest.mark.parametrize("between", [
    '<div class="c-headermodal"><p>Allow avonherald.example to send you notifications? We will tell you about the '
    'most important news of the day as soon as it happens.</p><p>You can turn them off again at any time in the '
    'settings of your browser, whenever you like.</p></div>',
    '<div class="article-caption"><p>Engineers inspect the harbour wall at Port Avon, where the storm broke through '
    'overnight and flooded the docks and the café beside them.</p></div>'
    '<p>The harbour wall gave way after years of warnings, and the council now faces the bill for a new one, '
    'officials said on Monday afternoon.</p>',
])
def test_a_modal_or_a_caption_after_the_headline_is_not_the_headers_prose(between):
    """The header ends after a line of prose (the standfirst); a notification prompt or a photo caption placed
    after the headline is no part of it, and the byline's day after them is the article's."""
    from trafilatura import load_html

    from analysis.corpus.page_dates import printed_day
    from tests.test_saved_pages import page

    html = page().replace("</h1>", f"</h1>{between}<p>Jane Doe</p><p>27.04.2020 - 18:50 Uhr</p>", 1)
    assert printed_day(load_html(html)) == "2020-04-27"
