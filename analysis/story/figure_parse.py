"""Reading figures out of a sentence: durations, counts, money, percentages, areas, distances, dates, ages.

Each figure comes out with what it means as an interval ("over an hour" is
(60, inf) minutes, "approximately 50 minutes" about 50, "hour-long" 60,
"30-60 day" 30 to 60 days), so two articles' figures can be compared by
meaning rather than by wording, and with the word it measures or counts
where the sentence says ("500 prisoners", "a 75-minute conversation", "an
hour of talks", "the call lasted two hours").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from analysis.text.words import MONTHS, WEEKDAYS

__all__ = ["Figure", "parse_figures", "DURATION", "COUNT", "MONEY", "PERCENT", "AREA", "DISTANCE", "DATE", "AGE",
           "compatible", "interval"]

DURATION, COUNT, MONEY, PERCENT, AREA, DISTANCE, DATE, AGE = (
    "duration", "count", "money", "percent", "area", "distance", "date", "age")
# "about 50 minutes" and "hour-long" are read as this close to the number; a
# plain "75-minute" call is taken as written. Wide enough for rounding
# ("about 50" covers 48 to 52), narrow enough that "about 50 minutes" and
# "an hour" disagree.
APPROXIMATE = 0.05
ROUNDED_UNITS = 0.1  # "an hour-long", "a two-week": round units, read to within 10%

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "thousand": 1000, "a thousand": 1000, "dozen": 12, "a dozen": 12, "half a": 0.5, "half an": 0.5,
}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3,
          "mn": 1e6, "tn": 1e12, "dozen": 12}
_MINUTES = {"second": 1 / 60, "minute": 1.0, "hour": 60.0, "day": 1440.0, "week": 10080.0, "fortnight": 20160.0,
            "month": 43200.0, "year": 525600.0, "decade": 5256000.0}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollar": "USD", "euro": "EUR",
             "pound": "GBP", "yuan": "CNY", "ruble": "RUB", "rouble": "RUB", "yen": "JPY", "rupee": "INR"}
_AREA = {"square kilometre": 1.0, "square kilometer": 1.0, "sq km": 1.0, "km2": 1.0, "km²": 1.0,
         "square mile": 2.58999, "sq mile": 2.58999, "hectare": 0.01, "acre": 0.00404686}
_DISTANCE = {"kilometre": 1.0, "kilometer": 1.0, "km": 1.0, "mile": 1.60934, "metre": 0.001, "meter": 0.001}
_MONTHS = list(MONTHS)
# Abbreviated months count only with their full stop ("Jan. 3"): "Mar" and "Jun" alone are names too.
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                        "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = list(WEEKDAYS)

# Qualifiers: the interval a figure stands for, relative to its number.
_QUALIFIERS = {
    "over": "above", "more than": "above", "upwards of": "above", "in excess of": "above", "just over": "above",
    "at least": "from", "no fewer than": "from", "no less than": "from",
    "under": "below", "less than": "below", "fewer than": "below", "just under": "below",
    "up to": "to", "as many as": "to", "as much as": "to", "no more than": "to", "at most": "to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "nearly": "nearly",
    "almost": "nearly", "some": "about", "an estimated": "about", "estimated": "about", "close to": "nearly",
    "circa": "about", "more or less": "about", "some estimated": "about",
}
_QUAL = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_SCALES = r"(?:\s*(?:thousand|million|billion|trillion|dozen)|(?:bn|mn|tn|m|k)\b)"
_UNITS = r"(?:second|minute|hour|day|week|fortnight|month|year|decade)s?"


def _amount(prefix: str) -> str:
    return (rf"(?:(?P<{prefix}num>{_NUM})|(?P<{prefix}word>{_WORDNUM}))(?P<{prefix}scale>{_SCALES})?"
            rf"(?P<{prefix}half>[\s-]+and[\s-]+a[\s-]+half)?")


# "$1,179 a month", "5% a year": a rate, whose unit is part of what it means.
_PER = (r"(?:\s+(?:a|an|per|each)\s+(?P<{0}>year|month|week|day|hour|share|barrel|gallon|person|head|tonne|ton|"
        r"litre|liter|kilogram|kilo|pound|ounce)\b)?")
_MONTH_NAMES = "|".join(m.capitalize() for m in _MONTHS) + "|" + "|".join(
    rf"{a.capitalize()}\." for a in _MONTH_ABBREVIATIONS)


_FIGURE = re.compile(
    rf"(?<![\w.,$€£¥:/\-])(?:(?P<qual>{_QUAL})\s+)?(?:"
    # 30-60 day, 30 to 60 days
    rf"(?P<range>(?P<lo>{_NUM}|{_WORDNUM})\s*(?:-|–|to)\s*(?P<hi>{_NUM}|{_WORDNUM})[\s-]+(?P<runit>{_UNITS}))"
    # 68-year-old, 66 years old
    rf"|(?P<age>(?P<agenum>{_NUM}|{_WORDNUM})[\s-]+years?[\s-]+old)"
    # hour-long, day-long
    rf"|(?P<long>(?:(?:an?|one|{_WORDNUM}|{_NUM})[\s-]+)?(?P<lunit>second|minute|hour|day|week|month|year)s?-long)"
    # $2 billion, €40m, US$5
    rf"|(?P<money>(?P<cur>US\$|\$|€|£|¥)\s?(?P<mnum>{_NUM})(?P<mscale>{_SCALES})?{_PER.format('mper')})"
    # 75-minute, two hours, an hour
    rf"|(?P<dur>{_amount('')}[\s-]+(?P<unit>{_UNITS})(?!-long))"
    # 28 percent, 5%
    rf"|(?P<pct>(?P<pnum>{_NUM}|{_WORDNUM})\s*(?:%|percent\b|per\s+cent\b|(?P<points>percentage\s+points?\b))"
    rf"{_PER.format('pper')})"
    # 150 square kilometers, 40 sq km
    rf"|(?P<area>(?P<anum>{_NUM})\s*(?P<aunit>square\s+(?:kilometre|kilometer|mile)s?|sq\.?\s*(?:km|miles?)|km2|km²|"
    rf"hectares?|acres?))"
    # 600 kilometers, 370 miles
    rf"|(?P<dist>(?P<dnum>{_NUM})\s*(?P<dunit>kilometres?|kilometers?|km|miles?|metres?|meters?)\b)"
    # 2 billion dollars, 500 euros
    rf"|(?P<money2>(?P<m2num>{_NUM}|{_WORDNUM})(?P<m2scale>{_SCALES})?\s+(?P<m2cur>dollars?|euros?|pounds?|yuan|"
    rf"rubles?|roubles?|yen|rupees?)\b{_PER.format('m2per')})"
    # June 22, June 22, 2025; 22 June 2025
    rf"|(?P<date>(?P<month>{_MONTH_NAMES})\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|,\d{{3}})"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?)"
    rf"|(?P<dmy>(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmonth>{'|'.join(m.capitalize() for m in _MONTHS)})"
    rf"(?:\s+(?P<dyear>(?:19|20)\d\d))?)"
    rf"|(?P<weekday>{'|'.join(w.capitalize() for w in _WEEKDAYS)})"
    # 500 prisoners, 1,000 detainees, three calls; not a time, a score or a date (4:30, 396-9, 9/11)
    rf"|(?P<count>{_amount('c')})(?![-–/:]\d|\s*[ap]\.m\.|\s*[ap]m\b))(?![\w])",
    re.IGNORECASE,
)
# Month and day names must be capitalised: "may", "march" are verbs.
_CASED = {"date": "month", "dmy": "dmonth", "weekday": "weekday"}


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence: where it is, what kind, what it means, and what it measures."""

    start: int  # offsets in the sentence
    end: int
    text: str  # as written, qualifier included ("over an hour")
    kind: str  # DURATION, COUNT, MONEY, PERCENT, AREA, DISTANCE, DATE or AGE
    low: float  # the interval it stands for, in the kind's unit (minutes, km², km, the currency, %)
    high: float
    unit: str  # "minutes", "USD" ("USD/month" a rate), "%", "km²", "km", "years" (ages), "day" / "weekday", ""
    value: str  # the number as a reader would say it: "60 minutes", "$121 billion", "Wednesday"


