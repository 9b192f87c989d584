"""When a saved page says its article was published: the stated instant, htmldate's day, the printed date.

Three witnesses, read before trafilatura prunes the tree: the instant the
markup states (JSON-LD ``datePublished``, ``article:published_time`` and
kin), htmldate's original day (which weighs every date on the page), and the
date printed in the article's header, under its headline, where editors set
the byline and the day ("Von Jane Doe 29.04.2020, 12:01 Uhr", "By Jane Doe |
April 29, 2020"). pages.py puts them together (:func:`published`).
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, timedelta
from itertools import takewhile

from analysis.corpus.dates import normalise_published, published_clock, published_day
from analysis.corpus.page_clock import on_day_somewhere, on_printed_clock, same_clock
from analysis.corpus.page_markup import is_article, links_home

__all__ = ["declared_published", "local_midnight", "printed_date_line", "printed_day", "published"]

# Where pages state when they were first published, most explicit first. A
# time found here is kept (the article's instant); otherwise htmldate, asked
# for the original date, reads the page's day.
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "pubdate", "publishdate",
)
# How much of the page's text after its headline is read for its header (kicker, standfirst, byline,
# date): the byline comes within this many characters on news pages (bench/pages_bench.py, tune half).
HEADER_CHARS = 800
# A header's lines are short ("Von Jane Doe 29.04.2020, 12:01 Uhr"); a date in a longer one is in a
# sentence or a caption.
HEADER_LINE_CHARS = 80
# A line this long is prose; the header is over when more than PROSE_LINES of them (a standfirst) have passed.
PROSE_CHARS = 150
PROSE_LINES = 1
# So is a sentence, however short (news sites set one or two to a paragraph): this many words or more, a full
# stop at the end, and SENTENCE_LOWER words in small letters of three letters or more, not months ("The
# inquiry will report on 4 June 2024."), where a header's line has names, numbers and abbreviations ("By Jane
# Doe, Political Correspondent, 4 March 2024.", "Published 4 March 2024, 12:01 p.m.").
SENTENCE_WORDS = 6
SENTENCE_LOWER = 3
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_LETTERS = re.compile(r"[^\W\d_]+")
# A date line above the headline is within this many characters of it (links included).
ABOVE_CHARS = 100
# At most this many text nodes are looked at (a header is a few lines; whitespace between tags counts).
HEADER_TEXTS = 200
# A whole date as printed: 29.04.2020, 2020-04-29, 29. April 2020, 29 avril 2020, 29 de abril de 2020,
# April 29, 2020, 29/04/2020 (04/29/2020: with slashes, the number over 12 is the day; 3/5/2022 reads
# both ways and is no day).
_PRINTED_DATE = re.compile(
    r"(?<!\d)(?P<d1>[0-3]?\d)\.\s?(?P<m1>[01]?\d)\.\s?(?P<y1>(?:19|20)\d\d)(?!\d)"
    r"|(?<!\d)(?P<y2>(?:19|20)\d\d)-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)(?!\d)"
    r"|(?<![\w.])(?P<d3>[0-3]?\d)(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?(?P<w3>[^\W\d_]{3,})\.?,?\s+(?:de\s+)?"
    r"(?P<y3>(?:19|20)\d\d)(?!\d)"
    r"|(?<![\w])(?P<w4>[^\W\d_]{3,})\.?\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y4>(?:19|20)\d\d)(?!\d)"
    r"|(?<![\d/])(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>(?:19|20)\d\d)(?!\d)")
# Month names, January first: English, German, French, Spanish, Italian, Portuguese, Dutch; an abbreviation
# is any beginning of one of them that only one month's names share ("Sept", "déc", "Mär").
_MONTHS = tuple(tuple(n.split()) for n in (
    "january januar jänner janvier enero gennaio janeiro januari", "february februar février febrero febbraio "
    "fevereiro februari", "march märz mars marzo março maart", "april avril abril aprile",
    "may mai mayo maggio maio mei", "june juni juin junio giugno junho", "july juli juillet julio luglio julho",
    "august août aout agosto augustus", "september septembre septiembre setiembre settembre setembro",
    "october oktober octobre octubre ottobre outubro", "november novembre noviembre novembro",
    "december dezember décembre diciembre dicembre dezembro"))
# A date alone in a link ("Published <a>May 2, 2020</a>", the day's archive or the permalink) is the
# article's; a link with more words than this besides the date is a teaser for another article.
LINKED_DATE_WORDS = 2
# The time zones newsrooms publish in, hours off UTC (Hawaii to Sydney's summer): htmldate's day, next to the UTC
# day of a stated instant, is the local day only if one of them puts the instant on it (bench/pages_bench.py,
# tune half: where none does, htmldate had taken the day the page was updated, or a teaser's).
NEWSROOM_ZONES = (-10, 11)
# A link opening with a byline word is the byline ("von jdoe am 20.09.2020" linking the author's profile).
_BYLINE_OPENING = re.compile(r"(?:by|von|par|por)\s", re.IGNORECASE)
# A label that makes the date after it the day of a change, not of publication.
_UPDATE_LABEL = re.compile(r"(?:updated|update|aktualisiert|geändert|änderung|modified|mis à jour|"
                           r"actualizado|actualización|aggiornato|bijgewerkt|stand)\W*$", re.IGNORECASE)
# A label that makes the date after it the end of something: of a video's or an offer's availability
# ("Verfügbar bis 06.05.2024", "Available until May 6, 2024"), of a period.
_UNTIL_LABEL = re.compile(r"\b(?:bis|until|till|through|jusqu'(?:au|à)|hasta|fino al|tot)\W*$", re.IGNORECASE)
# A date labelled as the publication's ("PUBLISHED: January 16, 2023") is the day, whatever date the header
# printed before it (a subheading's "Letters to the Editor for Jan. 17, 2022", a typo's year).
_PUBLISHED_LABEL = re.compile(r"(?:published|posted|publié|publicado|pubblicato|veröffentlicht|erschienen|"
                              r"gepubliceerd)(?: on| am| le| el| il| op)?\W*$", re.IGNORECASE)


def _month(word: str) -> int:
    """The month a name or its abbreviation of three letters or more gives ("März", "Sept.", "déc"), else 0."""
    word = word.rstrip(".").casefold()
    if len(word) < 3:
        return 0
    found = {number for number, names in enumerate(_MONTHS, 1) for name in names if name.startswith(word)}
    return found.pop() if len(found) == 1 else 0


def declared_published(tree, linked_data: list[dict]) -> str:
    """The publication instant a page states in JSON-LD or meta tags, normalised; "" when none."""
    for item in linked_data:
        if is_article(item):
            value = normalise_published(str(item.get("datePublished") or ""))
            if value:
                return value
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META:
            value = normalise_published(meta.get("content", ""))
            if value:
                return value
    for node in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]'):
        value = normalise_published(node.get("datetime") or node.get("content") or "")
        if value:
            return value
    return ""


def printed_day(tree) -> str:
    """The first whole date printed after the page's headline, within its header; "" when none
    (:func:`printed_date_line`)."""
    return printed_date_line(tree)[0]


def printed_date_line(tree) -> tuple[str, str]:
    """The first whole date printed after the page's headline, within its header, and the line it is
    printed in ("04.02.2022 | 13:10 Uhr | Jane Doe"); ("", "") when none.

    The headline is the page's one <h1> (a logo linking home left out), or
    the one inside its <article>. A date labelled as an update ("Updated
    May 2, 2020") is passed over: the day sought is the first publication's.
    With none after the headline, a date line right above it is the day.
    """
    headline = _headline(tree)
    if headline is None:
        return "", ""
    captions = _image_texts(tree)
    before, seen, prose, paragraph, first = "", 0, 0, None, None
    for text, link, line in _texts_after(headline):
        if line is not paragraph:  # a paragraph's text nodes (split by its links and emphasis) count once
            prose += len(line) >= PROSE_CHARS or _is_sentence(line)
            paragraph = line
        if prose > PROSE_LINES:
            break
        found = None if line in captions else _date_in(text, link, before, line)
        if found is not None:
            day, labelled = found
            if labelled:
                return day, line
            first = first or (day, line)  # the header may go on to label another date as the publication's
        seen += 0 if link else len(text)
        before = text[-40:]
        if seen >= HEADER_CHARS:
            break
    if first:
        return first
    seen = 0
    for text, link, line in _texts_before(headline):
        found = _date_in(text, link, "", line)
        if found is not None:
            return found[0], line
        seen += len(text)  # links too: above a menu of links is the masthead, and its date is today's
        if seen >= ABOVE_CHARS:
            break
    return "", ""


def _image_texts(tree) -> set[str]:
    """The alt texts and titles of the page's images, spaces made single: a line that repeats one is the photo's
    caption ("Fighting near the front, 24 April 2023"), and its date the photo's, not the article's."""
    return {" ".join(text.split()) for text in tree.xpath("//img/@alt | //img/@title") if text.strip()}


def _date_in(text: str, link: str, before: str, line: str) -> tuple[str, bool] | None:
    """The day of the first publication date in a header line ("" for one that cannot be read), and whether it
    is labelled as the publication's ("PUBLISHED: January 16, 2023"); None for none.

    ``line`` is the whole line ``text`` is part of: a date set in bold or linked inside a sentence of
    prose is a text of its own, but its line is the sentence's paragraph.
    """
    for match in _PRINTED_DATE.finditer(text if len(line) <= HEADER_LINE_CHARS and not _is_sentence(line) else ""):
        label = before + text[:match.start()]
        if _UPDATE_LABEL.search(label) or _UNTIL_LABEL.search(label):
            continue
        if len(link.replace(match[0], " ").split()) > LINKED_DATE_WORDS and not _BYLINE_OPENING.match(link):
            continue  # a teaser: another article's headline and day, linked (a byline linking its author's page is none)
        day = _day_of(match)
        if day is not None:
            return day, bool(_PUBLISHED_LABEL.search(label))
    return None


def _is_sentence(line: str) -> bool:
    """The line is a sentence of the article's prose (:data:`SENTENCE_WORDS`), not a line of its header."""
    if len(line.split()) < SENTENCE_WORDS or not _SENTENCE_END.search(line):
        return False
    return sum(w[0].islower() and len(w) >= 3 and not _month(w) for w in _LETTERS.findall(line)) >= SENTENCE_LOWER


def _day_of(match) -> str | None:
    """The day a :data:`_PRINTED_DATE` match gives, "" when its day and month could be swapped, None when it is none."""
    if match["a5"]:
        first, second = int(match["a5"]), int(match["b5"])
        if first != second and max(first, second) <= 12:
            return ""  # a date, but no telling its day from its month
        day, month = (first, second) if first > 12 else (second, first) if second > 12 else (first, first)
    else:
        word = match["w3"] or match["w4"]
        month = _month(word) if word else int(match["m1"] or match["m2"])
        day = int(match["d1"] or match["d2"] or match["d3"] or match["d4"])
    try:
        return date(int(match["y1"] or match["y2"] or match["y3"] or match["y4"] or match["y5"]), month or 0,
                    day).isoformat()
    except ValueError:
        return None


def local_midnight(tree, declared: str) -> str:
    """The day a stated instant on the hour stands for when it is that day's midnight east of its offset; else "".

    A day picked in a calendar is stored as its local midnight, which a site
    writing UTC writes as the evening before ("2021-11-04T23:00Z" for the 5th
    in Berlin). It is taken so when the page prints the next day and not the
    instant's own day. (Written with Berlin's offset, "2021-11-05T00:00+01:00",
    the instant is on the 5th already.)
    """
    moment = published_clock(declared) if "T" in declared else None
    if moment is None or (moment.minute, moment.second, moment.microsecond) != (0, 0, 0) or moment.hour < 12:
        return ""
    days = {_day_of(m) for text, _, _ in _texts(tree.xpath("//body//text()")) for m in _PRINTED_DATE.finditer(text)}
    own, next_day = moment.date().isoformat(), (moment.date() + timedelta(days=1)).isoformat()
    return next_day if next_day in days and own not in days else ""


def _headline(tree):
    """The <h1> that heads the article: the page's only one, else the only one in an <article>, else the
    only one of three words or more that the page's title repeats (beside a logo); None."""
    h1s = [h for h in tree.iter("h1") if not links_home(h) and h.text_content().strip()]
    if len(h1s) == 1:
        return h1s[0]
    in_article = [h for h in h1s if h.get("itemprop") == "headline" or h.xpath("ancestor::article")]
    if len(in_article) == 1:
        return in_article[0]
    titles = [" ".join(t.split()).casefold() for t in tree.xpath('//meta[@property="og:title"]/@content | //title/text()')]
    repeated = []
    for heading in h1s:
        text = " ".join(heading.text_content().split()).casefold()
        if len(text.split()) >= 3 and any(text in t for t in titles):
            repeated.append(heading)
    return repeated[0] if len(repeated) == 1 else None


def _texts_after(element):
    """(text, the text of the link it is in, its line) for the page's texts after ``element`` in reading order."""
    return _texts(element.xpath(f"following::text()[position() <= {HEADER_TEXTS}]"))


def _texts_before(element):
    """The same for the texts before ``element``, nearest first, up to the site's menu (<nav>): what is above
    it is the masthead ("Saturday, 30 March 2024", the day the page was read), not the article's."""
    texts = reversed(element.xpath(f"preceding::text()[position() <= {HEADER_TEXTS}]"))
    return _texts(takewhile(lambda text: not _in_menu(text), texts))


def _in_menu(text) -> bool:
    holder = _holder(text)
    return holder is not None and bool(holder.xpath("ancestor-or-self::nav"))


def _holder(text):
    """The element a text of the tree is printed in (a tail's is its element's parent)."""
    return text.getparent().getparent() if text.is_tail else text.getparent()


# What is set beside the article's header, neither its date nor its prose: an <aside> ("read also"), a photo and
# its caption (<figure>, a "caption" class; dated as the photo), a dialog or a modal ("Allow notifications?",
# a consent banner) that pages place in their source after the headline.
_BESIDE_THE_HEADER = ("ancestor-or-self::*[self::aside or self::figure or @role='dialog' or contains(@class, 'caption')"
                      " or contains(@class, 'modal') or contains(@class, 'popup') or contains(@class, 'consent')]")


def _texts(texts):
    """(text, the text of the link it is in, else "", its line) for each visible text, spaces made single.

    The line is the text of the paragraph (<p>) it is in, else the text itself;
    one paragraph's texts share one line (the same object).
    Scripts and styles are left out, and so is what is set beside the header (:data:`_BESIDE_THE_HEADER`).
    """
    lines: dict = {}
    for text in texts:
        parent = _holder(text)
        if parent is None or parent.tag in ("script", "style", "noscript", "title") or not text.strip():
            continue
        if parent.xpath(_BESIDE_THE_HEADER):
            yield "", "", ""
            continue
        links = parent.xpath("ancestor-or-self::a")
        text = " ".join(text.split())
        paragraphs = parent.xpath("ancestor-or-self::p")
        if paragraphs and paragraphs[-1] not in lines:
            lines[paragraphs[-1]] = " ".join(paragraphs[-1].text_content().split())
        yield text, " ".join(links[-1].text_content().split()) if links else "", \
            lines[paragraphs[-1]] if paragraphs else text


def published(declared: str, found_day: str, printed: str = "", line: str = "") -> str:
    """The article's publication: the date its header prints, else htmldate's day, with the stated instant.

    A stated datePublished keeps the time; but templates also stamp it on
    pages it does not describe, and htmldate, weighing every date on the page,
    is right more often about the day (bench/pages_bench.py, tune half),
    unless its day is next to the instant's and no newsroom's clock
    (:data:`NEWSROOM_ZONES`) puts the instant on it. An instant whose own
    day is not the page's day (written in UTC: "04:30Z" for 23:30 in New York)
    keeps the day the page gives, as the instant would move the article to the
    next day; written with its offset ("23:30-05:00"), it is on the page's day.
    htmldate also takes a comment's, a teaser's or the masthead's "today" for
    the article's day: the day printed under the headline, where the byline
    is, wins over it, unless what was found is an instant on that day in the
    page's own time zone (printed "Nov 8, 11:15 PM" is 04:15 UTC the 9th) and,
    where the printed ``line`` gives the time, at that time (:func:`same_clock`):
    the instant is then written on the clock the page prints, on its day
    (:func:`on_printed_clock`: "2020-11-08T23:15:00-05:00"). A printed date
    whose day and month could be swapped ("3/5/2022 22:41") is read so, the one
    way its printed time is the instant's (:func:`_swapped_on_printed_clock`).
    htmldate's 1 January with nothing stated or printed is a year alone (bench/pages_bench.py, tune half:
    a copyright's year on each such page), and no day.
    """
    if found_day[4:10] == "-01-01" and not declared and not published_day(printed):
        found_day = ""  # htmldate's answer when all it found was a year (a copyright's "© 2004"): no day
    first, second = published_day(declared), published_day(found_day)
    if first is None:
        declared = ""  # no day in it: nothing stated
    found = declared or found_day if first is None or second is None else declared if first == second else found_day
    if first is not None and second is not None and abs((first - second).days) == 1 and "T" in declared \
            and not on_day_somewhere(declared, second, NEWSROOM_ZONES):
        found = declared  # no newsroom's clock puts the instant on htmldate's day: it took another date
    day = published_day(printed)
    if day is None:
        return _swapped_on_printed_clock(found, line) or found
    if published_day(found) == day:
        return found
    if "T" in found and on_day_somewhere(found, day) and same_clock(found, line):
        return on_printed_clock(found, day, line) or found
    return declared if first == day else printed


def _swapped_on_printed_clock(instant: str, line: str) -> str:
    """The instant on the clock the ``line`` prints, where the line's date could have its day and month swapped
    ("3/5/2022 22:41") and only one of the two readings shows the instant at that time; else ""."""
    match = next((m for m in _PRINTED_DATE.finditer(line) if m["a5"]), None) if "T" in instant else None
    if match is None:
        return ""
    first, second, year = int(match["a5"]), int(match["b5"]), int(match["y5"])
    written = set()
    for day, month in ((first, second), (second, first)):
        with suppress(ValueError):
            written.add(on_printed_clock(instant, date(year, month, day), line))
    written.discard("")
    return written.pop() if len(written) == 1 else ""