def _number(text: str) -> float:
    text = " ".join(text.lower().split())
    if text in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text])
    return float(text.replace(",", ""))


def _scaled(number: str, scale: str | None, half: str | None = None) -> float:
    value = _number(number) + (0.5 if half else 0.0)
    if scale:
        value *= _SCALE[scale.strip().lower()]
    return value


def _rate(unit: str, per: str | None) -> str:
    """A rate's unit: "USD" per "month" -> "USD/month"."""
    return f"{unit}/{per.lower()}" if per else unit


def interval(value: float, qualifier: str | None, rounded: bool = False) -> tuple[float, float]:
    """The interval a qualified number stands for: "over 60" -> (60, inf), "about 50" -> 50 +- 5%."""
    how = _QUALIFIERS.get(" ".join((qualifier or "").lower().split()))
    spread = (APPROXIMATE if how in ("about", "nearly") else 0.0) + (ROUNDED_UNITS if rounded else 0.0)
    low, high = value * (1 - spread), value * (1 + spread)
    if how == "above":
        return value, math.inf
    if how == "from":
        return value, math.inf
    if how == "below":
        return 0.0, value
    if how == "to":
        return 0.0, value
    if how == "nearly":
        return value * (1 - 2 * APPROXIMATE - spread), value
    return low, high


def compatible(a: Figure, b: Figure) -> bool:
    """Whether two figures of one kind can both be true: their intervals overlap."""
    if a.kind != b.kind or a.unit != b.unit:
        return a.kind == b.kind and a.kind == DATE and (a.unit == "weekday") != (b.unit == "weekday")
    if a.kind == DATE:
        return a.value == b.value
    return a.low <= b.high and b.low <= a.high


# Every figure holds one of these: a digit or a currency sign, a number word, a unit of time, a
# month or a day. Half the sentences of news hold none, and the figure pattern, tried at every
# word, is the costly part: such sentences are not scanned.
_ANCHOR_WORDS = frozenset(w for w in _WORD_NUMBERS if w not in ("a", "an") and " " not in w) | frozenset(
    """half million billion trillion second seconds minute minutes hour hours day days week weeks fortnight
    fortnights month months year years decade decades percent""".split()) | frozenset(
    [m for m in _MONTHS] + [a.lower() for a in _MONTH_ABBREVIATIONS] + _WEEKDAYS)
_ANCHOR_CHARS = re.compile(r"[\d$€£¥%]")
_LOWER_WORD = re.compile(r"[a-z]+")


def _may_hold_figures(text: str) -> bool:
    return bool(_ANCHOR_CHARS.search(text)) or not _ANCHOR_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


def parse_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order."""
    out = []
    if not _may_hold_figures(text):
        return out
    for m in _FIGURE.finditer(text):
        kind = next((k for k in _GROUPS if m.group(k) is not None), None)
        if kind is None or (kind in _CASED and not m.group(_CASED[kind])[:1].isupper()):
            continue
        figure = _read(kind, m, text)
        if figure is not None and math.isfinite(figure.low):  # a number too big to hold is no figure
            out.append(figure)
    return out


_GROUPS = ("range", "age", "long", "money", "dur", "pct", "area", "dist", "money2", "date", "dmy", "weekday",
           "count")
# After a duration, words that make it a point in time ("two years ago") or an offset, not a length.
_TIME_POINT = re.compile(r"\s+(?:ago|later|earlier)\b", re.IGNORECASE)
# After a count, words that make it a fraction ("two-thirds", "three fifths of").
_FRACTION = re.compile(r"[\s-]+(?:halves|half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b", re.IGNORECASE)
# Before a bare number, words that make it a label: "No. 2", "Article 1", "Flight 17", "Jan 3".
_LABEL = re.compile(r"(?:\b(?:No|Nos|no|nos)\.|#|(?<![.!?]\s)(?<!^)\b[A-Z][a-z]*\.?)\s*$")


def _qualified(value: str, qualifier: str | None) -> str:
    """"1 hour" with its qualifier as a reader says it: "over 1 hour", "about 50 minutes"."""
    how = _QUALIFIERS.get(" ".join((qualifier or "").lower().split()))
    word = {"above": "over", "from": "at least", "below": "under", "to": "up to", "about": "about",
            "nearly": "nearly"}.get(how or "", "")
    return f"{word} {value}".strip()


def _read(kind: str, m: re.Match[str], text: str) -> Figure | None:
    if kind in ("range", "long", "dur") and _TIME_POINT.match(text, m.end()):
        return None
    figure = _read_plain(kind, m, text)
    if figure is None or kind in ("range", "date", "dmy", "weekday", "age"):
        return figure
    return replace(figure, value=_qualified(figure.value, m.group("qual")))


def _read_plain(kind: str, m: re.Match[str], text: str) -> Figure | None:
    qualifier = m.group("qual")
    start, end = m.start(), m.end()
    written = text[start:end]
    if kind == "range":
        unit_word = m.group("runit").lower().rstrip("s")
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        low, high = lo * _MINUTES[unit_word], hi * _MINUTES[unit_word]
        return Figure(start, end, written, DURATION, low, high, "minutes", f"{lo:g}-{hi:g} {unit_word}s")
    if kind == "age":
        years = _number(m.group("agenum"))
        return Figure(start, end, written, AGE, years, years, "years", f"{years:g} years old")
    if kind == "long":
        piece = m.group("long").lower()
        amount = re.match(rf"({_NUM}|{_WORDNUM})[\s-]", piece)
        count = _number(amount.group(1)) if amount else 1.0
        value = count * _MINUTES[m.group("lunit").lower()]
        low, high = interval(value, qualifier, rounded=True)
        return Figure(start, end, written, DURATION, low, high, "minutes", _in_units(count, m.group("lunit")))
    if kind == "dur":
        unit_word = m.group("unit").lower().rstrip("s")
        if m.group("word") and m.group("word").lower() in ("a", "an") and m.group("scale"):
            return None
        amount = _scaled(m.group("num") or m.group("word"), m.group("scale"), m.group("half"))
        # "a second dialogue" is an ordinal; only "30 seconds" or "two seconds" is a duration.
        if unit_word == "second" and not m.group("unit").lower().endswith("s"):
            return None
        value = amount * _MINUTES[unit_word]
        rounded = bool(m.group("word")) and m.group("word").lower() in ("a", "an", "half a", "half an")
        low, high = interval(value, qualifier, rounded=rounded)
        return Figure(start, end, written, DURATION, low, high, "minutes", _in_units(amount, unit_word))
    if kind in ("money", "money2"):
        if kind == "money":
            currency = _CURRENCY[m.group("cur").lower()]
            value = _scaled(m.group("mnum"), m.group("mscale"))
            per = m.group("mper")
        else:
            currency = _CURRENCY[m.group("m2cur").lower().rstrip("s")]
            value = _scaled(m.group("m2num"), m.group("m2scale"))
            per = m.group("m2per")
        low, high = interval(value, qualifier)
        unit = _rate(currency, per)
        return Figure(start, end, written, MONEY, low, high, unit, f"{currency} {_short(value)}" + (
            f" a {per.lower()}" if per else ""))
    if kind == "pct":
        if m.group("pnum").lower() in ("a", "an"):
            return None
        value = _number(m.group("pnum"))
        low, high = interval(value, qualifier)
        unit = _rate("percentage points" if m.group("points") else "%", m.group("pper"))
        shown = f"{_short(value)} points" if m.group("points") else f"{_short(value)}%"
        return Figure(start, end, written, PERCENT, low, high, unit, shown + (
            f" a {m.group('pper').lower()}" if m.group("pper") else ""))
    if kind == "area":
        unit = re.sub(r"\s+", " ", m.group("aunit").lower().replace(".", "")).rstrip("s")
        unit = {"sq km": "sq km", "sq mile": "sq mile"}.get(unit, unit)
        value = _number(m.group("anum")) * _AREA.get(unit, _AREA.get(unit.replace("sq ", "square "), 1.0))
        low, high = interval(value, qualifier)
        return Figure(start, end, written, AREA, low, high, "km²", f"{_short(value)} km²")
    if kind == "dist":
        unit = m.group("dunit").lower().rstrip("s")
        value = _number(m.group("dnum")) * _DISTANCE[unit]
        low, high = interval(value, qualifier)
        return Figure(start, end, written, DISTANCE, low, high, "km", f"{_short(round(value, 1))} km")
    if kind in ("date", "dmy"):
        written_month = (m.group("month") or m.group("dmonth")).lower().rstrip(".")
        number = _MONTH_ABBREVIATIONS.get(written_month) or _MONTHS.index(written_month) + 1
        month = _MONTHS[number - 1]
        day = int(m.group("mday") or m.group("dday"))
        if not 1 <= day <= 31:
            return None
        year = m.group("year") or m.group("dyear") or ""
        value = f"{month.capitalize()} {day}" + (f", {year}" if year else "")
        ordinal = (number - 1) * 31 + day
        return Figure(start, end, written, DATE, ordinal, ordinal, "day", value)
    if kind == "weekday":
        name = m.group("weekday").capitalize()
        day = _WEEKDAYS.index(name.lower())
        return Figure(m.start("weekday"), m.end("weekday"), name, DATE, day, day, "weekday", name)
    return _count(m, start, end, written, qualifier, text)


def _count(m: re.Match[str], start: int, end: int, written: str, qualifier: str | None,
           text: str) -> Figure | None:
    word = (m.group("cword") or "").lower()
    if word in ("a", "an", "half a", "half an", "one") or (word and not qualifier and _WORD_NUMBERS[word] < 2):
        return None  # "a", "one" and the like are articles and pronouns far more often than counts
    if _FRACTION.match(text, end):
        return None
    if word in ("hundred", "thousand", "dozen") and text[end:end + 3].lower() == " of":
        return None  # "hundred of thousands": a manner of speaking
    label = _LABEL.search(text, 0, start)
    if label and not qualifier and label.group().strip(" .").lower() not in _MONTHS:
        return None
    number = m.group("cnum")
    if number and not m.group("cscale") and re.fullmatch(r"(?:19|20)\d\d", number) and not qualifier:
        return None  # a year, not a count
    value = _scaled(number or word, m.group("cscale"), m.group("chalf"))
    low, high = interval(value, qualifier)
    return Figure(start, end, written, COUNT, low, high, "", _short(value))


def _short(value: float) -> str:
    """1200000.0 -> "1.2 million", 500.0 -> "500"."""
    for size, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {name}"
    return f"{value:,.10g}"


def _in_units(amount: float, unit: str) -> str:
    """A duration in the unit it was written in: "75 minutes", "1 hour", "24 hours"."""
    unit = unit.lower().rstrip("s")
    return f"{_short(amount)} {unit}" + ("" if amount == 1 else "s")
